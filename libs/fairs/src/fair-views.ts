/** Records → the API's views (times in China's offset, as the contract writes them). */
import type { FairRecord, VenueRecord } from './fair.repository';
import type {
  EmployerRegistrationRecord,
  FairOutcomeRecord,
  InterviewSlotRecord,
  SeekerRegistrationRecord,
} from './fair-registration.repository';
import type {
  EmployerRegistrationView,
  FairOutcomeView,
  FairSeekerView,
  FairView,
  InterviewSlotView,
  SeekerRegistrationView,
  VenueView,
} from './fair.dto';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** 2027-03-06T09:00:00+08:00 */
export function chinaTime(d: Date): string {
  return `${new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const opt = (d: Date | null) => (d ? chinaTime(d) : null);

export function fairView(f: FairRecord): FairView {
  return {
    id: f.id,
    title: f.title,
    theme: f.theme,
    mode: f.mode,
    description: f.description,
    industry: f.industry,
    startsAt: chinaTime(f.startsAt),
    endsAt: chinaTime(f.endsAt),
    seekerCapacity: f.seekerCapacity,
    seekersConfirmed: f.confirmedCount,
    boothCount: f.boothCount,
    seekerRegistrationOpensAt: chinaTime(f.seekerRegistrationOpensAt),
    seekerRegistrationClosesAt: chinaTime(f.seekerRegistrationClosesAt),
    employerRegistrationOpensAt: chinaTime(f.employerRegistrationOpensAt),
    employerRegistrationClosesAt: chinaTime(f.employerRegistrationClosesAt),
    venueId: f.venueId,
    venueName: f.venueName,
    townshipCode: f.townshipCode,
    livestreamUrl: f.livestreamUrl,
    status: f.status,
  };
}

export function seekerRegistrationView(r: SeekerRegistrationRecord): SeekerRegistrationView {
  return {
    id: r.id,
    fairId: r.fairId,
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    ticketCode: r.status === 'confirmed' ? r.ticketCode : null,
    walkIn: r.walkIn,
    createdAt: chinaTime(r.createdAt),
    checkedInAt: opt(r.checkedInAt),
  };
}

export function fairSeekerView(r: SeekerRegistrationRecord, names: Map<string, string>): FairSeekerView {
  return {
    id: r.id,
    seekerUserId: r.seekerUserId,
    seekerDisplayName: names.get(r.seekerUserId) ?? '',
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    walkIn: r.walkIn,
    createdAt: chinaTime(r.createdAt),
    checkedInAt: opt(r.checkedInAt),
  };
}

export function employerRegistrationView(
  r: EmployerRegistrationRecord,
  names: Map<string, string>,
): EmployerRegistrationView {
  return {
    id: r.id,
    fairId: r.fairId,
    employerOrganisationId: r.employerOrganisationId,
    employerName: names.get(r.employerOrganisationId) ?? '',
    jobPostIds: r.jobPostIds,
    places: r.places,
    staffNames: r.staffNames,
    status: r.status,
    boothNo: r.boothNo,
    attendance: r.attendance,
    decisionReason: r.decisionReason,
    createdAt: chinaTime(r.createdAt),
  };
}

export function outcomeView(o: FairOutcomeRecord): FairOutcomeView {
  return {
    id: o.id,
    fairId: o.fairId,
    employerOrganisationId: o.employerOrganisationId,
    seekerUserId: o.seekerUserId,
    kind: o.kind,
    placementId: o.placementId,
    createdAt: chinaTime(o.createdAt),
  };
}

export function venueView(v: VenueRecord): VenueView {
  return { ...v };
}

export function slotView(
  s: InterviewSlotRecord,
  names: Map<string, string>,
  viewerId: string,
): InterviewSlotView {
  return {
    id: s.id,
    fairId: s.fairId,
    employerRegistrationId: s.employerRegistrationId,
    employerOrganisationId: s.employerOrganisationId,
    employerName: names.get(s.employerOrganisationId) ?? '',
    boothNo: s.boothNo,
    startsAt: chinaTime(s.startsAt),
    endsAt: chinaTime(s.endsAt),
    booked: s.seekerUserId !== null,
    mine: s.seekerUserId === viewerId,
  };
}
