import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  AuthUser,
  DomainError,
  type FieldProblem,
  JobName,
  OutboxService,
  townshipByCode,
} from '@app/platform';
import { AuditService } from '@app/audit';
import { EnterpriseFacts, EnterpriseService, canManage } from '@app/enterprises';
import { BirthFacts, OrganisationSummary, OrganisationsService, UsersService } from '@app/identity';
import { JobPostRecord, JobPostService } from '@app/jobs';
import { type SeekerProfileRecord, SeekerProfiles } from '@app/seekers';
import type { PostKind } from '@app/subsidy-engine';
import { ApplicationRecord, ApplicationRepository } from './application.repository';
import { assertEmployerTransition } from './application.rules';
import { HireSnapshot, hireSnapshotOf } from './hire-snapshot';
import { NewPlacement, PlacementRepository, hireKey } from './placement.repository';
import {
  HOME_COUNTY,
  PlacementLocation,
  assertContractDates,
  assertPlaceLeft,
  hireSituationOf,
  isPostFull,
  locationOfPost,
} from './placement.rules';

/** The terms of a hire, as the employer (or staff) give them. */
export interface HireTerms {
  startDate: string;
  contractEndDate: string | null;
  postKind: PostKind;
  employerSocialInsuranceMonthlyFen: number | null;
  note?: string;
}

/** A hire staff record directly (a fair, an agency, a walk-in): no application. */
export interface DirectHire extends HireTerms {
  employerOrganisationId: string;
  seekerUserId: string;
  jobPostId?: string;
  townshipCode?: string;
  outsideProvince?: string;
  outsideCity?: string;
  outsideCounty?: string;
  referringAgencyId?: string;
  referralFree?: boolean;
  organisedExportTripId?: string;
  /** 原属国有企业大龄就业困难人员 (三(十三)): a fact of a public-welfare placement. */
  formerStateEnterpriseOlderWorker?: boolean;
}

/**
 * Record a hire (录用 / 就业登记): the one use case that writes a placement, in one transaction —
 * the post locked (so concurrent hires on it queue and each counts the places the others took),
 * the application's step when it comes through one, the placement with the snapshot of the
 * hire's facts, the post filled when this hire takes its last place (招满), the
 * `placement.recorded` outbox row the subsidies hang from, and the audit entry. Nothing of it
 * commits without the rest.
 *
 * A hire through an application is held to the post's places (409 when none is left). Staff
 * recording a placement directly are not: the record states a hire that happened, and subsidies
 * hang from it (应享尽享, 不重不漏) — refusing it would lose the record; the post stays filled.
 * One seeker's placement with one employer from one day is one placement (409 placement.duplicate).
 */
