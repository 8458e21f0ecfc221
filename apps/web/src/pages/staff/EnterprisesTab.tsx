import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { showApiError } from '../../ui/forms';
import { QueryState } from '../../ui/states';
import {
  clean,
  Filters,
  FilterSearch,
  filterStyle,
  StaffUserSelect,
  TownshipSelect,
  useDebounced,
  usePageInRange,
  usePaging,
  useReader,
  useStaffUsers,
  useTerm,
} from './parts';

type Enterprise = components['schemas']['EnterpriseView'];
type SetKey = components['schemas']['SetKeyEnterpriseDto'];

/** 企业: enterprises in the reader's scope; 重点企业 and 人社服务专员 (PATCH /api/v1/enterprises/{id}/key). */
export default function EnterprisesTab() {
  const { ownTownship } = useReader();
  const { message } = App.useApp();
  const client = useQueryClient();
  const term = useTerm();
  const paging = usePaging(20);
  const [q, setQ] = useState('');
  const [township, setTownship] = useState<string>();
  const [isKey, setIsKey] = useState<'true' | 'false'>();
  const [mine, setMine] = useState(false);
  const [editing, setEditing] = useState<Enterprise | null>(null);
  const search = useDebounced(q.trim());
  const { users } = useStaffUsers();
  const staffName = (id: string | null) =>
    id ? (users.find((u) => u.id === id)?.displayName ?? '已指定') : '未指定';

  const query = useQuery({
    queryKey: ['staff', 'enterprises', search, township, isKey, mine, paging.offset],
    queryFn: () =>
      ok(
        api.GET('/api/v1/enterprises', {
          params: {
            query: clean({
              q: search,
              townshipCode: township,
              isKey,
              mine: mine ? 'true' : undefined,
              limit: paging.limit,
              offset: paging.offset,
            }),
          },
        }),
      ),
  });
  usePageInRange(paging, query.data);

  const setKey = useMutation({
    mutationFn: ({ id, body }: { id: string; body: SetKey }) =>
      ok(api.PATCH('/api/v1/enterprises/{id}/key', { params: { path: { id } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['staff', 'enterprises'] });
      void client.invalidateQueries({ queryKey: ['staff', 'audit'] });
    },
  });

  const toggleKey = (e: Enterprise) =>
    setKey.mutate(
      { id: e.id, body: { isKey: !e.isKey } },
      {
        onSuccess: (v) =>
          void message.success(
            v.isKey ? `已将「${v.name}」设为重点企业` : `已取消「${v.name}」的重点企业标记`,
          ),
        onError: (err) => showApiError(err),
      },
    );

  const reset = paging.reset;

  return (
    <>
      <Filters>
        <FilterSearch
          label="按单位名称或统一社会信用代码搜索"
          placeholder="单位名称或信用代码"
          value={q}
          width={260}
          onChange={(words) => {
            setQ(words);
            reset();
          }}
        />
        {!ownTownship && (
          <TownshipSelect
            aria-label="按乡镇筛选"
            value={township}
            onChange={(v) => {
              setTownship(v);
              reset();
            }}
            style={filterStyle(160)}
          />
        )}
        <Select
          aria-label="按是否重点企业筛选"
          placeholder="全部单位"
          allowClear
          value={isKey}
          onChange={(v) => {
            setIsKey(v);
            reset();
          }}
          options={[
            { value: 'true', label: '仅重点企业' },
            { value: 'false', label: '非重点企业' },
          ]}
          style={filterStyle(160)}
        />
        <Checkbox
          checked={mine}
          onChange={(e) => {
            setMine(e.target.checked);
            reset();
          }}
        >
          只看我服务的企业
        </Checkbox>
      </Filters>
      <QueryState query={query} isEmpty={(d) => d.total === 0} empty="没有符合条件的单位">
        {(d) => (
          <Table<Enterprise>
            rowKey="id"
            dataSource={d.items}
            pagination={paging.pagination(d.total)}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '单位名称',
                key: 'name',
                render: (_, e) => (
                  <div>
                    <div>{e.name}</div>
                    <div className="muted" style={{ fontSize: 14 }}>
                      {e.creditCode}
                    </div>
                  </div>
                ),
              },
              { title: '规模', key: 'size', render: (_, e) => term('employerSizes', e.size) },
              { title: '行业', dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
              { title: '乡镇', key: 'township', render: (_, e) => term('townships', e.townshipCode) },
              {
                title: '联系人',
                key: 'contact',
                render: (_, e) =>
                  e.contactName || e.contactPhone
                    ? `${e.contactName ?? ''} ${e.contactPhone ?? ''}`.trim()
                    : '—',
              },
              {
                title: '重点企业',
                key: 'isKey',
                render: (_, e) =>
                  e.isKey ? <Tag color="red">重点企业</Tag> : <span className="muted">否</span>,
              },
              { title: '服务专员', key: 'commissioner', render: (_, e) => staffName(e.commissionerUserId) },
              {
                title: '操作',
                key: 'actions',
                render: (_, e) => (
                  <div className="row-actions">
                    <Button
                      loading={
                        setKey.isPending &&
                        setKey.variables?.id === e.id &&
                        setKey.variables.body.isKey !== undefined
                      }
                      onClick={() => toggleKey(e)}
                      aria-label={e.isKey ? `取消「${e.name}」的重点企业标记` : `将「${e.name}」设为重点企业`}
                    >
                      {e.isKey ? '取消重点' : '设为重点'}
                    </Button>
                    <Button onClick={() => setEditing(e)} aria-label={`为「${e.name}」指定服务专员`}>
                      服务专员
                    </Button>
                  </div>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <CommissionerModal
        enterprise={editing}
        onClose={() => setEditing(null)}
        onSave={async (id, commissionerUserId) => {
          const v = await setKey.mutateAsync({ id, body: { commissionerUserId } });
          void message.success(
            commissionerUserId ? `已更新「${v.name}」的服务专员` : `已取消「${v.name}」的服务专员`,
          );
          setEditing(null);
        }}
      />
    </>
  );
}

function CommissionerModal({
  enterprise,
  onClose,
  onSave,
}: {
  enterprise: Enterprise | null;
  onClose: () => void;
  onSave: (id: string, commissionerUserId: string | null) => Promise<void>;
}) {
  const [form] = Form.useForm<{ commissionerUserId?: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={!!enterprise}
      title={`服务专员：${enterprise?.name ?? ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ commissionerUserId: enterprise?.commissionerUserId ?? undefined }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSave(enterprise!.id, v.commissionerUserId ?? null);
          } catch (err) {
            showApiError(err, form);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="commissionerUserId" label="人社服务专员" extra="清空后保存即取消该单位的服务专员。">
          <StaffUserSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
