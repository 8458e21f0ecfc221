import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PlacementRecord, Placements } from '@app/applications';
import { EnterpriseFacts, EnterpriseService } from '@app/enterprises';
import { NotificationService } from '@app/notifications';
import { SeekerProfiles } from '@app/seekers';
import { Decision, PolicyRegistry, Situation, evaluateSituation, isErrorResult } from '@app/subsidy-engine';
import {
  EVENT_PERIOD,
  GrantHistory,
  MEASURES_OF_SOURCE,
  MONTHLY_MEASURES,
  PlannedClaim,
  SourceKind,
  addMonths,
  claimOf,
  lastDayOf,
  monthOf,
  monthsInForce,
  withPlacementHistory,
} from './claim-rules';
import { MeasureNames } from './measure-names';
import { POLICY_REGISTRY } from './policy-registry.provider';
import {
  ClaimRecord,
  NewDecision,
  SubsidyClaimRepository,
  claimKey,
  lockFilings as lockAll,
  lockFiling as lock,
} from './subsidy-claim.repository';
import { BusinessRecord, SubsidySourceRepository } from './subsidy-source.repository';

/** What one filing did: the decisions it kept, the claims it wanted, the ones it inserted now. */
export interface FilingReport {
  decisions: number;
  planned: PlannedClaim[];
  filed: ClaimRecord[];
}

const EMPTY: FilingReport = { decisions: 0, planned: [], filed: [] };

/** A filing plan before anything is written (a dry run of the reconciliation uses it as it is). */
interface Plan {
  decisions: NewDecision[];
  claims: PlannedClaim[];
}

/**
 * File claims (免申即享): the one use case that turns a record — a placement, a certificate, a
 * business, an insurance year, a graduate's profile — into the engine's decisions and the claims
 * they earn, in the caller's transaction (the outbox handler's, so "filed" and "event processed"
 * are one commit), with a notification to each beneficiary.
 *
 * - Every decision is kept, eligible or not ("why didn't I get it").
 * - Claims are inserted ON CONFLICT DO NOTHING on (measure, beneficiary, source, period): a second
 *   delivery, a second worker, a crash and retry never yield a second claim.
 * - Caps across records: the filing of a person (or employer) holds an advisory lock on them, and
 *   reads what their other records were already granted (one-time benefits, months, certificates
 *   of the year, startup money) as the engine's history fields. Two workers on two placements of
 *   one person therefore file as one would.
 * - Measures that wait for time to pass are filed when it has passed (`today`): the monthly
 *   measures by the contract's month rule, the small employer's hiring subsidy after six months of
 *   stable employment, the startup subsidy's advance and balance, the rent subsidy per year.
 */
@Injectable()
export class FileClaims {
  constructor(
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    private readonly claims: SubsidyClaimRepository,
    private readonly sources: SubsidySourceRepository,
    private readonly placements: Placements,
    private readonly seekers: SeekerProfiles,
    private readonly enterprises: EnterpriseService,
    private readonly notifications: NotificationService,
    private readonly names: MeasureNames,
  ) {}

  /** A placement: its event decisions and one-time claims, then whatever is due by `today`. */
  forPlacement(m: EntityManager, placementId: string, today: string): Promise<FilingReport> {
    return this.forPlacements(m, [placementId], today);
  }

  /**
   * Placements filed together in the caller's transaction (a batch of outbox events, a run of
   * what is due): one read of the people's placements and claims, one lock per person (taken in
   * one order, so two workers' batches never deadlock), one write of decisions, claims and
   * notifications. Each placement is planned in start order with what the ones before it in the
   * batch were granted, so a batch files exactly what one filing after another would.
   */
  async forPlacements(
    m: EntityManager,
    placementIds: readonly string[],
    today: string,
  ): Promise<FilingReport> {
    const wanted = new Set(placementIds);
    const all = await this.placements.ofSeekersOf([...wanted], m);
    const placements = all.filter((p) => wanted.has(p.id));
    if (placements.length !== wanted.size) {
      const found = new Set(placements.map((p) => p.id));
      throw new Error(`Placement(s) ${[...wanted].filter((id) => !found.has(id)).join(', ')} do not exist`);
    }
    const people = [...new Set(placements.map((p) => p.seekerUserId))];
    await lockAll(
      m,
      people.map((id) => `person:${id}`),
    );
    const claims = await this.claims.historyOfPersons(people, m);
    const employers = await this.enterprises.facts(
      [...new Set(placements.map((p) => p.employerOrganisationId))],
      m,
    );
    const plan: Plan = { decisions: [], claims: [] };
    for (const p of placements) {
      const history = claims.get(p.seekerUserId) ?? [];
      const mine = this.planPlacement(p, today, {
        history,
        placements: all.filter((o) => o.seekerUserId === p.seekerUserId),
        employer: employers.get(p.employerOrganisationId),
      });
      plan.decisions.push(...mine.decisions);
      plan.claims.push(...mine.claims);
      // What this placement earns counts for the person's later placements in this batch.
      const known = new Set(history.map(claimKey));
      claims.set(p.seekerUserId, [
        ...history,
        ...mine.claims.filter((c) => !known.has(claimKey(c))).map(pseudoClaim),
      ]);
    }
    const report = await this.write(m, plan);
    for (const p of placements) if (p.endedOn !== null) await this.withdrawAfterEnd(m, p.id, p.endedOn);
    return report;
  }

