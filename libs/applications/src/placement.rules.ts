import { DomainError } from '@app/platform';
import type { AgencyKind, PostKind, Situation } from '@app/subsidy-engine';

/** The county this platform serves: a post in one of its townships is placed here. */
export const HOME_COUNTY = { province: '山西省', city: '运城市', county: '稷山县' } as const;

export interface PlacementLocation {
  province: string;
  city: string | null;
  county: string | null;
  /** Set for a place in the county (稷山县), null outside it. */
  townshipCode: string | null;
}

/** The facts of a job post that decide where the work is. */
export interface PostPlace {
  townshipCode: string | null;
  outsideProvince: string | null;
  outsideCity: string | null;
  outsideCounty: string | null;
}

/** A county township post is 山西省/运城市/稷山县 + its township; an outside post (劳务输出) its own place. */
export function locationOfPost(p: PostPlace): PlacementLocation {
  if (p.townshipCode !== null) return { ...HOME_COUNTY, townshipCode: p.townshipCode };
  if (!p.outsideProvince) throw new Error('A job post has neither a township nor an outside place');
  return {
    province: p.outsideProvince,
    city: p.outsideCity,
    county: p.outsideCounty,
    townshipCode: null,
  };
}

/** Dates of a hire: an end of contract before its start is refused, naming the field. */
export function assertContractDates(startDate: string, contractEndDate: string | null | undefined): void {
  if (contractEndDate !== null && contractEndDate !== undefined && contractEndDate < startDate) {
    throw DomainError.invalid('contractEndDate', `must not be before startDate (${startDate})`);
  }
}

/** What a placement stores, as the subsidy engine's `hire` section will want it. */
export interface PlacementHireFacts {
  startDate: string;
  contractEndDate: string | null;
  location: PlacementLocation;
  postKind: PostKind;
  employerSocialInsuranceMonthlyFen: number | null;
  referringAgencyKind: AgencyKind | null;
  referralFree: boolean;
  organisedExportTripId: string | null;
}

/** The `hire` section of a situation (contracts/subsidy-evaluate.md): the engine's own type. */
export type HireSituation = NonNullable<Situation['hire']>;

export function hireSituationOf(f: PlacementHireFacts): HireSituation {
  const jobLocation: NonNullable<HireSituation['jobLocation']> = { province: f.location.province };
  if (f.location.city !== null) jobLocation.city = f.location.city;
  if (f.location.county !== null) jobLocation.county = f.location.county;
  const hire: HireSituation = { startDate: f.startDate, jobLocation, postKind: f.postKind };
  if (f.contractEndDate !== null) hire.contractEndDate = f.contractEndDate;
  if (f.employerSocialInsuranceMonthlyFen !== null) {
    hire.employerSocialInsuranceMonthlyFen = f.employerSocialInsuranceMonthlyFen;
  }
  if (f.referringAgencyKind !== null) {
    hire.referral = {
      agencyKind: f.referringAgencyKind,
      free: f.referralFree,
      organisedExport: f.organisedExportTripId !== null,
    };
  }
  return hire;
}

/** 招满: a post is full once its placements not yet ended (在岗) reach its headcount (招聘人数). */
export function isPostFull(headcount: number, activePlacements: number): boolean {
  return activePlacements >= headcount;
}

/**
 * An employer's hire through an application needs a place left: a post already `filled` (by its
 * hires, or by hand) or whose active placements reach its headcount is a 409. Staff recording a
 * placement directly are not held to this (see PlacementService.recordDirect).
 */
export function assertPlaceLeft(post: { status: string; headcount: number }, activePlacements: number): void {
  if (post.status === 'filled' || isPostFull(post.headcount, activePlacements)) {
    throw DomainError.conflict(
      'application.post-filled',
      `This post is filled (${activePlacements} of ${post.headcount} places taken); ` +
        'the employment service centre may record an extra placement directly',
    );
  }
}
