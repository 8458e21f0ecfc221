import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, download, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { fairWhen } from '../public/fair-format';
import { FairDoor } from './FairDoor';
import { FairFunnel } from './FairFunnel';
import { TownshipSelect, useIdempotencyKey, useReader, useTerm, useTermSelect } from './parts';

type Fair = components['schemas']['FairView'];
type Body = components['schemas']['CreateFairDto'];

const YEAR = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

/** 招聘会: the year's plan against its targets, the fairs, and for each its enterprises, door and report. */
export default function FairsTab() {
  const term = useTerm();
  const { isStaff } = useReader();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [year, setYear] = useState(YEAR);
  const [planning, setPlanning] = useState(false);
  const [current, setCurrent] = useState<Fair | null>(null);
  const summary = useQuery({
    queryKey: ['staff', 'fairs', year],
    queryFn: () => ok(api.GET('/api/v1/fairs/years/{year}', { params: { path: { year: String(year) } } })),
  });
  const move = useMutation({
    mutationFn: ({ id, to }: { id: string; to: 'open' | 'close' | 'held' | 'reported' | 'cancel' }) =>
      ok(api.POST(`/api/v1/fairs/{id}/${to}`, { params: { path: { id } } })),
    onSuccess: (f) => {
      void message.success(`「${f.title}」：${term('fairStatuses', f.status)}`);
      void client.invalidateQueries({ queryKey: ['staff', 'fairs'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const s = summary.data;
  return (
    <>
      <div className="row-actions" style={{ marginBottom: 12, alignItems: 'center' }}>
        <Select
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={[YEAR - 1, YEAR, YEAR + 1].map((y) => ({ value: y, label: `${y} 年` }))}
          style={{ width: 120 }}
        />
        {isStaff && (
          <Button type="primary" onClick={() => setPlanning(true)}>
            新建招聘会
          </Button>
        )}
      </div>
      {s && (
        <Space size="large" wrap style={{ marginBottom: 16 }}>
          <Statistic title="已举办 / 计划场次" value={s.fairsHeld} suffix={`/ ${s.fairsTarget}`} />
          <Statistic title="已安排场次" value={s.fairsPlanned} />
          <Statistic title="招聘会录用 / 目标" value={s.hires} suffix={`/ ${s.hiresTarget}`} />
        </Space>
      )}
      <Table<Fair>
        rowKey="id"
        loading={summary.isPending}
        dataSource={s?.fairs ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本年度还没有安排招聘会' }}
        columns={[
          { title: '招聘会', dataIndex: 'title' },
          { title: '时间', key: 'when', render: (_, f) => fairWhen(f.startsAt, f.endsAt) },
          { title: '形式', key: 'mode', render: (_, f) => term('fairModes', f.mode) },
          {
            title: '报名 / 名额',
            key: 'seats',
            render: (_, f) => `${f.seekersConfirmed} / ${f.seekerCapacity}`,
          },
          { title: '状态', key: 'status', render: (_, f) => <Tag>{term('fairStatuses', f.status)}</Tag> },
          {
            title: '操作',
            key: 'actions',
            render: (_, f) => (
              <div className="row-actions">
                <Button onClick={() => setCurrent(f)} aria-label={`管理${f.title}`}>
                  管理
                </Button>
                {isStaff && f.status === 'draft' && (
                  <Button type="primary" onClick={() => move.mutate({ id: f.id, to: 'open' })}>
                    开放报名
                  </Button>
                )}
                {isStaff && f.status === 'open' && (
                  <Button onClick={() => move.mutate({ id: f.id, to: 'close' })}>截止报名</Button>
                )}
                {isStaff && (f.status === 'open' || f.status === 'closed') && (
                  <Button onClick={() => move.mutate({ id: f.id, to: 'held' })}>标记已举办</Button>
                )}
                {isStaff && f.status === 'held' && (
                  <Button onClick={() => move.mutate({ id: f.id, to: 'reported' })}>完成总结</Button>
                )}
              </div>
            ),
          },
        ]}
      />
      <PlanFair open={planning} onClose={() => setPlanning(false)} />
      <FairDrawer fair={current} onClose={() => setCurrent(null)} />
    </>
  );
}

type Values = Omit<
  Body,
  | 'startsAt'
  | 'endsAt'
  | 'seekerRegistrationOpensAt'
  | 'seekerRegistrationClosesAt'
  | 'employerRegistrationOpensAt'
  | 'employerRegistrationClosesAt'
> & {
  time: [Dayjs, Dayjs];
  seekerWindow: [Dayjs, Dayjs];
  employerWindow: [Dayjs, Dayjs];
};

/** Times as the contract wants them: ISO with the China offset. */
const withOffset = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm:00')}+08:00`;

function PlanFair({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const themes = useTermSelect<Body['theme']>('fairThemes');
  const modes = useTermSelect<Body['mode']>('fairModes');
  const idem = useIdempotencyKey();
  const plan = useMutation({
    mutationFn: (v: Values) =>
      ok(
        api.POST('/api/v1/fairs', {
          body: {
            title: v.title.trim(),
            theme: v.theme,
            mode: v.mode,
            startsAt: withOffset(v.time[0]),
            endsAt: withOffset(v.time[1]),
            seekerCapacity: v.seekerCapacity,
            boothCount: v.boothCount,
            seekerRegistrationOpensAt: withOffset(v.seekerWindow[0]),
            seekerRegistrationClosesAt: withOffset(v.seekerWindow[1]),
            employerRegistrationOpensAt: withOffset(v.employerWindow[0]),
            employerRegistrationClosesAt: withOffset(v.employerWindow[1]),
            townshipCode: v.townshipCode || undefined,
            industry: v.industry?.trim() || undefined,
            description: v.description?.trim() || undefined,
          },
          headers: idem.headers,
        }),
      ),
    onSuccess: (f) => {
      idem.renew();
      void message.success(`已新建「${f.title}」（筹备中），确认后点“开放报名”`);
      void client.invalidateQueries({ queryKey: ['staff', 'fairs'] });
      onClose();
    },
    onError: (err) => {
      idem.afterError(err);
      const e = err as { fields?: { field: string; message: string }[] };
      const map: Record<string, keyof Values> = {
        startsAt: 'time',
        endsAt: 'time',
        seekerRegistrationOpensAt: 'seekerWindow',
        seekerRegistrationClosesAt: 'seekerWindow',
        employerRegistrationOpensAt: 'employerWindow',
        employerRegistrationClosesAt: 'employerWindow',
      };
      const moved = (e.fields ?? []).filter((f) => map[f.field]);
      if (moved.length) form.setFields(moved.map((f) => ({ name: map[f.field], errors: [f.message] })));
      showApiError(err, form);
    },
  });
  return (
    <Drawer
      open={open}
      title="新建招聘会"
      onClose={onClose}
      destroyOnHidden
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      extra={
        <Button type="primary" loading={plan.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => plan.mutate(v)}
        initialValues={{ theme: 'industry', mode: 'onsite', seekerCapacity: 300, boothCount: 40 }}
      >
        <Form.Item
          name="title"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 200 }]}
        >
          <Input placeholder="例如：春风行动·装备制造业专场招聘会" />
        </Form.Item>
        <Form.Item name="theme" label="类型" rules={[{ required: true }]}>
          <Select options={themes} />
        </Form.Item>
        <Form.Item name="mode" label="形式" rules={[{ required: true }]}>
          <Select options={modes} />
        </Form.Item>
        <Form.Item name="time" label="举办时间" rules={[{ required: true, message: '请选择举办时间' }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="townshipCode" label="举办地乡镇">
          <TownshipSelect />
        </Form.Item>
        <Form.Item name="seekerCapacity" label="求职者名额" rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="boothCount" label="企业展位数" rules={[{ required: true }]}>
          <InputNumber min={0} max={2000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="seekerWindow"
          label="求职者报名时间"
          rules={[{ required: true, message: '请选择报名时间' }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="employerWindow"
          label="企业报名时间"
          rules={[{ required: true, message: '请选择报名时间' }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="industry" label="行业（行业专场）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** One fair: its enterprises (approve with a booth, reject, who came), the door, the report. */
function FairDrawer({ fair, onClose }: { fair: Fair | null; onClose: () => void }) {
  return (
    <Drawer
      open={!!fair}
      title={fair?.title}
      onClose={onClose}
      destroyOnHidden
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
    >
      {fair && (
        <Tabs
          items={[
            { key: 'door', label: '入场核验', children: <FairDoor fair={fair} /> },
            { key: 'employers', label: '参会企业', children: <Employers fair={fair} /> },
            { key: 'report', label: '统计', children: <Report fair={fair} /> },
          ]}
        />
      )}
    </Drawer>
  );
}

function Employers({ fair }: { fair: Fair }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const term = useTerm();
  const { isStaff } = useReader();
  const regs = useQuery({
    queryKey: ['staff', 'fair', fair.id, 'employers'],
    queryFn: () =>
      ok(api.GET('/api/v1/fairs/{id}/employer-registrations', { params: { path: { id: fair.id } } })),
  });
  const done = () => void client.invalidateQueries({ queryKey: ['staff', 'fair', fair.id] });
  const decide = useMutation({
    mutationFn: ({ id, approve, reason }: { id: string; approve: boolean; reason?: string }) =>
      ok(
        api.POST('/api/v1/fair-employer-registrations/{id}/decision', {
          params: { path: { id } },
          body: { approve, reason },
        }),
      ),
    onSuccess: (r) => {
      void message.success(r.status === 'approved' ? `已通过，展位 ${r.boothNo}` : '已拒绝');
      done();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const attend = useMutation({
    mutationFn: ({ id, present }: { id: string; present: boolean }) =>
      ok(
        api.POST('/api/v1/fair-employer-registrations/{id}/attendance', {
          params: { path: { id } },
          body: { present },
        }),
      ),
    onSuccess: done,
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <Table
      rowKey="id"
      loading={regs.isPending}
      dataSource={regs.data ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '还没有企业报名' }}
      columns={[
        { title: '展位', key: 'booth', render: (_, r) => r.boothNo ?? '—' },
        { title: '企业', dataIndex: 'employerName' },
        { title: '岗位 / 人数', key: 'posts', render: (_, r) => `${r.jobPostIds.length} / ${r.places}` },
        {
          title: '状态',
          key: 'status',
          render: (_, r) => <Tag>{term('fairEmployerRegistrationStatuses', r.status)}</Tag>,
        },
        {
          title: '到场',
          key: 'attendance',
          render: (_, r) =>
            r.attendance === 'present' ? '已到场' : r.attendance === 'no-show' ? '未到场' : '—',
        },
        {
          title: '操作',
          key: 'actions',
          render: (_, r) =>
            !isStaff ? null : r.status === 'pending' ? (
              <div className="row-actions">
                <Button type="primary" onClick={() => decide.mutate({ id: r.id, approve: true })}>
                  通过并分配展位
                </Button>
                <Button
                  danger
                  onClick={() => {
                    const reason = window.prompt('拒绝原因');
                    if (reason?.trim()) decide.mutate({ id: r.id, approve: false, reason: reason.trim() });
                  }}
                >
                  拒绝
                </Button>
              </div>
            ) : r.status === 'approved' ? (
              <div className="row-actions">
                <Button onClick={() => attend.mutate({ id: r.id, present: true })}>到场</Button>
                <Button onClick={() => attend.mutate({ id: r.id, present: false })}>未到场</Button>
              </div>
            ) : null,
        },
      ]}
    />
  );
}

function Report({ fair }: { fair: Fair }) {
  const { message } = App.useApp();
  const report = useQuery({
    queryKey: ['staff', 'fair', fair.id, 'report'],
    queryFn: () => ok(api.GET('/api/v1/fairs/{id}/report', { params: { path: { id: fair.id } } })),
    refetchInterval: 10_000,
  });
  const r = report.data;
  if (report.isError) return <Alert type="error" title={errorText(report.error)} />;
  if (!r) return null;
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${(v / 100).toFixed(1)}%`;
  return (
    <div>
      <Space size="large" wrap>
        <Statistic
          title="参会企业（通过）"
          value={r.employers.approved}
          suffix={`/ 报名 ${r.employers.registered}`}
        />
        <Statistic title="到场企业" value={r.employers.present} />
        <Statistic title="提供岗位 / 人数" value={r.posts} suffix={`/ ${r.places}`} />
        <Statistic
          title="求职者（确认）"
          value={r.seekers.confirmed}
          suffix={`候补 ${r.seekers.waitlisted}`}
        />
        <Statistic title="入场人数" value={r.seekers.present} suffix={`现场登记 ${r.seekers.walkIns}`} />
        <Statistic title="线上展位访问" value={r.online.visits} suffix={`投递 ${r.online.applications}`} />
        <Statistic title="录用" value={r.hires} />
        <Statistic title="入场率" value={pct(r.conversion.presentOfConfirmed)} />
      </Space>
      <FairFunnel
        steps={[
          { name: '确认报名', value: r.seekers.confirmed },
          { name: '入场', value: r.seekers.present },
          { name: '展位到访', value: r.booth.visits },
          { name: '达成意向', value: r.outcomes.intention },
          { name: '录用通知', value: r.outcomes.offer },
          { name: '录用', value: r.hires },
        ]}
      />
      <p className="muted">
        重点群体入场：高校毕业生 {r.seekers.keyGroups.graduate ?? 0}，农村劳动者{' '}
        {r.seekers.keyGroups['rural-labourer'] ?? 0}，就业困难人员 {r.seekers.keyGroups.difficult ?? 0}
        ，脱贫人口 {r.seekers.keyGroups['poverty-alleviated'] ?? 0}
      </p>
      <Button
        onClick={() =>
          download(`/api/v1/fairs/${fair.id}/report.xlsx`, `${fair.title}-统计.xlsx`).catch(
            (err: unknown) => void message.error(errorText(err)),
          )
        }
      >
        下载统计表（.xlsx）
      </Button>
    </div>
  );
}
