import { DomainError } from '@app/platform';

/** applied → screening → interview → offer → hired (录用), or rejected (未录用) / withdrawn (撤回). */
export const APPLICATION_STATUSES = [
  'applied',
  'screening',
  'interview',
  'offer',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** How an application's step is written for people (pages, notifications). */
export const APPLICATION_STATUS_NAMES: Readonly<Record<ApplicationStatus, string>> = {
  applied: '已投递',
  screening: '筛选中',
  interview: '面试',
  offer: '拟录用',
  hired: '已录用',
  rejected: '未录用',
  withdrawn: '已撤回',
};

/** Ended applications: they no longer count for "one active application per post". */
export const INACTIVE_STATUSES: readonly ApplicationStatus[] = ['rejected', 'withdrawn'];
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['hired', 'rejected', 'withdrawn'];

/**
 * The steps the employer (or staff for it) may take: one step forward at a time, or rejection from
 * any open step. Withdrawal is the seeker's own route and is not here.
 */
export const EMPLOYER_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  applied: ['screening', 'rejected'],
  screening: ['interview', 'rejected'],
  interview: ['offer', 'rejected'],
  offer: ['hired', 'rejected'],
  hired: [],
  rejected: [],
  withdrawn: [],
};

/** The seeker may withdraw while the application is open (not after hired, rejected or withdrawn). */
export const WITHDRAWABLE: readonly ApplicationStatus[] = ['applied', 'screening', 'interview', 'offer'];

/** Throws 409 `application.invalid-transition` unless the employer may move `from` to `to`. */
export function assertEmployerTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  const allowed = EMPLOYER_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    throw DomainError.conflict(
      'application.invalid-transition',
      `An application that is ${from} cannot become ${to}` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)'),
    );
  }
}

export function assertWithdrawable(from: ApplicationStatus): void {
  if (!WITHDRAWABLE.includes(from)) {
    throw DomainError.conflict(
      'application.invalid-transition',
      `An application that is ${from} cannot be withdrawn`,
    );
  }
}
