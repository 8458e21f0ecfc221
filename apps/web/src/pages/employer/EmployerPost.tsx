import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Popconfirm,
  Radio,
  Result,
  Select,
  Space,
  Tag,
  Timeline,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { ScreeningFlags } from '../../ui/ScreeningFlags';
import { dateText, dateTimeText, wageRange, yuan } from '../../ui/format';
import { cleanText, failure } from './feedback';
import { AcceptInternButton, InternshipPanel } from './InternshipPanel';
import {
  APPLICATION_STATUS_COLOR,
  EMPLOYER_TRANSITIONS,
  ENDED_POST_STATUSES,
  JOB_POST_STATUS_COLOR,
  STEP_ACTION,
  ageBandText,
  useTerm,
  useTermOptions,
  type ApplicationStatus,
  type Education,
  type EmploymentType,
  type PostKind,
} from './vocab';

type S = components['schemas'];
type Post = S['JobPostView'];
type CreateBody = S['CreateJobPostDto'];
type UpdateBody = S['UpdateJobPostDto'];
type Application = S['ApplicationView'];
type Candidate = S['CandidateMatchView'];
type TransitionBody = S['TransitionDto'];

const PHONE = /^(?:1[3-9]\d{9}|0[1-9]\d{1,2}-?[2-9]\d{6,7})$/;
const WAGE_MAX_YUAN = 1_000_000;
/** Edits of these fields leave a published post published (libs/jobs job-post.service NON_MATERIAL). */
const NON_MATERIAL = new Set(['contactName', 'contactPhone']);
const BENEFIT_SUGGESTIONS = [
  '五险一金',
  '五险',
  '包吃住',
  '包住',
  '餐补',
  '交通补贴',
  '全勤奖',
  '年终奖',
  '带薪年假',
  '节日福利',
];
const TAG_SEPARATORS = [',', '，', '、', ';', '；'];
const APPLICATIONS_PAGE = 20;

const postKey = (id: string) => ['employer', 'post', id] as const;

/** The form's values: money in 元 (the API takes integer 分), the deadline as a date. */
interface PostForm {
  title?: string;
  occupation?: string;
  headcount?: number | null;
  placeKind: 'county' | 'outside';
  townshipCode?: string;
  outsidePlace?: string;
  employmentType: EmploymentType;
  wageMinFen?: number | null;
  wageMaxFen?: number | null;
  education?: Education;
  ageMin?: number | null;
  ageMax?: number | null;
  skills?: string[];
  benefits?: string[];
  description?: string;
  requirements?: string;
  contactName?: string;
  contactPhone?: string;
  deadline?: Dayjs | null;
}

const toFen = (y: number | null | undefined) =>
  y === null || y === undefined ? undefined : Math.round(y * 100);
const toYuan = (f: number | null) => (f === null ? undefined : f / 100);
const num = (n: number | null | undefined) => (n === null || n === undefined ? undefined : n);
const tags = (list: string[] | undefined) =>
  (list ?? []).map((s) => s.trim()).filter((s, i, all) => s !== '' && all.indexOf(s) === i);

function formOf(p: Post | undefined, session: { contactName?: string }): PostForm {
  if (!p) return { placeKind: 'county', employmentType: 'full-time', contactName: session.contactName };
  return {
    title: p.title,
    occupation: p.occupation ?? undefined,
    headcount: p.headcount,
    placeKind: p.townshipCode ? 'county' : 'outside',
    townshipCode: p.townshipCode ?? undefined,
    outsidePlace: p.townshipCode
      ? undefined
      : [p.outsideProvince, p.outsideCity, p.outsideCounty].filter(Boolean).join('') || p.placeText,
    employmentType: p.employmentType as EmploymentType,
    wageMinFen: toYuan(p.wageMinFen),
    wageMaxFen: toYuan(p.wageMaxFen),
    education: (p.education ?? undefined) as Education | undefined,
    ageMin: p.ageMin ?? undefined,
    ageMax: p.ageMax ?? undefined,
    skills: p.skills,
    benefits: p.benefits,
    description: p.description ?? undefined,
    requirements: p.requirements ?? undefined,
    contactName: p.contactName ?? undefined,
    contactPhone: p.contactPhone ?? undefined,
    deadline: p.deadline ? dayjs(p.deadline) : undefined,
  };
}

