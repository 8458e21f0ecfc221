import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CountedRecord } from '@app/platform';
import type { Decision } from '@app/subsidy-engine';
import type { BeneficiaryKind, ClaimSourceKind, ClaimStatus, PlannedClaim } from './claim-rules';

/** A claim as the subsidies domain hands it out. */
export interface ClaimRecord {
  id: string;
  measure: string;
  clause: string;
  beneficiaryKind: BeneficiaryKind;
  beneficiaryId: string;
  subjectPersonId: string | null;
  sourceKind: ClaimSourceKind;
  sourceId: string;
  period: string;
  amountFen: number | null;
  approvedAmountFen: number | null;
  status: ClaimStatus;
  policyId: string;
  policyVersion: string;
  reasons: Decision['reasons'];
  townshipCode: string | null;
  adjustsClaimId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  paidAt: Date | null;
  paymentBatchId: string | null;
  paymentReference: string | null;
  createdAt: Date;
}

interface ClaimRow {
  id: string;
  measure: string;
  clause: string;
  beneficiary_kind: BeneficiaryKind;
  beneficiary_id: string;
  subject_person_id: string | null;
  source_kind: ClaimSourceKind;
  source_id: string;
  period: string;
  amount_fen: string | null;
  approved_amount_fen: string | null;
  status: ClaimStatus;
  policy_id: string;
  policy_version: string;
  reasons: Decision['reasons'];
  township_code: string | null;
  adjusts_claim_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  paid_at: Date | null;
  payment_batch_id: string | null;
  payment_reference: string | null;
  created_at: Date;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

const toRecord = (r: ClaimRow): ClaimRecord => ({
  id: r.id,
  measure: r.measure,
  clause: r.clause,
  beneficiaryKind: r.beneficiary_kind,
  beneficiaryId: r.beneficiary_id,
  subjectPersonId: r.subject_person_id,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  period: r.period,
  amountFen: num(r.amount_fen),
  approvedAmountFen: num(r.approved_amount_fen),
  status: r.status,
  policyId: r.policy_id,
  policyVersion: r.policy_version,
  reasons: r.reasons,
  townshipCode: r.township_code,
  adjustsClaimId: r.adjusts_claim_id,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
  paidAt: r.paid_at,
  paymentBatchId: r.payment_batch_id,
  paymentReference: r.payment_reference,
  createdAt: r.created_at,
});

const SELECT = `SELECT * FROM subsidy_claims c`;

/** A decision as kept (every one, eligible or not). */
export interface DecisionRecord {
  sourceKind: string;
  sourceId: string;
  measure: string;
  period: string;
  asOf: string;
  eligible: boolean;
  amountFen: number | null;
  policyId: string;
  policyVersion: string;
  decision: Decision;
  createdAt: Date;
}

export interface NewDecision {
  sourceKind: string;
  sourceId: string;
  period: string;
  asOf: string;
  decision: Decision;
}

/** The list's filters (the contract's) and who may see what. */
export interface ClaimFilter {
  placementId?: string;
  sourceKind?: ClaimSourceKind;
  sourceId?: string;
  measure?: string;
  status?: ClaimStatus;
  beneficiaryKind?: BeneficiaryKind;
  period?: string;
  /** Claims of this township (the claim's township). */
  townshipCode?: string;
  /** Only these beneficiaries (an employer's, an agency's, a person's own). */
  beneficiary?: { kind: BeneficiaryKind; id: string };
}

/** Claims of one measure over a span of days: how many and how much, at each step. */
export interface ClaimTotalsRow {
  measure: string;
  filed: number;
  filedFen: number;
  approved: number;
  approvedFen: number;
  paid: number;
  paidFen: number;
}

/** The subsidies' tables: subsidy_claims, subsidy_decisions, subsidy_payment_batches. */
@Injectable()
export class SubsidyClaimRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Keeps every decision (the first evaluation of a source, measure and period stays). */
  async keepDecisions(m: EntityManager, decisions: NewDecision[]): Promise<void> {
    if (decisions.length === 0) return;
    await m.query(
      `INSERT INTO subsidy_decisions (source_kind, source_id, measure, period, as_of, eligible, amount_fen,
         policy_id, policy_version, decision)
       SELECT d->>'sourceKind', (d->>'sourceId')::uuid, d->'decision'->>'measure', d->>'period', (d->>'asOf')::date,
              (d->'decision'->>'eligible')::boolean, (d->'decision'->>'amountFen')::bigint,
              d->'decision'->>'policy', d->'decision'->>'policyVersion', d->'decision'
         FROM jsonb_array_elements($1::jsonb) AS d
       ON CONFLICT (source_kind, source_id, measure, period) DO NOTHING`,
      [JSON.stringify(decisions)],
    );
  }

