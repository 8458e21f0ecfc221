import { Alert, Button, Input, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Layout';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/states';
import { useVocabularies } from '../../ui/vocab';
import { dayWord, payText, placesText, useGigVocabulary, type GigHit } from './gig-format';

const PAGE = 20;

/**
 * 零工市场 (/gigs?township=翟店镇&day=tomorrow): today's or tomorrow's open gigs, nearest to the
 * township first, and the gig points (零工驿站). Light on purpose: native controls, few antd parts.
 */
export default function Gigs() {
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const { data: vocab } = useVocabularies();
  const { data: gigVocab } = useGigVocabulary();
  const townshipName = params.get('township') ?? '';
  const township = vocab?.townships.find((t) => t.name === townshipName || t.code === townshipName);
  const day = params.get('day') === 'tomorrow' ? 'tomorrow' : 'today';
  const trade = params.get('trade') ?? '';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const query = {
    date: day,
    townshipCode: township?.code,
    trade: trade || undefined,
    q: q || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const search = useQuery({
    queryKey: ['gig-search', query],
    queryFn: () => ok(api.GET('/api/v1/gigs/search', { params: { query } })),
    // A township in the address waits for the list that names it.
    enabled: !townshipName || !!vocab,
    placeholderData: keepPreviousData,
  });
  const points = useQuery({
    queryKey: ['gig-points'],
    queryFn: () => ok(api.GET('/api/v1/gigs/points')),
  });

  const change = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    p.delete('page');
    setParams(p);
  };
  const canPost = !!user;

  return (
    <Page
      title={township ? `${township.name}附近的零工` : '零工市场'}
      extra={
        canPost ? (
          <Link
            className="chip"
            to={user.role === 'staff' || user.role === 'admin' ? '/staff?tab=gigs' : '/me?tab=gigs-post'}
          >
            发布零工
          </Link>
        ) : null
      }
    >
      <p className="muted" style={{ marginTop: -8 }}>
        公益性零工市场：家门口的零活、日结工作，免费对接，不收任何费用。
      </p>
      <div className="panel gig-filters">
        <div className="gig-day" role="group" aria-label="哪一天">
          {(
            [
              ['today', '今天'],
              ['tomorrow', '明天'],
            ] as const
          ).map(([k, label]) => (
            <button
              key={k}
              type="button"
              aria-pressed={day === k}
              onClick={() => change({ day: k === 'today' ? null : k })}
            >
              {label}
            </button>
          ))}
        </div>
        <label>
          我在哪个乡镇
          <select
            className="native-select"
            value={township?.name ?? ''}
            onChange={(e) => change({ township: e.target.value || null })}
          >
            <option value="">全县</option>
            {(vocab?.townships ?? []).map((t) => (
              <option key={t.code} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          工种
          <select
            className="native-select"
            value={trade}
            onChange={(e) => change({ trade: e.target.value || null })}
          >
            <option value="">全部工种</option>
            {trade && !gigVocab?.trades.includes(trade) && <option value={trade}>{trade}</option>}
            {(gigVocab?.trades ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <Input.Search
          key={q}
          defaultValue={q}
          size="large"
          enterButton="搜索"
          placeholder="输入活儿，如 搬运、摘枣"
          aria-label="搜索零工"
          onSearch={(v) => change({ q: v.trim() || null })}
        />
      </div>
      {search.data?.degraded && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="搜索服务暂时繁忙，当前为简易搜索结果：不支持拼音和错别字，不按距离排序。"
        />
      )}
      <p className="muted" role="status" style={{ margin: '0 0 8px' }}>
        {search.data ? `${day === 'today' ? '今天' : '明天'}共有 ${search.data.total} 个零工` : ' '}
      </p>
      <QueryState
        query={search}
        isEmpty={(d) => d.hits.length === 0}
        empty={`${day === 'today' ? '今天' : '明天'}暂时没有合适的零工，换一天或换个乡镇看看`}
      >
        {(d) => (
          <>
            <ol className="gig-list" aria-label="零工列表">
              {d.hits.map((h) => (
                <GigCard key={h.id} hit={h} />
              ))}
            </ol>
            <Pager
              page={page}
              pages={Math.max(1, Math.ceil(d.total / PAGE))}
              onPage={(p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
                window.scrollTo(0, 0);
              }}
            />
          </>
        )}
      </QueryState>
      <h2 className="section-title">零工驿站</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        不会用手机？到就近的零工驿站，工作人员帮您登记、找活。
      </p>
      <QueryState query={points} isEmpty={(d) => d.items.length === 0} empty="暂无零工驿站信息">
        {(d) => (
          <ul className="fair-list" aria-label="零工驿站">
            {[...d.items]
              .sort(
                (a, b) =>
                  Number(b.townshipCode === township?.code) - Number(a.townshipCode === township?.code),
              )
              .map((p) => (
                <li key={p.id} className="panel fair-card">
                  <b className="fair-title">{p.name}</b>
                  <p>
                    {p.township} · {p.address}
                  </p>
                  <p className="muted">开放时间：{p.openingHours}</p>
                  {p.trades.length > 0 && <p className="muted">常见工种：{p.trades.join('、')}</p>}
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </Page>
  );
}

function GigCard({ hit: h }: { hit: GigHit }) {
  return (
    <li className="gig-card">
      <h2>
        <Link to={`/gigs/${h.id}`}>{h.title}</Link>
      </h2>
      <p className="gig-pay">{payText(h.payFen, h.payUnit)}</p>
      <div className="job-meta">
        <span>{h.trade}</span>
        <span>
          {dayWord(h.date)} {h.startTime}–{h.endTime}
        </span>
        <span>
          {h.township}
          {h.distanceKm !== undefined && h.distanceKm !== null
            ? h.distanceKm === 0
              ? '（本镇）'
              : `（约 ${h.distanceKm} 公里）`
            : ''}
        </span>
        <span>{placesText(h.accepted, h.headcount)}</span>
        {h.olderWorkersWelcome && <Tag color="green">欢迎大龄</Tag>}
      </div>
    </li>
  );
}
