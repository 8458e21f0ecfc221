/** Small pieces the console's tabs share: a reason dialog, pickers, paging and the reader's scope. */
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Modal, Select, type SelectProps, type TablePaginationConfig } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useSession } from '../../auth/session';
import { showApiError } from '../../ui/forms';
import { useTermName, useTermOptions, type VocabularyKind } from '../../ui/vocab';

/** Who reads the console: staff may act; admins read (several staff-only routes answer them 403). */
export function useReader() {
  const { user } = useSession();
  return {
    user,
    isStaff: user?.role === 'staff',
    isAdmin: user?.role === 'admin',
    /** A township station's staff: their lists are their township's anyway. */
    ownTownship: user?.role === 'staff' ? user.townshipCode : null,
  };
}

/** Server paging for a Table: page state and the `pagination` prop. */
export function usePaging(pageSize = 20) {
  const [page, setPage] = useState(1);
  const reset = useCallback(() => setPage(1), []);
  return {
    limit: pageSize,
    offset: (page - 1) * pageSize,
    reset,
    pagination: (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: false,
      showTotal: (t) => `共 ${t} 条`,
      onChange: (p) => setPage(p),
      hideOnSinglePage: true,
    }),
  };
}

/** Back to the first page when the page shown has emptied (its last rows were just handled). */
export function usePageInRange(
  paging: { offset: number; reset: () => void },
  data?: { items: unknown[]; total: number },
) {
  const { offset, reset } = paging;
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && offset > 0) reset();
  }, [data, offset, reset]);
}

/** A value typed a moment ago, settled (for search boxes that ask the API). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * An `Idempotency-Key` for one creating form: a retry after a lost answer (network) replays the
 * first answer instead of creating twice; after any answer of the API the next send gets a new key.
 */
export function useIdempotencyKey() {
  const [key, setKey] = useState(newKey);
  const renew = () => setKey(newKey());
  return {
    headers: { 'Idempotency-Key': key },
    renew,
    afterError: (err: unknown) => {
      if (!(err instanceof ApiError && err.status === 0)) renew();
    },
  };
}

/** A random key; `crypto.randomUUID` exists only on https or localhost, the county LAN may be plain http. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** The API's calendar date (YYYY-MM-DD) of a DatePicker value. */
export function isoDate(d: Dayjs | null | undefined): string | undefined {
  return d ? d.format('YYYY-MM-DD') : undefined;
}

/** 元 typed in a form → integer fen for the API. */
export function toFen(yuanValue: number | null | undefined): number | undefined {
  if (yuanValue === null || yuanValue === undefined) return undefined;
  return Math.round(yuanValue * 100);
}