  /** Inserts the claims that do not exist yet; returns the ones inserted now. */
  async fileClaims(
    m: EntityManager,
    claims: PlannedClaim[],
    adjusts?: Map<string, string>,
  ): Promise<ClaimRecord[]> {
    if (claims.length === 0) return [];
    const rows: ClaimRow[] = await m.query(
      `WITH inserted AS (
         INSERT INTO subsidy_claims (measure, clause, beneficiary_kind, beneficiary_id, subject_person_id, source_kind,
           source_id, period, amount_fen, policy_id, policy_version, reasons, township_code, adjusts_claim_id)
         SELECT c->>'measure', c->>'clause', c->>'beneficiaryKind', (c->>'beneficiaryId')::uuid,
                (c->>'subjectPersonId')::uuid, c->>'sourceKind', (c->>'sourceId')::uuid, c->>'period',
                (c->>'amountFen')::bigint, c->>'policyId', c->>'policyVersion', c->'reasons', c->>'townshipCode',
                (c->>'adjustsClaimId')::uuid
           FROM jsonb_array_elements($1::jsonb) AS c
         ON CONFLICT (measure, beneficiary_kind, beneficiary_id, source_kind, source_id, period) DO NOTHING
         RETURNING *)
       SELECT * FROM inserted`,
      [JSON.stringify(claims.map((c) => ({ ...c, adjustsClaimId: adjusts?.get(c.sourceId) ?? null })))],
    );
    return rows.map(toRecord);
  }

  async get(id: string, m?: EntityManager, lock = false): Promise<ClaimRecord | null> {
    const rows: ClaimRow[] = await this.m(m).query(`${SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async lockMany(m: EntityManager, ids: readonly string[]): Promise<ClaimRecord[]> {
    const rows: ClaimRow[] = await m.query(
      `${SELECT} WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE`,
      [[...new Set(ids)]],
    );
    return rows.map(toRecord);
  }

  /** The claims of sources, any status. */
  async ofSources(kind: string, ids: readonly string[], m?: EntityManager): Promise<ClaimRecord[]> {
    if (ids.length === 0) return [];
    const rows: ClaimRow[] = await this.m(m).query(
      `${SELECT} WHERE c.source_kind = $1 AND c.source_id = ANY($2::uuid[]) ORDER BY c.created_at, c.id`,
      [kind, [...new Set(ids)]],
    );
    return rows.map(toRecord);
  }

  /** Every claim concerning a person (as the one hired, certified, founding…), not rejected: their history. */
  async historyOfPerson(personId: string, m?: EntityManager): Promise<ClaimRecord[]> {
    const rows: ClaimRow[] = await this.m(m).query(
      `${SELECT} WHERE c.subject_person_id = $1 AND c.status <> 'rejected' AND c.source_kind <> 'adjustment'`,
      [personId],
    );
    return rows.map(toRecord);
  }

  /** `historyOfPerson` of several people at once. */
  async historyOfPersons(
    personIds: readonly string[],
    m?: EntityManager,
  ): Promise<Map<string, ClaimRecord[]>> {
    const out = new Map<string, ClaimRecord[]>(personIds.map((id) => [id, []]));
    if (personIds.length === 0) return out;
    const rows: ClaimRow[] = await this.m(m).query(
      `${SELECT} WHERE c.subject_person_id = ANY($1::uuid[]) AND c.status <> 'rejected' AND c.source_kind <> 'adjustment'`,
      [[...new Set(personIds)]],
    );
    for (const r of rows.map(toRecord)) out.get(r.subjectPersonId as string)?.push(r);
    return out;
  }

  /** An employer's claims of one measure, not rejected (e.g. the years of job-retention refunds). */
  async ofBeneficiary(
    kind: BeneficiaryKind,
    id: string,
    measure: string,
    m?: EntityManager,
  ): Promise<ClaimRecord[]> {
    const rows: ClaimRow[] = await this.m(m).query(
      `${SELECT} WHERE c.beneficiary_kind = $1 AND c.beneficiary_id = $2 AND c.measure = $3 AND c.status <> 'rejected'
         AND c.source_kind <> 'adjustment'`,
      [kind, id, measure],
    );
    return rows.map(toRecord);
  }

  async decisionsOf(sourceKind: string, sourceId: string): Promise<DecisionRecord[]> {
    const rows: {
      source_kind: string;
      source_id: string;
      measure: string;
      period: string;
      as_of: string;
      eligible: boolean;
      amount_fen: string | null;
      policy_id: string;
      policy_version: string;
      decision: Decision;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT source_kind, source_id, measure, period, to_char(as_of, 'YYYY-MM-DD') AS as_of, eligible, amount_fen,
              policy_id, policy_version, decision, created_at
         FROM subsidy_decisions WHERE source_kind = $1 AND source_id = $2 ORDER BY id`,
      [sourceKind, sourceId],
    );
    return rows.map((r) => ({
      sourceKind: r.source_kind,
      sourceId: r.source_id,
      measure: r.measure,
      period: r.period,
      asOf: r.as_of,
      eligible: r.eligible,
      amountFen: num(r.amount_fen),
      policyId: r.policy_id,
      policyVersion: r.policy_version,
      decision: r.decision,
      createdAt: r.created_at,
    }));
  }

