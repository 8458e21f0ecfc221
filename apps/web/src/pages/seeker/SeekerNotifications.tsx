import { Button } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { QueryState } from '../../ui/states';
import { dateTimeText } from '../../ui/format';

/** 消息: what the platform told the seeker (a claim filed, an application moved). */
export default function SeekerNotifications() {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['seeker', 'notifications'],
    queryFn: () => ok(api.GET('/api/v1/notifications', { params: { query: { limit: 50 } } })),
  });
  const read = useMutation({
    mutationFn: (id: string) => ok(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['seeker', 'notifications'] }),
  });
  return (
    <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty="暂无消息">
      {(data) => (
        <ul style={{ listStyle: 'none', padding: 0 }} aria-label="消息">
          {data.items.map((n) => (
            <li key={n.id} className="job-card" style={{ opacity: n.readAt ? 0.75 : 1 }}>
              <h2>{n.title}</h2>
              <p style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{n.body}</p>
              <div className="job-meta">
                <span>{dateTimeText(n.createdAt)}</span>
                {!n.readAt && <Button onClick={() => read.mutate(n.id)}>标为已读</Button>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
