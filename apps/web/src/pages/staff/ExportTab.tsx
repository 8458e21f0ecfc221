import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateText } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { AgencySelect, EnterpriseSelect, SeekerSelect, isoDate } from './parts';

type S = components['schemas'];
type Trip = S['TripView'];
type Participant = S['ParticipantView'];

interface TripForm {
  province?: string;
  city?: string;
  county?: string;
  departureDate?: Dayjs;
  plannedHeadcount?: number;
  organisingAgencyId?: string;
  employerName?: string;
  stationContact?: string;
}

/**
 * 劳务输出: the year's progress toward 12 trips and 1,200 people, the trips, and one trip's
 * participants — enrolled, departed, placed at the destination (the referral fee and the transport
 * subsidies follow as claims), followed up after 3 months.
 */
export default function ExportTab() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<TripForm>();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const progress = useQuery({
    queryKey: ['export', 'progress'],
    queryFn: () => ok(api.GET('/api/v1/export-trips/progress')),
  });
  const create = useMutation({
    mutationFn: (v: TripForm) =>
      ok(
        api.POST('/api/v1/export-trips', {
          body: {
            destination: {
              province: v.province!.trim(),
              city: v.city?.trim() || undefined,
              county: v.county?.trim() || undefined,
            },
            departureDate: isoDate(v.departureDate)!,
            plannedHeadcount: v.plannedHeadcount!,
            organisingAgencyId: v.organisingAgencyId || undefined,
            employerName: v.employerName?.trim() || undefined,
            stationContact: v.stationContact?.trim() || undefined,
          },
        }),
      ),
    onSuccess: (t) => {
      void message.success(`已新建 ${t.destinationText} 输出计划`);
      setCreating(false);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['export'] });
    },
    onError: (err) => showApiError(err, form),
  });

  return (
    <>
      <QueryState query={progress}>
        {(p) => (
          <>
            <section className="panel" aria-label="劳务输出进度">
              <div className="page-head">
                <h2 style={{ fontSize: 18, margin: 0 }}>有组织劳务输出进度</h2>
                <Button type="primary" onClick={() => setCreating(true)}>
                  新建输出计划
                </Button>
              </div>
              <p style={{ marginBottom: 4 }}>
                输出批次 {p.trips} / {p.targetTrips}
              </p>
              <Progress
                percent={Math.min(100, Math.round((p.trips / p.targetTrips) * 100))}
                aria-label="输出批次进度"
              />
              <p style={{ marginBottom: 4 }}>
                转移就业 {p.placed} / {p.targetPeople} 人
              </p>
              <Progress
                percent={Math.min(100, Math.round((p.placed / p.targetPeople) * 100))}
                aria-label="转移人数进度"
              />
              <div className="job-meta">
                <span>报名 {p.enrolled} 人</span>
                <span>已出发 {p.departed} 人</span>
                <span>已就业 {p.placed} 人</span>
                <span>三个月后仍在岗 {p.stillEmployedAfter3Months} 人</span>
              </div>
            </section>
            <Table<Trip>
              rowKey="id"
              size="middle"
              scroll={{ x: 'max-content' }}
              pagination={false}
              dataSource={p.byTrip}
              locale={{ emptyText: '还没有输出计划' }}
              columns={[
                {
                  title: '输入地',
                  key: 'dest',
                  render: (_, t) => (
                    <Button size="small" onClick={() => setOpen(t.id)}>
                      {t.destinationText}
                    </Button>
                  ),
                },
                { title: '用工单位', dataIndex: 'employerName', render: (v: string | null) => v ?? '—' },
                {
                  title: '组织机构',
                  dataIndex: 'organisingAgencyName',
                  render: (v: string | null) => v ?? '—',
                },
                { title: '出发日期', dataIndex: 'departureDate', render: (v: string) => dateText(v) },
                { title: '计划', dataIndex: 'plannedHeadcount' },
                { title: '报名', key: 'e', render: (_, t) => t.counts.enrolled },
                { title: '出发', key: 'd', render: (_, t) => t.counts.departed },
                { title: '就业', key: 'p', render: (_, t) => t.counts.placed },
                { title: '稳岗', key: 's', render: (_, t) => t.counts.stillEmployed },
                {
                  title: '类型',
                  key: 'x',
                  render: (_, t) => (t.crossProvince ? <Tag color="blue">省外</Tag> : <Tag>省内县外</Tag>),
                },
              ]}
            />
          </>
        )}
      </QueryState>
      {open && <TripDetail id={open} onClose={() => setOpen(null)} />}
      <Modal
        open={creating}
        title="新建有组织劳务输出计划"
        okText="新建"
        cancelText="取消"
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Space wrap>
            <Form.Item
              name="province"
              label="输入地省份"
              rules={[{ required: true, whitespace: true, message: '请填写省份' }]}
            >
              <Input placeholder="例如：江苏省" />
            </Form.Item>
            <Form.Item name="city" label="市">
              <Input placeholder="例如：苏州市" />
            </Form.Item>
            <Form.Item name="county" label="县（区）">
              <Input placeholder="例如：昆山市" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item
              name="departureDate"
              label="出发日期"
              rules={[{ required: true, message: '请选择出发日期' }]}
            >
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="plannedHeadcount"
              label="计划输出人数"
              rules={[{ required: true, type: 'number', min: 1, message: '至少 1 人' }]}
            >
              <InputNumber min={1} max={5000} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="organisingAgencyId" label="组织输出的人力资源服务机构（享受职业介绍补贴）">
            <AgencySelect aria-label="组织机构" />
          </Form.Item>
          <Form.Item name="employerName" label="输入地用工单位">
            <Input />
          </Form.Item>
          <Form.Item name="stationContact" label="省外劳务工作站联系人">
            <Input placeholder="例如：稷山县驻昆山劳务工作站 李站长 0512-55550000" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TripDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [seeker, setSeeker] = useState<string>();
  const [placing, setPlacing] = useState<Participant | null>(null);
  const [following, setFollowing] = useState<Participant | null>(null);
  const trip = useQuery({
    queryKey: ['export', 'trip', id],
    queryFn: () => ok(api.GET('/api/v1/export-trips/{id}', { params: { path: { id } } })),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['export'] });
  const enrol = useMutation({
    mutationFn: (seekerUserId: string) =>
      ok(
        api.POST('/api/v1/export-trips/{id}/participants', {
          params: { path: { id } },
          body: { seekerUserId },
        }),
      ),
    onSuccess: (p) => {
      void message.success(`${p.displayName} 已报名`);
      setSeeker(undefined);
      refresh();
    },
    onError: (err) => showApiError(err),
  });
  const depart = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/export-trips/{id}/departure', { params: { path: { id } }, body: {} })),
    onSuccess: () => {
      void message.success('已登记出发');
      refresh();
    },
    onError: (err) => showApiError(err),
  });
  return (
    <Modal open width={960} title="输出计划详情" footer={null} onCancel={onClose}>
      <QueryState query={trip}>
        {(t) => (
          <>
            <div className="job-meta" style={{ marginBottom: 12 }}>
              <span>{t.destinationText}</span>
              <span>出发 {dateText(t.departureDate)}</span>
              {t.employerName && <span>{t.employerName}</span>}
              {t.organisingAgencyName && <span>组织机构：{t.organisingAgencyName}</span>}
              {t.stationContact && <span>工作站：{t.stationContact}</span>}
              {t.cancelled && <Tag color="red">已取消：{t.cancelReason}</Tag>}
            </div>
            {!t.cancelled && (
              <div className="row-actions" style={{ marginBottom: 12 }}>
                <SeekerSelect
                  aria-label="报名的求职者"
                  value={seeker}
                  onChange={setSeeker}
                  style={{ width: 260 }}
                />
                <Button
                  disabled={!seeker}
                  loading={enrol.isPending}
                  onClick={() => seeker && enrol.mutate(seeker)}
                >
                  报名
                </Button>
                <Button onClick={() => depart.mutate()} loading={depart.isPending}>
                  登记出发（全部已报名人员）
                </Button>
              </div>
            )}
            <Table<Participant>
              rowKey="seekerUserId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={t.participants}
              locale={{ emptyText: '还没有人报名' }}
              columns={[
                { title: '姓名', dataIndex: 'displayName' },
                {
                  title: '人员类别',
                  key: 'groups',
                  render: (_, p) => (
                    <>
                      {p.ruralLabourer && <Tag>农村劳动力</Tag>}
                      {p.povertyAlleviated && <Tag color="orange">脱贫人口</Tag>}
                    </>
                  ),
                },
                { title: '状态', dataIndex: 'statusName' },
                { title: '出发', dataIndex: 'departedOn', render: (v: string | null) => dateText(v) },
                {
                  title: '稳岗回访',
                  key: 'fu',
                  render: (_, p) =>
                    p.followUpOn ? `${dateText(p.followUpOn)} ${p.stillEmployed ? '仍在岗' : '已离岗'}` : '—',
                },
                {
                  title: '操作',
                  key: 'act',
                  render: (_, p) =>
                    p.status === 'enrolled' || p.status === 'departed' ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setPlacing(p)}
                        aria-label={`登记就业：${p.displayName}`}
                      >
                        登记就业
                      </Button>
                    ) : p.status === 'placed' ? (
                      <Button
                        size="small"
                        onClick={() => setFollowing(p)}
                        aria-label={`稳岗回访：${p.displayName}`}
                      >
                        稳岗回访
                      </Button>
                    ) : null,
                },
              ]}
            />
            {placing && (
              <PlacementModal
                trip={t}
                participant={placing}
                onClose={() => setPlacing(null)}
                onDone={refresh}
              />
            )}
            {following && (
              <FollowUpModal
                tripId={t.id}
                participant={following}
                onClose={() => setFollowing(null)}
                onDone={refresh}
              />
            )}
          </>
        )}
      </QueryState>
    </Modal>
  );
}