  /**
   * A placement recorded late and ended later may hold months filed before its end was known: those
   * still pending review are withdrawn (the person was not at work on the month's last day). Months
   * already approved or paid stay as they are; reconciliation reports them.
   */
  private async withdrawAfterEnd(m: EntityManager, placementId: string, endedOn: string): Promise<void> {
    const after = (await this.claims.ofSources('placement', [placementId], m)).filter(
      (c) =>
        c.status === 'pending-review' &&
        MONTHLY_MEASURES.includes(c.measure as never) &&
        lastDayOf(c.period) > endedOn,
    );
    const reason = `就业于${endedOn}终止，该月末不在岗（系统撤回）`;
    const withdrawn = await this.claims.withdraw(
      m,
      after.map((c) => c.id),
      reason,
    );
    await this.notifications.notify(
      m,
      withdrawn.map((c) => claimNotification(c, 'rejected', this.names.of(c), reason)),
    );
  }

  async forCertificate(m: EntityManager, certificateId: string): Promise<FilingReport> {
    const c = await this.sources.certificate(certificateId, m);
    if (!c) throw new Error(`Certificate ${certificateId} does not exist`);
    await lock(m, `person:${c.personUserId}`);
    return this.write(m, await this.planCertificate(m, certificateId));
  }

  async forBusiness(m: EntityManager, businessId: string, today: string): Promise<FilingReport> {
    const b = await this.sources.business(businessId, m);
    if (!b) throw new Error(`Business ${businessId} does not exist`);
    await lock(m, `person:${b.founderUserId}`);
    return this.write(m, await this.planBusiness(m, b, today));
  }

  async forInsuranceYear(m: EntityManager, recordId: string): Promise<FilingReport> {
    const y = await this.sources.insuranceYear(recordId, m);
    if (!y) throw new Error(`Insurance year ${recordId} does not exist`);
    await lock(m, `employer:${y.employerOrganisationId}`);
    return this.write(m, await this.planInsuranceYear(m, recordId));
  }

  /** A seeker's profile: the job-search subsidy (一次性求职创业补贴) when its graduation facts earn it. */
  async forProfile(m: EntityManager, seekerId: string, today: string): Promise<FilingReport> {
    await lock(m, `person:${seekerId}`);
    return this.write(m, await this.planProfile(m, seekerId, today));
  }

  /** The plan of a source, written nowhere (reconciliation compares it with what exists). */
  async plan(m: EntityManager, kind: SourceKind, id: string, today: string): Promise<PlannedClaim[]> {
    if (kind === 'placement') {
      const all = await this.placements.ofSeekersOf([id], m);
      const p = all.find((x) => x.id === id);
      if (!p) return [];
      const employer = (await this.enterprises.facts([p.employerOrganisationId], m)).get(
        p.employerOrganisationId,
      );
      const history = (await this.claims.historyOfPersons([p.seekerUserId], m)).get(p.seekerUserId) ?? [];
      return this.planPlacement(p, today, { history, placements: all, employer }).claims;
    }
    if (kind === 'certificate') return (await this.planCertificate(m, id)).claims;
    if (kind === 'business') {
      const b = await this.sources.business(id, m);
      return b ? (await this.planBusiness(m, b, today)).claims : [];
    }
    if (kind === 'insurance-year') return (await this.planInsuranceYear(m, id)).claims;
    return (await this.planProfile(m, id, today)).claims;
  }

