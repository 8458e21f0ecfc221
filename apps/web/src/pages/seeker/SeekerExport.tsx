import { App, Button, Card, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useSession } from '../../auth/session';
import { showApiError } from '../../ui/forms';
import { dateText } from '../../ui/format';
import { QueryState } from '../../ui/states';

/** 外出务工: organised trips to work outside the county (有组织劳务输出), enrolment and my trips. */
export default function SeekerExport() {
  const { user } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const upcoming = useQuery({
    queryKey: ['export', 'upcoming'],
    queryFn: () => ok(api.GET('/api/v1/export-trips/upcoming', { params: { query: { limit: 50 } } })),
  });
  const mine = useQuery({
    queryKey: ['export', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/export-trips/mine')),
  });
  const enrol = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/v1/export-trips/{id}/participants', { params: { path: { id } }, body: {} })),
    onSuccess: () => {
      void message.success('报名成功，工作人员会联系您确认出发时间');
      void client.invalidateQueries({ queryKey: ['export'] });
    },
    onError: (err) => showApiError(err),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) =>
      ok(
        api.POST('/api/v1/export-trips/{id}/participants/{seekerUserId}/withdrawal', {
          params: { path: { id, seekerUserId: user!.id } },
        }),
      ),
    onSuccess: () => {
      void message.success('已退出这次输出');
      void client.invalidateQueries({ queryKey: ['export'] });
    },
    onError: (err) => showApiError(err),
  });
  const enrolled = new Set(
    (mine.data?.items ?? []).filter((i) => i.participation.status !== 'withdrawn').map((i) => i.trip.id),
  );
  return (
    <>
      <h2 style={{ fontSize: 18, marginTop: 0 }}>我的外出务工</h2>
      <QueryState query={mine} isEmpty={(d) => d.items.length === 0} empty="还没有报名外出务工">
        {(d) => (
          <Space orientation="vertical" size={12} style={{ width: '100%', marginBottom: 16 }}>
            {d.items.map(({ trip, participation: p }) => (
              <Card key={trip.id} size="small" title={trip.destinationText} extra={<Tag>{p.statusName}</Tag>}>
                <div className="job-meta">
                  <span>出发 {dateText(trip.departureDate)}</span>
                  {trip.employerName && <span>{trip.employerName}</span>}
                  {trip.stationContact && <span>当地工作站：{trip.stationContact}</span>}
                </div>
                {(p.status === 'enrolled' || p.status === 'departed') && (
                  <Button
                    style={{ marginTop: 8 }}
                    onClick={() => withdraw.mutate(trip.id)}
                    loading={withdraw.isPending}
                  >
                    退出
                  </Button>
                )}
              </Card>
            ))}
          </Space>
        )}
      </QueryState>
      <h2 style={{ fontSize: 18 }}>可以报名的外出务工</h2>
      <QueryState query={upcoming} isEmpty={(d) => d.items.length === 0} empty="近期没有组织外出务工">
        {(d) => (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {d.items.map((t) => (
              <Card key={t.id} size="small" title={t.destinationText}>
                <div className="job-meta">
                  <span>出发 {dateText(t.departureDate)}</span>
                  {t.employerName && <span>{t.employerName}</span>}
                  <span>
                    计划 {t.plannedHeadcount} 人，已报名 {t.counts.enrolled} 人
                  </span>
                </div>
                <p className="muted" style={{ margin: '4px 0' }}>
                  由县就业服务中心组织，统一出发、有人对接；脱贫人口外出务工可享一次性交通补贴。
                </p>
                {enrolled.has(t.id) ? (
                  <Tag color="green">已报名</Tag>
                ) : (
                  <Button type="primary" onClick={() => enrol.mutate(t.id)} loading={enrol.isPending}>
                    报名
                  </Button>
                )}
              </Card>
            ))}
          </Space>
        )}
      </QueryState>
    </>
  );
}
