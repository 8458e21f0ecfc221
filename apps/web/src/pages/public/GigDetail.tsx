import { App, Button, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { ApiError, errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import {
  clockText,
  dayWord,
  gigSpeech,
  payText,
  placesText,
  useGigVocabulary,
  type GigView,
} from './gig-format';

type ReportReason = components['schemas']['ReportDto']['reason'];

/** One gig: everything about it, 读给我听, 接单 / 退出 for a seeker, 举报 in one tap. */
export default function GigDetail() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const gig = useQuery({
    // The viewer matters: a taker sees the phone, the poster the screening flags.
    queryKey: ['gig', id, user?.id ?? null],
    queryFn: () => ok(api.GET('/api/v1/gigs/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={gig}>{(g) => <GigBody g={g} />}</QueryState>;
}

function GigBody({ g }: { g: GigView }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['gig', g.id] });
    void client.invalidateQueries({ queryKey: ['seeker', 'gigs'] });
  };
  const mine = g.mine;
  const holds = mine?.status === 'accepted';
  const accept = useMutation({
    mutationFn: async () => {
      const r = await api.POST('/api/v1/gigs/{id}/acceptances', { params: { path: { id: g.id } } });
      const data = await ok(Promise.resolve(r));
      return { data, created: r.response.status === 201 };
    },
    onSuccess: ({ created }) => {
      void message.success(created ? '接单成功！请按时到场，到了记得签到' : '您已经接了这份零工');
      refresh();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'gig-full') void message.error('名额已满');
      else if (err instanceof ApiError && err.status === 422) void message.error('年龄超出这份零工的要求');
      else void message.error(errorText(err));
      refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/gigs/{id}/withdrawal', { params: { path: { id: g.id } }, body: {} })),
    onSuccess: () => {
      void message.success(mine?.status === 'invited' ? '已婉拒邀请' : '已退出，名额让给别人');
      refresh();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const live = g.status === 'open' || g.status === 'filled';
  const isSeeker = user?.role === 'seeker';
  const full = g.accepted >= g.headcount;

  return (
    <Page title={g.title} extra={<Tag color={g.status === 'open' ? 'blue' : 'default'}>{g.statusName}</Tag>}>
      <div className="panel gig-detail">
        <p className="gig-pay gig-pay-big">{payText(g.payFen, g.payUnit)}</p>
        <dl className="gig-facts">
          <dt>工种</dt>
          <dd>{g.trade}</dd>
          <dt>时间</dt>
          <dd>
            {dayWord(g.date)} {g.startTime}–{g.endTime}
          </dd>
          <dt>地点</dt>
          <dd>
            {g.township}
            {g.address ? ` · ${g.address}` : ''}
          </dd>
          <dt>人数</dt>
          <dd>{placesText(g.accepted, g.headcount)}</dd>
          <dt>年龄</dt>
          <dd>
            {g.ageMax ? `${g.ageMax} 岁以下` : '不限'}
            {g.olderWorkersWelcome && (
              <Tag color="green" style={{ marginLeft: 8 }}>
                欢迎大龄
              </Tag>
            )}
          </dd>
          {g.certificates.length > 0 && (
            <>
              <dt>证书</dt>
              <dd>{g.certificates.join('、')}</dd>
            </>
          )}
          <dt>发布方</dt>
          <dd>
            {g.posterName || '—'}
            {g.onBehalfOf ? `（代${g.onBehalfOf}发布）` : ''}{' '}
            {g.posterVerified ? (
              <Tag color="green">{g.posterKind === 'resident' ? '已实名' : '已核验'}</Tag>
            ) : (
              <Tag>单位待核验</Tag>
            )}
          </dd>
          <dt>联系人</dt>
          <dd>
            {g.contactName ?? '—'}
            {g.contactPhone ? (
              <>
                {' '}
                <a className="gig-tel" href={`tel:${g.contactPhone}`}>
                  拨打 {g.contactPhone}
                </a>
              </>
            ) : (
              <span className="muted">（接单后显示电话）</span>
            )}
          </dd>
        </dl>
        {g.description && <p style={{ whiteSpace: 'pre-wrap' }}>{g.description}</p>}
        {g.cancelReason && <p className="muted">取消原因：{g.cancelReason}</p>}
        <ReadAloud text={gigSpeech(g)} />
      </div>

      {mine && (
        <div className="panel" aria-label="我的接单">
          <p style={{ margin: 0 }}>
            我的接单：<b>{mine.statusName}</b>
            {mine.checkedInAt && `，${clockText(mine.checkedInAt)} 已签到`}
            {mine.checkedOutAt && `，${clockText(mine.checkedOutAt)} 已签退`}
          </p>
          <div className="row-actions" style={{ marginTop: 12 }}>
            {mine.status === 'invited' && live && (
              <Button type="primary" size="large" loading={accept.isPending} onClick={() => accept.mutate()}>
                接受邀请
              </Button>
            )}
            {(mine.status === 'invited' || (holds && !mine.checkedInAt)) && (
              <Button size="large" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
                {mine.status === 'invited' ? '婉拒' : '退出'}
              </Button>
            )}
            {holds && (
              <Link className="chip" to="/me?tab=gigs">
                去签到 / 查看我的零工
              </Link>
            )}
          </div>
        </div>
      )}

      {live && !holds && mine?.status !== 'invited' && !g.canManage && (!user || isSeeker) && (
        <Button
          type="primary"
          size="large"
          block
          className="gig-take"
          disabled={full}
          loading={accept.isPending}
          onClick={() =>
            user ? accept.mutate() : navigate(`/login?next=${encodeURIComponent(`/gigs/${g.id}`)}`)
          }
        >
          {full ? '名额已满' : user ? '接单' : '登录后接单'}
        </Button>
      )}

      {user &&
        !g.canManage &&
        (user.role === 'seeker' || user.role === 'employer' || user.role === 'agency') && (
          <Report gigId={g.id} />
        )}
      <p className="muted">
        零工对接全程免费。凡要求先交押金、报名费的，请不要交钱，并点“举报”告诉我们。{' '}
        <Link to="/gigs">返回零工列表</Link>
      </p>
    </Page>
  );
}

/** 读给我听: the gig read aloud in Chinese; left out where the phone has no speech. */
function ReadAloud({ text }: { text: string }) {
  const supported =
    typeof window !== 'undefined' &&
    'speechSynthesis' in window &&
    typeof SpeechSynthesisUtterance !== 'undefined';
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => (supported ? window.speechSynthesis.cancel() : undefined), [supported]);
  if (!supported) return null;
  return (
    <Button
      size="large"
      block
      className="gig-speak"
      aria-pressed={speaking}
      onClick={() => {
        const synth = window.speechSynthesis;
        if (speaking) {
          synth.cancel();
          setSpeaking(false);
          return;
        }
        const u = new SpeechSynthesisUtterance(text);
        u.lang = 'zh-CN';
        u.rate = 0.9;
        u.onend = () => setSpeaking(false);
        u.onerror = () => setSpeaking(false);
        synth.cancel();
        synth.speak(u);
        setSpeaking(true);
      }}
    >
      {speaking ? '停止朗读' : '读给我听'}
    </Button>
  );
}

/** 举报: pick a reason, one tap. */
function Report({ gigId }: { gigId: string }) {
  const { message } = App.useApp();
  const { data: vocab } = useGigVocabulary();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('fee');
  const report = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/gigs/{id}/reports', { params: { path: { id: gigId } }, body: { reason } })),
    onSuccess: () => {
      setOpen(false);
      void message.success('已收到您的举报，工作人员会尽快核实');
    },
    onError: (err) => void message.error(errorText(err)),
  });
  if (!open)
    return (
      <Button danger style={{ marginTop: 16 }} onClick={() => setOpen(true)}>
        举报
      </Button>
    );
  return (
    <div className="panel" style={{ marginTop: 16 }}>
      <label className="filter-stack">
        举报原因
        <select
          className="native-select"
          value={reason}
          onChange={(e) => setReason(e.target.value as ReportReason)}
        >
          {Object.entries(vocab?.reportReasons ?? {}).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <div className="row-actions" style={{ marginTop: 12 }}>
        <Button danger type="primary" loading={report.isPending} onClick={() => report.mutate()}>
          确认举报
        </Button>
        <Button onClick={() => setOpen(false)}>不举报了</Button>
      </div>
    </div>
  );
}
