import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Progress, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateText } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { useTermOptions } from '../../ui/vocab';
import { EnterpriseSelect } from './parts';

type S = components['schemas'];
type HostUnit = S['HostUnitView'];
type Intern = S['InternView'];

/**
 * 就业见习: the progress toward 80 posts (the county medical group and the education bureau apart),
 * host units and demonstration units (designated with date and reason), and every intern.
 */
export default function InternshipsTab() {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const kinds = useTermOptions('hostUnitKinds');
  const affiliations = useTermOptions('hostAffiliations');
  const [form] = Form.useForm<{
    organisationId?: string;
    kind?: HostUnit['kind'];
    affiliation?: HostUnit['affiliation'];
  }>();
  const [designating, setDesignating] = useState<HostUnit | null>(null);
  const progress = useQuery({
    queryKey: ['internships', 'progress'],
    queryFn: () => ok(api.GET('/api/v1/internships/progress')),
  });
  const hosts = useQuery({
    queryKey: ['internships', 'host-units'],
    queryFn: () => ok(api.GET('/api/v1/internships/host-units')),
  });
  const interns = useQuery({
    queryKey: ['internships', 'interns', 'all'],
    queryFn: () => ok(api.GET('/api/v1/internships/interns', { params: { query: { limit: 100 } } })),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['internships'] });
  const put = useMutation({
    mutationFn: (v: {
      organisationId?: string;
      kind?: HostUnit['kind'];
      affiliation?: HostUnit['affiliation'];
    }) =>
      ok(
        api.PUT('/api/v1/internships/host-units/{id}', {
          params: { path: { id: v.organisationId! } },
          body: { kind: v.kind!, affiliation: v.affiliation ?? undefined },
        }),
      ),
    onSuccess: (h) => {
      void message.success(`已将「${h.name}」登记为见习单位`);
      form.resetFields();
      refresh();
    },
    onError: (err) => showApiError(err, form),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) =>
      ok(api.DELETE('/api/v1/internships/host-units/{id}/demonstration', { params: { path: { id } } })),
    onSuccess: (h) => {
      void message.success(`已取消「${h.name}」的见习示范单位认定`);
      refresh();
    },
    onError: (err) => showApiError(err),
  });

  return (
    <>
      <QueryState query={progress}>
        {(p) => (
          <section className="panel" aria-label="见习岗位募集进度">
            <h2 style={{ fontSize: 18, marginTop: 0 }}>见习岗位募集进度（目标 {p.target} 个）</h2>
            <Progress
              percent={Math.min(100, Math.round((p.posts / p.target) * 100))}
              format={() => `${p.posts} / ${p.target}`}
              aria-label={`已募集 ${p.posts} 个，目标 ${p.target} 个`}
            />
            <div className="job-meta">
              <span>名额 {p.places} 个</span>
              <span>见习示范单位 {p.demonstrationUnits} 家</span>
              {p.byAffiliation.map((a) => (
                <span key={a.affiliation}>
                  {a.name} {a.posts} 个岗位 / {a.places} 个名额
                </span>
              ))}
              {p.bySector.map((s) => (
                <span key={s.sector}>
                  {s.name} {s.posts}
                </span>
              ))}
            </div>
          </section>
        )}
      </QueryState>

      <section className="panel" aria-label="见习单位">
        <h2 style={{ fontSize: 18, marginTop: 0 }}>见习单位与见习示范单位</h2>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => put.mutate(v)}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="organisationId" rules={[{ required: true, message: '请选择单位' }]}>
            <EnterpriseSelect aria-label="单位" style={{ width: 300 }} />
          </Form.Item>
          <Form.Item name="kind" rules={[{ required: true, message: '请选择类别' }]}>
            <Select aria-label="见习单位类别" placeholder="类别" options={kinds} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="affiliation">
            <Select
              aria-label="所属系统"
              placeholder="所属系统（可不选）"
              allowClear
              options={affiliations}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={put.isPending}>
            登记为见习单位
          </Button>
        </Form>
        <QueryState query={hosts} isEmpty={(d) => d.items.length === 0} empty="还没有见习单位">
          {(d) => (
            <Table<HostUnit>
              rowKey="organisationId"
              size="middle"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              columns={[
                { title: '单位', dataIndex: 'name' },
                { title: '类别', dataIndex: 'kindName' },
                { title: '所属系统', dataIndex: 'affiliationName', render: (v: string | null) => v ?? '—' },
                {
                  title: '见习示范单位',
                  key: 'demo',
                  render: (_, h) =>
                    h.demonstration ? (
                      <>
                        <Tag color="gold">示范单位</Tag>
                        {dateText(h.designatedOn)} 认定：{h.designationReason}
                      </>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: '操作',
                  key: 'act',
                  render: (_, h) =>
                    h.demonstration ? (
                      <Button
                        size="small"
                        onClick={() =>
                          modal.confirm({
                            title: `取消「${h.name}」的见习示范单位认定？`,
                            okText: '取消认定',
                            cancelText: '返回',
                            onOk: () => withdraw.mutateAsync(h.organisationId).catch(() => undefined),
                          })
                        }
                      >
                        取消认定
                      </Button>
                    ) : (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setDesignating(h)}
                        aria-label={`认定示范单位：${h.name}`}
                      >
                        认定示范单位
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </QueryState>
      </section>

      <section className="panel" aria-label="见习人员">
        <h2 style={{ fontSize: 18, marginTop: 0 }}>见习人员</h2>
        <QueryState query={interns} isEmpty={(d) => d.items.length === 0} empty="还没有见习人员">
          {(d) => (
            <Table<Intern>
              rowKey="id"
              size="middle"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              columns={[
                { title: '姓名', dataIndex: 'seekerDisplayName' },
                { title: '见习单位', dataIndex: 'hostName' },
                { title: '岗位', dataIndex: 'jobPostTitle' },
                { title: '状态', dataIndex: 'statusName' },
                { title: '开始', dataIndex: 'startDate', render: (v: string | null) => dateText(v) },
                { title: '结束', dataIndex: 'endDate', render: (v: string | null) => dateText(v) },
                { title: '去向', dataIndex: 'outcomeName', render: (v: string | null) => v ?? '—' },
              ]}
            />
          )}
        </QueryState>
      </section>
      {designating && (
        <DemonstrationModal host={designating} onClose={() => setDesignating(null)} onDone={refresh} />
      )}
    </>
  );
}

function DemonstrationModal({
  host,
  onClose,
  onDone,
}: {
  host: HostUnit;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ designatedOn?: Dayjs; reason?: string }>();
  const { message } = App.useApp();
  const designate = useMutation({
    mutationFn: (v: { designatedOn?: Dayjs; reason?: string }) =>
      ok(
        api.PUT('/api/v1/internships/host-units/{id}/demonstration', {
          params: { path: { id: host.organisationId } },
          body: { designatedOn: v.designatedOn!.format('YYYY-MM-DD'), reason: v.reason!.trim() },
        }),
      ),
    onSuccess: () => {
      void message.success(`已认定「${host.name}」为见习示范单位`);
      onDone();
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open
      title={`认定见习示范单位：${host.name}`}
      okText="认定"
      cancelText="取消"
      confirmLoading={designate.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={(v) => designate.mutate(v)}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Form.Item
            name="designatedOn"
            label="认定日期"
            rules={[{ required: true, message: '请选择认定日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label="认定理由"
            rules={[
              { required: true, whitespace: true, message: '请填写认定理由' },
              { max: 500, message: '最多 500 个字' },
            ]}
          >
            <Input.TextArea rows={3} placeholder="例如：见习岗位多、留用率高，带教规范" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
