import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { Page } from '../../ui/Layout';
import { QueryState } from '../../ui/states';
import { yuan } from '../../ui/format';
import { useTermName } from '../../ui/vocab';

type Measure = components['schemas']['PolicyMeasureView'];
const PER: Record<string, string> = { once: '一次性', month: '按月', year: '按年' };

/** The amounts a measure pays: its money parameters (integer fen) as 元. */
function amountsOf(m: Measure): string {
  const money = Object.entries(m.params).filter(([k, p]) => /Fen$/.test(k) && typeof p.value === 'number');
  if (money.length === 0) return Object.values(m.params).some((p) => !p.set) ? '金额待定' : '—';
  return money.map(([, p]) => yuan(p.value as unknown as number)).join('、');
}

/** One pack: every measure with its clause, who is paid, how often and how much. */
export default function PolicyDetail() {
  const { id = '' } = useParams();
  const term = useTermName();
  const pack = useQuery({
    queryKey: ['policy', id],
    queryFn: () => ok(api.GET('/api/v1/policies/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={pack}>
      {(p) => (
        <Page title={p.title}>
          <p className="muted">
            {p.document}，{p.issuedOn} 印发；执行期 {p.window.from} 至 {p.window.to}。
            <Link to="/calculator">用政策计算器算一算</Link>
          </p>
          <ul style={{ listStyle: 'none', padding: 0 }} aria-label="政策措施">
            {p.measures.map((m) => (
              <li key={m.id} className="job-card">
                <h2>
                  {m.name} <span className="muted">（第{m.clause}条）</span>
                </h2>
                <div className="job-meta">
                  <span>发给：{term('beneficiaryKinds', m.beneficiary) || '—'}</span>
                  <span>{PER[m.per] ?? ''}</span>
                  <span className="wage">标准：{amountsOf(m)}</span>
                  <span>
                    有效期 {m.window.from} 至 {m.window.to}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </Page>
      )}
    </QueryState>
  );
}
