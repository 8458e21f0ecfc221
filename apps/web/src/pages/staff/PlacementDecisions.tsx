import { useQuery } from '@tanstack/react-query';
import { Card, Drawer, Space, Tag } from 'antd';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { yuan } from '../../ui/format';
import { QueryState } from '../../ui/states';
import { PER, periodText, zh } from './dict';
import { useTerm } from './parts';

type Placement = components['schemas']['PlacementView'];
type Decision = components['schemas']['DecisionView'];
type Reason = components['schemas']['ClaimReasonView'];

/** Every decision of the policy engine for a placement (GET /api/v1/placements/{id}/decisions). */
export function PlacementDecisions({
  placement,
  onClose,
}: {
  placement: Placement | null;
  onClose: () => void;
}) {
  const query = useQuery({
    queryKey: ['staff', 'placement-decisions', placement?.id],
    queryFn: () =>
      ok(api.GET('/api/v1/placements/{id}/decisions', { params: { path: { id: placement!.id } } })),
    enabled: !!placement,
  });
  return (
    <Drawer
      open={!!placement}
      onClose={onClose}
      title={`补贴测算：${placement?.seekerDisplayName ?? ''} · ${placement?.employerName ?? ''}`}
      size={640}
      destroyOnHidden
    >
      <p className="muted" style={{ marginTop: 0 }}>
        登记就业后，系统按政策逐项测算；符合条件的补贴会自动生成申领，在「补贴审核」中办理。
      </p>
      <QueryState
        query={query}
        isEmpty={(d) => d.decisions.length === 0}
        empty="暂无测算结果（可能仍在处理中，请稍后刷新）"
      >
        {(d) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {d.decisions.map((x, i) => (
              <DecisionCard key={`${x.measure}-${x.period}-${i}`} decision={x} />
            ))}
          </Space>
        )}
      </QueryState>
    </Drawer>
  );
}

function DecisionCard({ decision: d }: { decision: Decision }) {
  const term = useTerm();
  return (
    <Card
      size="small"
      title={
        <span>
          {d.name}
          <span className="muted">（{d.clause}）</span>
        </span>
      }
      extra={d.eligible ? <Tag color="green">符合条件</Tag> : <Tag>不符合</Tag>}
    >
      <div className="job-meta" style={{ marginBottom: 4 }}>
        <span>
          金额：{d.amountFen === null ? '按规定核定' : yuan(d.amountFen)}
          {d.amountFen !== null && d.per !== 'once' ? `（${zh(PER, d.per)}）` : ''}
        </span>
        <span>享受对象：{term('beneficiaryKinds', d.beneficiary)}</span>
        <span>期间：{periodText(d.period)}</span>
        <span>测算日期：{d.asOf}</span>
      </div>
      <Reasons reasons={d.reasons} />
    </Card>
  );
}

/** A decision's or a claim's reasons: each condition, met or not, in the policy's words. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  if (!reasons.length) return null;
  return (
    <ul className="reasons" aria-label="测算依据">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${i}`}>
          <span style={{ color: r.ok ? '#237804' : '#c0392b', fontWeight: 600 }}>
            {r.ok ? '符合' : '不符合'}
          </span>
          {'：'}
          {r.text}
        </li>
      ))}
    </ul>
  );
}
