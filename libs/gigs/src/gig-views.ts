import { townshipByCode } from '@app/platform';
import {
  AcceptanceRecord,
  DisputeEventRecord,
  DisputeRecord,
  GigRecord,
  ReportRecord,
} from './gig.repository';
import {
  ACCEPTANCE_STATUS_NAMES,
  DISPUTE_KIND_NAMES,
  GIG_STATUS_NAMES,
  REPORT_REASON_NAMES,
} from './gig.rules';
import type { AcceptanceView, DisputeView, GigView, PosterOrganisationView, ReportView } from './gig.dto';
import type { PosterOrganisation } from './poster-checks.service';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
export const townshipName = (code: string): string => townshipByCode(code)?.name ?? code;

export function acceptanceView(
  a: AcceptanceRecord,
  workerName: string,
  ratings: { side: 'poster' | 'worker'; stars: number }[] = [],
): AcceptanceView {
  return {
    id: a.id,
    gigId: a.gigId,
    workerUserId: a.workerUserId,
    workerName,
    status: a.status,
    statusName: ACCEPTANCE_STATUS_NAMES[a.status],
    acceptedAt: iso(a.acceptedAt),
    checkedInAt: iso(a.checkedInAt),
    checkInTownship: a.checkInTownship,
    checkedOutAt: iso(a.checkedOutAt),
    checkOutTownship: a.checkOutTownship,
    completedAt: iso(a.completedAt),
    noShow: a.noShow,
    wagePaidFen: a.wagePaidFen,
    wagePaidAt: iso(a.wagePaidAt),
    wageReceivedAt: iso(a.wageReceivedAt),
    endReason: a.endReason,
    workerRating: ratings.find((r) => r.side === 'worker')?.stars,
    posterRating: ratings.find((r) => r.side === 'poster')?.stars,
  };
}

/** A gig as a viewer sees it: the phone to those who took it, the poster and staff; flags to the poster and staff. */
export function gigView(
  g: GigRecord,
  o: {
    posterName: string;
    posterVerified: boolean;
    canManage: boolean;
    phone: string | null;
    showPhone: boolean;
    mine?: AcceptanceView;
  },
): GigView {
  return {
    id: g.id,
    title: g.title,
    trade: g.trade,
    description: g.description,
    date: g.date,
    startTime: g.startTime,
    endTime: g.endTime,
    townshipCode: g.townshipCode,
    township: townshipName(g.townshipCode),
    address: g.address,
    payFen: g.payFen,
    payUnit: g.payUnit,
    headcount: g.headcount,
    accepted: g.accepted,
    ageMax: g.ageMax,
    olderWorkersWelcome: g.olderWorkersWelcome,
    certificates: g.certificates,
    contactName: g.contactName,
    contactPhone: o.showPhone ? o.phone : null,
    posterKind: g.posterKind,
    posterName: o.posterName,
    posterVerified: o.posterVerified,
    onBehalfOf: g.onBehalfOf,
    status: g.status,
    statusName: GIG_STATUS_NAMES[g.status],
    screeningFlags: o.canManage ? g.screeningFlags : [],
    reviewNote: o.canManage ? g.reviewNote : null,
    cancelReason: g.cancelReason,
    createdAt: g.createdAt.toISOString(),
    canManage: o.canManage,
    mine: o.mine,
  };
}

export function disputeView(
  d: DisputeRecord,
  gigTitle: string,
  events: DisputeEventRecord[],
  names: Map<string, string>,
): DisputeView {
  return {
    id: d.id,
    gigId: d.gigId,
    gigTitle,
    acceptanceId: d.acceptanceId,
    raisedSide: d.raisedSide,
    kind: d.kind,
    kindName: DISPUTE_KIND_NAMES[d.kind],
    description: d.description,
    status: d.status,
    outcome: d.outcome,
    createdAt: d.createdAt.toISOString(),
    resolvedAt: iso(d.resolvedAt),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      byName: names.get(e.byUserId) ?? '',
      kind: e.kind,
      note: e.note,
    })),
  };
}

export function reportView(r: ReportRecord, gigTitle: string): ReportView {
  return {
    id: r.id,
    gigId: r.gigId,
    gigTitle,
    reason: r.reason,
    reasonName: REPORT_REASON_NAMES[r.reason],
    note: r.note,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}

/** A posting organisation with its staff check (单位核验) and gig counts, for the staff console. */
export function posterOrganisationView(o: PosterOrganisation): PosterOrganisationView {
  return {
    organisationId: o.id,
    name: o.name,
    kind: o.kind,
    creditCode: o.creditCode,
    checkStatus: o.checkStatus,
    checkedAt: o.checkedAt,
    checkNote: o.checkNote,
    gigs: o.gigs,
    liveGigs: o.liveGigs,
  };
}