function bodyOf(v: PostForm): CreateBody {
  return {
    title: cleanText(v.title),
    occupation: cleanText(v.occupation),
    headcount: num(v.headcount),
    ...(v.placeKind === 'county'
      ? { townshipCode: v.townshipCode }
      : { outsidePlace: cleanText(v.outsidePlace) }),
    employmentType: v.employmentType,
    wageMinFen: toFen(v.wageMinFen),
    wageMaxFen: toFen(v.wageMaxFen),
    education: v.education,
    ageMin: num(v.ageMin),
    ageMax: num(v.ageMax),
    skills: tags(v.skills),
    benefits: tags(v.benefits),
    description: cleanText(v.description),
    requirements: cleanText(v.requirements),
    contactName: cleanText(v.contactName),
    contactPhone: cleanText(v.contactPhone),
    deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
  };
}

/**
 * What changed since the post was loaded: PATCH sends only that, since any field sent (even with
 * the same value) counts as a change and sends a published post back to review. A field emptied
 * in the form cannot be cleared through the API; `cleared` says one was.
 */
function changesOf(now: CreateBody, before: CreateBody): { body: Partial<CreateBody>; cleared: boolean } {
  const body: Record<string, unknown> = {};
  let cleared = false;
  const place = (b: CreateBody) =>
    b.townshipCode !== undefined ? `t:${b.townshipCode}` : `o:${b.outsidePlace ?? ''}`;
  if (place(now) !== place(before)) {
    if (now.townshipCode !== undefined) body.townshipCode = now.townshipCode;
    else if (now.outsidePlace !== undefined) body.outsidePlace = now.outsidePlace;
  }
  const keys = new Set([...Object.keys(now), ...Object.keys(before)]);
  for (const k of keys) {
    if (k === 'townshipCode' || k === 'outsidePlace') continue;
    const a = (now as Record<string, unknown>)[k];
    const b = (before as Record<string, unknown>)[k];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a === undefined) cleared = true;
    else body[k] = a;
  }
  return { body: body as Partial<CreateBody>, cleared };
}

