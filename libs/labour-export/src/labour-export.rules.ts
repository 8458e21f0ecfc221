import { addMonths } from '@app/subsidy-engine';

export const PARTICIPANT_STATUSES = ['enrolled', 'departed', 'placed', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
export const PARTICIPANT_STATUS_NAMES: Readonly<Record<ParticipantStatus, string>> = {
  enrolled: '已报名',
  departed: '已出发',
  placed: '已就业',
  withdrawn: '已退出',
};

/** The day from which "still employed after 3 months" (稳岗三个月) can be recorded. */
export function followUpDue(startDate: string): string {
  return addMonths(startDate, 3);
}

export interface TripCounts {
  tripId: string;
  enrolled: number;
  departed: number;
  placed: number;
  stillEmployed: number;
}

export interface ExportProgress {
  targetTrips: number;
  targetPeople: number;
  trips: number;
  enrolled: number;
  departed: number;
  placed: number;
  stillEmployedAfter3Months: number;
}

/**
 * The year's progress: trips (not cancelled) and people — enrolled (everyone not withdrawn),
 * departed (departed or placed), placed, and still employed at the 3-month follow-up. Pure.
 */
export function exportProgress(
  trips: number,
  perTrip: readonly TripCounts[],
  /** 一(六)'s numbers (12 trips and 1,200 people in 2023), from the policy pack's targets. */
  targets: { trips: number; people: number },
): ExportProgress {
  const sum = (k: keyof Omit<TripCounts, 'tripId'>) => perTrip.reduce((n, t) => n + t[k], 0);
  return {
    targetTrips: targets.trips,
    targetPeople: targets.people,
    trips,
    enrolled: sum('enrolled'),
    departed: sum('departed'),
    placed: sum('placed'),
    stillEmployedAfter3Months: sum('stillEmployed'),
  };
}
