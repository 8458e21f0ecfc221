import { App, Button, Input, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import type { components } from '../../api/schema';
import { QueryState } from '../../ui/states';
import { StarPicker } from '../../ui/Stars';
import { yuan } from '../../ui/format';
import { useVocabularies } from '../../ui/vocab';
import { clockText, dayWord, payText, useGigVocabulary } from '../public/gig-format';

type MyGig = components['schemas']['MyGigView'];
type DisputeKind = components['schemas']['DisputeDto']['kind'];

/** 我的零工: the gigs the worker took, and for each the next step — 签到, 签退, 确认收到工钱, 评价, 纠纷. */
export default function SeekerGigs() {
  const list = useQuery({
    queryKey: ['seeker', 'gigs', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/gigs/acceptances/mine', { params: { query: { limit: 50 } } })),
  });
  return (
    <QueryState
      query={list}
      isEmpty={(d) => d.items.length === 0}
      empty={
        <>
          还没有接过零工，<Link to="/gigs">去零工市场看看</Link>
        </>
      }
    >
      {(d) => (
        <ul className="gig-list" aria-label="我的零工">
          {d.items.map((item) => (
            <MyGigCard key={item.acceptance.id} item={item} />
          ))}
        </ul>
      )}
    </QueryState>
  );
}

function MyGigCard({ item: { gig: g, acceptance: a } }: { item: MyGig }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: vocab } = useVocabularies();
  const { data: gigVocab } = useGigVocabulary();
  const [where, setWhere] = useState(g.townshipCode);
  const [disputeOpen, setDisputeOpen] = useState(false);
  const [kind, setKind] = useState<DisputeKind>('wage-unpaid');
  const [text, setText] = useState('');
  const done = () => void client.invalidateQueries({ queryKey: ['seeker', 'gigs'] });
  const step = useMutation({
    mutationFn: async (s: 'check-in' | 'check-out' | 'wage-received') => {
      const path = { params: { path: { id: a.id } } };
      if (s === 'check-in')
        return ok(
          api.POST('/api/v1/gigs/acceptances/{id}/check-in', { ...path, body: { townshipCode: where } }),
        );
      if (s === 'check-out')
        return ok(
          api.POST('/api/v1/gigs/acceptances/{id}/check-out', { ...path, body: { townshipCode: where } }),
        );
      return ok(api.POST('/api/v1/gigs/acceptances/{id}/wage-received', path));
    },
    onSuccess: (_r, s) => {
      void message.success(
        s === 'check-in' ? '签到成功' : s === 'check-out' ? '签退成功，辛苦了' : '已确认收到工钱',
      );
      done();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const withdraw = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/gigs/{id}/withdrawal', { params: { path: { id: g.id } }, body: {} })),
    onSuccess: () => {
      void message.success('已退出');
      done();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const accept = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/gigs/{id}/acceptances', { params: { path: { id: g.id } } })),
    onSuccess: () => {
      void message.success('已接受邀请');
      done();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const rate = useMutation({
    mutationFn: (stars: number) =>
      ok(
        api.POST('/api/v1/gigs/acceptances/{id}/rating', { params: { path: { id: a.id } }, body: { stars } }),
      ),
    onSuccess: () => {
      void message.success('谢谢您的评价');
      done();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const dispute = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/gigs/acceptances/{id}/disputes', {
          params: { path: { id: a.id } },
          body: { kind, description: text.trim() },
        }),
      ),
    onSuccess: () => {
      setDisputeOpen(false);
      setText('');
      void message.success('已提交，县就业服务中心会联系双方处理');
    },
    onError: (err) => void message.error(errorText(err)),
  });

  const holds = a.status === 'accepted';
  const worked = !!a.checkedOutAt || !!a.completedAt;
  const wageWaiting = a.wagePaidFen !== null && !a.wageReceivedAt;
  return (
    <li className="gig-card">
      <h2>
        <Link to={`/gigs/${g.id}`}>{g.title}</Link>
      </h2>
      <p className="gig-pay">{payText(g.payFen, g.payUnit)}</p>
      <div className="job-meta">
        <span>
          {dayWord(g.date)} {g.startTime}–{g.endTime}
        </span>
        <span>
          {g.township}
          {g.address ? ` · ${g.address}` : ''}
        </span>
        <Tag color={holds ? 'blue' : 'default'}>{a.statusName}</Tag>
        {a.noShow && <Tag color="red">记为未到</Tag>}
      </div>
      {holds && g.contactPhone && (
        <p style={{ margin: '4px 0' }}>
          联系人：{g.contactName ?? '发布方'}{' '}
          <a className="gig-tel" href={`tel:${g.contactPhone}`}>
            拨打 {g.contactPhone}
          </a>
        </p>
      )}
      <p className="muted" style={{ margin: '4px 0' }}>
        {a.checkedInAt ? `签到 ${clockText(a.checkedInAt)}` : '未签到'}
        {a.checkedOutAt ? ` · 签退 ${clockText(a.checkedOutAt)}` : ''}
        {a.completedAt ? ` · 发布方已确认完工` : ''}
        {a.wagePaidFen !== null ? ` · 工钱 ${yuan(a.wagePaidFen)}` : ''}
        {a.wageReceivedAt ? ' · 已确认收到' : ''}
      </p>
      {holds && !a.checkedOutAt && !a.noShow && (
        <label className="filter-stack" style={{ marginTop: 8 }}>
          我现在在
          <select className="native-select" value={where} onChange={(e) => setWhere(e.target.value)}>
            {(vocab?.townships ?? []).map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="gig-actions">
        {a.status === 'invited' && (
          <>
            <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate()}>
              接受邀请
            </Button>
            <Button loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              婉拒
            </Button>
          </>
        )}
        {holds && !a.checkedInAt && !a.noShow && (
          <>
            <Button type="primary" loading={step.isPending} onClick={() => step.mutate('check-in')}>
              签到
            </Button>
            <Button loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              退出
            </Button>
          </>
        )}
        {holds && a.checkedInAt && !a.checkedOutAt && (
          <Button type="primary" loading={step.isPending} onClick={() => step.mutate('check-out')}>
            签退
          </Button>
        )}
        {holds && wageWaiting && (
          <Button type="primary" loading={step.isPending} onClick={() => step.mutate('wage-received')}>
            确认收到工钱 {yuan(a.wagePaidFen)}
          </Button>
        )}
        {(holds || a.noShow) && !disputeOpen && (
          <Button onClick={() => setDisputeOpen(true)}>发起纠纷</Button>
        )}
      </div>
      {(worked || a.noShow) && a.workerRating === undefined && (
        <div style={{ marginTop: 8 }}>
          <span>给发布方打分：</span>
          <StarPicker label="给发布方打分" busy={rate.isPending} onPick={(s) => rate.mutate(s)} />
        </div>
      )}
      {a.workerRating !== undefined && <p className="muted">我的评价：{a.workerRating} 星</p>}
      {disputeOpen && (
        <div className="panel" style={{ marginTop: 8 }}>
          <label className="filter-stack">
            纠纷类型
            <select
              className="native-select"
              value={kind}
              onChange={(e) => setKind(e.target.value as DisputeKind)}
            >
              {Object.entries(gigVocab?.disputeKinds ?? {}).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <Input.TextArea
            aria-label="纠纷说明"
            rows={3}
            maxLength={1000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="说说发生了什么，例如：活干完三天了，工钱还没给"
            style={{ marginTop: 8 }}
          />
          <div className="row-actions" style={{ marginTop: 8 }}>
            <Button
              type="primary"
              disabled={!text.trim()}
              loading={dispute.isPending}
              onClick={() => dispute.mutate()}
            >
              提交纠纷
            </Button>
            <Button onClick={() => setDisputeOpen(false)}>取消</Button>
          </div>
        </div>
      )}
    </li>
  );
}