  /** Re-evaluates a source's one claim with the packs now loaded (a policy change), writing nothing. */
  async reevaluate(m: EntityManager, claim: ClaimRecord, today: string): Promise<PlannedClaim | null> {
    const planned = await this.plan(m, claim.sourceKind as SourceKind, claim.sourceId, today);
    return (
      planned.find(
        (c) =>
          c.measure === claim.measure &&
          c.period === claim.period &&
          c.beneficiaryKind === claim.beneficiaryKind &&
          c.beneficiaryId === claim.beneficiaryId,
      ) ?? null
    );
  }

  // ---- plans ----

  /** A placement's plan from what was read (no I/O): its person's claims and placements, its employer. */
  private planPlacement(
    p: PlacementRecord,
    today: string,
    read: { history: ClaimRecord[]; placements: PlacementRecord[]; employer: EnterpriseFacts | undefined },
  ): Plan {
    if (!p.snapshot) return { decisions: [], claims: [] };
    const history = historyOf(read.history, { kind: 'placement', id: p.id });
    const others = read.placements.filter(
      (o) => o.id !== p.id && o.postKind !== 'regular' && o.startDate <= p.startDate,
    );
    const employer = read.employer;
    const key = {
      sourceKind: 'placement' as const,
      sourceId: p.id,
      parties: {
        employerId: p.employerOrganisationId,
        personId: p.seekerUserId,
        agencyId: p.referringAgencyId,
      },
      townshipCode: p.townshipCode ?? employer?.townshipCode ?? null,
    };
    const base: Situation = {
      person: p.snapshot.person,
      employer: p.snapshot.employer,
      hire: p.snapshot.hire,
    };
    const grants = (granted: GrantHistory) =>
      withPlacementHistory(base, { ...granted, otherPublicWelfarePlacements: others.length });
    const plan: Plan = { decisions: [], claims: [] };

    // The event: every measure of a hire decided at its start; the one-time ones filed when payable.
    const event = this.evaluate(
      { ...grants(history.excluding(EVENT_PERIOD)), asOf: p.startDate },
      'placement',
    );
    plan.decisions.push(
      ...event.map((decision) => ({ ...ids(key), period: EVENT_PERIOD, asOf: p.startDate, decision })),
    );
    for (const d of event) {
      if (d.per !== 'once') continue;
      if (d.payableFrom) {
        // 稳定就业半年: filed once the hire has lasted, evaluated on that day.
        if (d.payableFrom > today || (p.endedOn !== null && p.endedOn < d.payableFrom)) continue;
        const due = this.evaluate(
          { ...grants(history.excluding(EVENT_PERIOD)), asOf: d.payableFrom },
          'placement',
        ).find((x) => x.measure === d.measure);
        if (!due) continue;
        plan.decisions.push({ ...ids(key), period: d.payableFrom, asOf: d.payableFrom, decision: due });
        const c = claimOf(due, { ...key, period: 'once' });
        if (c) plan.claims.push(c);
        continue;
      }
      const c = claimOf(d, { ...key, period: 'once' });
      if (c) plan.claims.push(c);
    }

    // The months: one claim per month the placement was in force on its last day, once ended.
    const monthly = event.filter((d) => d.eligible && MONTHLY_MEASURES.includes(d.measure as never));
    if (monthly.length > 0) {
      for (const month of monthsInForce(p.startDate, p.endedOn, today)) {
        const day = lastDayOf(month);
        const decided = this.evaluate({ ...grants(history.excluding(month)), asOf: day }, 'placement');
        for (const d of decided) {
          if (!monthly.some((x) => x.measure === d.measure)) continue;
          plan.decisions.push({ ...ids(key), period: month, asOf: day, decision: d });
          // Never past the measure's window, never beyond its months (the engine's remainingPeriods).
          if (d.window.to < day || (d.remainingPeriods !== undefined && d.remainingPeriods <= 0)) continue;
          const c = claimOf(d, { ...key, period: month });
          if (c) {
            plan.claims.push(c);
            history.grantMonth(d.measure, month);
          }
        }
      }
    }
    return plan;
  }

