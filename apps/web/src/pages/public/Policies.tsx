import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';

/** The policy packs as readable pages. */
export default function Policies() {
  const packs = useQuery({ queryKey: ['policies'], queryFn: () => ok(api.GET('/api/v1/policies')) });
  return (
    <Page title="就业创业政策">
      <QueryState query={packs} isEmpty={(d) => d.length === 0}>
        {(list) => (
          <ul style={{ listStyle: 'none', padding: 0 }}>
            {list.map((p) => (
              <li key={p.id} className="job-card">
                <h2>
                  <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                </h2>
                <div className="job-meta">
                  <span>{p.document}</span>
                  <span>
                    适用：{p.region.province}
                    {p.region.city ?? ''}
                    {p.region.county ?? ''}
                  </span>
                  <span>
                    {p.window.from} 至 {p.window.to}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <p>
        想知道自己能享受哪些？试试 <Link to="/calculator">政策计算器</Link>。
      </p>
    </Page>
  );
}
