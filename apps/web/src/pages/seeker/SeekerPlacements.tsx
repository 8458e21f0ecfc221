import { Descriptions, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { QueryState } from '../../ui/states';
import { dateText } from '../../ui/format';
import { useTermName } from '../../ui/vocab';

/** 就业记录: the seeker's hires, as recorded by the employer or the center. */
export default function SeekerPlacements() {
  const term = useTermName();
  const list = useQuery({
    queryKey: ['seeker', 'placements'],
    queryFn: () => ok(api.GET('/api/v1/seekers/me/placements')),
  });
  return (
    <QueryState
      query={list}
      isEmpty={(d) => d.items.length === 0}
      empty="还没有就业记录。被单位录用后，这里会显示您的就业信息。"
    >
      {(data) => (
        <ul style={{ listStyle: 'none', padding: 0 }} aria-label="就业记录">
          {data.items.map((p) => (
            <li key={p.id} className="job-card">
              <h2>{p.employerName}</h2>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label="入职日期">{dateText(p.startDate)}</Descriptions.Item>
                <Descriptions.Item label="合同到期">
                  {p.contractEndDate ? dateText(p.contractEndDate) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="岗位类型">{term('postKinds', p.postKind)}</Descriptions.Item>
                <Descriptions.Item label="状态">
                  {p.endedOn ? <Tag>已于 {dateText(p.endedOn)} 离职</Tag> : <Tag color="green">在岗</Tag>}
                </Descriptions.Item>
              </Descriptions>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
