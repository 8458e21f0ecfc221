import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Pagination,
  Radio,
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
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { ID_NUMBER_PATTERN } from '../../ui/forms';
import { dateText, dateTimeText, wageRange } from '../../ui/format';
import { cleanText, failure } from '../employer/feedback';
import { APPLICATION_STATUS_COLOR, placementPlace, useTerm } from '../employer/vocab';

// The gig market's poster pages: their own chunk, loaded when the tab is opened.
const PosterGigs = lazy(() => import('../gigs/PosterGigs'));
type ReferralBody = components['schemas']['AgencyReferralDto'];
type Referral = components['schemas']['AgencyReferralView'];
type Placement = components['schemas']['PlacementView'];

const TABS = ['refer', 'placements', 'gigs-post'] as const;
type TabKey = (typeof TABS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 20;

/** The HR service organisation's home (/me): refer a seeker to a post, and the placements it made. */
export default function AgencyHome() {
  const { user } = useSession();
  const term = useTerm();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(raw ?? '') ? (raw as TabKey) : 'refer';
  const kind = term('agencyKinds', user?.organisation?.agencyKind, '');
  return (
    <Page title={user?.organisation?.name ?? '服务机构'}>
      {kind && (
        <p className="muted" style={{ marginTop: -8 }}>
          {kind}
        </p>
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'refer', label: '推荐求职者', children: <ReferTab /> },
          { key: 'placements', label: '推荐成功', children: <PlacementsTab /> },
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

// ---------------------------------------------------------------- 推荐求职者

interface ReferForm {
  jobPostId?: string;
  /** The ID number on the seeker's card, or their platform id (求职者编号). */
  seeker?: string;
  free?: boolean;
  note?: string;
}

/** Published posts to pick from: the public search, newest first until a word is typed. */
function usePostSearch(words: string) {
  return useQuery({
    queryKey: ['agency', 'post-search', words],
    queryFn: () =>
      ok(
        api.GET('/api/v1/job-posts/search', {
          params: { query: words ? { q: words, limit: '20' } : { sort: 'date', limit: '20' } },
        }),
      ),
    staleTime: 60_000,
  });
}

function ReferTab() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const term = useTerm();
  const [form] = Form.useForm<ReferForm>();
  const [typed, setTyped] = useState('');
  const [words, setWords] = useState('');
  const [made, setMade] = useState<Referral[]>([]);

  useEffect(() => {
    const t = setTimeout(() => setWords(typed.trim().slice(0, 100)), 300);
    return () => clearTimeout(t);
  }, [typed]);
  const posts = usePostSearch(words);

  const refer = useMutation({
    mutationFn: (body: ReferralBody) => ok(api.POST('/api/v1/agency/referrals', { body })),
    onSuccess: (r) => {
      setMade((list) => [r, ...list]);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['agency'] });
      void message.success(`已推荐 ${r.application.seekerDisplayName} 应聘「${r.application.jobPostTitle}」`);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 404 && !err.fields.length) {
        void message.error(
          '没有找到该求职者或岗位：请核对身份证号（求职者须已在平台登记并同意被推荐），岗位须正在招聘',
        );
        return;
      }
      // The form has one box for the person; the API names whichever of its two fields it was.
      if (err instanceof ApiError && err.fields.some((f) => f.field.startsWith('seeker'))) {
        form.setFields([{ name: 'seeker', errors: ['身份证号码不正确，请核对后重新填写'] }]);
        return;
      }
      failure(err, form);
    },
  });

  const onFinish = (v: ReferForm) =>
    refer.mutate({
      jobPostId: v.jobPostId!,
      ...(UUID.test(v.seeker!.trim())
        ? { seekerUserId: v.seeker!.trim() }
        : { seekerIdNumber: v.seeker!.trim().toUpperCase() }),
      free: v.free!,
      note: cleanText(v.note),
    });

  const options = (posts.data?.hits ?? []).map((h) => ({
    value: h.id,
    label: `${h.title} · ${h.employerName} · ${h.placeText} · ${wageRange(h.wageMinFen, h.wageMaxFen)}`,
  }));

  return (
    <div>
      <div className="panel">
        <p className="muted" style={{ marginTop: 0 }}>
          为已在平台登记、并同意被推荐的求职者投递正在招聘的岗位。推荐后由用人单位处理，录用后计入「推荐成功」。
        </p>
        <Form<ReferForm> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 640 }}>
          <Form.Item
            name="jobPostId"
            label="推荐岗位"
            rules={[{ required: true, message: '请选择要推荐的岗位' }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: setTyped }}
              placeholder="输入岗位名称、工种或单位名称搜索"
              options={options}
              loading={posts.isFetching}
              notFoundContent={
                posts.isError
                  ? '暂时无法搜索岗位，请稍后再试'
                  : posts.isPending
                    ? '正在搜索…'
                    : '没有找到正在招聘的岗位'
              }
              onOpenChange={(open) => {
                if (!open) setTyped('');
              }}
            />
          </Form.Item>
          <Form.Item
            name="seeker"
            label="求职者身份证号"
            extra="填写求职者身份证上的号码（求职者须已在平台登记并同意被推荐）；也可填写平台的求职者编号"
            rules={[
              { required: true, whitespace: true, message: '请填写求职者的身份证号' },
              {
                validator: (_, v: string | undefined) =>
                  !v || ID_NUMBER_PATTERN.test(v.trim()) || UUID.test(v.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error('请填写 18 位身份证号码')),
              },
            ]}
          >
            <Input
              autoComplete="off"
              spellCheck={false}
              inputMode="text"
              placeholder="18 位身份证号码"
              maxLength={40}
            />
          </Form.Item>
          <Form.Item
            name="free"
            label="是否免费介绍"
            extra="免费为求职者介绍成功的，可按政策申请职业介绍补贴"
            rules={[{ required: true, message: '请选择是否免费介绍' }]}
          >
            <Radio.Group
              options={[
                { value: true, label: '免费介绍（不向求职者收费）' },
                { value: false, label: '收费介绍' },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label="推荐说明" rules={[{ max: 1000, message: '最多 1000 个字' }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder="如：本人有叉车证，可随时到岗" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={refer.isPending}>
            推荐
          </Button>
        </Form>
      </div>
      {made.length > 0 && (
        <section className="panel" aria-labelledby="made-head">
          <h2 id="made-head" style={{ fontSize: 18, margin: '0 0 8px' }}>
            本次推荐
          </h2>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {made.map((r) => (
              <Card
                key={r.referralId}
                size="small"
                title={r.application.seekerDisplayName}
                extra={
                  <Tag color={APPLICATION_STATUS_COLOR[r.application.status]}>
                    {term('applicationStatuses', r.application.status)}
                  </Tag>
                }
              >
                <div>
                  应聘：<Link to={`/jobs/${r.application.jobPostId}`}>{r.application.jobPostTitle}</Link>（
                  {r.application.employerName}）
                </div>
                <div className="muted">
                  {dateTimeText(r.application.createdAt)} ·{' '}
                  {r.application.referralFree ? '免费介绍' : '收费介绍'}
                </div>
              </Card>
            ))}
          </Space>
        </section>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 推荐成功

function PlacementsTab() {
  const [page, setPage] = useState(1);
  const placements = useQuery({
    queryKey: ['agency', 'placements', page],
    queryFn: () =>
      ok(
        api.GET('/api/v1/agency/placements', {
          params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
        }),
      ),
  });
  return (
    <div>
      <p className="muted" style={{ marginTop: 0 }}>
        经贵机构推荐、已被用人单位录用并登记就业的人员。
      </p>
      <QueryState query={placements} isEmpty={(d) => d.items.length === 0} empty="还没有推荐成功的记录">
        {(d) => (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`共 ${d.total} 人`} />
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {d.items.map((p) => (
                <PlacementCard key={p.id} placement={p} />
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

function PlacementCard({ placement: p }: { placement: Placement }) {
  const term = useTerm();
  return (
    <Card
      size="small"
      title={p.seekerDisplayName}
      extra={p.endedOn ? <Tag>已离岗</Tag> : <Tag color="green">在岗</Tag>}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label="用人单位">{p.employerName}</Descriptions.Item>
        <Descriptions.Item label="工作地点">{placementPlace(p.jobLocation, term) || '—'}</Descriptions.Item>
        <Descriptions.Item label="岗位类别">{term('postKinds', p.postKind)}</Descriptions.Item>
        <Descriptions.Item label="入职日期">{dateText(p.startDate)}</Descriptions.Item>
        <Descriptions.Item label="合同到期">
          {p.contractEndDate ? dateText(p.contractEndDate) : '无固定期限'}
        </Descriptions.Item>
        <Descriptions.Item label="介绍方式">{p.referralFree ? '免费介绍' : '收费介绍'}</Descriptions.Item>
        {p.endedOn && <Descriptions.Item label="离岗日期">{dateText(p.endedOn)}</Descriptions.Item>}
        {p.endReason && <Descriptions.Item label="离岗原因">{p.endReason}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}
