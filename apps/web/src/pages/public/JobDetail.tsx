import { Alert, App, Button, Descriptions, Input, Modal, Tag } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { ApiError, errorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { dateText, wageRange, yuan } from '../../ui/format';
import { useTermName, useVocabularies } from '../../ui/vocab';

/** One post, everything about it, and 申请 for a signed-in seeker (others are asked to log in). */
export default function JobDetail() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const term = useTermName();
  const { data: vocab } = useVocabularies();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  // 见习 posts only take the groups the plan names: a refusal lists each failed condition.
  const [refusal, setRefusal] = useState<{ field: string; message: string }[] | null>(null);
  const post = useQuery({
    queryKey: ['job-post', id],
    queryFn: () => ok(api.GET('/api/v1/job-posts/{id}', { params: { path: { id } } })),
  });
  const internship = useQuery({
    queryKey: ['internship-details', id],
    queryFn: () => ok(api.GET('/api/v1/internships/posts/{id}/details', { params: { path: { id } } })),
    enabled: post.data?.isInternship === true,
    retry: false,
  });
  const apply = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/job-posts/{id}/applications', {
          params: { path: { id } },
          body: note.trim() ? { coverNote: note.trim() } : {},
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      void message.success('投递成功！可在“我的 - 我的投递”查看进度');
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'not-eligible') {
        setOpen(false);
        setRefusal(err.fields);
      } else if (err instanceof ApiError && err.status === 404 && err.code.includes('profile')) {
        void message.warning('请先完善求职登记，再投递岗位');
        navigate('/me?tab=profile');
      } else void message.error(errorText(err));
    },
  });
  const onApply = () => {
    if (!user) navigate(`/login?next=${encodeURIComponent(`/jobs/${id}`)}`);
    else setOpen(true);
  };

  return (
    <QueryState query={post}>
      {(p) => (
        <Page
          title={p.title}
          extra={
            p.status === 'published' && (!user || user.role === 'seeker') ? (
              <Button type="primary" size="large" onClick={onApply}>
                {user ? '申请这个岗位' : '登录后申请'}
              </Button>
            ) : p.status !== 'published' ? (
              <Tag>{term('jobPostStatuses', p.status) || '已结束'}</Tag>
            ) : null
          }
        >
          {refusal && (
            <Alert
              type="warning"
              showIcon
              closable
              onClose={() => setRefusal(null)}
              style={{ marginBottom: 16 }}
              title="您暂不符合这个见习岗位的申请条件"
              description={
                <>
                  <ul className="reasons" aria-label="不符合的条件">
                    {refusal.map((f) => (
                      <li key={f.field}>
                        {term('internshipGroups', f.field) || '条件'}：{f.message}
                      </li>
                    ))}
                  </ul>
                  如信息有误，请<Link to="/me?tab=profile">更新求职登记</Link>后再申请。
                </>
              }
            />
          )}
          <div className="panel">
            <p className="wage" style={{ fontSize: 20, margin: '0 0 8px' }}>
              {wageRange(p.wageMinFen, p.wageMaxFen)}
            </p>
            <Descriptions column={{ xs: 1, sm: 2 }} size="middle" bordered>
              <Descriptions.Item label="招聘单位">{p.employerName}</Descriptions.Item>
              <Descriptions.Item label="工作地点">{p.placeText}</Descriptions.Item>
              <Descriptions.Item label="工种">{p.occupation ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="招聘人数">{p.headcount} 人</Descriptions.Item>
              <Descriptions.Item label="用工形式">
                {term('employmentTypes', p.employmentType)}
              </Descriptions.Item>
              <Descriptions.Item label="学历要求">
                {p.education ? term('educationLevels', p.education) : '不限'}
              </Descriptions.Item>
              <Descriptions.Item label="年龄要求">
                {p.ageMin || p.ageMax ? `${p.ageMin ?? 16}–${p.ageMax ?? 60} 岁` : '不限'}
              </Descriptions.Item>
              <Descriptions.Item label="截止日期">
                {p.deadline ? dateText(p.deadline) : '招满为止'}
              </Descriptions.Item>
              <Descriptions.Item label="联系人">{p.contactName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{p.contactPhone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="发布日期">{dateText(p.publishedAt)}</Descriptions.Item>
              {internship.data && (
                <>
                  <Descriptions.Item label="见习期限">
                    {internship.data.durationMonths} 个月
                  </Descriptions.Item>
                  <Descriptions.Item label="见习生活补助">
                    每月 {yuan(internship.data.stipendFen)}
                  </Descriptions.Item>
                  <Descriptions.Item label="见习名额">{internship.data.places} 人</Descriptions.Item>
                  <Descriptions.Item label="带教老师">{internship.data.mentor ?? '—'}</Descriptions.Item>
                </>
              )}
            </Descriptions>
            {p.isInternship && (
              <p className="muted">
                见习岗位面向：{vocab?.internshipGroups.map((t) => t.name).join('、')}。
                <Link to="/internships">了解就业见习</Link>
              </p>
            )}
            {p.skills.length > 0 && (
              <p>
                技能：
                {p.skills.map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
              </p>
            )}
            {p.benefits.length > 0 && (
              <p>
                福利：
                {p.benefits.map((s) => (
                  <Tag color="green" key={s}>
                    {s}
                  </Tag>
                ))}
              </p>
            )}
            {p.description && (
              <>
                <h2 style={{ fontSize: 18 }}>岗位职责</h2>
                <p style={{ whiteSpace: 'pre-wrap' }}>{p.description}</p>
              </>
            )}
            {p.requirements && (
              <>
                <h2 style={{ fontSize: 18 }}>任职要求</h2>
                <p style={{ whiteSpace: 'pre-wrap' }}>{p.requirements}</p>
              </>
            )}
          </div>
          <p className="muted">
            求职全程免费。如遇收取押金、报名费等情况，请勿缴纳并向县就业服务中心反映。{' '}
            <Link to="/jobs">返回岗位列表</Link>
          </p>
          <Modal
            open={open}
            title={`申请：${p.title}`}
            okText="确认投递"
            cancelText="取消"
            confirmLoading={apply.isPending}
            onOk={() => apply.mutate()}
            onCancel={() => setOpen(false)}
          >
            <p>可以给招聘单位留一句话（选填）：</p>
            <Input.TextArea
              aria-label="求职留言"
              rows={3}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="例如：有三年电焊经验，持中级焊工证"
            />
          </Modal>
        </Page>
      )}
    </QueryState>
  );
}