@Injectable()
export class RecordHire {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly placements: PlacementRepository,
    private readonly posts: JobPostService,
    private readonly enterprises: EnterpriseService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly seekers: SeekerProfiles,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The employer's (or staff's) hire of an application; `mayManage` says who may move it. */
  async throughApplication(
    actor: AuthUser,
    applicationId: string,
    terms: HireTerms,
    mayManage: (actor: AuthUser, application: ApplicationRecord, employer: EnterpriseFacts) => boolean,
    requestId: string | null,
  ): Promise<string> {
    assertContractDates(terms.startDate, terms.contractEndDate);
    return this.dataSource.transaction(async (m) => {
      // The post first (the order of apply and refer), so two hires on one post queue on its row.
      const unlocked = await this.applications.get(applicationId, m);
      const post = unlocked ? await this.posts.lockForHire(m, unlocked.jobPostId) : null;
      const application = await this.applications.get(applicationId, m, true);
      const employer = post
        ? (await this.enterprises.facts([post.employerId], m)).get(post.employerId)
        : undefined;
      if (!application || !post || !employer || !mayManage(actor, application, employer)) {
        throw DomainError.notFound('Application');
      }
      assertEmployerTransition(application.status, 'hired');
      assertPlaceLeft(post, await this.placements.activeOnPost(m, post.id));
      await this.applications.step(m, application, 'hired', actor.id, terms.note?.trim() ?? null);
      const location = locationOfPost(post);
      return this.write(
        m,
        actor,
        requestId,
        employer,
        post,
        {},
        {},
        {
          applicationId: application.id,
          jobPostId: post.id,
          employerOrganisationId: post.employerId,
          seekerUserId: application.seekerUserId,
          startDate: terms.startDate,
          contractEndDate: terms.contractEndDate,
          province: location.province,
          city: location.city,
          county: location.county,
          townshipCode: location.townshipCode,
          postKind: terms.postKind,
          employerSocialInsuranceMonthlyFen: terms.employerSocialInsuranceMonthlyFen,
          referringAgencyId: application.referredByAgencyId,
          referralFree: application.referralFree,
          organisedExportTripId: null,
          source: 'application',
          recordedBy: actor.id,
        },
      );
    });
  }

  /** Staff (or admins) record a placement that did not come through an application. */
  async direct(
    actor: AuthUser,
    h: DirectHire,
    requestId: string | null,
    /** The caller's transaction, when the hire is part of a larger write (a fair's outcome). */
    outer?: EntityManager,
  ): Promise<string> {
    const givenLocation = checkDirect(h);
    const run = <T>(fn: (m: EntityManager) => Promise<T>) =>
      outer ? fn(outer) : this.dataSource.transaction(fn);
    return run(async (m) => {
      const employer = (await this.enterprises.facts([h.employerOrganisationId], m)).get(
        h.employerOrganisationId,
      );
      if (!employer || !canManage(actor, employer)) throw DomainError.notFound('Enterprise');
      const birth = await this.users.seekerBirthFacts(h.seekerUserId, m);
      if (birth === null) throw DomainError.notFound('Seeker');
      let location = givenLocation;
      let post: JobPostRecord | null = null;
      if (h.jobPostId) {
        post = await this.posts.lockForHire(m, h.jobPostId);
        if (!post) throw DomainError.notFound('Job post');
        if (post.employerId !== h.employerOrganisationId) {
          throw DomainError.invalid('jobPostId', 'is not a post of this enterprise');
        }
        location = locationOfPost(post);
      }
      if (!location) throw new Error('unreachable: no placement location');
      const agency = h.referringAgencyId ? await this.organisations.get(h.referringAgencyId, m) : null;
      if (h.referringAgencyId && agency?.kind !== 'agency') throw DomainError.notFound('Agency');
      return this.write(
        m,
        actor,
        requestId,
        employer,
        post,
        extraHireFacts(h),
        { birth, agency },
        directPlacement(actor, h, location),
      );
    });
  }

  /** The facts of a hire now (for placements recorded before snapshots existed: the API's backfill). */
  async snapshotFor(
    m: EntityManager,
    p: Omit<NewPlacement, 'snapshot'>,
    employer: EnterpriseFacts | undefined,
    read: { birth?: BirthFacts; agency?: OrganisationSummary | null } = {},
  ): Promise<HireSnapshot> {
    const birth = read.birth ?? (await this.users.birthFacts([p.seekerUserId], m)).get(p.seekerUserId);
    const profile = (await this.seekers.records([p.seekerUserId], m)).get(p.seekerUserId);
    const agency =
      read.agency !== undefined
        ? read.agency
        : p.referringAgencyId
          ? await this.organisations.get(p.referringAgencyId, m)
          : null;
    return snapshotOf(p, new Date().toISOString(), { birth, profile, employer, agency });
  }

  /**
   * A batch of hires staff record directly (a fair's or an agency's 录用名单, a roster sheet): every
   * one recorded, or none — the same checks, snapshot, outbox row and audit entry as `direct`, in
   * one transaction with one statement per table. A bad row is a 400 naming `placements[i].field`;
   * a hire already recorded (or twice in the batch) a 409 naming the rows.
   */
  async directMany(
    actor: AuthUser,
    hires: readonly DirectHire[],
    requestId: string | null,
  ): Promise<string[]> {
    const field = (i: number, name: string) => `placements[${i}].${name}`;
    const given = hires.map((h, i) => {
      try {
        return checkDirect(h);
      } catch (err) {
        throw err instanceof DomainError && err.fields?.length
          ? DomainError.invalid(field(i, err.fields[0].field), err.fields[0].message)
          : err;
      }
    });
    const seen = new Map<string, number>();
    const twice: FieldProblem[] = [];
    hires.forEach((h, i) => {
      const first = seen.get(hireKey(h));
      if (first !== undefined) {
        twice.push({ field: field(i, 'seekerUserId'), message: `the same hire as placements[${first}]` });
      } else seen.set(hireKey(h), i);
    });
    if (twice.length) throw duplicates(twice);
    const unique = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
    return this.dataSource.transaction(async (m) => {
      const seekerIds = unique(hires.map((h) => h.seekerUserId));
      const agencyIds = unique(hires.map((h) => h.referringAgencyId));
      const employers = await this.enterprises.facts(unique(hires.map((h) => h.employerOrganisationId)), m);
      const births = await this.users.seekersBirthFacts(seekerIds, m);
      const posts = await this.posts.lockManyForHire(m, unique(hires.map((h) => h.jobPostId)));
      const agencies = agencyIds.length ? await this.organisations.byIds(agencyIds, m) : new Map();
      const profiles = await this.seekers.records(seekerIds, m);
      const capturedAt = new Date().toISOString();
      const rows = hires.map((h, i): NewPlacement => {
        const employer = employers.get(h.employerOrganisationId);
        if (!employer || !canManage(actor, employer)) {
          throw DomainError.invalid(
            field(i, 'employerOrganisationId'),
            'no such enterprise, or not one you look after',
          );
        }
        const birth = births.get(h.seekerUserId);
        if (birth === undefined) throw DomainError.invalid(field(i, 'seekerUserId'), 'no such seeker');
        let location = given[i];
        if (h.jobPostId) {
          const post = posts.get(h.jobPostId);
          if (!post) throw DomainError.invalid(field(i, 'jobPostId'), 'no such job post');
          if (post.employerId !== h.employerOrganisationId) {
            throw DomainError.invalid(field(i, 'jobPostId'), 'is not a post of this enterprise');
          }
          location = locationOfPost(post);
        }
        if (!location) throw new Error('unreachable: no placement location');
        const agency = h.referringAgencyId ? agencies.get(h.referringAgencyId) : null;
        if (h.referringAgencyId && agency?.kind !== 'agency') {
          throw DomainError.invalid(field(i, 'referringAgencyId'), 'no such agency');
        }
        const p = directPlacement(actor, h, location);
        const base = snapshotOf(p, capturedAt, {
          birth,
          profile: profiles.get(h.seekerUserId),
          employer,
          agency,
        });
        return { ...p, snapshot: { ...base, hire: { ...base.hire, ...extraHireFacts(h) } } };
      });
      const inserted = await this.placements.insertMany(m, rows);
      const already = hires.flatMap((h, i) =>
        inserted.has(hireKey(h))
          ? []
          : [{ field: field(i, 'seekerUserId'), message: 'this hire is already recorded' }],
      );
      if (already.length) throw duplicates(already);
      const ids = hires.map((h) => inserted.get(hireKey(h)) as string);
      await this.outbox.addMany(
        m,
        JobName.PlacementRecorded,
        ids.map((placementId) => ({ placementId })),
      );
      const filled = new Set<string>();
      const active = await this.placements.activeOnPosts(m, [...posts.keys()]);
      for (const post of posts.values()) {
        if (isPostFull(post.headcount, active.get(post.id) ?? 0) && (await this.posts.fillByHires(m, post))) {
          filled.add(post.id);
        }
      }
      await this.audit.recordMany(
        rows.map((p, i) => ({
          actorId: actor.id,
          actorRole: actor.role,
          action: 'placement.record',
          targetType: 'placement',
          targetId: ids[i],
          requestId,
          details: {
            source: p.source,
            applicationId: null,
            employerOrganisationId: p.employerOrganisationId,
            startDate: p.startDate,
            jobPostId: p.jobPostId,
            postFilled: p.jobPostId !== null && filled.has(p.jobPostId),
            batch: hires.length,
          },
          townshipCodes: [p.townshipCode, employers.get(p.employerOrganisationId)?.townshipCode],
        })),
        m,
      );
      return ids;
    });
  }

  private async write(
    m: EntityManager,
    actor: AuthUser,
    requestId: string | null,
    employer: EnterpriseFacts,
    post: JobPostRecord | null,
    extraHire: Partial<HireSnapshot['hire']>,
    read: { birth?: BirthFacts; agency?: OrganisationSummary | null },
    p: Omit<NewPlacement, 'snapshot'>,
  ): Promise<string> {
    const base = await this.snapshotFor(m, p, employer, read);
    const snapshot: HireSnapshot = { ...base, hire: { ...base.hire, ...extraHire } };
    const id = await this.placements.insert(m, { ...p, snapshot }).catch((err: unknown) => {
      throw duplicatePlacement(err) ?? err;
    });
    await this.outbox.add(m, JobName.PlacementRecorded, { placementId: id });
    let postFilled = false;
    if (post && isPostFull(post.headcount, await this.placements.activeOnPost(m, post.id))) {
      postFilled = await this.posts.fillByHires(m, post);
    }
    await this.audit.record(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'placement.record',
        targetType: 'placement',
        targetId: id,
        requestId,
        details: {
          source: p.source,
          applicationId: p.applicationId,
          employerOrganisationId: p.employerOrganisationId,
          startDate: p.startDate,
          jobPostId: p.jobPostId,
          postFilled,
        },
        townshipCodes: [p.townshipCode, employer.townshipCode],
      },
      m,
    );
    return id;
  }
}

