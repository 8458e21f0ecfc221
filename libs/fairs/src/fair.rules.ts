/**
 * Recruitment fairs (专场招聘会): their vocabulary and the pure rules — windows, transitions,
 * tickets, the check of a fair's times. No I/O.
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from '@app/platform';

export const FAIR_THEMES = ['industry', 'area', 'general'] as const;
export type FairTheme = (typeof FAIR_THEMES)[number];
export const FAIR_THEME_NAMES: Readonly<Record<FairTheme, string>> = {
  industry: '行业专场',
  area: '区域专场',
  general: '综合招聘会',
};

export const FAIR_MODES = ['onsite', 'online', 'hybrid'] as const;
export type FairMode = (typeof FAIR_MODES)[number];
export const FAIR_MODE_NAMES: Readonly<Record<FairMode, string>> = {
  onsite: '现场',
  online: '线上',
  hybrid: '线上线下',
};

export const FAIR_STATUSES = ['draft', 'open', 'closed', 'held', 'reported', 'cancelled'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];
export const FAIR_STATUS_NAMES: Readonly<Record<FairStatus, string>> = {
  draft: '筹备中',
  open: '报名中',
  closed: '报名截止',
  held: '已举办',
  reported: '已总结',
  cancelled: '已取消',
};

export const SEEKER_REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SeekerRegistrationStatus = (typeof SEEKER_REGISTRATION_STATUSES)[number];
export const SEEKER_REGISTRATION_STATUS_NAMES: Readonly<Record<SeekerRegistrationStatus, string>> = {
  confirmed: '已确认',
  waitlisted: '候补中',
  cancelled: '已取消',
};

export const EMPLOYER_REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type EmployerRegistrationStatus = (typeof EMPLOYER_REGISTRATION_STATUSES)[number];
export const EMPLOYER_REGISTRATION_STATUS_NAMES: Readonly<Record<EmployerRegistrationStatus, string>> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const FAIR_OUTCOME_KINDS = ['intention', 'interview', 'offer', 'hired'] as const;
export type FairOutcomeKind = (typeof FAIR_OUTCOME_KINDS)[number];
export const FAIR_OUTCOME_KIND_NAMES: Readonly<Record<FairOutcomeKind, string>> = {
  intention: '达成意向',
  interview: '面试',
  offer: '录用通知',
  hired: '录用',
};

/** Moves staff make; `held` and `reported` follow the day, `cancelled` any time before it is held. */
const TRANSITIONS: Readonly<Record<FairStatus, readonly FairStatus[]>> = {
  draft: ['open', 'cancelled'],
  open: ['closed', 'held', 'cancelled'],
  closed: ['open', 'held', 'cancelled'],
  held: ['reported'],
  reported: [],
  cancelled: [],
};

export function assertFairTransition(from: FairStatus, to: FairStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw DomainError.conflict(
      'fair.bad-transition',
      `A fair that is ${FAIR_STATUS_NAMES[from]} cannot become ${FAIR_STATUS_NAMES[to]}`,
    );
  }
}

/** A fair's times as given: each window closes after it opens, and none after the fair ends. */
export interface FairTimes {
  startsAt: Date;
  endsAt: Date;
  seekerRegistrationOpensAt: Date;
  seekerRegistrationClosesAt: Date;
  employerRegistrationOpensAt: Date;
  employerRegistrationClosesAt: Date;
}

export function assertFairTimes(t: FairTimes): void {
  if (t.endsAt <= t.startsAt) throw DomainError.invalid('endsAt', 'must be after startsAt');
  if (t.seekerRegistrationClosesAt <= t.seekerRegistrationOpensAt) {
    throw DomainError.invalid('seekerRegistrationClosesAt', 'must be after seekerRegistrationOpensAt');
  }
  if (t.employerRegistrationClosesAt <= t.employerRegistrationOpensAt) {
    throw DomainError.invalid('employerRegistrationClosesAt', 'must be after employerRegistrationOpensAt');
  }
  if (t.seekerRegistrationClosesAt > t.endsAt) {
    throw DomainError.invalid('seekerRegistrationClosesAt', 'must not be after endsAt');
  }
  if (t.employerRegistrationClosesAt > t.endsAt) {
    throw DomainError.invalid('employerRegistrationClosesAt', 'must not be after endsAt');
  }
}

/** Registration is taken while the fair is open and `now` is inside the window. */
export function assertWindow(
  status: FairStatus,
  opensAt: Date,
  closesAt: Date,
  now: Date,
  who: 'seeker' | 'employer',
): void {
  if (status !== 'open') {
    throw DomainError.conflict(
      'fair.not-open',
      `This fair is ${FAIR_STATUS_NAMES[status]}: it takes no registrations`,
    );
  }
  if (now < opensAt || now >= closesAt) {
    throw DomainError.conflict(
      'fair.registration-closed',
      `${who === 'seeker' ? 'Seeker' : 'Employer'} registration is open from ${opensAt.toISOString()} to ${closesAt.toISOString()}`,
    );
  }
}

/** An unguessable ticket: 144 random bits, URL-safe (what the QR code carries). */
export function newTicketCode(): string {
  return randomBytes(18).toString('base64url');
}

/** How far a device clock may run ahead of the server before its scan time is refused. */
export const SCAN_CLOCK_SLACK_MS = 5 * 60_000;

/**
 * A scan's time is plausible: not ahead of now (a device clock may run a little fast), not before
 * tickets could exist (seeker registration opened), not more than a day after the fair ended.
 */
export function assertScanTime(
  field: string,
  scannedAt: Date,
  fair: { seekerRegistrationOpensAt: Date; endsAt: Date },
  now: Date,
) {
  if (scannedAt.getTime() > now.getTime() + SCAN_CLOCK_SLACK_MS) {
    throw DomainError.invalid(field, 'is in the future');
  }
  if (
    scannedAt < fair.seekerRegistrationOpensAt ||
    scannedAt.getTime() > fair.endsAt.getTime() + 86_400_000
  ) {
    throw DomainError.invalid(field, 'is not during the fair');
  }
}