function PlacementModal({
  trip,
  participant,
  onClose,
  onDone,
}: {
  trip: Trip;
  participant: Participant;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{
    employerOrganisationId?: string;
    startDate?: Dayjs;
    contractEndDate?: Dayjs;
  }>();
  const { message } = App.useApp();
  const place = useMutation({
    mutationFn: (v: { employerOrganisationId?: string; startDate?: Dayjs; contractEndDate?: Dayjs }) =>
      ok(
        api.POST('/api/v1/export-trips/{id}/participants/{seekerUserId}/placement', {
          params: { path: { id: trip.id, seekerUserId: participant.seekerUserId } },
          body: {
            employerOrganisationId: v.employerOrganisationId!,
            startDate: isoDate(v.startDate)!,
            contractEndDate: isoDate(v.contractEndDate),
          },
        }),
      ),
    onSuccess: () => {
      void message.success(
        `已登记 ${participant.displayName} 在 ${trip.destinationText} 就业，相关补贴将自动核定`,
      );
      onDone();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={`登记就业：${participant.displayName}`}
      okText="登记"
      cancelText="取消"
      confirmLoading={place.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <p className="muted">
        工作地点：{trip.destinationText}。登记后按政策自动核定职业介绍补贴和一次性交通补贴。
      </p>
      <Form form={form} layout="vertical" onFinish={(v) => place.mutate(v)}>
        <Form.Item
          name="employerOrganisationId"
          label="用工单位"
          rules={[{ required: true, message: '请选择用工单位' }]}
        >
          <EnterpriseSelect aria-label="用工单位" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="startDate"
            label="到岗日期"
            rules={[{ required: true, message: '请选择到岗日期' }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="contractEndDate" label="合同截止日期">
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function FollowUpModal({
  tripId,
  participant,
  onClose,
  onDone,
}: {
  tripId: string;
  participant: Participant;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ onDate?: Dayjs; stillEmployed?: boolean; note?: string }>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { onDate?: Dayjs; stillEmployed?: boolean; note?: string }) =>
      ok(
        api.POST('/api/v1/export-trips/{id}/participants/{seekerUserId}/follow-up', {
          params: { path: { id: tripId, seekerUserId: participant.seekerUserId } },
          body: {
            onDate: isoDate(v.onDate)!,
            stillEmployed: v.stillEmployed!,
            note: v.note?.trim() || undefined,
          },
        }),
      ),
    onSuccess: () => {
      void message.success('已记录稳岗回访');
      onDone();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={`稳岗回访：${participant.displayName}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="onDate"
          label="回访日期（到岗满三个月后）"
          rules={[{ required: true, message: '请选择回访日期' }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="stillEmployed" label="是否仍在岗" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group
            options={[
              { value: true, label: '仍在岗' },
              { value: false, label: '已离岗' },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '最多 500 个字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
