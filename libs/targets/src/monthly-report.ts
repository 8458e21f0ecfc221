import { Injectable } from '@nestjs/common';
import { FairReports } from '@app/fairs';
import { DomainError, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { MeasureClaimTotals, SubsidyPlanFigures } from '@app/subsidies';
import { monthEnd } from './target-rules';
import { PlanTargets } from './plan-targets.service';
import type { MonthlyReportView, ReportMeasureView } from './targets.dto';

const ZERO = { filed: 0, filedFen: 0, approved: 0, approvedFen: 0, paid: 0, paidFen: 0 };

/** Every measure of the packs in order, with its totals or zeros; a measure only claims know goes last. */
function perMeasure(
  measures: { measure: string; name: string; clause: string }[],
  totals: MeasureClaimTotals[],
): ReportMeasureView[] {
  const byMeasure = new Map(totals.map((t) => [t.measure, t]));
  const rows = measures.map((m) => ({ ...m, ...ZERO, ...byMeasure.get(m.measure) }));
  const known = new Set(measures.map((m) => m.measure));
  return [...rows, ...totals.filter((t) => !known.has(t.measure))];
}

function total(rows: ReportMeasureView[]): ReportMeasureView {
  const sum = (k: keyof typeof ZERO): number => rows.reduce((s, r) => s + r[k], 0);
  return {
    measure: 'total',
    name: '合计',
    clause: '',
    filed: sum('filed'),
    filedFen: sum('filedFen'),
    approved: sum('approved'),
    approvedFen: sum('approvedFen'),
    paid: sum('paid'),
    paidFen: sum('paidFen'),
  };
}

/**
 * 月度就业工作报告: every target with the month's and the year's figures, the subsidies filed,
 * approved and paid per measure in the month and the year to its end, and the fairs held in the
 * month with their hires — what the employment center sends the county government.
 */
@Injectable()
export class MonthlyReport {
  constructor(
    private readonly targets: PlanTargets,
    private readonly subsidies: SubsidyPlanFigures,
    private readonly fairs: FairReports,
  ) {}

  async of(month: string): Promise<MonthlyReportView> {
    const year = Number(month.slice(0, 4));
    // A month not over yet is reported as of today: its targets are not "missed" before their date.
    const today = todayInChina();
    if (`${month}-01` > today) throw DomainError.invalid('month', 'the month has not begun');
    const asOf = monthEnd(month) < today ? monthEnd(month) : today;
    const figures = await this.targets.figures(year, asOf);
    const measures = this.subsidies.measures();
    const [monthClaims, yearClaims, fairRecords] = await Promise.all([
      this.subsidies.claimTotals(`${month}-01`, asOf),
      this.subsidies.claimTotals(`${year}-01-01`, asOf),
      this.fairs.plannedFigures(year),
    ]);
    const monthRows = perMeasure(measures, monthClaims);
    const yearRows = perMeasure(measures, yearClaims);
    const heldInMonth = fairRecords.held.filter((f) => f.on.startsWith(month));
    const fairs = await Promise.all(
      heldInMonth.map(async (f) => ({
        id: f.id,
        on: f.on,
        title: f.label,
        township: f.townshipCode ? (townshipByCode(f.townshipCode)?.name ?? f.townshipCode) : null,
        hires: (await this.fairs.ofFair(f.id)).hires,
      })),
    );
    const [y, m] = month.split('-').map(Number);
    return {
      month,
      asOf,
      title: `稷山县${y}年${m}月就业工作报告`,
      policy: figures.policy,
      carriedFrom: figures.carriedFrom,
      targets: figures.targets.map((t) => ({
        id: t.id,
        clause: t.clause,
        name: t.name,
        unit: t.unit,
        target: t.target,
        month: t.actual === null ? null : (t.monthly.find((x) => x.month === month)?.count ?? 0),
        year: t.actual,
        share: t.share,
        status: t.status,
        statusName: t.statusName,
        note: t.note,
      })),
      claims: { month: monthRows, year: yearRows, monthTotal: total(monthRows), yearTotal: total(yearRows) },
      fairs,
      generatedAt: new Date().toISOString(),
    };
  }
}
