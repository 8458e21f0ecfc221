import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Pagination,
  Select,
  Skeleton,
  Space,
  Tabs,
  Tag,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { ImportTemplates } from '../../ui/ImportUpload';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { dateText, wageRange, yuan } from '../../ui/format';
import { cleanText, failure } from './feedback';
import {
  CLAIM_SOURCE_NAMES,
  CLAIM_STATUS_COLOR,
  JOB_POST_STATUS_COLOR,
  periodText,
  useTerm,
  useTermOptions,
  type EmployerSize,
  type JobPostStatus,
} from './vocab';

// The gig market's poster pages: their own chunk, loaded when the tab is opened.
const PosterGigs = lazy(() => import('../gigs/PosterGigs'));
type Enterprise = components['schemas']['EnterpriseView'];
type ProfileBody = components['schemas']['UpsertMyEnterpriseDto'];
type Claim = components['schemas']['SubsidyClaimView'];

const TABS = ['profile', 'posts', 'import', 'claims', 'gigs-post'] as const;
type TabKey = (typeof TABS)[number];
const PAGE_SIZE = 20;
const PHONE = /^(?:1[3-9]\d{9}|0[1-9]\d{1,2}-?[2-9]\d{6,7})$/;

const enterpriseKey = ['employer', 'enterprise'] as const;

function useEnterprise() {
  return useQuery({
    queryKey: enterpriseKey,
    queryFn: () => ok(api.GET('/api/v1/enterprises/mine')),
  });
}

/** The employer's home (/me): the enterprise, its posts, the sheet import and its subsidy claims. */
export default function EmployerHome() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(raw ?? '') ? (raw as TabKey) : 'profile';
  const enterprise = useEnterprise();
  const needsProfile = enterprise.data && !enterprise.data.hasProfile;

  return (
    <Page title={user?.organisation?.name ?? '单位中心'}>
      {needsProfile && tab !== 'profile' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="单位信息还没有填写完整"
          description="完善单位规模、所在乡镇和联系人后，岗位审核和补贴核定会更快。"
          action={
            <Button size="small" onClick={() => setParams({ tab: 'profile' })}>
              去填写
            </Button>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'profile', label: '单位信息', children: <ProfileTab /> },
          { key: 'posts', label: '我的岗位', children: <PostsTab /> },
          { key: 'import', label: '批量导入', children: <ImportTab /> },
          { key: 'claims', label: '补贴申领', children: <ClaimsTab /> },
          {
            key: 'gigs-post',
            label: '零工',
            children: (
              <Suspense fallback={<Skeleton active />}>
                <PosterGigs />
              </Suspense>
            ),
          },
        ]}
      />
    </Page>
  );
}

// ---------------------------------------------------------------- 单位信息

