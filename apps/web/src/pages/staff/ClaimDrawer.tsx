import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Tag } from 'antd';
import type { ReactNode } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { dateTimeText, yuan } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { CLAIM_STATUS_COLOR, periodText, SOURCE_KIND, zh } from './dict';
import { useTerm } from './parts';
import { Reasons } from './PlacementDecisions';

type Claim = components['schemas']['SubsidyClaimView'];

/** One claim (GET /api/v1/subsidy-claims/{id}) with the reasons of its decision. */
export function ClaimDrawer({
  id,
  onClose,
  actions,
}: {
  id: string | null;
  onClose: () => void;
  actions: (c: Claim) => ReactNode;
}) {
  const term = useTerm();
  const query = useQuery({
    queryKey: ['staff', 'claim', id],
    queryFn: () => ok(api.GET('/api/v1/subsidy-claims/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title="补贴申领详情"
      size={640}
      destroyOnHidden
      footer={query.data ? actions(query.data) : undefined}
    >
      <QueryState query={query}>
        {(c) => (
          <>
            <Descriptions
              column={1}
              bordered
              size="small"
              items={[
                {
                  key: 'measure',
                  label: '补贴项目',
                  children: (
                    <span>
                      {c.measureName}
                      <span className="muted">（{c.clause}）</span>
                    </span>
                  ),
                },
                {
                  key: 'status',
                  label: '状态',
                  children: <Tag color={CLAIM_STATUS_COLOR[c.status]}>{term('claimStatuses', c.status)}</Tag>,
                },
                {
                  key: 'who',
                  label: '享受对象',
                  children: `${c.beneficiary.name || '—'}（${term('beneficiaryKinds', c.beneficiary.kind)}）`,
                },
                { key: 'source', label: '依据', children: zh(SOURCE_KIND, c.source.kind) },
                { key: 'period', label: '期间', children: periodText(c.period) },
                {
                  key: 'amount',
                  label: '应发金额',
                  children: c.amountFen === null ? '政策未定，审核时核定' : yuan(c.amountFen),
                },
                { key: 'approved', label: '核定金额', children: yuan(c.approvedAmountFen) },
                { key: 'township', label: '乡镇', children: term('townships', c.townshipCode) },
                ...(c.adjustsClaimId
                  ? [{ key: 'adj', label: '说明', children: '此为对原申领的补差调整' }]
                  : []),
                { key: 'created', label: '生成时间', children: dateTimeText(c.createdAt) },
                { key: 'decided', label: '审核时间', children: dateTimeText(c.decidedAt) },
                { key: 'reason', label: '审核意见', children: c.decisionReason ?? '—' },
                { key: 'paid', label: '发放时间', children: dateTimeText(c.paidAt) },
                { key: 'ref', label: '发放批次号', children: c.paymentReference ?? '—' },
              ]}
            />
            <h3 style={{ fontSize: 17, margin: '16px 0 4px' }}>测算依据</h3>
            {c.reasons.length ? <Reasons reasons={c.reasons} /> : <p className="muted">无</p>}
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
