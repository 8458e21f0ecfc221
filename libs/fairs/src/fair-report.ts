import { Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { SeekerProfiles } from '@app/seekers';
import { CountedRecord, DomainError } from '@app/platform';
import { FairRecord, FairRepository } from './fair.repository';
import { FairCounts, FairRegistrationRepository } from './fair-registration.repository';
import { FairOnlineRepository, OnlineCounts } from './fair-online.repository';
import { FAIR_STATUS_NAMES } from './fair.rules';
import { FairsService } from './fairs.service';

/** The key groups a fair reports among those present (重点群体). */
const KEY_GROUPS = ['graduate', 'rural-labourer', 'difficult', 'poverty-alleviated'] as const;

export interface FairReport {
  fair: { id: string; title: string; status: string; startsAt: string; endsAt: string };
  seekers: FairCounts['seekers'] & { keyGroups: Record<(typeof KEY_GROUPS)[number], number> };
  employers: FairCounts['employers'];
  posts: number;
  places: number;
  scans: FairCounts['scans'];
  outcomes: FairCounts['outcomes'];
  booth: FairCounts['booth'];
  /** Online fairs, counted apart from attendance at the door. */
  online: OnlineCounts;
  hires: number;
  /** Each step against the one before it, in basis points (1/100 of a percent): no floats. */
  conversion: {
    presentOfConfirmed: number | null;
    intentionOfPresent: number | null;
    offerOfIntention: number | null;
    hiredOfOffer: number | null;
  };
}

export interface FairYearReport {
  year: number;
  fairsTarget: number;
  hiresTarget: number;
  fairsPlanned: number;
  fairsHeld: number;
  hires: number;
}

const bp = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10000) / whole) : null);

/** Per fair and per year: what the employment center reports (JSON, and a sheet). */
@Injectable()
export class FairReports {
  constructor(
    private readonly fairs: FairRepository,
    private readonly registrations: FairRegistrationRepository,
    private readonly seekers: SeekerProfiles,
    private readonly plans: FairsService,
    private readonly online: FairOnlineRepository,
  ) {}

  async ofFair(fairId: string): Promise<FairReport> {
    const fair = await this.fairs.get(fairId);
    if (!fair) throw DomainError.notFound('Fair');
    return this.build(fair, await this.registrations.counts(fairId));
  }

  async ofYear(year: number): Promise<FairYearReport> {
    const plan = await this.plans.yearPlan(year);
    const fairs = (await this.fairs.ofYear(year)).filter((f) => f.status !== 'cancelled');
    return {
      year,
      fairsTarget: plan.fairsTarget,
      hiresTarget: plan.hiresTarget,
      fairsPlanned: fairs.length,
      fairsHeld: fairs.filter((f) => f.status === 'held' || f.status === 'reported').length,
      hires: await this.registrations.hiresOfYear(year),
    };
  }

  /** The records behind the plan's fair figures (一(一)): fairs held in the year and the hires made at them. */
  async plannedFigures(year: number): Promise<{ held: CountedRecord[]; hires: CountedRecord[] }> {
    const [held, hires] = await Promise.all([
      this.fairs.heldOfYear(year),
      this.registrations.hireRecordsOfYear(year),
    ]);
    return { held, hires };
  }

  async sheet(fairId: string): Promise<Buffer> {
    const r = await this.ofFair(fairId);
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('招聘会统计');
    ws.columns = [
      { header: '项目', key: 'k', width: 28 },
      { header: '数量', key: 'v', width: 14 },
    ];
    const pct = (v: number | null) => (v === null ? '—' : `${(v / 100).toFixed(2)}%`);
    const rows: [string, string | number][] = [
      ['招聘会', r.fair.title],
      ['状态', FAIR_STATUS_NAMES[r.fair.status as keyof typeof FAIR_STATUS_NAMES] ?? r.fair.status],
      ['参会企业（报名）', r.employers.registered],
      ['参会企业（通过）', r.employers.approved],
      ['参会企业（到场）', r.employers.present],
      ['未到场企业', r.employers.noShow],
      ['提供岗位', r.posts],
      ['招聘人数', r.places],
      ['求职者（确认）', r.seekers.confirmed],
      ['求职者（候补）', r.seekers.waitlisted],
      ['现场登记', r.seekers.walkIns],
      ['入场人数', r.seekers.present],
      ['其中：高校毕业生', r.seekers.keyGroups.graduate],
      ['其中：农村劳动者', r.seekers.keyGroups['rural-labourer']],
      ['其中：就业困难人员', r.seekers.keyGroups.difficult],
      ['其中：脱贫人口', r.seekers.keyGroups['poverty-alleviated']],
      ['展位到访', r.booth.visits],
      ['收到简历', r.booth.resumes],
      ['面试预约', r.booth.interviewsBooked],
      ['线上展位访问', r.online.visits],
      ['线上访客', r.online.visitors],
      ['线上投递简历', r.online.applications],
      ['达成意向', r.outcomes.intention],
      ['面试', r.outcomes.interview],
      ['录用通知', r.outcomes.offer],
      ['录用', r.hires],
      ['入场率（入场/确认）', pct(r.conversion.presentOfConfirmed)],
      ['意向率（意向/入场）', pct(r.conversion.intentionOfPresent)],
      ['录用率（录用/录用通知）', pct(r.conversion.hiredOfOffer)],
      ['扫码次数', r.scans.total],
      ['重复扫码', r.scans.duplicates],
      ['无效票码', r.scans.unknown],
    ];
    for (const [k, v] of rows) ws.addRow({ k, v });
    ws.getRow(1).font = { bold: true };
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  private async build(fair: FairRecord, c: FairCounts): Promise<FairReport> {
    const profiles = await this.seekers.records(c.presentSeekerIds);
    const keyGroups = Object.fromEntries(KEY_GROUPS.map((g) => [g, 0])) as Record<
      (typeof KEY_GROUPS)[number],
      number
    >;
    for (const p of profiles.values()) {
      for (const g of KEY_GROUPS)
        if (p.groups.includes(g) || (g === 'graduate' && p.graduation)) keyGroups[g]++;
    }
    return {
      fair: {
        id: fair.id,
        title: fair.title,
        status: fair.status,
        startsAt: fair.startsAt.toISOString(),
        endsAt: fair.endsAt.toISOString(),
      },
      seekers: { ...c.seekers, keyGroups },
      employers: c.employers,
      posts: c.posts,
      places: c.places,
      scans: c.scans,
      outcomes: c.outcomes,
      booth: c.booth,
      online: await this.online.counts(fair.id),
      hires: c.outcomes.hired,
      conversion: {
        presentOfConfirmed: bp(c.seekers.present, c.seekers.confirmed),
        intentionOfPresent: bp(c.outcomes.intention, c.seekers.present),
        offerOfIntention: bp(c.outcomes.offer, c.outcomes.intention),
        hiredOfOffer: bp(c.outcomes.hired, c.outcomes.offer),
      },
    };
  }
}
