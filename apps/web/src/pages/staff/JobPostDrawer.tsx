import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Tag } from 'antd';
import type { ReactNode } from 'react';
import { api, ok } from '../../api/client';
import { dateText, dateTimeText, wageRange } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { ScreeningFlags } from '../../ui/ScreeningFlags';
import { useTerm } from './parts';

/** One job post in full (GET /api/v1/job-posts/{id}), with the review buttons in the footer. */
export function JobPostDrawer({
  id,
  onClose,
  actions,
}: {
  id: string | null;
  onClose: () => void;
  actions?: ReactNode;
}) {
  const query = useQuery({
    queryKey: ['staff', 'job-post', id],
    queryFn: () => ok(api.GET('/api/v1/job-posts/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
  const term = useTerm();
  return (
    <Drawer open={!!id} onClose={onClose} title="岗位详情" size={560} footer={actions} destroyOnHidden>
      <QueryState query={query}>
        {(p) => (
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'title', label: '岗位名称', children: p.title },
              { key: 'status', label: '状态', children: <Tag>{term('jobPostStatuses', p.status)}</Tag> },
              { key: 'employer', label: '招聘单位', children: p.employerName },
              { key: 'occupation', label: '工种', children: p.occupation ?? '—' },
              { key: 'headcount', label: '招聘人数', children: `${p.headcount} 人` },
              { key: 'place', label: '工作地点', children: p.placeText },
              { key: 'type', label: '用工形式', children: term('employmentTypes', p.employmentType) },
              { key: 'wage', label: '月薪', children: wageRange(p.wageMinFen, p.wageMaxFen) },
              { key: 'education', label: '学历要求', children: term('educationLevels', p.education, '不限') },
              {
                key: 'age',
                label: '年龄要求',
                children: p.ageMin || p.ageMax ? `${p.ageMin ?? 16}–${p.ageMax ?? 70} 岁` : '不限',
              },
              { key: 'skills', label: '技能要求', children: p.skills.length ? p.skills.join('、') : '—' },
              {
                key: 'benefits',
                label: '福利待遇',
                children: p.benefits.length ? p.benefits.join('、') : '—',
              },
              { key: 'description', label: '岗位描述', children: <Multiline text={p.description} /> },
              { key: 'requirements', label: '任职要求', children: <Multiline text={p.requirements} /> },
              { key: 'contact', label: '联系人', children: p.contactName ?? '—' },
              { key: 'phone', label: '联系电话', children: p.contactPhone ?? '—' },
              { key: 'deadline', label: '报名截止', children: dateText(p.deadline) },
              { key: 'source', label: '来源', children: p.source === 'import' ? '批量导入' : '单位填报' },
              { key: 'created', label: '创建时间', children: dateTimeText(p.createdAt) },
              { key: 'updated', label: '提交时间', children: dateTimeText(p.updatedAt) },
              ...(p.rejectReason ? [{ key: 'reject', label: '驳回原因', children: p.rejectReason }] : []),
              ...(p.screeningFlags.length
                ? [{ key: 'flags', label: '筛查提示', children: <ScreeningFlags flags={p.screeningFlags} /> }]
                : []),
            ]}
          />
        )}
      </QueryState>
    </Drawer>
  );
}

function Multiline({ text }: { text: string | null }) {
  return text ? <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div> : <>—</>;
}
