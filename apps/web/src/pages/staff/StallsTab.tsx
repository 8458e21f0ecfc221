import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { ApiError, errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateTimeText } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { useVocabularies } from '../../ui/vocab';

type Zone = components['schemas']['StallZoneView'];
type ZoneBody = components['schemas']['CreateStallZoneDto'];
type Holding = components['schemas']['StaffStallHoldingView'];
type Application = components['schemas']['StaffStallApplicationView'];

const STALL_CODE_TEXT: Record<string, string> = {
  'zone-name-taken': '这个乡镇已有同名摊区',
  'stall-code-taken': '有摊位编号已经存在，本次没有添加',
  'zone-inactive': '摊区已停用，不能分配',
  'holding-ended': '这个摊位已经退掉或被收回',
};
const stallError = (err: unknown): string =>
  (err instanceof ApiError && STALL_CODE_TEXT[err.code]) || errorText(err);

/** 摊区管理 (地摊经济): zones with occupancy, new zones and stalls, the queue, rounds, revocations. */
export default function StallsTab() {
  const zones = useQuery({
    queryKey: ['stalls', 'staff', 'occupancy'],
    queryFn: () => ok(api.GET('/api/v1/stalls/occupancy')),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const zone = zones.data?.items.find((z) => z.id === selected) ?? null;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <h3 className="section-title" style={{ margin: 0 }}>
          摊区与占用
        </h3>
        <Button type="primary" onClick={() => setCreating(true)}>
          新建摊区
        </Button>
      </div>
      <QueryState query={zones} isEmpty={(d) => d.items.length === 0} empty="还没有摊区，先新建一个">
        {(d) => (
          <Table<Zone>
            rowKey="id"
            size="middle"
            pagination={false}
            scroll={{ x: 760 }}
            dataSource={d.items}
            rowClassName={(z) => (z.id === selected ? 'ant-table-row-selected' : '')}
            onRow={(z) => ({ onClick: () => setSelected(z.id) })}
            columns={[
              {
                title: '摊区',
                dataIndex: 'name',
                render: (_: string, z) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => setSelected(z.id)}>
                    {z.name}
                  </Button>
                ),
              },
              { title: '乡镇', dataIndex: 'township' },
              { title: '类型', dataIndex: 'kindName' },
              { title: '经营时间', dataIndex: 'openingHours' },
              { title: '摊位', render: (_: unknown, z) => z.occupancy.stalls },
              { title: '已分配', render: (_: unknown, z) => z.occupancy.held },
              { title: '空闲', render: (_: unknown, z) => z.occupancy.free },
              { title: '排队', render: (_: unknown, z) => z.occupancy.waiting },
              {
                title: '状态',
                render: (_: unknown, z) => (z.active ? <Tag color="green">开放</Tag> : <Tag>已停用</Tag>),
              },
            ]}
          />
        )}
      </QueryState>
      {zone ? (
        <ZonePanel key={zone.id} zone={zone} />
      ) : (
        <p className="muted">点击一个摊区，查看申请、摊位和分配。</p>
      )}
      {creating && <CreateZone onClose={() => setCreating(false)} onCreated={setSelected} />}
    </>
  );
}

