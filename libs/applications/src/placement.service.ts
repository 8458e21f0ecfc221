import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DomainError, JobName, OutboxService, townshipByCode } from '@app/platform';
import { AuditService } from '@app/audit';
import { EnterpriseService, canManage } from '@app/enterprises';
import { AuthUser, Role } from '@app/identity';
import { JobPostRow, JobPostService, SELECT_JOB_POST } from '@app/jobs';
import { EndPlacementDto, PlacementListView, PlacementView, RecordPlacementDto } from './placement.dto';
import {
  INSERT_PLACEMENT,
  NewPlacement,
  PlacementRow,
  SELECT_PLACEMENT,
  placementParams,
} from './applications.sql';
import {
  HOME_COUNTY,
  PlacementLocation,
  assertContractDates,
  hireSituationOf,
  isPostFull,
  locationOfPost,
} from './placement.rules';

export interface ListPlacementsFilter {
  limit: number;
  offset: number;
}

/** A post locked FOR UPDATE for a hire, with its placements not yet ended (在岗) at the lock. */
export interface PostForHire {
  row: JobPostRow;
  active: number;
}

/**
 * Placements (就业登记): a hire recorded from an application, or by staff directly (fairs,
 * agencies, walk-ins), and its end. Each placement is written with its `placement.recorded` outbox
 * row in one transaction — the later subsidy claims hang from that event — and an audit entry.
 *
 * Who sees a placement: admins and county staff all; township staff those of enterprises they look
 * after (the enterprise's township or commissioner) and those whose place of work is in their
 * township; employers their enterprise's; agencies those they referred; the seeker their own.
 * Others get a 404.
 *
 * Hires fill posts (招满): a placement on a post locks the post row first, and when the post's
 * placements not yet ended reach its headcount the post becomes `filled` in the same transaction
 * (JobPostService.fillInTransaction: status, ended_at, and the outbox row that drops it from
 * search). A filled post takes no applications (409) and no further hires through applications.
 */
