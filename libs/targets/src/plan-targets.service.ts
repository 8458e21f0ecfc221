import { Inject, Injectable } from '@nestjs/common';
import { PlacementService } from '@app/applications';
import { FairReports } from '@app/fairs';
import { UserDirectory } from '@app/identity';
import { JobPostService } from '@app/jobs';
import { LabourExportService } from '@app/labour-export';
import { CountedRecord, DomainError, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { SeekerProfiles } from '@app/seekers';
import { POLICY_REGISTRY, SubsidyPlanFigures } from '@app/subsidies';
import { targetsOfYear, targetYears } from '@app/subsidy-engine';
import type { PlanTarget, PolicyRegistry, TargetMetric, YearTargets } from '@app/subsidy-engine';
import { ServiceStationRepository } from './service-station.repository';
import { METRIC_SPECS, TARGET_STATUS_NAMES, monthEnd, monthsOf, standing, tally } from './target-rules';
import type {
  DifficultPersonsView,
  DifficultState,
  TargetRecordsView,
  TargetsView,
  TargetView,
  ZeroEmploymentFamiliesView,
} from './targets.dto';

/** Households flagged 零就业家庭 and whether a member is employed on a day. */
interface Household {
  key: string;
  code: string | null;
  townshipCode: string;
  memberIds: string[];
  helperId: string | null;
}

const DIFFICULT_STATE_NAMES: Record<DifficultState, string> = {
  placed: '已就业',
  assisted: '一对一帮扶中',
  seeking: '求职中',
};

/** Days without contact after which a difficult person not placed is shown for follow-up. */
export const NO_CONTACT_DAYS = 30;

const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Where staff find a record behind a figure (the console's pages take these ids). */
const LINKS: Partial<Record<TargetMetric, (r: CountedRecord) => string>> = {
  'fairs-held': () => `/staff?tab=fairs`,
  'fair-hires': () => `/staff?tab=fairs`,
  'export-trips': () => `/staff?tab=export`,
  'export-people': () => `/staff?tab=export`,
  'internship-posts': (r) => `/jobs/${r.id}`,
  'difficult-persons-placed': () => `/staff?tab=placements`,
  'startup-businesses': () => `/staff?tab=sources`,
  'startup-jobs': () => `/staff?tab=sources`,
  'new-skilled-workers': () => `/staff?tab=sources`,
  'new-highly-skilled-workers': () => `/staff?tab=sources`,
  'subsidised-training': () => `/staff?tab=claims`,
  'township-stations-staffed': () => `/staff?tab=targets`,
  'community-stations-staffed': () => `/staff?tab=targets`,
};

/**
 * The plan's targets (table B) measured from the records: each domain hands the records that
 * count (its own tables, its own SQL) and this service adds them up by month and township, as of a
 * day. The public figures carry no personal data; the records behind them are for staff.
 */
@Injectable()
export class PlanTargets {
  constructor(
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    private readonly fairs: FairReports,
    private readonly exportTrips: LabourExportService,
    private readonly posts: JobPostService,
    private readonly placements: PlacementService,
    private readonly subsidies: SubsidyPlanFigures,
    private readonly seekers: SeekerProfiles,
    private readonly stations: ServiceStationRepository,
    private readonly directory: UserDirectory,
  ) {}

  /** The targets of a year, or 404 naming the years that have some. */
  yearTargets(year: number): YearTargets {
    const t = targetsOfYear(this.registry.list(), year);
    if (!t) {
      const years = targetYears(this.registry.list());
      throw DomainError.notFound(
        `Targets for ${year} (policy packs set targets for ${years.join(', ') || 'no year'})`,
        'no-targets',
      );
    }
    return t;
  }

  /** The day figures are taken on: the given day, else today, never past the year's end. */
  asOfFor(year: number, asOf?: string): string {
    const end = `${year}-12-31`;
    const today = todayInChina();
    if (asOf && asOf > today) throw DomainError.invalid('asOf', 'asOf must not be after today');
    const day = asOf ?? today;
    if (day < `${year}-01-01`) {
      if (asOf) throw DomainError.invalid('asOf', `asOf must fall in ${year} or after it`);
      throw DomainError.notFound(`Figures for ${year} (the year has not begun)`, 'year-not-begun');
    }
    return day > end ? end : day;
  }

  async figures(year: number, asOfIn?: string): Promise<TargetsView> {
    const yt = this.yearTargets(year);
    const asOf = this.asOfFor(year, asOfIn);
    const metrics = [...new Set(yt.items.flatMap((t) => (t.metric ? [t.metric] : [])))];
    const records = await this.recordsOf(metrics, yt, asOf);
    const targets = await Promise.all(yt.items.map((t) => this.targetView(t, yt, records, asOf)));
    const count = (s: TargetView['status']): number => targets.filter((t) => t.status === s).length;
    return {
      year,
      asOf,
      policy: { id: yt.pack.id, title: yt.pack.title, document: yt.pack.document },
      carriedFrom: yt.carriedFrom,
      years: targetYears(this.registry.list()),
      summary: {
        met: count('met'),
        onTrack: count('on-track'),
        behind: count('behind'),
        missed: count('missed'),
        notTracked: count('not-tracked'),
      },
      targets,
    };
  }

  /** The records a target's figure adds up, for staff: in date order, narrowed to a month or township. */
  async records(
    targetId: string,
    year: number,
    f: { asOf?: string; month?: string; townshipCode?: string },
    /** Township staff: only the records of their township (a record of no township is the county's). */
    scope: string | null = null,
  ): Promise<TargetRecordsView> {
    const yt = this.yearTargets(year);
    const t = yt.items.find((i) => i.id === targetId);
    if (!t) throw DomainError.notFound('Target');
    const asOf = this.asOfFor(year, f.asOf);
    const base = { targetId, name: t.name, year, asOf };
    if (!t.metric) return { ...base, total: 0, items: [] };
    const spec = METRIC_SPECS[t.metric];
    const all = (await this.recordsOf([t.metric], yt, asOf)).get(t.metric) ?? [];
    const counted = tally(all, spec, year, asOf).counted.filter(
      (r) =>
        (!f.month || r.on.startsWith(f.month)) &&
        (!f.townshipCode || r.townshipCode === f.townshipCode) &&
        (!scope || r.townshipCode === scope),
    );
    const people = await this.directory.summaries([
      ...new Set(counted.flatMap((r) => (r.personId ? [r.personId] : []))),
    ]);
    const link = LINKS[t.metric];
    const items = counted.map((r) => ({
      id: r.id,
      on: r.on,
      townshipCode: r.townshipCode,
      township: r.townshipCode ? (townshipByCode(r.townshipCode)?.name ?? r.townshipCode) : null,
      label: r.label,
      personName: r.personId ? (people.get(r.personId)?.displayName ?? null) : null,
      counts: spec.weighted ? (r.weight ?? 0) : 1,
      link: link ? link(r) : null,
    }));
    return { ...base, total: items.reduce((s, i) => s + i.counts, 0), items };
  }

  /** 零就业家庭 with their members and helper; those with nobody employed on `asOf` first. */
  async zeroEmploymentFamilies(
    townshipCode: string | null = null,
    asOf: string = todayInChina(),
  ): Promise<ZeroEmploymentFamiliesView> {
    const households = (await this.households()).filter(
      (h) => !townshipCode || h.townshipCode === townshipCode,
    );
    const employed = await this.placements.employedOn(
      households.flatMap((h) => h.memberIds),
      asOf,
    );
    const names = await this.directory.summaries([
      ...new Set(households.flatMap((h) => [...h.memberIds, ...(h.helperId ? [h.helperId] : [])])),
    ]);
    const items = households
      .map((h) => ({
        householdKey: h.key,
        householdCode: h.code,
        townshipCode: h.townshipCode,
        township: townshipByCode(h.townshipCode)?.name ?? h.townshipCode,
        members: h.memberIds.map((id) => ({
          userId: id,
          name: names.get(id)?.displayName ?? '',
          employed: employed.has(id),
        })),
        employed: h.memberIds.some((id) => employed.has(id)),
        helperName: h.helperId ? (names.get(h.helperId)?.displayName ?? null) : null,
      }))
      .sort(
        (a, b) => Number(a.employed) - Number(b.employed) || a.householdKey.localeCompare(b.householdKey),
      );
    return {
      asOf,
      families: items.length,
      employed: items.filter((i) => i.employed).length,
      items,
    };
  }

  /** 就业困难人员: placed, under one-to-one assistance, or seeking; who has had no contact for 30 days. */
  async difficultPersons(
    townshipCode: string | null = null,
    asOf: string = todayInChina(),
  ): Promise<DifficultPersonsView> {
    const people = (await this.seekers.difficultPersons()).filter(
      (p) => !townshipCode || p.townshipCode === townshipCode,
    );
    const employed = await this.placements.employedOn(
      people.map((p) => p.userId),
      asOf,
    );
    const names = await this.directory.summaries([
      ...new Set(people.flatMap((p) => [p.userId, ...(p.assistedBy ? [p.assistedBy] : [])])),
    ]);
    const since = addDays(asOf, -NO_CONTACT_DAYS);
    const items = people.map((p) => {
      const state: DifficultState = employed.has(p.userId) ? 'placed' : p.assistedBy ? 'assisted' : 'seeking';
      const lastContactOn = p.lastNoteAt ? todayInChina(p.lastNoteAt.getTime()) : null;
      return {
        userId: p.userId,
        name: names.get(p.userId)?.displayName ?? '',
        townshipCode: p.townshipCode,
        township: townshipByCode(p.townshipCode)?.name ?? p.townshipCode,
        state,
        stateName: DIFFICULT_STATE_NAMES[state],
        helperName: p.assistedBy ? (names.get(p.assistedBy)?.displayName ?? null) : null,
        lastContactOn,
        noRecentContact: state !== 'placed' && (lastContactOn === null || lastContactOn < since),
      };
    });
    const n = (s: DifficultState): number => items.filter((i) => i.state === s).length;
    return {
      asOf,
      placed: n('placed'),
      assisted: n('assisted'),
      seeking: n('seeking'),
      noRecentContact: items.filter((i) => i.noRecentContact).length,
      items: items.sort(
        (a, b) =>
          Number(b.noRecentContact) - Number(a.noRecentContact) || a.township.localeCompare(b.township),
      ),
    };
  }

  // ---- the records of each metric ----

  private async recordsOf(
    metrics: readonly TargetMetric[],
    yt: YearTargets,
    asOf: string,
  ): Promise<Map<TargetMetric, CountedRecord[]>> {
    const year = yt.year;
    const out = new Map<TargetMetric, CountedRecord[]>();
    const want = new Set(metrics);
    const minStaff = (m: TargetMetric): number => yt.items.find((t) => t.metric === m)?.minStaff ?? 1;
    const jobs: Promise<void>[] = [];
    const put = (m: TargetMetric, p: Promise<CountedRecord[]>): void => {
      if (want.has(m)) jobs.push(p.then((r) => void out.set(m, r)));
    };
    if (want.has('fairs-held') || want.has('fair-hires')) {
      jobs.push(
        this.fairs.plannedFigures(year).then((f) => {
          out.set('fairs-held', f.held);
          out.set('fair-hires', f.hires);
        }),
      );
    }
    if (want.has('export-trips') || want.has('export-people')) {
      jobs.push(
        this.exportTrips.plannedFigures(year, asOf).then((f) => {
          out.set('export-trips', f.trips);
          out.set('export-people', f.people);
        }),
      );
    }
    if (want.has('startup-businesses') || want.has('startup-jobs')) {
      jobs.push(
        this.subsidies.businessesLicensedIn(year).then((b) => {
          out.set('startup-businesses', b);
          out.set('startup-jobs', b);
        }),
      );
    }
    put('subsidised-training', this.subsidies.subsidisedTrainingIn(year));
    put('new-skilled-workers', this.subsidies.certificatesIssuedIn(year, false));
    put('new-highly-skilled-workers', this.subsidies.certificatesIssuedIn(year, true));
    put('internship-posts', this.posts.internshipsPublishedIn(year));
    put('difficult-persons-placed', this.placements.difficultHiresOf(year));
    put(
      'township-stations-staffed',
      this.stations.staffedOn('township', minStaff('township-stations-staffed'), year, asOf),
    );
    put(
      'community-stations-staffed',
      this.stations.staffedOn('community', minStaff('community-stations-staffed'), year, asOf),
    );
    put('zero-employment-families-employed', this.employedFamilies(year, asOf));
    await Promise.all(jobs);
    return out;
  }

  /**
   * One record per 零就业家庭 with a member employed on `asOf`, dated by the first month-end (or
   * `asOf`) from which one has been: the trend shows families leaving the list month by month.
   */
  private async employedFamilies(year: number, asOf: string): Promise<CountedRecord[]> {
    const households = await this.households();
    const members = households.flatMap((h) => h.memberIds);
    const days = [
      ...monthsOf(year)
        .map(monthEnd)
        .filter((d) => d < asOf),
      asOf,
    ];
    const employedBy = await Promise.all(days.map((d) => this.placements.employedOn(members, d)));
    const now = employedBy[employedBy.length - 1];
    const out: CountedRecord[] = [];
    for (const h of households) {
      if (!h.memberIds.some((id) => now.has(id))) continue;
      // The earliest day of an unbroken run of employment up to asOf.
      let k = days.length - 1;
      while (k > 0 && h.memberIds.some((id) => employedBy[k - 1].has(id))) k--;
      out.push({ id: h.key, on: days[k], townshipCode: h.townshipCode, label: h.code ?? '（未登记户号）' });
    }
    return out;
  }

  private async households(): Promise<Household[]> {
    const rows = await this.seekers.zeroEmploymentHouseholdMembers();
    const byKey = new Map<string, Household>();
    for (const r of rows) {
      const h = byKey.get(r.householdKey) ?? {
        key: r.householdKey,
        code: r.householdCode,
        townshipCode: r.townshipCode,
        memberIds: [],
        helperId: null,
      };
      h.memberIds.push(r.userId);
      h.helperId ??= r.assistedBy;
      byKey.set(r.householdKey, h);
    }
    return [...byKey.values()];
  }

  private async targetView(
    t: PlanTarget,
    yt: YearTargets,
    records: Map<TargetMetric, CountedRecord[]>,
    asOf: string,
  ): Promise<TargetView> {
    const base = {
      id: t.id,
      clause: t.clause,
      name: t.name,
      metric: t.metric,
      targetIsAll: t.target === 'all',
      unit: t.unit,
      due: t.due,
      note: t.note ?? null,
    };
    if (!t.metric) {
      const s = standing(t, null, null, null, yt.year, asOf, todayInChina());
      return {
        ...base,
        ...s,
        actual: null,
        paced: false,
        statusName: TARGET_STATUS_NAMES[s.status],
        monthly: [],
        byTownship: null,
      };
    }
    const spec = METRIC_SPECS[t.metric];
    const r = tally(records.get(t.metric) ?? [], spec, yt.year, asOf);
    const all = t.target === 'all' ? (await this.households()).length : null;
    const s = standing(t, r.actual, all, spec, yt.year, asOf, todayInChina());
    return {
      ...base,
      ...s,
      actual: r.actual,
      paced: !spec.state,
      statusName: TARGET_STATUS_NAMES[s.status],
      monthly: r.monthly,
      byTownship: r.byTownship,
    };
  }
}
