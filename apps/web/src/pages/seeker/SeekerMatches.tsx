import { Alert, Button, Progress, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { QueryState } from '../../ui/states';
import { wageRange } from '../../ui/format';
import { useTermName } from '../../ui/vocab';

/** Posts that fit the seeker, best first, each with its Chinese reasons. */
export default function SeekerMatches() {
  const term = useTermName();
  const matches = useQuery({
    queryKey: ['seeker', 'matches'],
    queryFn: async () => {
      try {
        return await ok(api.GET('/api/v1/seekers/me/matches', { params: { query: { limit: 20 } } }));
      } catch (err) {
        if (err instanceof ApiError && err.code === 'seeker-profile-missing') return null;
        throw err;
      }
    },
  });
  return (
    <QueryState query={matches}>
      {(data) =>
        !data ? (
          <Alert
            type="info"
            showIcon
            title="填写求职登记后，这里会为您推荐合适的岗位。"
            action={
              <Link to="/me?tab=profile">
                <Button type="primary">去填写</Button>
              </Link>
            }
          />
        ) : data.matches.length === 0 ? (
          <Alert
            type="info"
            showIcon
            title="暂时没有合适的岗位，可以在求职登记里多填几个想做的工种，或去搜索岗位看看。"
          />
        ) : (
          <ol style={{ listStyle: 'none', padding: 0 }} aria-label="推荐岗位">
            {data.matches.map((m) => (
              <li key={m.post.id} className="job-card">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
                  <h2>
                    <Link to={`/jobs/${m.post.id}`}>{m.post.title}</Link>
                  </h2>
                  <Progress
                    type="circle"
                    percent={m.score}
                    size={48}
                    format={(p) => `${p}分`}
                    aria-label={`匹配度 ${m.score} 分`}
                  />
                </div>
                <div className="job-meta">
                  <span className="wage">{wageRange(m.post.wageMinFen, m.post.wageMaxFen)}</span>
                  <span>{m.post.employerName}</span>
                  <span>{m.post.township ?? m.post.placeText}</span>
                  <Tag>{term('employmentTypes', m.post.employmentType)}</Tag>
                </div>
                <ul className="reasons">
                  {m.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )
      }
    </QueryState>
  );
}