/** Drops empty strings and undefined from a query object. */
export function clean<T extends Record<string, unknown>>(q: T): T {
  return Object.fromEntries(
    Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;
}

/** A dialog asking for a required reason; `onSubmit` does the call (its field errors land on the box). */
export function ReasonModal({
  open,
  title,
  label,
  placeholder,
  okText = '确定',
  min = 2,
  intro,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  placeholder?: string;
  okText?: string;
  min?: number;
  intro?: ReactNode;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {intro}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async ({ reason }) => {
          setBusy(true);
          try {
            await onSubmit(reason.trim());
          } catch (err) {
            showApiError(err, form);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { min, message: `${label}至少 ${min} 个字` },
            { max: 500, message: `${label}最多 500 个字` },
          ]}
        >
          <Input.TextArea rows={3} placeholder={placeholder} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type PickerProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'loading'>;

/**
 * The options of a picker that searches the server: the chosen value keeps its label when a new
 * search leaves it out (labels of what was seen are remembered).
 */
function useKeptChoice(
  found: { value: string; label: string }[],
  value: unknown,
  unknownLabel: string,
): { value: string; label: string }[] {
  const seen = useRef(new Map<string, string>());
  return useMemo(() => {
    const opts = [...found];
    for (const o of opts) seen.current.set(o.value, o.label);
    const chosen = typeof value === 'string' ? value : undefined;
    if (chosen && !opts.some((o) => o.value === chosen)) {
      opts.unshift({ value: chosen, label: seen.current.get(chosen) ?? unknownLabel });
    }
    return opts;
  }, [found, value, unknownLabel]);
}

/** 用人单位 picker: searches GET /api/v1/enterprises by name or credit code. */
export function EnterpriseSelect(props: PickerProps) {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const query = useQuery({
    queryKey: ['staff', 'enterprise-options', term],
    queryFn: () => ok(api.GET('/api/v1/enterprises', { params: { query: clean({ q: term, limit: 20 }) } })),
  });
  const found = useMemo(
    () => (query.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` })),
    [query.data],
  );
  const opts = useKeptChoice(found, props.value, '已选择的单位');
  return (
    <Select
      placeholder="输入单位名称或统一社会信用代码搜索"
      allowClear
      {...props}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={query.isFetching}
      options={opts}
      notFoundContent={query.isError ? '加载失败，请重试' : query.isFetching ? '正在搜索…' : '没有找到单位'}
    />
  );
}

/** 求职者 picker: searches GET /api/v1/seekers by a part of the name, the login or the ID number. */
export function SeekerSelect(props: PickerProps) {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const query = useQuery({
    queryKey: ['staff', 'seeker-options', term],
    queryFn: () => ok(api.GET('/api/v1/seekers', { params: { query: clean({ q: term, limit: 20 }) } })),
  });
  const found = useMemo(
    () =>
      (query.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.person.displayName}${s.person.mobile ? `（${s.person.mobile}）` : ''}`,
      })),
    [query.data],
  );
  const opts = useKeptChoice(found, props.value, '已选择的求职者');
  return (
    <Select
      placeholder="输入姓名、账号或身份证号搜索求职者"
      allowClear
      {...props}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={query.isFetching}
      options={opts}
      notFoundContent={query.isError ? '加载失败，请重试' : query.isFetching ? '正在搜索…' : '没有找到求职者'}
    />
  );
}

/** Staff users (人社服务专员, audit actors): GET /api/v1/users?role=staff (and admins when asked). */
export function useStaffUsers(withAdmins = false) {
  const staff = useQuery({
    queryKey: ['staff', 'users', 'staff'],
    queryFn: () => ok(api.GET('/api/v1/users', { params: { query: { role: 'staff', limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
  const admins = useQuery({
    queryKey: ['staff', 'users', 'admin'],
    queryFn: () => ok(api.GET('/api/v1/users', { params: { query: { role: 'admin', limit: 100 } } })),
    staleTime: 5 * 60_000,
    enabled: withAdmins,
  });
  const users = useMemo(
    () => [...(staff.data?.items ?? []), ...(withAdmins ? (admins.data?.items ?? []) : [])],
    [staff.data, admins.data, withAdmins],
  );
  return { users, loading: staff.isPending || (withAdmins && admins.isPending), error: staff.isError };
}

export function StaffUserSelect({ withAdmins, ...props }: PickerProps & { withAdmins?: boolean }) {
  const { users, loading, error } = useStaffUsers(withAdmins);
  return (
    <Select
      placeholder="选择工作人员"
      allowClear
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      options={[
        ...users.map((u) => ({
          value: u.id,
          label: u.role === 'admin' ? `${u.displayName}（管理员）` : u.displayName,
        })),
        // A chosen person outside the reader's list (another township's staff) still shows a name.
        ...(!loading && typeof props.value === 'string' && !users.some((u) => u.id === props.value)
          ? [{ value: props.value, label: '其他乡镇的工作人员' }]
          : []),
      ]}
      notFoundContent={error ? '加载失败，请重试' : '没有找到工作人员'}
    />
  );
}

/** 人力资源服务机构 picker: the organisations of agency users (GET /api/v1/users?role=agency). */
export function AgencySelect(props: PickerProps) {
  const query = useQuery({
    queryKey: ['staff', 'agency-options'],
    queryFn: () => ok(api.GET('/api/v1/users', { params: { query: { role: 'agency', limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
  const opts = useMemo(() => {
    const seen = new Map<string, string>();
    for (const u of query.data?.items ?? [])
      if (u.organisation) seen.set(u.organisation.id, u.organisation.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [query.data]);
  return (
    <Select
      placeholder="选择推荐就业的服务机构"
      allowClear
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={query.isFetching}
      options={opts}
      notFoundContent={query.isError ? '加载失败，请重试' : '没有可选的服务机构'}
    />
  );
}

export function TownshipSelect(props: PickerProps) {
  const townships = useTermOptions('townships');
  return <Select placeholder="选择乡镇" allowClear {...props} options={townships} />;
}

/** A vocabulary term's Chinese name (GET /api/v1/vocabularies), or a dash; never the code. */
export function useTerm(): (kind: VocabularyKind, code: string | null | undefined, empty?: string) => string {
  const name = useTermName();
  return (kind, code, empty = '—') => (code ? name(kind, code) || '—' : empty);
}

/** A vocabulary's `{value, label}` options, typed as the API's own values. */
export function useTermSelect<T extends string>(kind: VocabularyKind): { value: T; label: string }[] {
  return useTermOptions(kind) as { value: T; label: string }[];
}

/** The filters row above a table: wraps on a phone. */
export function Filters({ children }: { children: ReactNode }) {
  return (
    <div
      role="search"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}
    >
      {children}
    </div>
  );
}

/** A filter control's width: full on a phone, fixed on a desktop. */
export const filterStyle = (w: number) => ({ width: w, maxWidth: '100%' });

/** A list's search box: typing changes the words and takes the list back to its first page. */
export function FilterSearch(props: {
  label: string;
  placeholder: string;
  value: string;
  width: number;
  onChange: (words: string) => void;
}) {
  return (
    <Input.Search
      aria-label={props.label}
      placeholder={props.placeholder}
      allowClear
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      style={filterStyle(props.width)}
    />
  );
}
