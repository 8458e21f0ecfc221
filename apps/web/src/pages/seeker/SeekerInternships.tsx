import { Card, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { dateText } from '../../ui/format';
import { QueryState } from '../../ui/states';

/** 我的见习: the seeker's internships, from acceptance to the outcome. */
export default function SeekerInternships() {
  const interns = useQuery({
    queryKey: ['seeker', 'interns'],
    queryFn: () => ok(api.GET('/api/v1/internships/interns', { params: { query: { limit: 50 } } })),
  });
  return (
    <QueryState
      query={interns}
      isEmpty={(d) => d.items.length === 0}
      empty={
        <>
          还没有见习记录。<Link to="/internships">看看正在招募的见习岗位</Link>
        </>
      }
    >
      {(d) => (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {d.items.map((i) => (
            <Card
              key={i.id}
              size="small"
              title={<Link to={`/jobs/${i.jobPostId}`}>{i.jobPostTitle}</Link>}
              extra={<Tag>{i.statusName}</Tag>}
            >
              <div className="job-meta">
                <span>{i.hostName}</span>
                {i.startDate && <span>开始 {dateText(i.startDate)}</span>}
                {i.endDate && <span>结束 {dateText(i.endDate)}</span>}
                {i.outcomeName && <span>去向：{i.outcomeName}</span>}
              </div>
            </Card>
          ))}
        </Space>
      )}
    </QueryState>
  );
}