function CreateZone({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ZoneBody>();
  const { data: vocab } = useVocabularies();
  const kinds = useQuery({
    queryKey: ['stalls', 'vocabulary'],
    queryFn: () => ok(api.GET('/api/v1/stalls/vocabulary')),
  });
  const create = useMutation({
    mutationFn: (b: ZoneBody) => ok(api.POST('/api/v1/stalls/zones', { body: b })),
    onSuccess: (z) => {
      void message.success('摊区已建好，请添加摊位');
      void client.invalidateQueries({ queryKey: ['stalls'] });
      onCreated(z.id);
      onClose();
    },
    onError: (err) =>
      err instanceof ApiError && STALL_CODE_TEXT[err.code]
        ? void message.error(STALL_CODE_TEXT[err.code])
        : showApiError(err, form),
  });
  return (
    <Modal
      open
      title="新建摊区"
      okText="建立"
      cancelText="取消"
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<ZoneBody>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'night', openingHours: '18:00–22:30' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input maxLength={100} placeholder="例如：后稷广场夜市" />
        </Form.Item>
        <Form.Item name="townshipCode" label="乡镇" rules={[{ required: true, message: '请选择乡镇' }]}>
          <Select
            aria-label="乡镇"
            options={(vocab?.townships ?? []).map((t) => ({ value: t.code, label: t.name }))}
          />
        </Form.Item>
        <Form.Item
          name="address"
          label="地址"
          rules={[{ required: true, whitespace: true, message: '请填写地址' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select
            aria-label="类型"
            options={(kinds.data?.kinds ?? []).map((k) => ({ value: k.value, label: k.name }))}
          />
        </Form.Item>
        <Form.Item
          name="openingHours"
          label="经营时间"
          rules={[{ required: true, whitespace: true, message: '请填写经营时间' }]}
        >
          <Input maxLength={100} placeholder="例如：18:00–22:30" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ZonePanel({ zone }: { zone: Zone }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [tab, setTab] = useState('applications');
  const round = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/stalls/zones/{id}/rounds', { params: { path: { id: zone.id } } })),
    onSuccess: (r) => {
      void message.success(
        r.round.allocated
          ? `本轮分配 ${r.round.allocated} 个摊位，还有 ${r.round.waitingLeft} 人排队`
          : r.round.waitingLeft
            ? '没有空闲摊位，排队的人继续等待'
            : '没有排队的申请',
      );
      void client.invalidateQueries({ queryKey: ['stalls'] });
      setTab('holdings');
    },
    onError: (err) => void message.error(stallError(err)),
  });
  const toggle = useMutation({
    mutationFn: (active: boolean) =>
      ok(api.PATCH('/api/v1/stalls/zones/{id}', { params: { path: { id: zone.id } }, body: { active } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['stalls'] }),
    onError: (err) => void message.error(stallError(err)),
  });
  return (
    <section aria-label={`摊区：${zone.name}`} style={{ marginTop: 16 }}>
      <h3 className="section-title">{zone.name}</h3>
      <p className="muted" style={{ margin: '4px 0' }}>
        {zone.township} · {zone.address} · {zone.kindName} · 经营时间 {zone.openingHours}
      </p>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center', margin: '8px 0' }}>
        <Popconfirm
          title="开始一轮分配？"
          description="就业困难人员等优先群体先分，其余按申请先后；每人一个空闲摊位。"
          okText="开始分配"
          cancelText="取消"
          onConfirm={() => round.mutate()}
        >
          <Button type="primary" loading={round.isPending} disabled={!zone.active}>
            开始分配
          </Button>
        </Popconfirm>
        <span>
          开放受理{' '}
          <Switch
            aria-label="开放受理"
            checked={zone.active}
            loading={toggle.isPending}
            onChange={(v) => toggle.mutate(v)}
          />
        </span>
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'applications',
            label: `申请（排队 ${zone.occupancy.waiting}）`,
            children: <Applications zone={zone} />,
          },
          {
            key: 'holdings',
            label: `摊位（已分配 ${zone.occupancy.held}）`,
            children: <Stalls zone={zone} />,
          },
          {
            key: 'add',
            label: '添加摊位',
            children: <AddStalls zone={zone} onDone={() => setTab('holdings')} />,
          },
          { key: 'rounds', label: '分配记录', children: <Rounds zone={zone} /> },
        ]}
      />
    </section>
  );
}

function Applications({ zone }: { zone: Zone }) {
  const [status, setStatus] = useState<Application['status'] | undefined>('waiting');
  const list = useQuery({
    queryKey: ['stalls', 'staff', 'applications', zone.id, status],
    queryFn: () =>
      ok(
        api.GET('/api/v1/stalls/zones/{id}/applications', {
          params: { path: { id: zone.id }, query: { status, limit: 100 } },
        }),
      ),
  });
  return (
    <>
      <Select
        aria-label="申请状态"
        style={{ minWidth: 160, marginBottom: 8 }}
        value={status ?? 'all'}
        onChange={(v) => setStatus(v === 'all' ? undefined : (v as Application['status']))}
        options={[
          { value: 'waiting', label: '等待分配' },
          { value: 'allocated', label: '已分到摊位' },
          { value: 'withdrawn', label: '已撤回' },
          { value: 'all', label: '全部' },
        ]}
      />
      <QueryState query={list}>
        {(d) => (
          <Table<Application>
            rowKey="id"
            size="middle"
            pagination={false}
            scroll={{ x: 700 }}
            dataSource={d.items}
            locale={{ emptyText: '没有申请' }}
            columns={[
              { title: '顺序', dataIndex: 'queuePosition', render: (n: number | null) => n ?? '—' },
              { title: '申请人', dataIndex: 'seekerName' },
              {
                title: '优先',
                dataIndex: 'priority',
                render: (p: boolean) => (p ? <Tag color="orange">困难人员优先</Tag> : '—'),
              },
              { title: '经营', dataIndex: 'goods' },
              { title: '想要摊位', dataIndex: 'preferredStallCode', render: (c: string | null) => c ?? '—' },
              { title: '申请时间', dataIndex: 'appliedAt', render: (t: string) => dateTimeText(t) },
              { title: '状态', dataIndex: 'statusName' },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

function Stalls({ zone }: { zone: Zone }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['stalls', 'zone', zone.id],
    queryFn: () => ok(api.GET('/api/v1/stalls/zones/{id}', { params: { path: { id: zone.id } } })),
  });
  const holdings = useQuery({
    queryKey: ['stalls', 'staff', 'holdings', zone.id],
    queryFn: () => ok(api.GET('/api/v1/stalls/zones/{id}/holdings', { params: { path: { id: zone.id } } })),
  });
  const [revoking, setRevoking] = useState<Holding | null>(null);
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: (h: Holding) =>
      ok(
        api.POST('/api/v1/stalls/holdings/{id}/revoke', {
          params: { path: { id: h.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      void message.success('已收回，摊位下一轮可再分配');
      setRevoking(null);
      setReason('');
      void client.invalidateQueries({ queryKey: ['stalls'] });
    },
    onError: (err) => void message.error(stallError(err)),
  });
  const byStall = new Map((holdings.data?.items ?? []).map((h) => [h.stallId, h]));
  return (
    <>
      <QueryState
        query={detail}
        isEmpty={(d) => d.stalls.length === 0}
        empty="还没有摊位，请在“添加摊位”里添加"
      >
        {(d) => (
          <Table
            rowKey="id"
            size="middle"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={d.stalls}
            columns={[
              { title: '编号', dataIndex: 'code' },
              { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              {
                title: '使用人',
                render: (_: unknown, s) => {
                  const h = byStall.get(s.id);
                  return h ? `${h.seekerName}（${h.goods}）` : <Tag color="green">空闲</Tag>;
                },
              },
              {
                title: '操作',
                render: (_: unknown, s) => {
                  const h = byStall.get(s.id);
                  return h ? (
                    <Button
                      size="small"
                      danger
                      aria-label={`收回摊位 ${s.code}`}
                      onClick={() => setRevoking(h)}
                    >
                      收回
                    </Button>
                  ) : null;
                },
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={!!revoking}
        title={`收回摊位 ${revoking?.stallCode ?? ''}`}
        okText="确认收回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: revoke.isPending }}
        onCancel={() => setRevoking(null)}
        onOk={() => revoking && revoke.mutate(revoking)}
      >
        <p>{revoking?.seekerName} 会收到通知，原因会记入审计日志。</p>
        <Input.TextArea
          aria-label="收回的原因"
          rows={3}
          maxLength={500}
          placeholder="例如：连续一个月未出摊"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

/** One line per stall: its number, then optionally a note after a space (A-01 2米×2米，有电源). */
function parseStalls(text: string): { code: string; note?: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code, ...rest] = l.split(/\s+/);
      const note = rest.join(' ').trim();
      return note ? { code: code!, note } : { code: code! };
    });
}

function AddStalls({ zone, onDone }: { zone: Zone; onDone: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [prefix, setPrefix] = useState('A');
  const [count, setCount] = useState('12');
  const add = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/stalls/zones/{id}/stalls', {
          params: { path: { id: zone.id } },
          body: { stalls: parseStalls(text) },
        }),
      ),
    onSuccess: (r) => {
      void message.success(`已添加，摊区共有 ${r.items.length} 个摊位`);
      setText('');
      void client.invalidateQueries({ queryKey: ['stalls'] });
      onDone();
    },
    onError: (err) => {
      const f = err instanceof ApiError ? err.fields[0] : undefined;
      void message.error(
        f && !STALL_CODE_TEXT[(err as ApiError).code] ? `编号不正确：${f.message}` : stallError(err),
      );
    },
  });
  const generate = () => {
    const n = Math.min(200, Math.max(1, Number.parseInt(count, 10) || 0));
    const p = prefix.trim().replace(/[^A-Za-z0-9]/g, '') || 'A';
    setText(Array.from({ length: n }, (_, i) => `${p}-${String(i + 1).padStart(2, '0')}`).join('\n'));
  };
  return (
    <div style={{ maxWidth: 560 }}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 8 }}>
        <Input
          aria-label="编号前缀"
          style={{ width: 100 }}
          value={prefix}
          onChange={(e) => setPrefix(e.target.value)}
        />
        <Input
          aria-label="摊位个数"
          style={{ width: 100 }}
          inputMode="numeric"
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
        <Button onClick={generate}>生成编号</Button>
      </div>
      <Input.TextArea
        aria-label="摊位编号"
        rows={8}
        placeholder={'每行一个摊位，编号后可空格写说明，例如：\nA-01 2米×2米，有电源\nA-02'}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        disabled={!parseStalls(text).length}
        loading={add.isPending}
        onClick={() => add.mutate()}
      >
        添加摊位
      </Button>
    </div>
  );
}

function Rounds({ zone }: { zone: Zone }) {
  const list = useQuery({
    queryKey: ['stalls', 'staff', 'rounds', zone.id],
    queryFn: () => ok(api.GET('/api/v1/stalls/zones/{id}/rounds', { params: { path: { id: zone.id } } })),
  });
  return (
    <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty="还没有分配过">
      {(d) => (
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={d.items}
          columns={[
            { title: '时间', dataIndex: 'runAt', render: (t: string) => dateTimeText(t) },
            { title: '分配', dataIndex: 'allocated' },
            { title: '仍排队', dataIndex: 'waitingLeft' },
            { title: '仍空闲', dataIndex: 'freeLeft' },
          ]}
        />
      )}
    </QueryState>
  );
}