  private async planCertificate(m: EntityManager, id: string): Promise<Plan> {
    const c = await this.sources.certificate(id, m);
    if (!c) return { decisions: [], claims: [] };
    const history = await this.personHistory(m, c.personUserId, { kind: 'certificate', id });
    // 每人每年最多3次: the person's other certificates of the same year that earned the subsidy.
    const year = c.issuedOn.slice(0, 4);
    const sameYear = new Set(
      (await this.sources.certificatesOfPerson(c.personUserId, m))
        .filter((x) => x.id !== id && x.issuedOn.startsWith(year))
        .map((x) => x.id),
    );
    const subsidisedThisYear = history.others.filter(
      (x) => x.measure === 'skill-upgrade' && x.sourceKind === 'certificate' && sameYear.has(x.sourceId),
    ).length;
    const situation: Situation = {
      asOf: c.issuedOn,
      person: {
        ...(c.insuredMonths !== null ? { unemploymentInsuranceMonths: c.insuredMonths } : {}),
        receivingUnemploymentBenefit: c.receivingUnemploymentBenefit,
      },
      certificate: { level: c.level, date: c.issuedOn, subsidisedThisYear },
    };
    const key = {
      sourceKind: 'certificate' as const,
      sourceId: id,
      parties: { personId: c.personUserId },
      townshipCode: c.townshipCode,
    };
    const decided = this.evaluate(situation, 'certificate');
    return {
      decisions: decided.map((decision) => ({
        ...ids(key),
        period: EVENT_PERIOD,
        asOf: c.issuedOn,
        decision,
      })),
      claims: decided.flatMap((d) => claimOf(d, { ...key, period: 'once' }) ?? []),
    };
  }

  private async planBusiness(m: EntityManager, b: BusinessRecord, today: string): Promise<Plan> {
    const own = await this.claims.ofSources('business', [b.id], m);
    const grantedOnce = (before: string) =>
      own
        .filter((c) => c.measure === 'startup-once' && c.status !== 'rejected' && c.period < before)
        .reduce((sum, c) => sum + (c.approvedAmountFen ?? c.amountFen ?? 0), 0);
    const rentYears = (except: string) =>
      own.filter((c) => c.measure === 'startup-rent' && c.status !== 'rejected' && c.period !== except)
        .length;
    const business = (asOf: string, extra: Partial<NonNullable<Situation['business']>> = {}): Situation => ({
      asOf,
      person: b.snapshot.person,
      business: {
        licensedOn: b.licensedOn,
        kind: b.kind,
        firstBusiness: b.firstBusiness,
        employees: b.employees,
        paysTax: b.paysTax,
        paysSocialInsurance: b.paysSocialInsurance,
        ...extra,
      },
    });
    const key = {
      sourceKind: 'business' as const,
      sourceId: b.id,
      parties: { personId: b.founderUserId },
      townshipCode: b.townshipCode,
    };
    const open = (day: string) => day <= today && (b.closedOn === null || b.closedOn >= day);
    // A claim planned now counts for the later steps of this plan, unless it exists already.
    const remember = (c: PlannedClaim) => {
      if (!own.some((o) => o.measure === c.measure && o.period === c.period)) own.push(pseudoClaim(c));
    };
    const plan: Plan = { decisions: [], claims: [] };
    // The event (the licence day): the graduate's startup funding, the loan ceiling.
    const event = this.evaluate(business(b.licensedOn), 'business');
    plan.decisions.push(
      ...event.map((decision) => ({ ...ids(key), period: EVENT_PERIOD, asOf: b.licensedOn, decision })),
    );
    for (const d of event) {
      if (d.measure !== 'graduate-startup') continue;
      const c = claimOf(d, { ...key, period: 'once' });
      if (c) plan.claims.push(c);
    }
    // The one-time startup subsidy: 50% after six months of operation, the rest at twelve.
    for (const months of [6, 12]) {
      const due = addMonths(b.licensedOn, months);
      if (!open(due)) continue;
      const period = monthOf(due);
      const d = this.evaluate(business(due, { startupOnceGrantedFen: grantedOnce(period) }), 'business').find(
        (x) => x.measure === 'startup-once',
      );
      if (!d) continue;
      plan.decisions.push({ ...ids(key), period, asOf: due, decision: d });
      const c = claimOf(d, { ...key, period });
      if (c) {
        plan.claims.push(c);
        remember(c);
      }
    }
    // The rent subsidy, a year at a time up to three: from six months of operation (graduates) or twelve.
    const graduateRoute = this.evaluate(business(addMonths(b.licensedOn, 6)), 'business').find(
      (x) => x.measure === 'startup-rent',
    )?.eligible;
    const first = graduateRoute ? 6 : 12;
    for (let k = 0; k < 3; k++) {
      const due = addMonths(b.licensedOn, first + 12 * k);
      if (!open(due)) continue;
      const period = due.slice(0, 4);
      const d = this.evaluate(business(due, { startupRentYearsGranted: rentYears(period) }), 'business').find(
        (x) => x.measure === 'startup-rent',
      );
      if (!d) continue;
      plan.decisions.push({ ...ids(key), period, asOf: due, decision: d });
      const c = claimOf(d, { ...key, period });
      if (c) {
        plan.claims.push(c);
        remember(c);
      }
    }
    return plan;
  }

