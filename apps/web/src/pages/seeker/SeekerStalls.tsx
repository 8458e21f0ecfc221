import { App, Button, Form, Input, Modal, Popconfirm, Select, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { ApiError, errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateText } from '../../ui/format';
import { QueryState } from '../../ui/states';

type Zone = components['schemas']['StallZoneView'];
type ApplyBody = components['schemas']['StallApplyDto'];

/** The stall rules' answers in plain words (the shared table has no stall codes). */
const STALL_CODE_TEXT: Record<string, string> = {
  'application-open': '您在这个摊区已有等待分配的申请',
  'stall-held': '您在这个摊区已经有摊位了',
  'zone-inactive': '这个摊区暂停受理申请',
  'holding-ended': '这个摊位已经退掉或被收回',
  'application-decided': '这份申请已经处理，不能撤回',
};
const stallError = (err: unknown): string =>
  (err instanceof ApiError && STALL_CODE_TEXT[err.code]) || errorText(err);

/**
 * 我的摊位 (地摊经济): my stall with its hours and place, my applications, and the zones with free
 * stalls to apply for. 就业困难人员 are served first when staff allocate.
 */
export default function SeekerStalls() {
  const mine = useQuery({
    queryKey: ['stalls', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/stalls/mine')),
  });
  const zones = useQuery({
    queryKey: ['stalls', 'zones'],
    queryFn: () => ok(api.GET('/api/v1/stalls/zones')),
  });
  const [applying, setApplying] = useState<Zone | null>(null);
  return (
    <>
      <h2 className="section-title">我的摊位</h2>
      <QueryState
        query={mine}
        isEmpty={(d) => !d.holdings.some((h) => h.status === 'active')}
        empty="还没有摊位。在下面选一个摊区申请，工作人员分配后会通知您。"
      >
        {(d) => (
          <ul className="gig-list" aria-label="我的摊位">
            {d.holdings
              .filter((h) => h.status === 'active')
              .map((h) => (
                <HoldingCard key={h.id} h={h} />
              ))}
          </ul>
        )}
      </QueryState>

      <h2 className="section-title">我的申请</h2>
      <QueryState
        query={mine}
        isEmpty={(d) => d.applications.length === 0 && !d.holdings.some((h) => h.status !== 'active')}
        empty="还没有申请过摊位"
      >
        {(d) => (
          <ul className="gig-list" aria-label="我的摊位申请">
            {d.applications.map((a) => (
              <ApplicationCard key={a.id} a={a} />
            ))}
            {d.holdings
              .filter((h) => h.status !== 'active')
              .map((h) => (
                <li key={h.id} className="gig-card">
                  <h3>
                    {h.zoneName} · {h.stallCode} 号摊位
                  </h3>
                  <div className="job-meta">
                    <Tag>{h.statusName}</Tag>
                    <span>{dateText(h.endedAt)}</span>
                  </div>
                  {h.endReason && <p className="muted">原因：{h.endReason}</p>}
                </li>
              ))}
          </ul>
        )}
      </QueryState>

      <h2 className="section-title">可以申请的摊区</h2>
      <QueryState query={zones} isEmpty={(d) => d.items.length === 0} empty="暂时没有开放的摊区">
        {(d) => (
          <ul className="gig-list" aria-label="摊区">
            {d.items.map((z) => (
              <li key={z.id} className="gig-card">
                <h3>{z.name}</h3>
                <div className="job-meta">
                  <Tag color="blue">{z.kindName}</Tag>
                  <span>
                    {z.township} · {z.address}
                  </span>
                  <span>经营时间 {z.openingHours}</span>
                </div>
                <p style={{ margin: '4px 0' }}>
                  空闲摊位 <strong>{z.occupancy.free}</strong> 个（共 {z.occupancy.stalls} 个），排队{' '}
                  {z.occupancy.waiting} 人
                </p>
                <Button type="primary" aria-label={`申请摊位：${z.name}`} onClick={() => setApplying(z)}>
                  申请摊位
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <p className="muted">
        分配时就业困难人员、零就业家庭、低保家庭和残疾人优先，其余按申请先后。每人在一个摊区只能有一个摊位。
      </p>
      {applying && <ApplyModal zone={applying} onClose={() => setApplying(null)} />}
    </>
  );
}

function HoldingCard({ h }: { h: components['schemas']['MyStallHoldingView'] }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const giveUp = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/stalls/holdings/{id}/give-up', { params: { path: { id: h.id } }, body: {} })),
    onSuccess: () => {
      void message.success('已退摊，摊位留给下一位');
      void client.invalidateQueries({ queryKey: ['stalls'] });
    },
    onError: (err) => void message.error(stallError(err)),
  });
  return (
    <li className="gig-card">
      <h3>
        {h.zone.name} · <strong>{h.stallCode}</strong> 号摊位
      </h3>
      <div className="job-meta">
        <Tag color="green">{h.statusName}</Tag>
        <span>{h.zone.kindName}</span>
        <span>
          {h.zone.township} · {h.zone.address}
        </span>
        <span>经营时间 {h.zone.openingHours}</span>
      </div>
      <p className="muted" style={{ margin: '4px 0' }}>
        经营：{h.goods} · {dateText(h.startedAt)} 分配
      </p>
      <Popconfirm
        title="确定退摊吗？"
        description="退摊后摊位会分给排队的人。"
        okText="确定退摊"
        cancelText="再想想"
        onConfirm={() => giveUp.mutate()}
      >
        <Button danger loading={giveUp.isPending}>
          退摊
        </Button>
      </Popconfirm>
    </li>
  );
}

function ApplicationCard({ a }: { a: components['schemas']['StallApplicationView'] }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/stalls/applications/{id}/withdraw', { params: { path: { id: a.id } } })),
    onSuccess: () => {
      void message.success('已撤回申请');
      void client.invalidateQueries({ queryKey: ['stalls'] });
    },
    onError: (err) => void message.error(stallError(err)),
  });
  return (
    <li className="gig-card">
      <h3>{a.zoneName}</h3>
      <div className="job-meta">
        <Tag color={a.status === 'waiting' ? 'gold' : a.status === 'allocated' ? 'green' : 'default'}>
          {a.statusName}
        </Tag>
        <span>经营：{a.goods}</span>
        {a.preferredStallCode && <span>想要 {a.preferredStallCode} 号</span>}
        <span>{dateText(a.appliedAt)} 申请</span>
      </div>
      {a.status === 'waiting' && (
        <Button loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
          撤回申请
        </Button>
      )}
    </li>
  );
}

function ApplyModal({ zone, onClose }: { zone: Zone; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ApplyBody>();
  const detail = useQuery({
    queryKey: ['stalls', 'zone', zone.id],
    queryFn: () => ok(api.GET('/api/v1/stalls/zones/{id}', { params: { path: { id: zone.id } } })),
  });
  const apply = useMutation({
    mutationFn: (b: ApplyBody) =>
      ok(
        api.POST('/api/v1/stalls/zones/{id}/applications', {
          params: { path: { id: zone.id } },
          body: {
            goods: b.goods.trim(),
            // The select holds stall numbers (what people read); the API takes the stall's id.
            preferredStallId: detail.data?.stalls.find((s) => s.code === b.preferredStallId)?.id,
          },
        }),
      ),
    onSuccess: () => {
      void message.success('申请已提交，分配后会通知您');
      void client.invalidateQueries({ queryKey: ['stalls'] });
      onClose();
    },
    onError: (err) =>
      err instanceof ApiError && STALL_CODE_TEXT[err.code]
        ? void message.error(STALL_CODE_TEXT[err.code])
        : showApiError(err, form),
  });
  const free = (detail.data?.stalls ?? []).filter((s) => s.free);
  return (
    <Modal
      open
      title={`申请摊位：${zone.name}`}
      okText="提交申请"
      cancelText="取消"
      okButtonProps={{ loading: apply.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <p>
        {zone.address} · 经营时间 {zone.openingHours}
      </p>
      <Form<ApplyBody> form={form} layout="vertical" onFinish={(v) => apply.mutate(v)}>
        <Form.Item
          name="goods"
          label="打算卖什么"
          rules={[{ required: true, whitespace: true, message: '请填写经营的东西' }]}
        >
          <Input maxLength={200} placeholder="例如：烤红薯、手工面食" />
        </Form.Item>
        <Form.Item
          name="preferredStallId"
          label={free.length ? '想要的摊位（可不选，不选由工作人员分配）' : '暂无空闲摊位，可先排队等待'}
        >
          <Select
            allowClear
            aria-label="想要的摊位"
            loading={detail.isPending}
            options={free.map((s) => ({ value: s.code, label: s.note ? `${s.code}（${s.note}）` : s.code }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