@Injectable()
export class PlacementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly enterprises: EnterpriseService,
    private readonly audit: AuditService,
    private readonly posts: JobPostService,
  ) {}

  /**
   * Locks the post row FOR UPDATE, so concurrent hires on one post run one after the other and
   * each counts the places the others took, and counts its placements not yet ended.
   */
  async lockPostForHire(m: EntityManager, jobPostId: string): Promise<PostForHire | undefined> {
    const rows: JobPostRow[] = await m.query(`${SELECT_JOB_POST} WHERE j.id = $1 FOR UPDATE OF j`, [
      jobPostId,
    ]);
    if (!rows[0]) return undefined;
    return { row: rows[0], active: await activePlacements(m, jobPostId) };
  }

  /**
   * Inserts a placement, its outbox row and its audit entry inside the caller's transaction, and
   * fills the post when this hire takes its last place. A placement on a post needs the post locked
   * by lockPostForHire in the same transaction. The unique constraint on application_id makes a
   * second placement of one application a 409.
   */
  async recordInTransaction(
    m: EntityManager,
    actor: AuthUser,
    p: NewPlacement,
    requestId: string | null,
    post: PostForHire | null,
  ): Promise<string> {
    if ((post?.row.id ?? null) !== p.jobPostId) {
      throw new Error('a placement on a post needs the post locked (lockPostForHire)');
    }
    const rows: { id: string }[] = await m
      .query(INSERT_PLACEMENT, placementParams(p))
      .catch((err: unknown) => {
        throw duplicatePlacement(err) ?? err;
      });
    const id = rows[0].id;
    await this.outbox.add(m, JobName.PlacementRecorded, { placementId: id });
    let postFilled = false;
    if (post && isPostFull(post.row.headcount, await activePlacements(m, post.row.id))) {
      postFilled = await this.posts.fillInTransaction(m, post.row);
    }
    const employerTownship = (await this.enterprises.scope(p.employerOrganisationId, m))?.townshipCode;
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
        townshipCodes: [p.townshipCode, employerTownship],
      },
      m,
    );
    return id;
  }

  /**
   * Staff (or admins) record a placement that did not come through an application. On a post
   * already full (or filled) it is still recorded: the record states a hire that happened (at a
   * fair, a replacement for someone who left, an employer who hired more than announced), and the
   * subsidies hang from it (应享尽享, 不重不漏) — refusing it would lose the record. The post stays
   * filled; only hires through applications are held to the headcount.
   */
  async recordDirect(
    actor: AuthUser,
    dto: RecordPlacementDto,
    requestId: string | null,
  ): Promise<PlacementView> {
    assertContractDates(dto.startDate, dto.contractEndDate);
    if (dto.referralFree && !dto.referringAgencyId) {
      throw DomainError.invalid('referralFree', 'a free referral needs referringAgencyId');
    }
    const givenLocation = directLocation(dto);
    const id = await this.dataSource.transaction(async (m) => {
      const scope = await this.enterprises.scope(dto.employerOrganisationId, m);
      if (!scope || !canManage(actor, scope)) throw DomainError.notFound('Enterprise');
      const seeker: unknown[] = await m.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'seeker'`, [
        dto.seekerUserId,
      ]);
      if (seeker.length === 0) throw DomainError.notFound('Seeker');
      let location = givenLocation;
      let post: PostForHire | null = null;
      if (dto.jobPostId) {
        post = (await this.lockPostForHire(m, dto.jobPostId)) ?? null;
        if (!post) throw DomainError.notFound('Job post');
        if (post.row.employer_id !== dto.employerOrganisationId) {
          throw DomainError.invalid('jobPostId', 'is not a post of this enterprise');
        }
        location = locationOfPost(post.row);
      }
      if (!location) throw new Error('unreachable: no placement location');
      if (dto.referringAgencyId) {
        const agencies: unknown[] = await m.query(
          `SELECT 1 FROM organisations WHERE id = $1 AND kind = 'agency'`,
          [dto.referringAgencyId],
        );
        if (agencies.length === 0) throw DomainError.notFound('Agency');
      }
      return this.recordInTransaction(
        m,
        actor,
        {
          applicationId: null,
          jobPostId: dto.jobPostId ?? null,
          employerOrganisationId: dto.employerOrganisationId,
          seekerUserId: dto.seekerUserId,
          startDate: dto.startDate,
          contractEndDate: dto.contractEndDate ?? null,
          province: location.province,
          city: location.city,
          county: location.county,
          townshipCode: location.townshipCode,
          postKind: dto.postKind ?? 'regular',
          employerSocialInsuranceMonthlyFen: dto.employerSocialInsuranceMonthlyFen ?? null,
          referringAgencyId: dto.referringAgencyId ?? null,
          referralFree: dto.referralFree ?? false,
          organisedExportTripId: dto.organisedExportTripId ?? null,
          source: 'staff',
          recordedBy: actor.id,
        },
        requestId,
        post,
      );
    });
    return this.view(await this.row(this.dataSource.manager, id));
  }

  /**
   * Records the last day of work (离职 / 合同到期); monthly subsidies stop there. Once only. A filled
   * post does not reopen: whether to recruit again is the employer's call (a new post, or staff).
   */
  async end(
    actor: AuthUser,
    id: string,
    dto: EndPlacementDto,
    requestId: string | null,
  ): Promise<PlacementView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.row(m, id, true);
      if (!row || !mayManagePlacement(actor, row)) throw DomainError.notFound('Placement');
      if (row.ended_on !== null) {
        throw DomainError.conflict('placement.already-ended', `This placement ended on ${row.ended_on}`);
      }
      if (dto.endedOn < row.start_date) {
        throw DomainError.invalid('endedOn', `must not be before the start date (${row.start_date})`);
      }
      await m.query(
        `UPDATE placements SET ended_on = $2::date, end_reason = $3, ended_by = $4, updated_at = now() WHERE id = $1`,
        [id, dto.endedOn, dto.reason.trim(), actor.id],
      );
      await this.outbox.add(m, JobName.PlacementEnded, { placementId: id });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'placement.end',
          targetType: 'placement',
          targetId: id,
          reason: dto.reason.trim(),
          requestId,
          details: { endedOn: dto.endedOn, employerOrganisationId: row.employer_organisation_id },
          townshipCodes: [row.township_code, row.ep_township_code],
        },
        m,
      );
    });
    return this.view(await this.row(this.dataSource.manager, id));
  }

  /** One placement, for those who may see it (see the class comment); anyone else gets a 404. */
  async get(actor: AuthUser, id: string): Promise<PlacementView> {
    const row = await this.row(this.dataSource.manager, id);
    if (!row || !mayReadPlacement(actor, row)) throw DomainError.notFound('Placement');
    return this.view(row);
  }

  /** The seeker's own placements (就业记录), newest first. */
  listMine(actor: AuthUser, f: ListPlacementsFilter): Promise<PlacementListView> {
    return this.page('WHERE pl.seeker_user_id = $1', [actor.id], f);
  }

  /** The placements the actor may see (see the class comment; seekers use listMine), newest first. */
  async list(actor: AuthUser, f: ListPlacementsFilter): Promise<PlacementListView> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    let clause: string;
    if (actor.role === Role.Admin || (actor.role === Role.Staff && actor.townshipCode === null)) {
      clause = '';
    } else if (actor.role === Role.Staff) {
      const t = p(actor.townshipCode);
      clause = `WHERE (ep.township_code = ${t} OR pl.township_code = ${t} OR ep.commissioner_user_id = ${p(actor.id)})`;
    } else if (actor.role === Role.Employer && actor.organisationId) {
      clause = `WHERE pl.employer_organisation_id = ${p(actor.organisationId)}`;
    } else if (actor.role === Role.Agency && actor.organisationId) {
      clause = `WHERE pl.referring_agency_id = ${p(actor.organisationId)}`;
    } else {
      return { items: [], total: 0 };
    }
    return this.page(clause, params, f);
  }

  private async page(clause: string, params: unknown[], f: ListPlacementsFilter): Promise<PlacementListView> {
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM placements pl
         LEFT JOIN enterprise_profiles ep ON ep.organisation_id = pl.employer_organisation_id ${clause}`,
      params,
    );
    const n = params.length;
    const rows: PlacementRow[] = await this.dataSource.query(
      `${SELECT_PLACEMENT} ${clause} ORDER BY pl.created_at DESC, pl.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map((r) => this.view(r)), total };
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<PlacementRow> {
    const rows: PlacementRow[] = await m.query(
      `${SELECT_PLACEMENT} WHERE pl.id = $1${lock ? ' FOR UPDATE OF pl' : ''}`,
      [id],
    );
    return rows[0];
  }

  view(r: PlacementRow): PlacementView {
    const jobLocation: PlacementLocation = {
      province: r.job_province,
      city: r.job_city,
      county: r.job_county,
      townshipCode: r.township_code,
    };
    const fen =
      r.employer_social_insurance_monthly_fen === null
        ? null
        : Number(r.employer_social_insurance_monthly_fen);
    return {
      id: r.id,
      applicationId: r.application_id,
      jobPostId: r.job_post_id,
      employerOrganisationId: r.employer_organisation_id,
      employerName: r.employer_name,
      seekerUserId: r.seeker_user_id,
      seekerDisplayName: r.seeker_display_name,
      startDate: r.start_date,
      contractEndDate: r.contract_end_date,
      jobLocation,
      postKind: r.post_kind,
      employerSocialInsuranceMonthlyFen: fen,
      referringAgencyId: r.referring_agency_id,
      referringAgencyKind: r.referring_agency_kind,
      referralFree: r.referral_free,
      organisedExportTripId: r.organised_export_trip_id,
      source: r.source,
      endedOn: r.ended_on,
      endReason: r.end_reason,
      createdAt: new Date(r.created_at).toISOString(),
      hire: hireSituationOf({
        startDate: r.start_date,
        contractEndDate: r.contract_end_date,
        location: jobLocation,
        postKind: r.post_kind,
        employerSocialInsuranceMonthlyFen: fen,
        referringAgencyKind: r.referring_agency_kind,
        referralFree: r.referral_free,
        organisedExportTripId: r.organised_export_trip_id,
      }),
    };
  }
}

/** Staff work on a placement: those who manage its enterprise, or township staff of its place of work. */
export function mayManagePlacement(actor: AuthUser, r: PlacementRow): boolean {
  if (actor.role !== Role.Staff && actor.role !== Role.Admin) return false;
  const scope = {
    organisationId: r.employer_organisation_id,
    townshipCode: r.ep_township_code,
    commissionerUserId: r.ep_commissioner_user_id,
  };
  return canManage(actor, scope) || (r.township_code !== null && r.township_code === actor.townshipCode);
}

/** Reading a placement: the placed seeker, its enterprise's users, the referring agency, its staff. */
export function mayReadPlacement(actor: AuthUser, r: PlacementRow): boolean {
  if (actor.role === Role.Seeker) return r.seeker_user_id === actor.id;
  if (actor.role === Role.Employer) {
    return actor.organisationId !== null && r.employer_organisation_id === actor.organisationId;
  }
  if (actor.role === Role.Agency) {
    return actor.organisationId !== null && r.referring_agency_id === actor.organisationId;
  }
  return mayManagePlacement(actor, r);
}

/** The one-active-placement rule (seeker, employer, start date) met by a concurrent or repeated record → 409. */
function duplicatePlacement(err: unknown): DomainError | null {
  const e = err as { code?: string; constraint?: string };
  if (!(err instanceof QueryFailedError) || e.code !== '23505') return null;
  if (e.constraint !== 'placements_one_active_per_hire') return null;
  return DomainError.conflict(
    'placement.duplicate',
    "This seeker's placement with this employer from this start date is already recorded",
  );
}

/** A post's placements not yet ended (在岗); an end recorded ahead of time already counts as ended. */
async function activePlacements(m: EntityManager, jobPostId: string): Promise<number> {
  const [{ n }]: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM placements WHERE job_post_id = $1 AND ended_on IS NULL`,
    [jobPostId],
  );
  return n;
}

/** The place of work of a direct record without a post; undefined when the post will give it. */
function directLocation(dto: RecordPlacementDto): PlacementLocation | undefined {
  const outside = dto.outsideProvince ?? dto.outsideCity ?? dto.outsideCounty;
  if (dto.jobPostId) {
    if (dto.townshipCode !== undefined) {
      throw DomainError.invalid('townshipCode', 'the place of work comes from jobPostId; omit it');
    }
    if (outside !== undefined) {
      throw DomainError.invalid('outsideProvince', 'the place of work comes from jobPostId; omit it');
    }
    return undefined;
  }
  if (dto.townshipCode !== undefined) {
    if (outside !== undefined) {
      throw DomainError.invalid('outsideProvince', 'give either townshipCode or an outside place, not both');
    }
    if (!townshipByCode(dto.townshipCode)) throw DomainError.invalid('townshipCode', 'no such township');
    return { ...HOME_COUNTY, townshipCode: dto.townshipCode };
  }
  if (!dto.outsideProvince) {
    throw DomainError.invalid('townshipCode', 'give townshipCode, outsideProvince or jobPostId');
  }
  if (dto.outsideCounty === HOME_COUNTY.county) {
    throw DomainError.invalid('outsideCounty', `work in ${HOME_COUNTY.county} is given by townshipCode`);
  }
  return {
    province: dto.outsideProvince.trim(),
    city: dto.outsideCity?.trim() ?? null,
    county: dto.outsideCounty?.trim() ?? null,
    townshipCode: null,
  };
}