/** The checks of a direct hire before anything is read; its place of work unless the post gives it. */
function checkDirect(h: DirectHire): PlacementLocation | undefined {
  assertContractDates(h.startDate, h.contractEndDate);
  if (h.referralFree && !h.referringAgencyId) {
    throw DomainError.invalid('referralFree', 'a free referral needs referringAgencyId');
  }
  return directLocation(h);
}

function directPlacement(
  actor: AuthUser,
  h: DirectHire,
  location: PlacementLocation,
): Omit<NewPlacement, 'snapshot'> {
  return {
    applicationId: null,
    jobPostId: h.jobPostId ?? null,
    employerOrganisationId: h.employerOrganisationId,
    seekerUserId: h.seekerUserId,
    startDate: h.startDate,
    contractEndDate: h.contractEndDate,
    province: location.province,
    city: location.city,
    county: location.county,
    townshipCode: location.townshipCode,
    postKind: h.postKind,
    employerSocialInsuranceMonthlyFen: h.employerSocialInsuranceMonthlyFen,
    referringAgencyId: h.referringAgencyId ?? null,
    referralFree: h.referralFree ?? false,
    organisedExportTripId: h.organisedExportTripId ?? null,
    source: 'staff',
    recordedBy: actor.id,
  };
}

/** Facts of a direct hire the engine needs that no table holds. */
function extraHireFacts(h: DirectHire): Partial<HireSnapshot['hire']> {
  return h.formerStateEnterpriseOlderWorker ? { formerStateEnterpriseOlderWorker: true } : {};
}

