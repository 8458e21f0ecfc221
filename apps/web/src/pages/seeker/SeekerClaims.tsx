import { Alert, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { QueryState } from '../../ui/states';
import { dateText, yuan } from '../../ui/format';
import { useTermName } from '../../ui/vocab';

const STATUS_COLOR: Record<string, string> = {
  'pending-review': 'blue',
  approved: 'cyan',
  paid: 'green',
  rejected: 'default',
};

/** 补贴: the claims filed for the seeker without applying (免申即享), and where each stands. */
export default function SeekerClaims() {
  const term = useTermName();
  const list = useQuery({
    queryKey: ['seeker', 'claims'],
    queryFn: () => ok(api.GET('/api/v1/subsidy-claims', { params: { query: { limit: 100 } } })),
  });
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="符合条件的补贴由系统自动生成，无需申请，工作人员审核后发放到您的社保卡。"
      />
      <QueryState query={list} isEmpty={(d) => d.items.length === 0} empty="暂无补贴记录">
        {(data) => (
          <ul style={{ listStyle: 'none', padding: 0 }} aria-label="补贴">
            {data.items.map((c) => (
              <li key={c.id} className="job-card">
                <h2>
                  {c.measureName} <span className="muted">（第{c.clause}条）</span>
                </h2>
                <div className="job-meta">
                  <span className="wage">{yuan(c.approvedAmountFen ?? c.amountFen)}</span>
                  <span>{c.period === 'event' ? '一次性' : `所属期 ${c.period}`}</span>
                  <Tag color={STATUS_COLOR[c.status]}>{term('claimStatuses', c.status)}</Tag>
                  {c.paidAt && <span>发放日期 {dateText(c.paidAt)}</span>}
                </div>
                {c.status === 'rejected' && c.decisionReason && (
                  <p className="muted">未通过原因：{c.decisionReason}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}