/** /me/posts/:id — a post's form, its review actions, the fitting candidates and the applications. */
export default function EmployerPost() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const { user } = useSession();
  const post = useQuery({
    queryKey: postKey(id),
    queryFn: () => ok(api.GET('/api/v1/job-posts/{id}', { params: { path: { id } } })),
    enabled: !isNew,
  });
  const back = (
    <Link to="/me?tab=posts" className="login-link">
      返回我的岗位
    </Link>
  );

  if (isNew) {
    return (
      <Page title="发布新岗位" extra={back}>
        <PostEditor post={undefined} />
      </Page>
    );
  }
  return (
    <Page title={post.data?.title ?? '岗位详情'} extra={back}>
      <QueryState query={post}>
        {(p) =>
          user?.organisationId && p.employerId !== user.organisationId ? (
            <Result status="403" title="这不是贵单位的岗位" subTitle="只能管理本单位发布的岗位。" />
          ) : (
            <>
              <PostEditor post={p} />
              {p.isInternship && <InternshipPanel post={p} />}
              <Candidates postId={p.id} />
              <Applications post={p} />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

// ---------------------------------------------------------------- the form and its actions

function PostEditor({ post }: { post: Post | undefined }) {
  const { message, modal } = App.useApp();
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PostForm>();
  const placeKind = Form.useWatch('placeKind', form) ?? 'county';
  const townshipOptions = useTermOptions('townships');
  const employmentOptions = useTermOptions('employmentTypes');
  const educationOptions = useTermOptions('educationLevels');
  const ended = !!post && ENDED_POST_STATUSES.includes(post.status);
  const initial = formOf(post, { contactName: user?.displayName });

  // Back to the server's values whenever the post itself changed (saved, submitted, closed).
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(formOf(post, { contactName: user?.displayName }));
    // Only these: a refetch with the same post must not wipe what the employer is typing.
  }, [post?.id, post?.updatedAt, post?.status]);

  const settle = (saved: Post) => {
    queryClient.setQueryData(postKey(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: ['employer', 'posts'] });
  };

  const create = useMutation({
    mutationFn: (body: CreateBody) => ok(api.POST('/api/v1/job-posts', { body })),
    onSuccess: (saved) => {
      settle(saved);
      void message.success('岗位已保存为草稿，请提交审核，审核通过后公开招聘');
      navigate(`/me/posts/${saved.id}`, { replace: true });
    },
    onError: (err) => failure(err, form),
  });

  const update = useMutation({
    mutationFn: (body: Partial<CreateBody>) =>
      ok(
        api.PATCH('/api/v1/job-posts/{id}', {
          params: { path: { id: post!.id } },
          // employmentType is optional in the DTO; the generated type marks it required (it has a default).
          body: body as UpdateBody,
        }),
      ),
    onSuccess: (saved) => settle(saved),
    onError: (err) => failure(err, form),
  });

  const action = useMutation({
    mutationFn: (what: 'submit' | 'close' | 'fill') => {
      const path = { params: { path: { id: post!.id } } };
      if (what === 'submit') return ok(api.POST('/api/v1/job-posts/{id}/submit', path));
      if (what === 'close') return ok(api.POST('/api/v1/job-posts/{id}/close', path));
      return ok(api.POST('/api/v1/job-posts/{id}/fill', path));
    },
    onSuccess: (saved, what) => {
      settle(saved);
      void message.success(
        what === 'submit'
          ? '已提交审核，审核通过后公开招聘'
          : what === 'close'
            ? '岗位已关闭'
            : '岗位已标记为招满',
      );
    },
    onError: (err) => failure(err),
  });

  /** Saves the edits; resolves true when there was nothing to save or the save went through. */
  const saveEdits = async (v: PostForm): Promise<boolean> => {
    if (!post) return false;
    const { body, cleared } = changesOf(bodyOf(v), bodyOf(formOf(post, {})));
    if (Object.keys(body).length === 0) {
      if (cleared) void message.info('已清空的项目暂时无法删除，已保留原来的内容');
      return true;
    }
    const material = Object.keys(body).some((k) => !NON_MATERIAL.has(k));
    if (post.status === 'published' && material) {
      const go = await modal.confirm({
        title: '修改后需要重新审核',
        content: '岗位正在公开招聘，修改联系人和电话以外的内容后，需要重新审核，审核期间不公开。确定保存吗？',
        okText: '确定保存',
        cancelText: '取消',
      });
      if (!go) return false;
    }
    try {
      const saved = await update.mutateAsync(body);
      void message.success(
        saved.status === 'pending-review' && post.status === 'published'
          ? '已保存，岗位已转为待审核'
          : cleared
            ? '已保存（已清空的项目暂时无法删除，保留了原来的内容）'
            : '岗位信息已保存',
      );
      return true;
    } catch {
      return false;
    }
  };

  const onFinish = (v: PostForm) => {
    if (!post) create.mutate(bodyOf(v));
    else void saveEdits(v);
  };

  const submitForReview = async () => {
    if (!post) return;
    if (form.isFieldsTouched()) {
      let v: PostForm;
      try {
        v = await form.validateFields();
      } catch {
        return;
      }
      if (!(await saveEdits(v))) return;
    }
    action.mutate('submit');
  };

  const busy = create.isPending || update.isPending || action.isPending;

  return (
    <div className="panel">
      {post && <PostStatus post={post} />}
      <Form<PostForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        disabled={ended}
        scrollToFirstError
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="title"
          label="岗位名称"
          rules={[
            { required: true, whitespace: true, message: '请填写岗位名称' },
            { max: 100, message: '最多 100 个字' },
          ]}
        >
          <Input placeholder="如：电焊工" maxLength={100} />
        </Form.Item>
        <Form.Item name="occupation" label="工种" rules={[{ max: 100, message: '最多 100 个字' }]}>
          <Input placeholder="如：焊工" maxLength={100} />
        </Form.Item>
        <Form.Item name="headcount" label="招聘人数" rules={[{ required: true, message: '请填写招聘人数' }]}>
          <InputNumber
            min={1}
            max={100000}
            precision={0}
            suffix="人"
            style={{ width: '100%' }}
            inputMode="numeric"
          />
        </Form.Item>
        <Form.Item name="placeKind" label="工作地点在" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'county', label: '县内乡镇' },
              { value: 'outside', label: '县外（劳务输出）' },
            ]}
          />
        </Form.Item>
        {placeKind === 'county' ? (
          <Form.Item
            name="townshipCode"
            label="工作乡镇"
            rules={[{ required: true, message: '请选择工作乡镇' }]}
          >
            <Select placeholder="请选择" options={townshipOptions} />
          </Form.Item>
        ) : (
          <Form.Item
            name="outsidePlace"
            label="县外工作地点"
            extra="写明省、市、县，如：江苏省苏州市昆山市；省内可写：运城市新绛县"
            rules={[
              { required: true, whitespace: true, message: '请填写工作地点' },
              { min: 2, max: 60, message: '请填写 2 到 60 个字' },
            ]}
          >
            <Input placeholder="如：江苏省苏州市昆山市" maxLength={60} />
          </Form.Item>
        )}
        <Form.Item
          name="employmentType"
          label="用工形式"
          rules={[{ required: true, message: '请选择用工形式' }]}
        >
          <Select options={employmentOptions} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="wageMinFen" label="月薪下限（元）" style={{ flex: '1 1 160px' }}>
            <InputNumber
              min={0}
              max={WAGE_MAX_YUAN}
              precision={0}
              suffix="元"
              style={{ width: '100%' }}
              inputMode="numeric"
            />
          </Form.Item>
          <Form.Item
            name="wageMaxFen"
            label="月薪上限（元）"
            style={{ flex: '1 1 160px' }}
            dependencies={['wageMinFen']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: number | null | undefined) => {
                  const min = getFieldValue('wageMinFen') as number | null | undefined;
                  return v != null && min != null && v < min
                    ? Promise.reject(new Error('上限不能低于下限'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber
              min={0}
              max={WAGE_MAX_YUAN}
              precision={0}
              suffix="元"
              style={{ width: '100%' }}
              inputMode="numeric"
            />
          </Form.Item>
        </div>
        <Form.Item name="education" label="学历要求">
          <Select allowClear placeholder="不填即不限" options={educationOptions} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="ageMin" label="最低年龄" style={{ flex: '1 1 140px' }}>
            <InputNumber
              min={16}
              max={70}
              precision={0}
              suffix="岁"
              style={{ width: '100%' }}
              inputMode="numeric"
            />
          </Form.Item>
          <Form.Item
            name="ageMax"
            label="最高年龄"
            style={{ flex: '1 1 140px' }}
            dependencies={['ageMin']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: number | null | undefined) => {
                  const min = getFieldValue('ageMin') as number | null | undefined;
                  return v != null && min != null && v < min
                    ? Promise.reject(new Error('最高年龄不能低于最低年龄'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber
              min={16}
              max={70}
              precision={0}
              suffix="岁"
              style={{ width: '100%' }}
              inputMode="numeric"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="skills"
          label="技能要求"
          extra="输入后按回车，可填多项"
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                (v ?? []).length > 30
                  ? Promise.reject(new Error('最多 30 项'))
                  : (v ?? []).some((s) => s.trim().length > 50)
                    ? Promise.reject(new Error('每项最多 50 个字'))
                    : Promise.resolve(),
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={TAG_SEPARATORS} placeholder="如：电焊、气割" />
        </Form.Item>
        <Form.Item
          name="benefits"
          label="福利待遇"
          extra="可选择或自行输入"
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                (v ?? []).length > 30
                  ? Promise.reject(new Error('最多 30 项'))
                  : (v ?? []).some((s) => s.trim().length > 50)
                    ? Promise.reject(new Error('每项最多 50 个字'))
                    : Promise.resolve(),
            },
          ]}
        >
          <Select
            mode="tags"
            tokenSeparators={TAG_SEPARATORS}
            placeholder="如：五险一金、包吃住"
            options={BENEFIT_SUGGESTIONS.map((b) => ({ value: b, label: b }))}
          />
        </Form.Item>
        <Form.Item name="description" label="岗位描述" rules={[{ max: 2000, message: '最多 2000 个字' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="工作内容、工作时间、休息安排等" />
        </Form.Item>
        <Form.Item name="requirements" label="任职要求" rules={[{ max: 2000, message: '最多 2000 个字' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="经验、证书、身体条件等" />
        </Form.Item>
        <Form.Item name="contactName" label="联系人" rules={[{ max: 100, message: '最多 100 个字' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          extra="对外公开时会隐藏部分号码"
          rules={[{ pattern: PHONE, message: '请填写正确的手机号或座机号（如 0359-5521234）' }]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="deadline" label="报名截止日期">
          <DatePicker
            style={{ width: '100%' }}
            placeholder="不填即长期有效"
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            inputReadOnly
          />
        </Form.Item>
        {!ended && (
          <div className="row-actions">
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending || update.isPending}
              disabled={busy}
            >
              {post ? '保存修改' : '保存岗位'}
            </Button>
            {post?.status === 'draft' && (
              <Button onClick={() => void submitForReview()} loading={action.isPending} disabled={busy}>
                提交审核
              </Button>
            )}
            {post && (post.status === 'pending-review' || post.status === 'published') && (
              <Popconfirm
                title="确定岗位已招满吗？"
                description="标记后不再接收新的投递。"
                okText="确定"
                cancelText="取消"
                onConfirm={() => action.mutate('fill')}
              >
                <Button disabled={busy}>标记为已招满</Button>
              </Popconfirm>
            )}
            {post && (
              <Popconfirm
                title="确定关闭这个岗位吗？"
                description="关闭后不再公开，也不能再修改。"
                okText="关闭岗位"
                cancelText="取消"
                okButtonProps={{ danger: true }}
                onConfirm={() => action.mutate('close')}
              >
                <Button danger disabled={busy}>
                  关闭岗位
                </Button>
              </Popconfirm>
            )}
          </div>
        )}
      </Form>
    </div>
  );
}

function PostStatus({ post }: { post: Post }) {
  const term = useTerm();
  const statusName = term('jobPostStatuses', post.status, '');
  return (
    <div style={{ marginBottom: 16 }}>
      <div className="job-meta" style={{ marginBottom: 8 }}>
        <Tag color={JOB_POST_STATUS_COLOR[post.status]}>{statusName || '—'}</Tag>
        <span className="wage">{wageRange(post.wageMinFen, post.wageMaxFen)}</span>
        <span>{post.placeText}</span>
        {post.publishedAt && <span>发布于 {dateText(post.publishedAt)}</span>}
        {post.source === 'import' && <span>批量导入</span>}
      </div>
      {post.status === 'draft' && post.rejectReason && (
        <Alert
          type="error"
          showIcon
          title={`审核未通过：${post.rejectReason}`}
          description="请按意见修改后重新提交审核。"
        />
      )}
      {post.status === 'draft' && !post.rejectReason && (
        <Alert type="info" showIcon title="岗位还是草稿，提交审核并通过后才会公开。" />
      )}
      {post.status === 'pending-review' && (
        <Alert type="info" showIcon title="岗位正在审核中，审核通过后公开招聘。" />
      )}
      {post.screeningFlags.length > 0 && post.status !== 'published' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title="工作人员会重点核实以下内容（招聘服务一律免费，不得向求职者收取任何费用）："
          description={<ScreeningFlags flags={post.screeningFlags} tag={false} />}
        />
      )}
      {post.status === 'published' && (
        <Alert
          type="success"
          showIcon
          title="岗位正在公开招聘"
          description={
            <>
              修改联系人和电话以外的内容需要重新审核。<Link to={`/jobs/${post.id}`}>查看公开页面</Link>
            </>
          }
        />
      )}
      {ENDED_POST_STATUSES.includes(post.status) && (
        <Alert type="warning" showIcon title={`该岗位${statusName || '已结束'}，不能再修改。`} />
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 推荐人选

function Candidates({ postId }: { postId: string }) {
  const candidates = useQuery({
    queryKey: ['employer', 'candidates', postId],
    queryFn: () => ok(api.GET('/api/v1/job-posts/{id}/candidates', { params: { path: { id: postId } } })),
  });
  return (
    <section className="panel" aria-labelledby="candidates-head">
      <h2 id="candidates-head" style={{ fontSize: 20, margin: '0 0 4px' }}>
        推荐人选
      </h2>
      <p className="muted" style={{ marginTop: 0 }}>
        以下是愿意被用人单位查看、与岗位较为匹配的求职者。为保护个人信息，不显示姓名和联系方式。
      </p>
      <QueryState query={candidates} isEmpty={(d) => d.candidates.length === 0} empty="暂时没有匹配的求职者">
        {(d) => (
          <>
            {d.degraded && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="匹配服务暂时繁忙，结果可能不完整"
              />
            )}
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {d.candidates.map((c, i) => (
                <CandidateCard key={c.seeker.id} candidate={c} n={i + 1} />
              ))}
            </Space>
          </>
        )}
      </QueryState>
    </section>
  );
}

function CandidateCard({ candidate: c, n }: { candidate: Candidate; n: number }) {
  const s = c.seeker;
  const term = useTerm();
  const subsidy = c.reasons.filter((r) => r.includes('补贴'));
  const others = c.reasons.filter((r) => !r.includes('补贴'));
  return (
    <Card
      size="small"
      title={`求职者 ${n}`}
      extra={
        <Tag color={c.score >= 70 ? 'green' : c.score >= 40 ? 'blue' : 'default'}>匹配度 {c.score} 分</Tag>
      }
    >
      <div className="job-meta">
        <span>{s.township ?? '乡镇未填'}</span>
        <span>{ageBandText(s.ageBand)}</span>
        <span>{term('educationLevels', s.education, '学历未填')}</span>
        <span>{term('availabilities', s.availability, '到岗时间未填')}</span>
        {s.wageExpectationFen !== null && <span>期望月薪 {yuan(s.wageExpectationFen)}</span>}
      </div>
      {s.desiredOccupations.length > 0 && <div>意向工种：{s.desiredOccupations.join('、')}</div>}
      {s.skills.length > 0 && <div>技能：{s.skills.join('、')}</div>}
      {s.certificates.length > 0 && <div>证书：{s.certificates.join('、')}</div>}
      {others.length > 0 && (
        <ul className="reasons" aria-label="推荐理由">
          {others.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {subsidy.map((r) => (
        <Alert key={r} type="success" showIcon style={{ marginTop: 8 }} title={`补贴提示：${r}`} />
      ))}
    </Card>
  );
}

// ---------------------------------------------------------------- 应聘记录

function Applications({ post }: { post: Post }) {
  const [status, setStatus] = useState<ApplicationStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [step, setStep] = useState<{ application: Application; to: ApplicationStatus } | null>(null);
  const statusOptions = useTermOptions('applicationStatuses');
  const applications = useQuery({
    queryKey: ['employer', 'applications', post.id, { status, page }],
    queryFn: () =>
      ok(
        api.GET('/api/v1/job-posts/{id}/applications', {
          params: {
            path: { id: post.id },
            query: { status, limit: APPLICATIONS_PAGE, offset: (page - 1) * APPLICATIONS_PAGE },
          },
        }),
      ),
  });
  return (
    <section className="panel" aria-labelledby="applications-head">
      <div className="page-head">
        <h2 id="applications-head" style={{ fontSize: 20, margin: '0 0 8px' }}>
          应聘记录
        </h2>
        <Select
          aria-label="按进度筛选"
          style={{ minWidth: 140 }}
          value={status ?? 'all'}
          onChange={(v: string) => {
            setStatus(v === 'all' ? undefined : (v as ApplicationStatus));
            setPage(1);
          }}
          options={[{ value: 'all', label: '全部进度' }, ...statusOptions]}
        />
      </div>
      <QueryState
        query={applications}
        isEmpty={(d) => d.items.length === 0}
        empty={status ? '没有该进度的应聘记录' : '还没有人投递这个岗位'}
      >
        {(d) => (
          <>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {d.items.map((a) => (
                <ApplicationCard
                  key={a.id}
                  application={a}
                  internshipPostId={post.isInternship ? post.id : undefined}
                  onStep={(to) => setStep({ application: a, to })}
                />
              ))}
            </Space>
            {d.total > APPLICATIONS_PAGE && (
              <Pagination
                simple
                current={page}
                pageSize={APPLICATIONS_PAGE}
                total={d.total}
                onChange={setPage}
                style={{ marginTop: 12 }}
              />
            )}
          </>
        )}
      </QueryState>
      {step && <StepModal postId={post.id} {...step} onClose={() => setStep(null)} />}
    </section>
  );
}

function ApplicationCard({
  application: a,
  internshipPostId,
  onStep,
}: {
  application: Application;
  /** For an internship post: the applicant may be accepted as an intern (见习生) instead of hired. */
  internshipPostId?: string;
  onStep: (to: ApplicationStatus) => void;
}) {
  const term = useTerm();
  const next = EMPLOYER_TRANSITIONS[a.status];
  return (
    <Card
      size="small"
      title={a.seekerDisplayName}
      extra={<Tag color={APPLICATION_STATUS_COLOR[a.status]}>{term('applicationStatuses', a.status)}</Tag>}
    >
      <div className="job-meta">
        <span>投递于 {dateTimeText(a.createdAt)}</span>
        {a.status !== 'applied' && <span>更新于 {dateTimeText(a.statusChangedAt)}</span>}
        {a.referredByAgencyId && (
          <Tag color="purple">人力资源机构推荐{a.referralFree ? '（免费介绍）' : ''}</Tag>
        )}
        {a.placementId && <Tag color="green">已登记就业</Tag>}
      </div>
      {a.coverNote && <div style={{ marginTop: 4 }}>求职留言：{a.coverNote}</div>}
      {a.events.length > 0 && (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 4 }}
          items={[
            {
              key: 'events',
              label: '查看进度记录',
              children: (
                <Timeline
                  items={a.events.map((e, i) => ({
                    key: `${e.at}-${i}`,
                    title: dateTimeText(e.at),
                    content: (
                      <>
                        {term('applicationStatuses', e.toStatus)}
                        {e.note ? `：${e.note}` : ''}
                      </>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      )}
      {next.length > 0 && (
        <div className="row-actions" style={{ marginTop: 8 }}>
          {internshipPostId && (
            <AcceptInternButton applicationId={a.id} name={a.seekerDisplayName} postId={internshipPostId} />
          )}
          {next.map((to) => (
            <Button
              key={to}
              type={to === 'rejected' ? 'default' : 'primary'}
              danger={to === 'rejected'}
              aria-label={`${STEP_ACTION[to]}：${a.seekerDisplayName}`}
              onClick={() => onStep(to)}
            >
              {STEP_ACTION[to]}
            </Button>
          ))}
        </div>
      )}
    </Card>
  );
}

interface StepForm {
  note?: string;
  startDate?: Dayjs;
  contractEndDate?: Dayjs;
  postKind?: PostKind;
  employerSocialInsuranceMonthlyFen?: number | null;
}

function StepModal({
  postId,
  application,
  to,
  onClose,
}: {
  postId: string;
  application: Application;
  to: ApplicationStatus;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StepForm>();
  const term = useTerm();
  const postKindOptions = useTermOptions('postKinds');
  const hire = to === 'hired';

  const step = useMutation({
    mutationFn: (body: TransitionBody) =>
      ok(
        api.POST('/api/v1/applications/{id}/transitions', { params: { path: { id: application.id } }, body }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['employer', 'applications', postId] });
      if (hire) {
        // A hire may fill the post, and files the employer's subsidy claims.
        void queryClient.invalidateQueries({ queryKey: postKey(postId) });
        void queryClient.invalidateQueries({ queryKey: ['employer', 'posts'] });
        void queryClient.invalidateQueries({ queryKey: ['employer', 'claims'] });
      }
      void message.success(
        hire
          ? '已录用，并已登记就业'
          : to === 'rejected'
            ? '已标记为不录用'
            : `已更新为「${term('applicationStatuses', to, '新的进度')}」`,
      );
      onClose();
    },
    onError: (err) => failure(err, form),
  });

  const onFinish = (v: StepForm) => {
    // Hire facts go only with to = hired (the API refuses them otherwise), so postKind, which the
    // generated type marks required because it has a default, is left out of other steps.
    const body = {
      to,
      note: cleanText(v.note),
      ...(hire && {
        startDate: v.startDate?.format('YYYY-MM-DD'),
        contractEndDate: v.contractEndDate?.format('YYYY-MM-DD'),
        postKind: v.postKind ?? 'regular',
        employerSocialInsuranceMonthlyFen: toFen(v.employerSocialInsuranceMonthlyFen),
      }),
    } as TransitionBody;
    step.mutate(body);
  };

  const title = hire
    ? `录用 ${application.seekerDisplayName}`
    : `${STEP_ACTION[to]}：${application.seekerDisplayName}`;

  return (
    <Modal
      open
      title={title}
      okText={hire ? '确认录用' : '确定'}
      cancelText="取消"
      okButtonProps={{ danger: to === 'rejected' }}
      confirmLoading={step.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<StepForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ postKind: 'regular' }}
      >
        {hire && (
          <>
            <p className="muted" style={{ marginTop: 0 }}>
              录用后系统会为该求职者登记就业，并按政策自动核定贵单位可享的补贴。
            </p>
            <Form.Item
              name="startDate"
              label="入职日期"
              rules={[{ required: true, message: '请选择入职日期' }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="contractEndDate"
              label="劳动合同到期日"
              dependencies={['startDate']}
              rules={[
                { required: true, message: '请选择劳动合同到期日' },
                ({ getFieldValue }) => ({
                  validator: (_, v: Dayjs | undefined) => {
                    const start = getFieldValue('startDate') as Dayjs | undefined;
                    return v && start && v.isBefore(start, 'day')
                      ? Promise.reject(new Error('合同到期日不能早于入职日期'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="postKind"
              label="岗位类别"
              rules={[{ required: true, message: '请选择岗位类别' }]}
            >
              <Select options={postKindOptions} />
            </Form.Item>
            <Form.Item
              name="employerSocialInsuranceMonthlyFen"
              label="单位每月为其缴纳社保（元）"
              extra="用于核定社会保险补贴，不清楚可不填"
            >
              <InputNumber
                min={0}
                max={100000}
                precision={2}
                suffix="元"
                style={{ width: '100%' }}
                inputMode="decimal"
              />
            </Form.Item>
          </>
        )}
        {to === 'rejected' && (
          <p className="muted" style={{ marginTop: 0 }}>
            标记为不录用后，这条应聘记录结束，不能再恢复。
          </p>
        )}
        <Form.Item
          name="note"
          label="给求职者的说明（求职者可以看到）"
          rules={[{ max: 1000, message: '最多 1000 个字' }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={to === 'interview' ? '如：请于 9 月 5 日上午 9 点到公司面试' : '可不填'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
