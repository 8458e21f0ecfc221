import { App, Button, Checkbox, DatePicker, Input, InputNumber, List, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { fairWhen } from './fair-format';

type Fair = components['schemas']['FairView'];
type Slot = components['schemas']['InterviewSlotView'];

const withOffset = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm:00')}+08:00`;

function useSlots(fairId: string) {
  return useQuery({
    queryKey: ['fair', fairId, 'slots'],
    queryFn: () => ok(api.GET('/api/v1/fairs/{id}/interview-slots', { params: { path: { id: fairId } } })),
  });
}

/** A confirmed seeker books an interview slot at a booth (one at a time per time of day). */
export function SeekerInterviews({ fair }: { fair: Fair }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const slots = useSlots(fair.id);
  const act = useMutation({
    mutationFn: ({ slot, book }: { slot: Slot; book: boolean }) =>
      book
        ? ok(api.POST('/api/v1/fair-interview-slots/{id}/booking', { params: { path: { id: slot.id } } }))
        : ok(api.DELETE('/api/v1/fair-interview-slots/{id}/booking', { params: { path: { id: slot.id } } })),
    onSuccess: (s) => {
      void message.success(s.mine ? `已预约 ${s.employerName} 的面试` : '已取消预约');
      void client.invalidateQueries({ queryKey: ['fair', fair.id, 'slots'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const list = (slots.data ?? []).filter((s) => !s.booked || s.mine);
  if (!list.length) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <h3 className="section-title">预约面试</h3>
      <List
        dataSource={list}
        renderItem={(s) => (
          <List.Item
            key={s.id}
            actions={[
              s.mine ? (
                <Button key="x" onClick={() => act.mutate({ slot: s, book: false })}>
                  取消预约
                </Button>
              ) : (
                <Button key="b" type="primary" onClick={() => act.mutate({ slot: s, book: true })}>
                  预约
                </Button>
              ),
            ]}
          >
            <span>
              {s.mine && <Tag color="green">已预约</Tag>}
              {s.employerName}
              {s.boothNo ? `（${s.boothNo} 号展位）` : ''} · {fairWhen(s.startsAt, s.endsAt)}
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}

/** An approved enterprise at its booth: scan visitors' tickets (résumé received or not), offer interview slots. */
export function EmployerBooth({ fair, registrationId }: { fair: Fair; registrationId: string }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [resume, setResume] = useState(true);
  const [visits, setVisits] = useState<string[]>([]);
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [count, setCount] = useState(6);
  const [minutes, setMinutes] = useState(15);
  const slots = useSlots(fair.id);
  const visit = useMutation({
    mutationFn: (ticketCode: string) =>
      ok(
        api.POST('/api/v1/fairs/{id}/booth-visits', {
          params: { path: { id: fair.id } },
          body: { ticketCode, resumeReceived: resume },
        }),
      ),
    onSuccess: (v) => {
      setVisits((list) =>
        [`${v.seekerDisplayName}${v.resumeReceived ? '（已收简历）' : ''}`, ...list].slice(0, 20),
      );
      void message.success(`已登记到访：${v.seekerDisplayName}`);
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const offer = useMutation({
    mutationFn: () => {
      const start = from!;
      return ok(
        api.POST('/api/v1/fair-employer-registrations/{id}/interview-slots', {
          params: { path: { id: registrationId } },
          body: {
            slots: Array.from({ length: count }, (_, i) => ({
              startsAt: withOffset(start.add(i * minutes, 'minute')),
              endsAt: withOffset(start.add((i + 1) * minutes, 'minute')),
            })),
          },
        }),
      );
    },
    onSuccess: (s) => {
      void message.success(`已开放 ${s.length} 个面试时段`);
      void client.invalidateQueries({ queryKey: ['fair', fair.id, 'slots'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const mine = (slots.data ?? []).filter((s) => s.employerRegistrationId === registrationId);
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <div>
        <h3 className="section-title">展位扫码</h3>
        <Space wrap>
          <Input.Search
            aria-label="求职者票码"
            placeholder="扫描求职者的入场二维码"
            enterButton="登记到访"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onSearch={(v) => {
              if (v.trim()) visit.mutate(v.trim());
              setCode('');
            }}
            style={{ maxWidth: 420 }}
          />
          <Checkbox checked={resume} onChange={(e) => setResume(e.target.checked)}>
            收到简历
          </Checkbox>
        </Space>
        {visits.length > 0 && <p className="muted">本次登记：{visits.join('、')}</p>}
      </div>
      <div>
        <h3 className="section-title">面试时段</h3>
        <Space wrap>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={from}
            onChange={setFrom}
            placeholder="第一个时段开始"
            aria-label="第一个时段开始"
          />
          <InputNumber
            min={1}
            max={100}
            value={count}
            onChange={(v) => setCount(v ?? 1)}
            addonAfter="个"
            aria-label="时段个数"
          />
          <InputNumber
            min={5}
            max={120}
            step={5}
            value={minutes}
            onChange={(v) => setMinutes(v ?? 15)}
            addonAfter="分钟"
            aria-label="每个时段分钟"
          />
          <Button disabled={!from} loading={offer.isPending} onClick={() => offer.mutate()}>
            开放时段
          </Button>
        </Space>
        {mine.length > 0 && (
          <p className="muted">
            已开放 {mine.length} 个，已预约 {mine.filter((s) => s.booked).length} 个
          </p>
        )}
      </div>
    </div>
  );
}