  private async planInsuranceYear(m: EntityManager, id: string): Promise<Plan> {
    const y = await this.sources.insuranceYear(id, m);
    if (!y) return { decisions: [], claims: [] };
    const earlier = (
      await this.claims.ofBeneficiary('employer', y.employerOrganisationId, 'uib-refund', m)
    ).filter((c) => c.sourceId !== id);
    // The refund of year Y's premiums belongs to year Y+1 (上年度): decided on the day it was recorded,
    // held inside Y+1 — a year recorded late is decided as of Y+1's last day, so lateness loses nothing.
    const recorded = new Date(y.createdAt).toISOString().slice(0, 10);
    const asOf = [`${y.year + 1}-01-01`, recorded, `${y.year + 1}-12-31`].sort()[1];
    const situation: Situation = {
      asOf,
      employer: {
        ...(y.employerSize ? { size: y.employerSize } : {}),
        insuredStaff: y.insuredStaff,
        laidOffLastYear: y.laidOff,
        uiPremiumsLastYearFen: y.premiumsFen,
        uibRefundGrantedYears: [...new Set(earlier.map((c) => Number(c.period) + 1))],
      },
    };
    const key = {
      sourceKind: 'insurance-year' as const,
      sourceId: id,
      parties: { employerId: y.employerOrganisationId },
      townshipCode: y.townshipCode,
    };
    const decided = this.evaluate(situation, 'insurance-year');
    return {
      decisions: decided.map((decision) => ({ ...ids(key), period: EVENT_PERIOD, asOf, decision })),
      claims: decided.flatMap((d) => claimOf(d, { ...key, period: String(y.year) }) ?? []),
    };
  }

  private async planProfile(m: EntityManager, seekerId: string, today: string): Promise<Plan> {
    const profile = (await this.seekers.records([seekerId], m)).get(seekerId);
    if (!profile?.graduation) return { decisions: [], claims: [] };
    const history = await this.personHistory(m, seekerId, { kind: 'profile', id: seekerId });
    const situation: Situation = {
      asOf: today,
      person: {
        groups: profile.groups,
        graduation: profile.graduation,
        ...(history.oneTime.length ? { oneTimeSubsidiesGranted: history.oneTime } : {}),
      },
    };
    const key = {
      sourceKind: 'profile' as const,
      sourceId: seekerId,
      parties: { personId: seekerId },
      townshipCode: profile.townshipCode,
    };
    const decided = this.evaluate(situation, 'profile');
    return {
      // One decision a day: a profile changes, and each evaluation is worth keeping.
      decisions: decided.map((decision) => ({ ...ids(key), period: today, asOf: today, decision })),
      claims: decided.flatMap((d) => claimOf(d, { ...key, period: 'once' }) ?? []),
    };
  }

  // ---- shared ----

  /** The engine's decisions of the situation, for the measures this kind of record earns. */
  private evaluate(s: Situation, kind: SourceKind): Decision[] {
    const result = evaluateSituation(s, this.registry);
    // No policy for the date (before the plan, another region): nothing to decide, nothing owed.
    if (isErrorResult(result)) {
      if (result.error.code === 'no-policy') return [];
      throw new Error(
        `subsidy evaluation failed: ${result.error.code} ${result.error.message} at ${result.error.path}`,
      );
    }
    const measures = MEASURES_OF_SOURCE[kind] as readonly string[];
    return result.decisions.filter((d) => measures.includes(d.measure));
  }

  /** What the person's other records were granted (this source's own claims do not count against it). */
  private async personHistory(m: EntityManager, personId: string, own: { kind: string; id: string }) {
    return historyOf(await this.claims.historyOfPerson(personId, m), own);
  }

