import { ApplicationStatus } from './application.rules';
import type { AgencyKind, PostKind } from '@app/subsidy-engine';

/** An application with the post and employer facts that access checks need (snake case). */
export interface ApplicationRow {
  id: string;
  job_post_id: string;
  job_post_title: string;
  job_post_status: string;
  employer_id: string;
  employer_name: string;
  ep_township_code: string | null;
  ep_commissioner_user_id: string | null;
  seeker_user_id: string;
  seeker_display_name: string;
  status: ApplicationStatus;
  referred_by_agency_id: string | null;
  referral_free: boolean;
  cover_note: string | null;
  created_at: Date;
  status_changed_at: Date;
  updated_at: Date;
  placement_id: string | null;
}

export const SELECT_APPLICATION = `
  SELECT a.id, a.job_post_id, j.title AS job_post_title, j.status AS job_post_status,
         j.employer_id, o.name AS employer_name,
         ep.township_code AS ep_township_code, ep.commissioner_user_id AS ep_commissioner_user_id,
         a.seeker_user_id, u.display_name AS seeker_display_name, a.status, a.referred_by_agency_id,
         a.referral_free, a.cover_note, a.created_at, a.status_changed_at, a.updated_at,
         p.id AS placement_id
    FROM applications a
    JOIN job_posts j ON j.id = a.job_post_id
    JOIN organisations o ON o.id = j.employer_id
    LEFT JOIN enterprise_profiles ep ON ep.organisation_id = j.employer_id
    JOIN users u ON u.id = a.seeker_user_id
    LEFT JOIN placements p ON p.application_id = a.id`;

export interface ApplicationEventRow {
  application_id: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  note: string | null;
  at: Date;
}

/** A placement with employer and agency facts (snake case; dates as YYYY-MM-DD text). */
export interface PlacementRow {
  id: string;
  application_id: string | null;
  job_post_id: string | null;
  employer_organisation_id: string;
  employer_name: string;
  ep_township_code: string | null;
  ep_commissioner_user_id: string | null;
  seeker_user_id: string;
  seeker_display_name: string;
  start_date: string;
  contract_end_date: string | null;
  job_province: string;
  job_city: string | null;
  job_county: string | null;
  township_code: string | null;
  post_kind: PostKind;
  employer_social_insurance_monthly_fen: string | null;
  referring_agency_id: string | null;
  referring_agency_kind: AgencyKind | null;
  referral_free: boolean;
  organised_export_trip_id: string | null;
  source: 'application' | 'staff';
  ended_on: string | null;
  end_reason: string | null;
  recorded_by: string;
  created_at: Date;
  updated_at: Date;
}

export const SELECT_PLACEMENT = `
  SELECT pl.id, pl.application_id, pl.job_post_id, pl.employer_organisation_id, o.name AS employer_name,
         ep.township_code AS ep_township_code, ep.commissioner_user_id AS ep_commissioner_user_id,
         pl.seeker_user_id, u.display_name AS seeker_display_name,
         to_char(pl.start_date, 'YYYY-MM-DD') AS start_date,
         to_char(pl.contract_end_date, 'YYYY-MM-DD') AS contract_end_date,
         pl.job_province, pl.job_city, pl.job_county, pl.township_code, pl.post_kind,
         pl.employer_social_insurance_monthly_fen, pl.referring_agency_id, ag.agency_kind AS referring_agency_kind,
         pl.referral_free, pl.organised_export_trip_id, pl.source,
         to_char(pl.ended_on, 'YYYY-MM-DD') AS ended_on, pl.end_reason, pl.recorded_by,
         pl.created_at, pl.updated_at
    FROM placements pl
    JOIN organisations o ON o.id = pl.employer_organisation_id
    LEFT JOIN enterprise_profiles ep ON ep.organisation_id = pl.employer_organisation_id
    JOIN users u ON u.id = pl.seeker_user_id
    LEFT JOIN organisations ag ON ag.id = pl.referring_agency_id`;

/** What a new placement holds (from a hire or a staff record). */
export interface NewPlacement {
  applicationId: string | null;
  jobPostId: string | null;
  employerOrganisationId: string;
  seekerUserId: string;
  startDate: string;
  contractEndDate: string | null;
  province: string;
  city: string | null;
  county: string | null;
  townshipCode: string | null;
  postKind: PostKind;
  employerSocialInsuranceMonthlyFen: number | null;
  referringAgencyId: string | null;
  referralFree: boolean;
  organisedExportTripId: string | null;
  source: 'application' | 'staff';
  recordedBy: string;
}

export const INSERT_PLACEMENT = `
  INSERT INTO placements (
    application_id, job_post_id, employer_organisation_id, seeker_user_id, start_date, contract_end_date,
    job_province, job_city, job_county, township_code, post_kind, employer_social_insurance_monthly_fen,
    referring_agency_id, referral_free, organised_export_trip_id, source, recorded_by)
  VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
  RETURNING id`;

export function placementParams(p: NewPlacement): unknown[] {
  return [
    p.applicationId,
    p.jobPostId,
    p.employerOrganisationId,
    p.seekerUserId,
    p.startDate,
    p.contractEndDate,
    p.province,
    p.city,
    p.county,
    p.townshipCode,
    p.postKind,
    p.employerSocialInsuranceMonthlyFen === null ? null : String(p.employerSocialInsuranceMonthlyFen),
    p.referringAgencyId,
    p.referralFree,
    p.organisedExportTripId,
    p.source,
    p.recordedBy,
  ];
}
