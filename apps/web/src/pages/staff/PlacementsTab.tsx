import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { dateText } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { isoDate, usePaging, useTerm, usePageInRange } from './parts';
import { PlacementDecisions } from './PlacementDecisions';
import { PlacementForm } from './PlacementForm';

type Placement = components['schemas']['PlacementView'];

/** 就业登记: placements in the reader's scope; record one, end one, see its subsidy decisions. */
export default function PlacementsTab() {
  const term = useTerm();
  const paging = usePaging(50);
  const [recording, setRecording] = useState(false);
  const [ending, setEnding] = useState<Placement | null>(null);
  const [decisionsOf, setDecisionsOf] = useState<Placement | null>(null);

  const query = useQuery({
    queryKey: ['staff', 'placements', paging.offset],
    queryFn: () =>
      ok(
        api.GET('/api/v1/placements', { params: { query: { limit: paging.limit, offset: paging.offset } } }),
      ),
  });
  usePageInRange(paging, query.data);

  const place = (p: Placement) => {
    const l = p.jobLocation;
    if (l.townshipCode) return term('townships', l.townshipCode);
    return [l.province, l.city, l.county].filter(Boolean).join('') || '—';
  };

  return (
    <>
      <div className="row-actions" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setRecording(true)}>
          新增就业登记
        </Button>
      </div>
      <QueryState query={query} isEmpty={(d) => d.total === 0} empty="还没有就业登记">
        {(d) => (
          <Table<Placement>
            rowKey="id"
            dataSource={d.items}
            pagination={paging.pagination(d.total)}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '求职者', dataIndex: 'seekerDisplayName' },
              { title: '用人单位', dataIndex: 'employerName' },
              { title: '岗位类别', key: 'kind', render: (_, p) => term('postKinds', p.postKind) },
              { title: '工作地点', key: 'place', render: (_, p) => place(p) },
              { title: '入职日期', key: 'start', render: (_, p) => dateText(p.startDate) },
              {
                title: '合同截止',
                key: 'end',
                render: (_, p) => (p.contractEndDate ? dateText(p.contractEndDate) : '无固定期限'),
              },
              {
                title: '来源',
                key: 'source',
                render: (_, p) => (p.source === 'application' ? '求职申请录用' : '工作人员登记'),
              },
              {
                title: '状态',
                key: 'status',
                render: (_, p) =>
                  p.endedOn ? (
                    <span>
                      <Tag>已结束</Tag>
                      {dateText(p.endedOn)}
                      {p.endReason ? `（${p.endReason}）` : ''}
                    </span>
                  ) : (
                    <Tag color="green">在岗</Tag>
                  ),
              },
              {
                title: '操作',
                key: 'actions',
                render: (_, p) => (
                  <div className="row-actions">
                    <Button
                      onClick={() => setDecisionsOf(p)}
                      aria-label={`查看${p.seekerDisplayName}在${p.employerName}就业的补贴测算`}
                    >
                      补贴测算
                    </Button>
                    {!p.endedOn && (
                      <Button
                        danger
                        onClick={() => setEnding(p)}
                        aria-label={`结束${p.seekerDisplayName}在${p.employerName}的就业`}
                      >
                        结束就业
                      </Button>
                    )}
                  </div>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <PlacementForm open={recording} onClose={() => setRecording(false)} />
      <EndModal placement={ending} onClose={() => setEnding(null)} />
      <PlacementDecisions placement={decisionsOf} onClose={() => setDecisionsOf(null)} />
    </>
  );
}

/** POST /api/v1/placements/{id}/end: the last day of work and why. */
function EndModal({ placement, onClose }: { placement: Placement | null; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ endedOn: Dayjs; reason: string }>();
  const end = useMutation({
    mutationFn: (v: { endedOn: Dayjs; reason: string }) =>
      ok(
        api.POST('/api/v1/placements/{id}/end', {
          params: { path: { id: placement!.id } },
          body: { endedOn: isoDate(v.endedOn)!, reason: v.reason.trim() },
        }),
      ),
    onSuccess: (p) => {
      void message.success(`已登记「${p.seekerDisplayName}」于 ${dateText(p.endedOn)} 结束就业`);
      void client.invalidateQueries({ queryKey: ['staff', 'placements'] });
      void client.invalidateQueries({ queryKey: ['staff', 'audit'] });
      onClose();
    },
    onError: (err) => showApiError(err, form),
  });
  return (
    <Modal
      open={!!placement}
      title={`结束就业：${placement?.seekerDisplayName ?? ''}（${placement?.employerName ?? ''}）`}
      okText="确认结束"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={end.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => end.mutate(v)}>
        <Form.Item
          name="endedOn"
          label="最后工作日"
          rules={[
            { required: true, message: '请选择最后工作日' },
            {
              validator: (_, value?: Dayjs) =>
                !value || !placement || !value.isBefore(placement.startDate, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error('不能早于入职日期')),
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="结束原因"
          rules={[
            { required: true, whitespace: true, message: '请填写结束原因' },
            { max: 500, message: '最多 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：合同期满" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
