import { useMeasureNames } from '../../ui/measures';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, download, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { dateText, yuan } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { ClaimDrawer } from './ClaimDrawer';
import { ApproveModal, PayModal, RejectModal } from './ClaimReview';
import type { BeneficiaryKind, ClaimStatus, Measure } from './dict';
import { CLAIM_STATUS_COLOR, options, periodText } from './dict';
import {
  clean,
  Filters,
  filterStyle,
  TownshipSelect,
  usePaging,
  useReader,
  useTerm,
  useTermSelect,
  usePageInRange,
} from './parts';

type Claim = components['schemas']['SubsidyClaimView'];

const PERIOD = /^(?:once|\d{4}|\d{4}-(?:0[1-9]|1[0-2]))$/;

/** 补贴审核: claims filed by the policy engine; review, pay in batches, and the roster. */
export default function ClaimsTab() {
  const { ownTownship, isStaff } = useReader();
  const { message } = App.useApp();
  const term = useTerm();
  const measures = useMeasureNames();
  const statusOptions = useTermSelect<ClaimStatus>('claimStatuses');
  const kindOptions = useTermSelect<BeneficiaryKind>('beneficiaryKinds');
  const paging = usePaging(50);
  const [status, setStatus] = useState<ClaimStatus | undefined>('pending-review');
  const [measure, setMeasure] = useState<Measure>();
  const [kind, setKind] = useState<BeneficiaryKind>();
  const [periodInput, setPeriodInput] = useState('');
  const [township, setTownship] = useState<string>();
  const [open, setOpen] = useState<string | null>(null);
  const [approving, setApproving] = useState<Claim | null>(null);
  const [rejecting, setRejecting] = useState<Claim | null>(null);
  const [selected, setSelected] = useState<Map<string, Claim>>(new Map());
  const [paying, setPaying] = useState(false);

  const periodValid = periodInput === '' || PERIOD.test(periodInput.trim());
  const filters = clean({
    status,
    measure,
    beneficiaryKind: kind,
    period: periodValid ? periodInput.trim() : undefined,
    townshipCode: township,
  });

  const query = useQuery({
    queryKey: ['staff', 'claims', filters, paging.offset],
    queryFn: () =>
      ok(
        api.GET('/api/v1/subsidy-claims', {
          params: { query: { ...filters, limit: paging.limit, offset: paging.offset } },
        }),
      ),
  });
  usePageInRange(paging, query.data);

  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      paging.reset();
    };

  const roster = (ext: 'xlsx' | 'csv') => {
    const qs = new URLSearchParams(filters as Record<string, string>).toString();
    download(`/api/v1/subsidy-claims/roster.${ext}${qs ? `?${qs}` : ''}`, `补贴发放花名册.${ext}`).catch(
      (err: unknown) => void message.error(errorText(err)),
    );
  };

  const actions = (c: Claim) =>
    isStaff && c.status === 'pending-review' ? (
      <div className="row-actions">
        <Button
          type="primary"
          onClick={() => setApproving(c)}
          aria-label={`审核通过：${c.beneficiary.name} ${c.measureName}`}
        >
          通过
        </Button>
        <Button
          danger
          onClick={() => setRejecting(c)}
          aria-label={`审核不通过：${c.beneficiary.name} ${c.measureName}`}
        >
          不通过
        </Button>
      </div>
    ) : null;

  return (
    <>
      <Filters>
        <Select
          aria-label="按状态筛选"
          placeholder="全部状态"
          allowClear
          value={status}
          onChange={change(setStatus)}
          options={statusOptions}
          style={filterStyle(160)}
        />
        <Select
          aria-label="按补贴项目筛选"
          placeholder="全部补贴项目"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={measure}
          onChange={change(setMeasure)}
          options={Object.entries(measures).map(([value, label]) => ({ value: value as Measure, label }))}
          style={filterStyle(280)}
        />
        <Select
          aria-label="按享受对象类别筛选"
          placeholder="全部享受对象"
          allowClear
          value={kind}
          onChange={change(setKind)}
          options={kindOptions}
          style={filterStyle(180)}
        />
        <Input
          aria-label="按期间筛选，填写年份如2023或年月如2023-10"
          placeholder="期间，如 2023 或 2023-10"
          allowClear
          value={periodInput}
          status={periodValid ? undefined : 'error'}
          onChange={(e) => {
            setPeriodInput(e.target.value);
            paging.reset();
          }}
          style={filterStyle(200)}
        />
        {!ownTownship && (
          <TownshipSelect
            aria-label="按乡镇筛选"
            value={township}
            onChange={change(setTownship)}
            style={filterStyle(160)}
          />
        )}
      </Filters>
      {!periodValid && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="期间请填写年份（如 2023）或年月（如 2023-10），暂未按期间筛选"
        />
      )}
      {isStaff ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button type="primary" disabled={selected.size === 0} onClick={() => setPaying(true)}>
            生成发放批次{selected.size ? `（已选 ${selected.size} 笔）` : ''}
          </Button>
          {selected.size > 0 ? (
            <Button onClick={() => setSelected(new Map())}>清除选择</Button>
          ) : (
            <span className="muted">勾选「已审核通过」的申领后可生成发放批次</span>
          )}
          <Button onClick={() => roster('xlsx')} title="按当前筛选条件下载，.xlsx 格式">
            下载花名册（电子表格）
          </Button>
          <Button onClick={() => roster('csv')} title="按当前筛选条件下载，.csv 格式">
            下载花名册（文本表格）
          </Button>
        </Space>
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="管理员可查看申领；审核、发放和花名册由工作人员办理。"
        />
      )}
      <QueryState query={query} isEmpty={(d) => d.total === 0} empty="没有符合条件的补贴申领">
        {(d) => (
          <Table<Claim>
            rowKey="id"
            dataSource={d.items}
            pagination={paging.pagination(d.total)}
            scroll={{ x: 'max-content' }}
            rowSelection={
              isStaff
                ? {
                    selectedRowKeys: [...selected.keys()],
                    preserveSelectedRowKeys: true,
                    getCheckboxProps: (c) => ({
                      disabled: c.status !== 'approved',
                      'aria-label': `选择${c.beneficiary.name}的${c.measureName}`,
                    }),
                    onChange: (keys, rows) => {
                      const next = new Map<string, Claim>();
                      for (const k of keys) {
                        const row = rows.find((r) => r?.id === k) ?? selected.get(String(k));
                        if (row) next.set(row.id, row);
                      }
                      setSelected(next);
                    },
                  }
                : undefined
            }
            columns={[
              {
                title: '补贴项目',
                key: 'measure',
                render: (_, c) => (
                  <div>
                    <div>{c.measureName}</div>
                    <div className="muted" style={{ fontSize: 14 }}>
                      {c.clause}
                    </div>
                  </div>
                ),
              },
              {
                title: '享受对象',
                key: 'who',
                render: (_, c) => (
                  <div>
                    <div>{c.beneficiary.name || '—'}</div>
                    <div className="muted" style={{ fontSize: 14 }}>
                      {term('beneficiaryKinds', c.beneficiary.kind)}
                    </div>
                  </div>
                ),
              },
              { title: '期间', key: 'period', render: (_, c) => periodText(c.period) },
              {
                title: '应发金额',
                key: 'amount',
                align: 'right',
                render: (_, c) => (c.amountFen === null ? '待核定' : yuan(c.amountFen)),
              },
              {
                title: '核定金额',
                key: 'approved',
                align: 'right',
                render: (_, c) => yuan(c.approvedAmountFen),
              },
              {
                title: '状态',
                key: 'status',
                render: (_, c) => (
                  <Tag color={CLAIM_STATUS_COLOR[c.status]}>{term('claimStatuses', c.status)}</Tag>
                ),
              },
              { title: '乡镇', key: 'township', render: (_, c) => term('townships', c.townshipCode) },
              { title: '生成日期', key: 'created', render: (_, c) => dateText(c.createdAt) },
              {
                title: '操作',
                key: 'actions',
                render: (_, c) => (
                  <div className="row-actions">
                    <Button
                      onClick={() => setOpen(c.id)}
                      aria-label={`查看${c.beneficiary.name}的${c.measureName}详情`}
                    >
                      详情
                    </Button>
                    {actions(c)}
                  </div>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <ClaimDrawer id={open} onClose={() => setOpen(null)} actions={actions} />
      <ApproveModal claim={approving} onClose={() => setApproving(null)} />
      <RejectModal claim={rejecting} onClose={() => setRejecting(null)} />
      <PayModal
        open={paying}
        claims={[...selected.values()]}
        onClose={() => setPaying(false)}
        onPaid={() => {
          setPaying(false);
          setSelected(new Map());
        }}
      />
    </>
  );
}
