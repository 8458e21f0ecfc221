import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { useTermName } from '../../ui/vocab';
import { fairWhen, windowOpen } from './fair-format';

/** 招聘会: the calendar of fairs — upcoming first, then those held — each with where, when and places left. */
export default function Fairs() {
  const term = useTermName();
  const fairs = useQuery({
    queryKey: ['fairs', 'calendar'],
    queryFn: () => ok(api.GET('/api/v1/fairs', { params: { query: { limit: 100 } } })),
  });
  return (
    <Page title="招聘会">
      <p className="muted" style={{ marginTop: 0 }}>
        县就业服务中心全年举办专场招聘会。求职者网上报名后凭二维码入场；企业可报名参会、申请展位。
      </p>
      <QueryState query={fairs} isEmpty={(d) => d.total === 0} empty="近期没有招聘会安排">
        {(d) => {
          const now = Date.now();
          const upcoming = d.items.filter((f) => new Date(f.endsAt).getTime() >= now);
          const past = d.items.filter((f) => new Date(f.endsAt).getTime() < now).reverse();
          const card = (f: (typeof d.items)[number]) => (
            <li key={f.id} className="panel fair-card">
              <Link to={`/fairs/${f.id}`} className="fair-title">
                {f.title}
              </Link>
              <p className="fair-when">{fairWhen(f.startsAt, f.endsAt)}</p>
              <p className="muted">
                {[
                  term('fairModes', f.mode),
                  f.venueName ?? (f.townshipCode ? term('townships', f.townshipCode) : null),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <p>
                <span className={`fair-status fair-status-${f.status}`}>
                  {term('fairStatuses', f.status)}
                </span>
                {windowOpen(f.status, f.seekerRegistrationOpensAt, f.seekerRegistrationClosesAt, now) && (
                  <span className="fair-places">
                    {f.seekersConfirmed < f.seekerCapacity
                      ? `剩余名额 ${f.seekerCapacity - f.seekersConfirmed}`
                      : '名额已满，可报名候补'}
                  </span>
                )}
              </p>
            </li>
          );
          return (
            <>
              <h2 className="section-title">即将举办</h2>
              {upcoming.length ? (
                <ul className="fair-list">{upcoming.map(card)}</ul>
              ) : (
                <p className="muted">暂无</p>
              )}
              {past.length > 0 && (
                <>
                  <h2 className="section-title">已举办</h2>
                  <ul className="fair-list">{past.map(card)}</ul>
                </>
              )}
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