interface ProfileForm {
  size?: EmployerSize;
  industry?: string;
  townshipCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

function ProfileTab() {
  const enterprise = useEnterprise();
  // An enterprise without a profile yet may answer 404: the form then starts empty.
  if (enterprise.isError && enterprise.error instanceof ApiError && enterprise.error.status === 404) {
    return <ProfileEditor enterprise={null} />;
  }
  return <QueryState query={enterprise}>{(e) => <ProfileEditor enterprise={e} />}</QueryState>;
}

function ProfileEditor({ enterprise }: { enterprise: Enterprise | null }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileForm>();
  const sizeOptions = useTermOptions('employerSizes');
  const townshipOptions = useTermOptions('townships');

  useEffect(() => {
    form.setFieldsValue({
      size: enterprise?.size ?? undefined,
      industry: enterprise?.industry ?? undefined,
      townshipCode: enterprise?.townshipCode ?? undefined,
      address: enterprise?.address ?? undefined,
      contactName: enterprise?.contactName ?? undefined,
      contactPhone: undefined,
    });
  }, [enterprise, form]);

  const save = useMutation({
    mutationFn: (body: ProfileBody) => ok(api.PUT('/api/v1/enterprises/mine', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(enterpriseKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['employer'] });
      form.setFieldValue('contactPhone', undefined);
      void message.success('单位信息已保存');
    },
    onError: (err) => failure(err, form),
  });

  const onFinish = (v: ProfileForm) =>
    save.mutate({
      size: v.size,
      industry: cleanText(v.industry),
      townshipCode: v.townshipCode,
      address: cleanText(v.address),
      contactName: cleanText(v.contactName),
      contactPhone: cleanText(v.contactPhone),
    });

  const currentPhone = enterprise?.contactPhone ?? null;
  const name = enterprise?.name ?? user?.organisation?.name;
  const creditCode = enterprise?.creditCode ?? user?.organisation?.creditCode;

  return (
    <div className="panel">
      <Descriptions column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="单位名称">{name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{creditCode ?? '—'}</Descriptions.Item>
        {enterprise?.isKey && (
          <Descriptions.Item label="单位类别">
            <Tag color="blue">重点企业</Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
      {enterprise && !enterprise.hasProfile && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="请填写下面的单位信息并保存" />
      )}
      <Form<ProfileForm> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 560 }}>
        <Form.Item name="size" label="单位规模" rules={[{ required: true, message: '请选择单位规模' }]}>
          <Select placeholder="请选择" options={sizeOptions} />
        </Form.Item>
        <Form.Item
          name="industry"
          label="所属行业"
          rules={[
            { required: true, whitespace: true, message: '请填写所属行业' },
            { max: 100, message: '最多 100 个字' },
          ]}
        >
          <Input placeholder="如：制造业" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="townshipCode"
          label="所在乡镇"
          rules={[{ required: true, message: '请选择所在乡镇' }]}
        >
          <Select placeholder="请选择" options={townshipOptions} />
        </Form.Item>
        <Form.Item name="address" label="详细地址" rules={[{ max: 200, message: '最多 200 个字' }]}>
          <Input placeholder="如：稷山县稷峰镇新建路12号" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="contactName"
          label="联系人"
          rules={[
            { required: true, whitespace: true, message: '请填写联系人' },
            { max: 100, message: '最多 100 个字' },
          ]}
        >
          <Input placeholder="如：王经理" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          extra={
            currentPhone ? `现有电话：${currentPhone}。不修改请留空。` : '手机号或座机号（如 0359-5521234）'
          }
          rules={[
            { required: !currentPhone, message: '请填写联系电话' },
            { pattern: PHONE, message: '请填写正确的手机号或座机号' },
          ]}
        >
          <Input inputMode="tel" placeholder={currentPhone ? '填写新的联系电话' : '请输入'} maxLength={20} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存单位信息
        </Button>
      </Form>
    </div>
  );
}

// ---------------------------------------------------------------- 我的岗位

function PostsTab() {
  const navigate = useNavigate();
  const term = useTerm();
  const statusOptions = useTermOptions('jobPostStatuses');
  const [status, setStatus] = useState<JobPostStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const posts = useQuery({
    queryKey: ['employer', 'posts', { status, page }],
    queryFn: () =>
      ok(
        api.GET('/api/v1/job-posts', {
          params: { query: { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
  });

  return (
    <div>
      <div className="row-actions" style={{ marginBottom: 12, alignItems: 'center' }}>
        <Button type="primary" onClick={() => navigate('/me/posts/new')}>
          发布新岗位
        </Button>
        <Select
          aria-label="按状态筛选"
          style={{ minWidth: 140 }}
          value={status ?? 'all'}
          onChange={(v: string) => {
            setStatus(v === 'all' ? undefined : (v as JobPostStatus));
            setPage(1);
          }}
          options={[{ value: 'all', label: '全部状态' }, ...statusOptions]}
        />
      </div>
      <QueryState
        query={posts}
        isEmpty={(d) => d.items.length === 0}
        empty={status ? '没有该状态的岗位' : '还没有岗位，点击「发布新岗位」开始招聘'}
      >
        {(d) => (
          <>
            {d.items.map((p) => (
              <article key={p.id} className="job-card">
                <div
                  style={{
                    display: 'flex',
                    justifyContent: 'space-between',
                    gap: 8,
                    alignItems: 'flex-start',
                  }}
                >
                  <h2>
                    <Link to={`/me/posts/${p.id}`}>{p.title}</Link>
                  </h2>
                  <Tag color={JOB_POST_STATUS_COLOR[p.status]} style={{ marginInlineEnd: 0, flexShrink: 0 }}>
                    {term('jobPostStatuses', p.status)}
                  </Tag>
                </div>
                <div className="job-meta">
                  <span className="wage">{wageRange(p.wageMinFen, p.wageMaxFen)}</span>
                  <span>{p.placeText}</span>
                  <span>{term('employmentTypes', p.employmentType)}</span>
                  <span>招 {p.headcount} 人</span>
                  {p.deadline && <span>截止 {dateText(p.deadline)}</span>}
                  <span>更新于 {dateText(p.updatedAt)}</span>
                </div>
                {p.status === 'draft' && p.rejectReason && (
                  <div style={{ color: '#c0392b', marginTop: 4 }}>审核未通过：{p.rejectReason}</div>
                )}
              </article>
            ))}
            {d.total > PAGE_SIZE && (
              <Pagination
                simple
                current={page}
                pageSize={PAGE_SIZE}
                total={d.total}
                onChange={setPage}
                style={{ marginTop: 8 }}
              />
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

// ---------------------------------------------------------------- 批量导入

function ImportTab() {
  return (
    <div className="panel">
      <ImportTemplates />
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        title="填好的采集表请交给您的人社服务专员上传"
        description="目前批量上传由县人社服务专员办理：专员上传后，表中的岗位会自动归到贵单位（按统一社会信用代码），审核通过后在「我的岗位」中可以看到。零星岗位可直接点击「我的岗位」中的「发布新岗位」。"
      />
    </div>
  );
}

// ---------------------------------------------------------------- 补贴申领

function ClaimsTab() {
  const [page, setPage] = useState(1);
  const claims = useQuery({
    queryKey: ['employer', 'claims', page],
    queryFn: () =>
      ok(
        api.GET('/api/v1/subsidy-claims', {
          params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
  });
  return (
    <div>
      <p className="muted" style={{ marginTop: 0 }}>
        录用人员登记就业后，系统按政策自动为贵单位生成补贴申领（免申即享），无需另行申请；人社部门审核后发放。
      </p>
      <QueryState query={claims} isEmpty={(d) => d.items.length === 0} empty="暂无补贴申领">
        {(d) => (
          <>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {d.items.map((c) => (
                <ClaimCard key={c.id} claim={c} />
              ))}
            </Space>
            {d.total > PAGE_SIZE && (
              <Pagination
                simple
                current={page}
                pageSize={PAGE_SIZE}
                total={d.total}
                onChange={setPage}
                style={{ marginTop: 12 }}
              />
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

function ClaimCard({ claim: c }: { claim: Claim }) {
  const term = useTerm();
  const lowered = c.approvedAmountFen !== null && c.amountFen !== null && c.approvedAmountFen < c.amountFen;
  return (
    <Card
      size="small"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {c.measureName}
          <span className="muted" style={{ fontWeight: 400 }}>
            （{c.clause}）
          </span>
        </span>
      }
      extra={<Tag color={CLAIM_STATUS_COLOR[c.status]}>{term('claimStatuses', c.status)}</Tag>}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label="补贴金额">
          <span className="wage">
            {c.approvedAmountFen !== null
              ? yuan(c.approvedAmountFen)
              : c.amountFen !== null
                ? yuan(c.amountFen)
                : '待核定'}
          </span>
          {lowered && <span className="muted">（按政策可申领 {yuan(c.amountFen)}）</span>}
        </Descriptions.Item>
        <Descriptions.Item label="所属期间">{periodText(c.period)}</Descriptions.Item>
        <Descriptions.Item label="申领依据">{CLAIM_SOURCE_NAMES[c.source.kind] ?? '其他'}</Descriptions.Item>
        <Descriptions.Item label="生成日期">{dateText(c.createdAt)}</Descriptions.Item>
        {c.decidedAt && <Descriptions.Item label="审核日期">{dateText(c.decidedAt)}</Descriptions.Item>}
        {c.decisionReason && <Descriptions.Item label="审核意见">{c.decisionReason}</Descriptions.Item>}
        {c.paidAt && <Descriptions.Item label="发放日期">{dateText(c.paidAt)}</Descriptions.Item>}
        {c.paymentReference && <Descriptions.Item label="发放批次">{c.paymentReference}</Descriptions.Item>}
      </Descriptions>
      {c.reasons.length > 0 && (
        <ul className="reasons">
          {c.reasons.map((r) => (
            <li key={r.code}>
              {r.ok ? '符合：' : '不符合：'}
              {r.text}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
