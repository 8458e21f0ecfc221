import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, DomainError, JobName, OutboxService, Role, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import {
  UserDirectory,
  UsersService,
  assertSelfOrStaff,
  assertTownshipScope,
  isTownshipStaff,
  townshipFilterOf,
} from '@app/identity';
import type { PersonGroup } from '@app/subsidy-engine';
import {
  AssistanceNoteView,
  RegisterSeekerByStaffDto,
  SeekerPageDto,
  SeekerProfileFields,
  SeekerProfileView,
} from './seeker.dto';
import { profileProblems } from './seeker-profile.rules';
import {
  AssistanceNoteRecord,
  ProfileWrite,
  SeekerProfileRecord,
  SeekerProfileRepository,
} from './seeker-profile.repository';

const notFound = () => DomainError.notFound('Seeker profile', 'seeker.not-found');

/**
 * Job seekers (求职者): the profile the seeker keeps, its consent to be found, staff registration
 * on a seeker's behalf and the one-to-one help notes (一对一帮扶).
 *
 * Every write that changes what the seeker index shows writes a `search.seeker-changed` outbox row
 * in the same transaction. Who may see a profile: the seeker, admins, county-wide staff, and
 * township staff of the profile's township; anyone else gets a 404.
 */
/**
 * The most people a search of the seekers list considers, county-wide, before the reader's
 * township and filters narrow them (a surname alone finds many: type more of the name).
 */
export const SEEKER_SEARCH_MAX = 1000;