  /** Keeps the decisions, inserts the missing claims, tells their beneficiaries. */
  private async write(m: EntityManager, plan: Plan): Promise<FilingReport> {
    if (plan.decisions.length === 0 && plan.claims.length === 0) return EMPTY;
    await this.claims.keepDecisions(m, plan.decisions);
    const filed = await this.claims.fileClaims(m, plan.claims);
    await this.notifications.notify(
      m,
      filed.map((c) => claimNotification(c, 'filed', this.names.of(c))),
    );
    return { decisions: plan.decisions.length, planned: plan.claims, filed };
  }
}

/** A notification about a claim to its beneficiary (a person, or every member of the organisation). */
export function claimNotification(
  c: Pick<
    ClaimRecord,
    'id' | 'measure' | 'beneficiaryKind' | 'beneficiaryId' | 'amountFen' | 'approvedAmountFen' | 'period'
  >,
  event: 'filed' | 'approved' | 'rejected' | 'paid',
  what: string,
  extra = '',
) {
  const amount = c.approvedAmountFen ?? c.amountFen;
  const money = amount === null ? '' : `，金额 ${(amount / 100).toFixed(2)} 元`;
  const titles = {
    filed: `已为您生成补贴申领：${what}`,
    approved: `补贴已审核通过：${what}`,
    rejected: `补贴未通过审核：${what}`,
    paid: `补贴已发放：${what}`,
  } as const;
  const bodies = {
    filed: `根据登记信息，平台已自动生成${what}申领（${c.period === 'once' ? '一次性' : c.period}）${money}，无需另行申请，等待就业服务中心审核。`,
    approved: `${what}（${c.period === 'once' ? '一次性' : c.period}）已审核通过${money}。${extra}`,
    rejected: `${what}（${c.period === 'once' ? '一次性' : c.period}）未通过审核。原因：${extra}`,
    paid: `${what}（${c.period === 'once' ? '一次性' : c.period}）已发放${money}。${extra}`,
  } as const;
  return {
    ...(c.beneficiaryKind === 'person'
      ? { toUserId: c.beneficiaryId }
      : { toOrganisationId: c.beneficiaryId }),
    kind: `subsidy-claim.${event}`,
    title: titles[event],
    body: bodies[event].trim(),
    subjectType: 'subsidy-claim',
    subjectId: c.id,
    dedupeKey: `subsidy-claim:${c.id}:${event}`,
  };
}

/**
 * What a person's claims say was granted, as the engine's history needs it, leaving out the source
 * being decided (its own claims never count against it) and, per month, the month being decided.
 */
function historyOf(all: ClaimRecord[], own: { kind: string; id: string }) {
  const others = all.filter((c) => !(c.sourceKind === own.kind && c.sourceId === own.id));
  const mine = all.filter((c) => c.sourceKind === own.kind && c.sourceId === own.id);
  const oneTime = others.filter((c) => c.period === 'once').map((c) => c.measure);
  const granted = new Map<string, Set<string>>();
  const addMonth = (measure: string, key: string) => {
    granted.set(measure, (granted.get(measure) ?? new Set()).add(key));
  };
  for (const c of [...others, ...mine]) {
    if (MONTHLY_MEASURES.includes(c.measure as never)) addMonth(c.measure, `${c.sourceId}|${c.period}`);
  }
  return {
    others,
    oneTime,
    /** The months granted, leaving out this source's `period` (the one being decided). */
    excluding(period: string): GrantHistory {
      const monthsGranted: Record<string, number> = {};
      for (const [measure, keys] of granted) {
        monthsGranted[measure] = [...keys].filter((k) => k !== `${own.id}|${period}`).length;
      }
      return { oneTimeMeasures: oneTime, monthsGranted, otherPublicWelfarePlacements: 0 };
    },
    /** A month planned now counts for the later months of the same plan. */
    grantMonth(measure: string, month: string) {
      addMonth(measure, `${own.id}|${month}`);
    },
  };
}

const ids = (key: { sourceKind: string; sourceId: string }) => ({
  sourceKind: key.sourceKind,
  sourceId: key.sourceId,
});

/** One stamp for every pseudo claim: their creation time is never read. */
const PLANNED_AT = new Date(0);

/** A claim planned in this run, as the history of the later steps of the same plan sees it. */
function pseudoClaim(c: PlannedClaim): ClaimRecord {
  return {
    ...c,
    id: '',
    approvedAmountFen: null,
    status: 'pending-review',
    adjustsClaimId: null,
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    paidAt: null,
    paymentBatchId: null,
    paymentReference: null,
    createdAt: PLANNED_AT,
  };
}
