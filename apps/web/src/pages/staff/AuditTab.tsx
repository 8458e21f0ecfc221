import { useMeasureNames } from '../../ui/measures';
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Input, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { dateTimeText, yuan } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { AUDIT_ACTION, AUDIT_TARGET, options, periodText, ROLE, zh } from './dict';
import {
  clean,
  Filters,
  filterStyle,
  isoDate,
  StaffUserSelect,
  useDebounced,
  usePaging,
  useStaffUsers,
  useTerm,
  usePageInRange,
} from './parts';

type Entry = components['schemas']['AuditEntryDto'];

/** 审计日志 (GET /api/v1/audit): newest first, by actor, action, target and dates. */
export default function AuditTab() {
  const term = useTerm();
  const paging = usePaging(50);
  const [actor, setActor] = useState<string>();
  const [action, setAction] = useState<string>();
  const [targetType, setTargetType] = useState<string>();
  const [targetIdInput, setTargetIdInput] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const targetId = useDebounced(targetIdInput.trim());

  const filters = clean({
    actor,
    action,
    targetType,
    targetId: targetType ? targetId : undefined,
    from: isoDate(range?.[0]),
    to: isoDate(range?.[1]),
  });
  const query = useQuery({
    queryKey: ['staff', 'audit', filters, paging.offset],
    queryFn: () =>
      ok(
        api.GET('/api/v1/audit', {
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

  return (
    <>
      <Filters>
        <StaffUserSelect
          withAdmins
          aria-label="按操作人筛选"
          placeholder="全部操作人"
          value={actor}
          onChange={change(setActor)}
          style={filterStyle(180)}
        />
        <Select
          aria-label="按操作类型筛选"
          placeholder="全部操作"
          allowClear
          value={action}
          onChange={change(setAction)}
          options={options(AUDIT_ACTION)}
          style={filterStyle(220)}
        />
        <Select
          aria-label="按对象类型筛选"
          placeholder="全部对象"
          allowClear
          value={targetType}
          onChange={change(setTargetType)}
          options={options(AUDIT_TARGET)}
          style={filterStyle(180)}
        />
        {targetType && (
          <Input
            aria-label="对象编号"
            placeholder="对象编号"
            allowClear
            value={targetIdInput}
            onChange={(e) => {
              setTargetIdInput(e.target.value);
              paging.reset();
            }}
            style={filterStyle(300)}
          />
        )}
        <DatePicker.RangePicker
          aria-label="按日期范围筛选"
          value={range}
          onChange={change(setRange)}
          style={filterStyle(280)}
        />
      </Filters>
      <QueryState query={query} isEmpty={(d) => d.total === 0} empty="没有符合条件的审计记录">
        {(d) => (
          <Table<Entry>
            rowKey="id"
            dataSource={d.items}
            pagination={paging.pagination(d.total)}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '时间', key: 'at', render: (_, e) => dateTimeText(e.at) },
              {
                title: '操作人',
                key: 'actor',
                render: (_, e) => (
                  <div>
                    <ActorName id={e.actorId} />
                    {e.actorRole && (
                      <div className="muted" style={{ fontSize: 14 }}>
                        {zh(ROLE, e.actorRole)}
                      </div>
                    )}
                  </div>
                ),
              },
              { title: '操作', key: 'action', render: (_, e) => zh(AUDIT_ACTION, e.action) },
              {
                title: '对象',
                key: 'target',
                render: (_, e) => (
                  <div>
                    <div>{zh(AUDIT_TARGET, e.targetType)}</div>
                    {e.targetId && (
                      <div className="muted" style={{ fontSize: 14 }} title={e.targetId}>
                        编号 {e.targetId.length > 12 ? `${e.targetId.slice(0, 8)}…` : e.targetId}
                      </div>
                    )}
                  </div>
                ),
              },
              { title: '原因', key: 'reason', render: (_, e) => e.reason ?? '—' },
              { title: '内容', key: 'details', render: (_, e) => <Details entry={e} /> },
              {
                title: '涉及乡镇',
                key: 'townships',
                render: (_, e) =>
                  e.townshipCodes.length
                    ? e.townshipCodes.map((c) => term('townships', c)).join('、')
                    : '全县',
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

/** An actor's name: from the staff list when there, else GET /api/v1/users/{id}. */
function ActorName({ id }: { id: string | null }) {
  const { users, loading } = useStaffUsers(true);
  const known = id ? users.find((u) => u.id === id) : undefined;
  const one = useQuery({
    queryKey: ['staff', 'user', id],
    queryFn: () => ok(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
    enabled: !!id && !known && !loading,
    staleTime: 10 * 60_000,
  });
  if (!id) return <>系统</>;
  return <>{known?.displayName ?? one.data?.displayName ?? (one.isError ? '其他用户' : '…')}</>;
}

/** The entry's details in words, for the keys the libs record; others are left out. */
function Details({ entry }: { entry: Entry }) {
  const term = useTerm();
  const measures = useMeasureNames();
  const d = entry.details;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
  const parts: string[] = [];
  if (str('from') && str('to'))
    parts.push(`状态：${term('jobPostStatuses', str('from'))} → ${term('jobPostStatuses', str('to'))}`);
  if (typeof d.isKey === 'boolean') parts.push(d.isKey ? '设为重点企业' : '取消重点企业');
  if ('commissionerUserId' in d) parts.push(d.commissionerUserId ? '指定服务专员' : '取消服务专员');
  if (str('measure')) parts.push(`项目：${measures[str('measure')!] ?? '其他项目'}`);
  if (str('period')) parts.push(`期间：${periodText(str('period')!)}`);
  if (num('amountFen') !== undefined) parts.push(`应发：${yuan(num('amountFen'))}`);
  if (num('approvedAmountFen') !== undefined) parts.push(`核定：${yuan(num('approvedAmountFen'))}`);
  if (str('reference')) parts.push(`批次号：${str('reference')}`);
  if (num('claims') !== undefined) parts.push(`笔数：${num('claims')}`);
  if (num('totalFen') !== undefined) parts.push(`合计：${yuan(num('totalFen'))}`);
  if (entry.action === 'user.create' && str('role')) parts.push(`角色：${zh(ROLE, str('role'))}`);
  if (num('year') !== undefined) parts.push(`年度：${num('year')}`);
  if (num('insuredStaff') !== undefined) parts.push(`参保人数：${num('insuredStaff')}`);
  if (num('laidOff') !== undefined) parts.push(`裁员人数：${num('laidOff')}`);
  if (num('employees') !== undefined) parts.push(`带动就业：${num('employees')} 人`);
  if (str('licensedOn')) parts.push(`执照日期：${str('licensedOn')}`);
  if (str('issuedOn')) parts.push(`发证日期：${str('issuedOn')}`);
  if (entry.action === 'certificate.record' && str('level'))
    parts.push(`等级：${term('certificateLevels', str('level'))}`);
  return parts.length ? (
    <div>
      {parts.map((p) => (
        <div key={p}>{p}</div>
      ))}
    </div>
  ) : (
    <>—</>
  );
}
