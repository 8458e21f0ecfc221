import { Alert, Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { QueryState } from '../../ui/states';
import { dayWord, payText, placesText } from '../public/gig-format';

/** 今日附近: today's (or tomorrow's) open gigs in the worker's trades, nearest to home first. */
export default function SeekerGigsNear({ onAvailability }: { onAvailability: () => void }) {
  const [date, setDate] = useState<'today' | 'tomorrow'>('today');
  const near = useQuery({
    queryKey: ['seeker', 'gigs', 'near', date],
    queryFn: () => ok(api.GET('/api/v1/gigs/near-me', { params: { query: { date } } })),
  });
  return (
    <>
      <div className="gig-day" role="group" aria-label="哪一天" style={{ marginBottom: 12 }}>
        {(
          [
            ['today', '今天'],
            ['tomorrow', '明天'],
          ] as const
        ).map(([k, label]) => (
          <button key={k} type="button" aria-pressed={date === k} onClick={() => setDate(k)}>
            {label}
          </button>
        ))}
      </div>
      {near.data && !near.data.hasAvailability && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="填写接活意向（会干的活、哪天有空、能去哪些乡镇），就能只看适合您的零工，雇主也能找到您。"
          action={
            <Button size="small" onClick={onAvailability}>
              去填写
            </Button>
          }
        />
      )}
      {near.data?.offDay && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`您的接活意向里${dayWord(near.data.date)}不接活，所以这天不给您推荐零工。`}
          action={
            <Button size="small" onClick={onAvailability}>
              修改
            </Button>
          }
        />
      )}
      {near.data?.degraded && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="搜索服务暂时繁忙，当前为简易结果。"
        />
      )}
      <QueryState
        query={near}
        isEmpty={(d) => d.hits.length === 0}
        empty={
          <>
            附近暂时没有合适的零工，<Link to="/gigs">看看全县的零工</Link>
          </>
        }
      >
        {(d) => (
          <ol className="gig-list" aria-label="附近零工">
            {d.hits.map((h) => (
              <li key={h.id} className="gig-card">
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
                    {h.distanceKm !== undefined
                      ? h.distanceKm === 0
                        ? '（本镇）'
                        : `（约 ${h.distanceKm} 公里）`
                      : ''}
                  </span>
                  <span>{placesText(h.accepted, h.headcount)}</span>
                </div>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </>
  );
}
