import { App, Button, Descriptions, Empty, Popconfirm, Select, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, authHeader, ok } from '../../api/client';
import { ApiError, errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { useTermName } from '../../ui/vocab';
import { EmployerBooth, SeekerInterviews } from './FairBooth';
import { OnlineBooths } from './FairOnline';
import { dateTimeZh, fairWhen, windowOpen } from './fair-format';

type Fair = components['schemas']['FairView'];

/** One fair: when and where, and — for a seeker — registration, the QR ticket and cancelling; for an enterprise, taking part. */
export default function FairDetail() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const term = useTermName();
  const fair = useQuery({
    queryKey: ['fair', id],
    queryFn: () => ok(api.GET('/api/v1/fairs/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={fair}>
      {(f) => (
        <Page title={f.title} extra={<Tag>{term('fairStatuses', f.status)}</Tag>}>
          <div className="panel">
            <Descriptions column={{ xs: 1, sm: 2 }} size="middle" bordered>
              <Descriptions.Item label="时间">{fairWhen(f.startsAt, f.endsAt)}</Descriptions.Item>
              <Descriptions.Item label="形式">{term('fairModes', f.mode)}</Descriptions.Item>
              <Descriptions.Item label="类型">{term('fairThemes', f.theme)}</Descriptions.Item>
              <Descriptions.Item label="地点">
                {f.venueName ?? (f.townshipCode ? term('townships', f.townshipCode) : '线上')}
              </Descriptions.Item>
              <Descriptions.Item label="求职者名额">
                {f.seekerCapacity} 人（已报名 {f.seekersConfirmed} 人）
              </Descriptions.Item>
              <Descriptions.Item label="企业展位">{f.boothCount} 个</Descriptions.Item>
              <Descriptions.Item label="求职者报名">
                {dateTimeZh(f.seekerRegistrationOpensAt)} 至 {dateTimeZh(f.seekerRegistrationClosesAt)}
              </Descriptions.Item>
              <Descriptions.Item label="企业报名">
                {dateTimeZh(f.employerRegistrationOpensAt)} 至 {dateTimeZh(f.employerRegistrationClosesAt)}
              </Descriptions.Item>
              {f.industry && <Descriptions.Item label="行业">{f.industry}</Descriptions.Item>}
              {f.livestreamUrl && (
                <Descriptions.Item label="直播带岗">
                  <a href={f.livestreamUrl} target="_blank" rel="noreferrer">
                    观看直播
                  </a>
                </Descriptions.Item>
              )}
            </Descriptions>
            {f.description && <p style={{ whiteSpace: 'pre-wrap' }}>{f.description}</p>}
          </div>
          {f.mode !== 'onsite' && (
            <OnlineBooths
              fairId={f.id}
              open={f.status === 'open' || f.status === 'closed' || f.status === 'held'}
            />
          )}
          {!user && (
            <div className="panel">
              <p>求职者报名、企业参会，请先登录。</p>
              <Button
                type="primary"
                size="large"
                onClick={() => navigate(`/login?next=${encodeURIComponent(`/fairs/${id}`)}`)}
              >
                登录后报名
              </Button>
            </div>
          )}
          {user?.role === 'seeker' && <SeekerPart fair={f} />}
          {user?.role === 'employer' && <EmployerPart fair={f} />}
        </Page>
      )}
    </QueryState>
  );
}

/** The seeker's registration: register, the ticket (QR), the waiting-list place, cancel. */
function SeekerPart({ fair }: { fair: Fair }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const mine = useQuery({
    queryKey: ['fair', fair.id, 'mine'],
    queryFn: async () => {
      try {
        return await ok(
          api.GET('/api/v1/fairs/{id}/seeker-registrations/mine', { params: { path: { id: fair.id } } }),
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['fair', fair.id] });
  };
  const register = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/fairs/{id}/seeker-registrations', { params: { path: { id: fair.id } } })),
    onSuccess: (r) => {
      void message.success(
        r.status === 'confirmed'
          ? '报名成功，请凭二维码入场'
          : `名额已满，您已进入候补第 ${r.waitlistPosition} 位`,
      );
      refresh();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const cancel = useMutation({
    mutationFn: () =>
      ok(api.DELETE('/api/v1/fairs/{id}/seeker-registrations/mine', { params: { path: { id: fair.id } } })),
    onSuccess: () => {
      void message.success('已取消报名');
      refresh();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const open = windowOpen(fair.status, fair.seekerRegistrationOpensAt, fair.seekerRegistrationClosesAt);
  return (
    <div className="panel">
      <h2 className="section-title">我的报名</h2>
      <QueryState query={mine}>
        {(r) =>
          r ? (
            <div>
              {r.status === 'confirmed' ? (
                <>
                  <p>
                    <Tag color="green">已确认</Tag>
                    {r.checkedInAt ? `已于 ${dateTimeZh(r.checkedInAt)} 入场` : '入场时请出示下面的二维码'}
                  </p>
                  <Ticket registrationId={r.id} />
                  <SeekerInterviews fair={fair} />
                </>
              ) : (
                <p>
                  <Tag color="orange">候补中</Tag>候补第 {r.waitlistPosition}{' '}
                  位，有人取消时按顺序自动递补，递补后会收到消息。
                </p>
              )}
              {!r.checkedInAt && (
                <Popconfirm
                  title="确定取消报名吗？"
                  okText="取消报名"
                  cancelText="再想想"
                  onConfirm={() => cancel.mutate()}
                >
                  <Button danger loading={cancel.isPending}>
                    取消报名
                  </Button>
                </Popconfirm>
              )}
            </div>
          ) : open ? (
            <Button
              type="primary"
              size="large"
              loading={register.isPending}
              onClick={() => register.mutate()}
            >
              {fair.seekersConfirmed < fair.seekerCapacity ? '我要报名' : '报名候补'}
            </Button>
          ) : (
            <Empty description={fair.status === 'open' ? '不在报名时间内' : '本场招聘会不接受报名'} />
          )
        }
      </QueryState>
    </div>
  );
}

/** The QR ticket (入场二维码): fetched with the seeker's token, shown as an image. */
function Ticket({ registrationId }: { registrationId: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    fetch(`/api/v1/fair-registrations/${registrationId}/ticket.png`, {
      headers: authHeader(),
      credentials: 'same-origin',
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        url = URL.createObjectURL(await res.blob());
        if (live) setSrc(url);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [registrationId]);
  if (failed) return <p className="muted">二维码加载失败，请刷新重试</p>;
  return src ? (
    <img src={src} alt="入场二维码" width={240} height={240} className="fair-ticket" />
  ) : (
    <p className="muted">正在生成二维码…</p>
  );
}

/** An enterprise takes part: the posts it brings, then the review and its booth. */
function EmployerPart({ fair }: { fair: Fair }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const term = useTermName();
  const [chosen, setChosen] = useState<string[]>([]);
  const mine = useQuery({
    queryKey: ['fair', fair.id, 'employer'],
    queryFn: () =>
      ok(api.GET('/api/v1/fairs/{id}/employer-registrations', { params: { path: { id: fair.id } } })),
  });
  const posts = useQuery({
    queryKey: ['employer', 'posts', 'published-options'],
    queryFn: () =>
      ok(api.GET('/api/v1/job-posts', { params: { query: { status: 'published', limit: 100 } } })),
  });
  const register = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/fairs/{id}/employer-registrations', {
          params: { path: { id: fair.id } },
          body: { jobPostIds: chosen },
        }),
      ),
    onSuccess: () => {
      void message.success('已提交参会申请，等待就业服务中心审核');
      void client.invalidateQueries({ queryKey: ['fair', fair.id, 'employer'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const open = windowOpen(fair.status, fair.employerRegistrationOpensAt, fair.employerRegistrationClosesAt);
  return (
    <div className="panel">
      <h2 className="section-title">企业参会</h2>
      <QueryState query={mine}>
        {(regs) => {
          const active = regs.find((r) => r.status === 'pending' || r.status === 'approved') ?? regs[0];
          if (active) {
            return (
              <>
                <p>
                  <Tag
                    color={
                      active.status === 'approved' ? 'green' : active.status === 'rejected' ? 'red' : 'blue'
                    }
                  >
                    {term('fairEmployerRegistrationStatuses', active.status)}
                  </Tag>
                  {active.boothNo ? `展位号 ${active.boothNo}` : null}
                  {active.decisionReason ? `（${active.decisionReason}）` : null}
                  ，带来岗位 {active.jobPostIds.length} 个、招聘 {active.places} 人
                </p>
                {active.status === 'approved' && <EmployerBooth fair={fair} registrationId={active.id} />}
              </>
            );
          }
          if (!open) return <Empty description="不在企业报名时间内" />;
          return (
            <div style={{ display: 'grid', gap: 12 }}>
              <label htmlFor="fair-posts">带到招聘会的岗位（已发布的）</label>
              <Select
                id="fair-posts"
                mode="multiple"
                value={chosen}
                onChange={setChosen}
                loading={posts.isPending}
                placeholder="选择岗位"
                options={(posts.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.title}（${p.headcount} 人）`,
                }))}
              />
              <div>
                <Button type="primary" loading={register.isPending} onClick={() => register.mutate()}>
                  申请参会
                </Button>
              </div>
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