  /** The event decisions of sources that are eligible for one of the measures (the monthly run's work list). */
  async eligibleEventSources(
    sourceKind: string,
    measures: readonly string[],
  ): Promise<Map<string, Decision[]>> {
    const rows: { source_id: string; decision: Decision }[] = await this.dataSource.query(
      `SELECT source_id, decision FROM subsidy_decisions
        WHERE source_kind = $1 AND period = 'event' AND eligible AND measure = ANY($2::text[])
        ORDER BY source_id`,
      [sourceKind, [...measures]],
    );
    const out = new Map<string, Decision[]>();
    for (const r of rows) out.set(r.source_id, [...(out.get(r.source_id) ?? []), r.decision]);
    return out;
  }

  async hasEventDecisions(sourceKind: string, sourceId: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.m(m).query(
      `SELECT 1 FROM subsidy_decisions WHERE source_kind = $1 AND source_id = $2 AND period = 'event' LIMIT 1`,
      [sourceKind, sourceId],
    );
    return rows.length > 0;
  }

  async page(f: ClaimFilter, limit: number, offset: number): Promise<{ rows: ClaimRecord[]; total: number }> {
    const { clause, params } = where(f);
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM subsidy_claims c ${clause}`,
      params,
    );
    const rows: ClaimRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY c.created_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows: rows.map(toRecord), total };
  }

  /** Every claim of the filter in roster order (measure, period, creation). */
  async all(f: ClaimFilter, max: number): Promise<ClaimRecord[]> {
    const { clause, params } = where(f);
    const rows: ClaimRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY c.measure, c.period, c.created_at, c.id LIMIT $${params.length + 1}`,
      [...params, max],
    );
    return rows.map(toRecord);
  }

  async approve(
    m: EntityManager,
    id: string,
    amountFen: number,
    by: string,
    reason: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE subsidy_claims SET status = 'approved', approved_amount_fen = $2, decided_by = $3, decided_at = now(),
         decision_reason = $4, updated_at = now() WHERE id = $1`,
      [id, amountFen, by, reason],
    );
  }

  async reject(m: EntityManager, id: string, by: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE subsidy_claims SET status = 'rejected', decided_by = $2, decided_at = now(), decision_reason = $3,
         updated_at = now() WHERE id = $1`,
      [id, by, reason],
    );
  }

  /**
   * Withdraws claims still pending review (系统撤回: a rejection by no one, with its reason), e.g. the
   * months after a placement's end that a retroactive recording had filed. Returns those withdrawn.
   */
  async withdraw(m: EntityManager, ids: readonly string[], reason: string): Promise<ClaimRecord[]> {
    if (ids.length === 0) return [];
    const rows: ClaimRow[] = await m.query(
      `WITH w AS (
         UPDATE subsidy_claims SET status = 'rejected', decided_at = now(), decision_reason = $2, updated_at = now()
          WHERE id = ANY($1::uuid[]) AND status = 'pending-review' RETURNING *)
       SELECT * FROM w`,
      [[...ids], reason],
    );
    return rows.map(toRecord);
  }

  async batchByReference(m: EntityManager, reference: string): Promise<{ id: string } | null> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM subsidy_payment_batches WHERE reference = $1`,
      [reference],
    );
    return rows[0] ?? null;
  }

  async pay(
    m: EntityManager,
    ids: readonly string[],
    reference: string,
    by: string,
    totalFen: number,
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO subsidy_payment_batches (reference, claim_count, total_fen, paid_by) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [reference, ids.length, totalFen, by],
    );
    await m.query(
      `UPDATE subsidy_claims SET status = 'paid', paid_at = now(), payment_batch_id = $2, payment_reference = $3,
         updated_at = now() WHERE id = ANY($1::uuid[])`,
      [[...ids], id, reference],
    );
    return id;
  }

  /** Sources with claims of a policy pack (a recompute's work list), oldest first. */
  async ofPolicy(policyId: string): Promise<ClaimRecord[]> {
    const rows: ClaimRow[] = await this.dataSource.query(
      `${SELECT} WHERE c.policy_id = $1 AND c.source_kind <> 'adjustment' AND c.status <> 'rejected'
        ORDER BY c.created_at, c.id`,
      [policyId],
    );
    return rows.map(toRecord);
  }

  /**
   * 技能提升补贴 claims (补贴性培训) for certificates issued in the year, not rejected: the person
   * trained with a subsidy, on the certificate's day.
   */
  async skillUpgradeClaimsIn(year: number): Promise<CountedRecord[]> {
    const rows: { id: string; on: string; township_code: string | null; label: string; person: string }[] =
      await this.dataSource.query(
        `SELECT c.id, to_char(s.issued_on, 'YYYY-MM-DD') AS on, s.township_code, s.person_user_id AS person,
                s.occupation || ' · ' || s.issuing_body AS label
           FROM subsidy_claims c JOIN skill_certificates s ON s.id = c.source_id
          WHERE c.measure = 'skill-upgrade' AND c.source_kind = 'certificate' AND c.status <> 'rejected'
            AND extract(year FROM s.issued_on) = $1
          ORDER BY s.issued_on, c.id`,
        [year],
      );
    return rows.map((r) => ({
      id: r.id,
      on: r.on,
      townshipCode: r.township_code,
      label: r.label,
      personId: r.person,
    }));
  }

  /**
   * Per measure, the claims filed, approved and paid between two China days (inclusive): counts and
   * sums in fen. Filed counts claims (a correction's adjustment is not one; its amount adds in) and
   * sums the amounts as computed (a claim without an amount counts, adds 0);
   * approved and paid sum the approved amounts, on the day of the decision and of the payment.
   */
  async totalsBetween(from: string, to: string): Promise<ClaimTotalsRow[]> {
    const rows: Record<string, string | number | null>[] = await this.dataSource.query(
      `WITH f AS (
         SELECT measure, count(*) FILTER (WHERE source_kind <> 'adjustment')::int AS n,
                coalesce(sum(amount_fen), 0)::bigint AS fen FROM subsidy_claims
          WHERE (created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date GROUP BY measure),
       a AS (
         SELECT measure, count(*)::int AS n, coalesce(sum(approved_amount_fen), 0)::bigint AS fen FROM subsidy_claims
          WHERE status IN ('approved', 'paid')
            AND (decided_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date GROUP BY measure),
       p AS (
         SELECT measure, count(*)::int AS n, coalesce(sum(approved_amount_fen), 0)::bigint AS fen FROM subsidy_claims
          WHERE status = 'paid' AND (paid_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date
          GROUP BY measure)
       SELECT m.measure, coalesce(f.n, 0) AS filed, coalesce(f.fen, 0) AS filed_fen,
              coalesce(a.n, 0) AS approved, coalesce(a.fen, 0) AS approved_fen,
              coalesce(p.n, 0) AS paid, coalesce(p.fen, 0) AS paid_fen
         FROM (SELECT measure FROM f UNION SELECT measure FROM a UNION SELECT measure FROM p) m
         LEFT JOIN f USING (measure) LEFT JOIN a USING (measure) LEFT JOIN p USING (measure)
        ORDER BY m.measure`,
      [from, to],
    );
    return rows.map((r) => ({
      measure: r.measure as string,
      filed: Number(r.filed),
      filedFen: Number(r.filed_fen),
      approved: Number(r.approved),
      approvedFen: Number(r.approved_fen),
      paid: Number(r.paid),
      paidFen: Number(r.paid_fen),
    }));
  }

  /** The adjustments of a claim (their sum is what the corrections added or took away). */
  async adjustmentsOf(claimId: string, m?: EntityManager): Promise<ClaimRecord[]> {
    const rows: ClaimRow[] = await this.m(m).query(
      `${SELECT} WHERE c.adjusts_claim_id = $1 ORDER BY c.created_at`,
      [claimId],
    );
    return rows.map(toRecord);
  }

  /** All claim keys of a source kind (reconciliation: what exists). */
  async keysOf(sourceKind: string): Promise<Set<string>> {
    const rows: { k: string }[] = await this.dataSource.query(
      `SELECT concat_ws('|', source_id, measure, beneficiary_kind, beneficiary_id, period) AS k
         FROM subsidy_claims WHERE source_kind = $1`,
      [sourceKind],
    );
    return new Set(rows.map((r) => r.k));
  }
}

/** The key of a claim for reconciliation: source, measure, beneficiary, period. */
export function claimKey(
  c: Pick<PlannedClaim, 'sourceId' | 'measure' | 'beneficiaryKind' | 'beneficiaryId' | 'period'>,
) {
  return [c.sourceId, c.measure, c.beneficiaryKind, c.beneficiaryId, c.period].join('|');
}

function where(f: ClaimFilter): { clause: string; params: unknown[] } {
  const w: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.placementId) w.push(`c.source_kind = 'placement' AND c.source_id = ${p(f.placementId)}`);
  if (f.sourceKind) w.push(`c.source_kind = ${p(f.sourceKind)}`);
  if (f.sourceId) w.push(`c.source_id = ${p(f.sourceId)}`);
  if (f.measure) w.push(`c.measure = ${p(f.measure)}`);
  if (f.status) w.push(`c.status = ${p(f.status)}`);
  if (f.beneficiaryKind) w.push(`c.beneficiary_kind = ${p(f.beneficiaryKind)}`);
  if (f.period) w.push(`c.period = ${p(f.period)}`);
  if (f.townshipCode) w.push(`c.township_code = ${p(f.townshipCode)}`);
  if (f.beneficiary) {
    w.push(`c.beneficiary_kind = ${p(f.beneficiary.kind)} AND c.beneficiary_id = ${p(f.beneficiary.id)}`);
  }
  return { clause: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
}

/** Serialises the filings of one person (or employer) across workers, until the transaction ends. */
export async function lockFiling(m: EntityManager, key: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`subsidies:${key}`]);
}

/** `lockFiling` for several keys in one round trip, always in the same order (no deadlock between batches). */
export async function lockFilings(m: EntityManager, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await m.query(
    `SELECT count(pg_advisory_xact_lock(h)) FROM (
       SELECT DISTINCT hashtextextended('subsidies:' || k, 0) AS h FROM unnest($1::text[]) k ORDER BY 1) s`,
    [keys],
  );
}
