import { Progress, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { wageRange } from '../../ui/format';
import { useVocabularies } from '../../ui/vocab';

type Progress = components['schemas']['InternshipProgressView'];
type Unit = Progress['byHostUnit'][number];

/**
 * 就业见习 (/internships): the internship posts open now, who may apply (二(十一)), and the county's
 * gathering progress toward 80 posts by host unit and sector — the county medical group and the
 * education bureau shown apart, demonstration units marked.
 */
export default function Internships() {
  const { data: vocab } = useVocabularies();
  const progress = useQuery({
    queryKey: ['internships', 'progress'],
    queryFn: () => ok(api.GET('/api/v1/internships/progress')),
  });
  const posts = useQuery({
    queryKey: ['internships', 'posts'],
    queryFn: () =>
      ok(api.GET('/api/v1/job-posts/search', { params: { query: { internship: 'true', limit: '50' } } })),
  });
  return (
    <Page title="就业见习">
      <div className="panel">
        <p style={{ marginTop: 0 }}>
          见习岗位面向：{vocab?.internshipGroups.map((t) => t.name).join('、')}
          。见习期间按月发放见习生活补助。
        </p>
        <QueryState query={progress}>
          {(p) => (
            <>
              <h2 style={{ fontSize: 18 }}>全县见习岗位募集进度</h2>
              <Progress
                percent={Math.min(100, Math.round((p.posts / p.target) * 100))}
                format={() => `${p.posts} / ${p.target} 个`}
                aria-label={`已募集见习岗位 ${p.posts} 个，目标 ${p.target} 个`}
              />
              <p className="muted">
                共 {p.places} 个见习名额；见习示范单位 {p.demonstrationUnits} 家。
              </p>
              <div className="job-meta" style={{ marginBottom: 12 }}>
                {p.byAffiliation.map((a) => (
                  <span key={a.affiliation}>
                    {a.name}：{a.posts} 个岗位，{a.places} 个名额
                  </span>
                ))}
              </div>
              <div className="job-meta" style={{ marginBottom: 12 }}>
                {p.bySector
                  .filter((s) => s.posts > 0)
                  .map((s) => (
                    <span key={s.sector}>
                      {s.name} {s.posts} 个
                    </span>
                  ))}
              </div>
              <Table<Unit>
                rowKey="organisationId"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={p.byHostUnit}
                locale={{ emptyText: '暂无见习岗位' }}
                columns={[
                  {
                    title: '见习单位',
                    key: 'name',
                    render: (_, u) => (
                      <>
                        {u.name} {u.demonstration && <Tag color="gold">见习示范单位</Tag>}
                      </>
                    ),
                  },
                  { title: '类别', dataIndex: 'kindName' },
                  { title: '岗位', dataIndex: 'posts' },
                  { title: '名额', dataIndex: 'places' },
                ]}
              />
            </>
          )}
        </QueryState>
      </div>
      <h2 style={{ fontSize: 18 }}>正在招募的见习岗位</h2>
      <QueryState query={posts} isEmpty={(d) => d.hits.length === 0} empty="暂时没有见习岗位">
        {(d) => (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="见习岗位">
            {d.hits.map((h) => (
              <li className="job-card" key={h.id}>
                <h2>
                  <Link to={`/jobs/${h.id}`}>{h.title}</Link>
                </h2>
                <div className="job-meta">
                  <span className="wage">{wageRange(h.wageMinFen, h.wageMaxFen)}</span>
                  <span>{h.employerName}</span>
                  <span>{h.township ?? h.placeText}</span>
                  <span>招 {h.headcount} 人</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Page>
  );
}