/** The facts of a hire as they are when it is recorded (pure: the reads are the caller's). */
function snapshotOf(
  p: Omit<NewPlacement, 'snapshot'>,
  capturedAt: string,
  read: {
    birth: BirthFacts | undefined;
    profile: SeekerProfileRecord | undefined;
    employer: EnterpriseFacts | undefined;
    agency: OrganisationSummary | null | undefined;
  },
): HireSnapshot {
  const { birth, profile, employer, agency } = read;
  return hireSnapshotOf({
    capturedAt,
    birth: birth && typeof birth === 'object' ? birth : null,
    profile: profile
      ? {
          groups: profile.groups,
          graduation: profile.graduation,
          registeredUnemployedSince: profile.registeredUnemployedSince,
          unemploymentInsuranceMonths: profile.unemploymentInsuranceMonths,
        }
      : null,
    employerSize: employer?.size ?? null,
    hire: hireSituationOf({
      startDate: p.startDate,
      contractEndDate: p.contractEndDate,
      location: { province: p.province, city: p.city, county: p.county, townshipCode: p.townshipCode },
      postKind: p.postKind,
      employerSocialInsuranceMonthlyFen: p.employerSocialInsuranceMonthlyFen,
      referringAgencyKind: agency?.agencyKind ?? null,
      referralFree: p.referralFree,
      organisedExportTripId: p.organisedExportTripId,
    }),
  });
}

function duplicates(fields: FieldProblem[]): DomainError {
  return new DomainError(
    'placement.duplicate',
    `Recorded already, or twice in this batch: ${fields.map((f) => f.field).join(', ')}`,
    409,
    fields,
  );
}

/** The one-active-placement rule (seeker, employer, start date) met by a concurrent or repeated record → 409. */
function duplicatePlacement(err: unknown): DomainError | null {
  const e = err as { code?: string; constraint?: string };
  if (!(err instanceof QueryFailedError) || e.code !== '23505') return null;
  if (e.constraint === 'placements_one_active_per_hire') {
    return DomainError.conflict(
      'placement.duplicate',
      "This seeker's placement with this employer from this start date is already recorded",
    );
  }
  if (e.constraint === 'placements_one_per_application') {
    return DomainError.conflict('placement.duplicate', 'This application already has its placement');
  }
  return null;
}

/** The place of work of a direct record without a post; undefined when the post will give it. */
function directLocation(h: DirectHire): PlacementLocation | undefined {
  const outside = h.outsideProvince ?? h.outsideCity ?? h.outsideCounty;
  if (h.jobPostId) {
    if (h.townshipCode !== undefined) {
      throw DomainError.invalid('townshipCode', 'the place of work comes from jobPostId; omit it');
    }
    if (outside !== undefined) {
      throw DomainError.invalid('outsideProvince', 'the place of work comes from jobPostId; omit it');
    }
    return undefined;
  }
  if (h.townshipCode !== undefined) {
    if (outside !== undefined) {
      throw DomainError.invalid('outsideProvince', 'give either townshipCode or an outside place, not both');
    }
    if (!townshipByCode(h.townshipCode)) throw DomainError.invalid('townshipCode', 'no such township');
    return { ...HOME_COUNTY, townshipCode: h.townshipCode };
  }
  if (!h.outsideProvince) {
    throw DomainError.invalid('townshipCode', 'give townshipCode, outsideProvince or jobPostId');
  }
  if (h.outsideCounty === HOME_COUNTY.county) {
    throw DomainError.invalid('outsideCounty', `work in ${HOME_COUNTY.county} is given by townshipCode`);
  }
  return {
    province: h.outsideProvince.trim(),
    city: h.outsideCity?.trim() ?? null,
    county: h.outsideCounty?.trim() ?? null,
    townshipCode: null,
  };
}
