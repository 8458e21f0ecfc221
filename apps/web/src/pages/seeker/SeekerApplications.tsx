import { App, Button, Popconfirm, Steps, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../api/errors';
import { QueryState } from '../../ui/states';
import { dateText } from '../../ui/format';
import { useTermName } from '../../ui/vocab';

const STEPS = ['applied', 'screening', 'interview', 'offer', 'hired'] as const;

/** The seeker's applications and where each stands. */
export default function SeekerApplications() {
  const term = useTermName();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['seeker', 'applications'],
    queryFn: () => ok(api.GET('/api/v1/applications/mine')),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/v1/applications/{id}/withdraw', { params: { path: { id } }, body: {} })),
    onSuccess: () => {
      void message.success('已撤回');
      void client.invalidateQueries({ queryKey: ['seeker', 'applications'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty="还没有投递过岗位，去看看推荐岗位吧">
      {(data) => (
        <ul style={{ listStyle: 'none', padding: 0 }} aria-label="我的投递">
          {data.items.map((a) => {
            const ended = a.status === 'rejected' || a.status === 'withdrawn';
            const at = STEPS.indexOf(a.status as (typeof STEPS)[number]);
            return (
              <li key={a.id} className="job-card">
                <h2>
                  <Link to={`/jobs/${a.jobPostId}`}>{a.jobPostTitle}</Link>
                </h2>
                <div className="job-meta" style={{ marginBottom: 8 }}>
                  <span>{a.employerName}</span>
                  <span>投递于 {dateText(a.createdAt)}</span>
                  <Tag color={a.status === 'hired' ? 'green' : ended ? 'default' : 'blue'}>
                    {term('applicationStatuses', a.status)}
                  </Tag>
                </div>
                {!ended && (
                  <Steps
                    size="small"
                    responsive={false}
                    type="dot"
                    titlePlacement="vertical"
                    current={at}
                    items={STEPS.map((s) => ({ title: term('applicationStatuses', s) }))}
                    style={{ overflowX: 'auto' }}
                  />
                )}
                {!ended && a.status !== 'hired' && (
                  <Popconfirm
                    title="确定撤回这份申请？"
                    okText="撤回"
                    cancelText="不撤回"
                    onConfirm={() => withdraw.mutate(a.id)}
                  >
                    <Button style={{ marginTop: 8 }}>撤回申请</Button>
                  </Popconfirm>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </QueryState>
  );
}