@Injectable()
export class SeekerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: SeekerProfileRepository,
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
    private readonly directory: UserDirectory,
    private readonly audit: AuditService,
  ) {}

  async getMine(actor: AuthUser): Promise<SeekerProfileView> {
    const row = await this.profiles.get(actor.id);
    if (!row) throw notFound();
    return (await this.views([row]))[0];
  }

  /** Creates or replaces the seeker's own profile. Consent and the assisting staff member are kept. */
  async putMine(actor: AuthUser, dto: SeekerProfileFields): Promise<SeekerProfileView> {
    if (actor.role !== Role.Seeker) throw notFound();
    await this.dataSource.transaction(async (m) => {
      this.checkProfile(dto);
      await this.profiles.upsert(
        m,
        actor.id,
        profileWrite(dto),
        null,
        await this.birthYearOfUser(m, actor.id),
      );
      await this.outbox.add(m, JobName.SeekerChanged, { seekerId: actor.id });
      // 政策找人: a graduate's facts may earn the job-search subsidy without anyone applying.
      if (dto.graduation) await this.outbox.add(m, JobName.SeekerProfileWritten, { seekerId: actor.id });
    });
    return this.getMine(actor);
  }

  async setConsent(actor: AuthUser, searchableByEmployers: boolean): Promise<SeekerProfileView> {
    await this.dataSource.transaction(async (m) => {
      if (!(await this.profiles.get(actor.id, m, true))) throw notFound();
      await this.profiles.setConsent(m, actor.id, searchableByEmployers);
      await this.outbox.add(m, JobName.SeekerChanged, { seekerId: actor.id });
    });
    return this.getMine(actor);
  }

  /**
   * Staff register a seeker (窗口/上门登记): the identity user and the profile in one transaction,
   * audited. Township staff only in their own township. The registering staff member becomes the
   * seeker's contact for one-to-one help.
   */
  async registerByStaff(
    actor: AuthUser,
    dto: RegisterSeekerByStaffDto,
    requestId: string | null,
  ): Promise<SeekerProfileView> {
    if (isTownshipStaff(actor) && dto.townshipCode !== actor.townshipCode) {
      throw new DomainError(
        'seeker.township-out-of-scope',
        'townshipCode: township staff register seekers of their own township only',
        403,
        [{ field: 'townshipCode', message: 'outside your township' }],
      );
    }
    const id = await this.dataSource.transaction(async (m) => {
      this.checkProfile(dto);
      const user = await this.users.createUser(
        {
          role: Role.Seeker,
          login: dto.login,
          password: dto.password,
          displayName: dto.displayName,
          mobile: dto.mobile,
          idNumber: dto.idNumber ?? null,
          townshipCode: dto.townshipCode,
        },
        m,
      );
      await this.profiles.upsert(
        m,
        user.id,
        profileWrite(dto),
        actor.id,
        await this.birthYearOfUser(m, user.id),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'seeker.register',
          targetType: 'user',
          targetId: user.id,
          requestId,
          details: { townshipCode: dto.townshipCode, groups: dto.groups ?? [] },
          townshipCodes: [dto.townshipCode],
        },
        m,
      );
      await this.outbox.add(m, JobName.SeekerChanged, { seekerId: user.id });
      if (dto.graduation) await this.outbox.add(m, JobName.SeekerProfileWritten, { seekerId: user.id });
      return user.id;
    });
    const row = await this.profiles.get(id);
    if (!row) throw notFound();
    return (await this.views([row]))[0];
  }

  async list(
    actor: AuthUser,
    q: { q?: string; group?: PersonGroup; townshipCode?: string; limit: number; offset: number },
  ): Promise<SeekerPageDto> {
    const scope = townshipFilterOf(actor);
    const townshipCodes = [scope, q.townshipCode].filter((t): t is string => !!t);
    // A person looked up by name, login or ID number: identity finds the people, the profiles
    // page keeps those in the reader's scope and filters.
    const userIds = q.q?.trim() ? await this.users.findSeekerIds(q.q, SEEKER_SEARCH_MAX) : undefined;
    if (userIds?.length === 0) return { items: [], total: 0, limit: q.limit, offset: q.offset };
    const { rows, total } = await this.profiles.page({
      townshipCodes,
      group: q.group,
      userIds,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: await this.views(rows), total, limit: q.limit, offset: q.offset };
  }

  /** The seeker themselves, admins, county staff, township staff of the profile's township; else 404. */
  async getForActor(actor: AuthUser, id: string): Promise<SeekerProfileView> {
    const row = await this.profiles.get(id);
    if (!row) throw notFound();
    assertSelfOrStaff(actor, row.userId, row.townshipCode, 'Seeker profile');
    if (actor.role !== Role.Seeker && actor.role !== Role.Staff && actor.role !== Role.Admin)
      throw notFound();
    return (await this.views([row]))[0];
  }

  async addNote(actor: AuthUser, id: string, note: string): Promise<AssistanceNoteView> {
    const noteId = await this.dataSource.transaction(async (m) => {
      const row = await this.profiles.get(id, m, true);
      if (!row) throw notFound();
      assertTownshipScope(actor, row.townshipCode, 'Seeker profile');
      return this.profiles.addNote(m, id, actor.id, note.trim());
    });
    return (await this.noteViews(await this.profiles.notes({ noteId })))[0];
  }

  async listNotes(actor: AuthUser, id: string): Promise<AssistanceNoteView[]> {
    const row = await this.profiles.get(id);
    if (!row) throw notFound();
    assertTownshipScope(actor, row.townshipCode, 'Seeker profile');
    return this.noteViews(await this.profiles.notes({ seekerId: id }));
  }

  // ---- internals ----

  /** Cross-field rules and the township's existence; throws one 400 naming every field. */
  private checkProfile(dto: SeekerProfileFields): void {
    const problems = profileProblems(dto, todayInChina());
    if (!townshipByCode(dto.townshipCode))
      problems.unshift({ field: 'townshipCode', message: 'no such township' });
    if (problems.length) {
      throw new DomainError(
        'validation-failed',
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        400,
        problems,
      );
    }
  }

  /**
   * The birth year of the user's ID number, written with every profile upsert so the column follows
   * the ID number (the worker indexes the age band from it and holds no key to decrypt).
   */
  private async birthYearOfUser(m: EntityManager, userId: string): Promise<number | null> {
    const f = (await this.users.birthFacts([userId], m)).get(userId);
    return f && typeof f === 'object' ? Number(f.birthDate.slice(0, 4)) : null;
  }

  private async noteViews(notes: AssistanceNoteRecord[]): Promise<AssistanceNoteView[]> {
    const authors = await this.directory.summaries(notes.map((n) => n.authorId));
    return notes.map((n) => ({
      id: n.id,
      seekerId: n.seekerId,
      authorId: n.authorId,
      authorName: authors.get(n.authorId)?.displayName ?? '',
      note: n.note,
      createdAt: new Date(n.createdAt).toISOString(),
    }));
  }

  /** The API's views: ID number and mobile masked, always (identity masks them). */
  private async views(rows: SeekerProfileRecord[]): Promise<SeekerProfileView[]> {
    const people = await this.users.views(rows.map((r) => r.userId));
    return rows.map((r) => {
      const u = people.get(r.userId);
      return {
        id: r.userId,
        person: {
          login: u?.login ?? '',
          displayName: u?.displayName ?? '',
          mobile: u?.mobile ?? null,
          idNumber: u?.idNumber ?? null,
        },
        desiredOccupations: r.desiredOccupations,
        skills: r.skills,
        certificates: r.certificates,
        education: r.education,
        townshipCode: r.townshipCode,
        wageExpectationFen: r.wageExpectationFen,
        availability: r.availability,
        availableFrom: r.availableFrom,
        graduation: r.graduation,
        registeredUnemployedSince: r.registeredUnemployedSince,
        unemploymentInsuranceMonths: r.unemploymentInsuranceMonths,
        groups: r.groups,
        householdCode: r.householdCode,
        searchableByEmployers: r.searchableByEmployers,
        consentChangedAt: r.consentChangedAt ? new Date(r.consentChangedAt).toISOString() : null,
        assistedBy: r.assistedBy,
        createdAt: new Date(r.createdAt).toISOString(),
        updatedAt: new Date(r.updatedAt).toISOString(),
      };
    });
  }
}

/** A profile's fields as written: names trimmed, absent lists empty, absent values null. */
function profileWrite(dto: SeekerProfileFields): ProfileWrite {
  const g = dto.graduation ?? null;
  return {
    desiredOccupations: dto.desiredOccupations ?? [],
    skills: dto.skills ?? [],
    certificates: (dto.certificates ?? []).map((c) => ({
      name: c.name.trim(),
      level: c.level ?? null,
      date: c.date ?? null,
    })),
    education: dto.education ?? null,
    townshipCode: dto.townshipCode,
    wageExpectationFen: dto.wageExpectationFen ?? null,
    availability: dto.availability,
    availableFrom: dto.availableFrom ?? null,
    graduation: g
      ? { date: g.date, level: g.level, province: g.province.trim(), fullTime: g.fullTime }
      : null,
    registeredUnemployedSince: dto.registeredUnemployedSince ?? null,
    unemploymentInsuranceMonths: dto.unemploymentInsuranceMonths ?? null,
    groups: dto.groups ?? [],
    householdCode: dto.householdCode?.trim() || null,
  };
}
