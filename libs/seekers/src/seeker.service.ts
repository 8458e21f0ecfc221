import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, JobName, OutboxService } from '@app/platform';
import { maskMobile, maskResidentId, todayInChina } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import {
  AuthUser,
  PII_PURPOSE,
  PiiCipher,
  Role,
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
import { birthYearOf } from './seeker-birth-year';
import { profileProblems } from './seeker-profile.rules';
import { PROFILE_COLUMNS, SELECT_SEEKER_PROFILE, SeekerProfileRow } from './seeker-profile.sql';

const notFound = () => DomainError.notFound('Seeker profile', 'seeker.not-found');

/**
 * Job seekers (求职者): the profile the seeker keeps, its consent to be found, staff registration
 * on a seeker's behalf and the one-to-one help notes (一对一帮扶).
 *
 * Every write that changes what the seeker index shows writes a `search.seeker-changed` outbox row
 * in the same transaction. Who may see a profile: the seeker, admins, county-wide staff, and
 * township staff of the profile's township; anyone else gets a 404.
 */
@Injectable()
export class SeekerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
  ) {}

  async getMine(actor: AuthUser): Promise<SeekerProfileView> {
    const row = await this.loadRow(this.dataSource.manager, actor.id);
    if (!row) throw notFound();
    return this.view(row);
  }

  /** Creates or replaces the seeker's own profile. Consent and the assisting staff member are kept. */
  async putMine(actor: AuthUser, dto: SeekerProfileFields): Promise<SeekerProfileView> {
    if (actor.role !== Role.Seeker) throw notFound();
    await this.dataSource.transaction(async (m) => {
      await this.checkProfile(m, dto);
      await this.upsertProfile(m, actor.id, dto, null, await this.birthYearOfUser(m, actor.id));
      await this.outbox.add(m, JobName.SeekerChanged, { seekerId: actor.id });
    });
    return this.getMine(actor);
  }

  async setConsent(actor: AuthUser, searchableByEmployers: boolean): Promise<SeekerProfileView> {
    await this.dataSource.transaction(async (m) => {
      const found: unknown[] = await m.query(`SELECT 1 FROM seeker_profiles WHERE user_id = $1 FOR UPDATE`, [
        actor.id,
      ]);
      if (found.length === 0) throw notFound();
      await m.query(
        `UPDATE seeker_profiles
            SET searchable_by_employers = $2, consent_changed_at = now(), updated_at = now()
          WHERE user_id = $1`,
        [actor.id, searchableByEmployers],
      );
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
      await this.checkProfile(m, dto);
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
      const birthYear = dto.idNumber ? birthYearOf(dto.idNumber) : null;
      await this.upsertProfile(m, user.id, dto, actor.id, birthYear);
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
      return user.id;
    });
    const row = await this.loadRow(this.dataSource.manager, id);
    if (!row) throw notFound();
    return this.view(row);
  }

  async list(
    actor: AuthUser,
    q: { group?: PersonGroup; townshipCode?: string; limit: number; offset: number },
  ): Promise<SeekerPageDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    const scope = townshipFilterOf(actor);
    if (scope !== null) {
      params.push(scope);
      where.push(`p.township_code = $${params.length}`);
    }
    if (q.townshipCode) {
      params.push(q.townshipCode);
      where.push(`p.township_code = $${params.length}`);
    }
    if (q.group) {
      params.push(q.group);
      where.push(`$${params.length} = ANY (p.groups)`);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM seeker_profiles p${clause}`,
      params,
    );
    const rows: SeekerProfileRow[] = await this.dataSource.query(
      `${SELECT_SEEKER_PROFILE}${clause} ORDER BY p.updated_at DESC, p.user_id ASC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    return { items: rows.map((r) => this.view(r)), total: n, limit: q.limit, offset: q.offset };
  }

  /** The seeker themselves, admins, county staff, township staff of the profile's township; else 404. */
  async getForActor(actor: AuthUser, id: string): Promise<SeekerProfileView> {
    const row = await this.loadRow(this.dataSource.manager, id);
    if (!row) throw notFound();
    assertSelfOrStaff(actor, row.id, row.township_code, 'Seeker profile');
    if (actor.role !== Role.Seeker && actor.role !== Role.Staff && actor.role !== Role.Admin)
      throw notFound();
    return this.view(row);
  }

  async addNote(actor: AuthUser, id: string, note: string): Promise<AssistanceNoteView> {
    const noteId = await this.dataSource.transaction(async (m) => {
      const rows: { township_code: string }[] = await m.query(
        `SELECT township_code FROM seeker_profiles WHERE user_id = $1 FOR UPDATE`,
        [id],
      );
      if (rows.length === 0) throw notFound();
      assertTownshipScope(actor, rows[0].township_code, 'Seeker profile');
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO seeker_assistance_notes (seeker_id, author_id, note) VALUES ($1, $2, $3) RETURNING id`,
        [id, actor.id, note.trim()],
      );
      // The first staff member who helps becomes the seeker's contact (帮扶责任人) unless one is set.
      await m.query(
        `UPDATE seeker_profiles SET assisted_by = $2 WHERE user_id = $1 AND assisted_by IS NULL`,
        [id, actor.id],
      );
      return inserted[0].id;
    });
    const notes = await this.loadNotes(`n.id = $1`, [noteId]);
    return notes[0];
  }

  async listNotes(actor: AuthUser, id: string): Promise<AssistanceNoteView[]> {
    const rows: { township_code: string }[] = await this.dataSource.query(
      `SELECT township_code FROM seeker_profiles WHERE user_id = $1`,
      [id],
    );
    if (rows.length === 0) throw notFound();
    assertTownshipScope(actor, rows[0].township_code, 'Seeker profile');
    return this.loadNotes(`n.seeker_id = $1`, [id]);
  }

  // ---- internals ----

  /** Cross-field rules and the township's existence; throws one 400 naming every field. */
  private async checkProfile(m: EntityManager, dto: SeekerProfileFields): Promise<void> {
    const problems = profileProblems(dto, todayInChina());
    const twp: unknown[] = await m.query(`SELECT 1 FROM townships WHERE code = $1`, [dto.townshipCode]);
    if (twp.length === 0) problems.unshift({ field: 'townshipCode', message: 'no such township' });
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
    const rows: { id_number_enc: Buffer | null }[] = await m.query(
      `SELECT id_number_enc FROM users WHERE id = $1`,
      [userId],
    );
    const enc = rows[0]?.id_number_enc;
    return enc ? birthYearOf(this.cipher.decrypt(enc, PII_PURPOSE.idNumber)) : null;
  }

  private async upsertProfile(
    m: EntityManager,
    userId: string,
    dto: SeekerProfileFields,
    staffId: string | null,
    birthYear: number | null,
  ): Promise<void> {
    const g = dto.graduation ?? null;
    const values = [
      dto.desiredOccupations ?? [],
      dto.skills ?? [],
      JSON.stringify(
        (dto.certificates ?? []).map((c) => ({
          name: c.name.trim(),
          level: c.level ?? null,
          date: c.date ?? null,
        })),
      ),
      dto.education ?? null,
      dto.townshipCode,
      dto.wageExpectationFen ?? null,
      dto.availability,
      dto.availableFrom ?? null,
      g?.date ?? null,
      g?.level ?? null,
      g?.province.trim() ?? null,
      g?.fullTime ?? null,
      dto.registeredUnemployedSince ?? null,
      dto.unemploymentInsuranceMonths ?? null,
      dto.groups ?? [],
    ];
    const cols = PROFILE_COLUMNS.join(', ');
    const placeholders = PROFILE_COLUMNS.map((_, i) => `$${i + 2}`).join(', ');
    const updates = PROFILE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ');
    const n = PROFILE_COLUMNS.length;
    await m.query(
      `INSERT INTO seeker_profiles (user_id, ${cols}, created_by, assisted_by, birth_year)
       VALUES ($1, ${placeholders}, $${n + 2}, $${n + 2}, $${n + 3})
       ON CONFLICT (user_id) DO UPDATE SET ${updates}, birth_year = EXCLUDED.birth_year, updated_at = now()`,
      [userId, ...values, staffId, birthYear],
    );
  }

  private loadRow(m: EntityManager, id: string): Promise<SeekerProfileRow | undefined> {
    return m
      .query(`${SELECT_SEEKER_PROFILE} WHERE p.user_id = $1`, [id])
      .then((rows: SeekerProfileRow[]) => rows[0]);
  }

  private async loadNotes(where: string, params: unknown[]): Promise<AssistanceNoteView[]> {
    const rows: {
      id: string;
      seeker_id: string;
      author_id: string;
      author_name: string;
      note: string;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT n.id, n.seeker_id, n.author_id, a.display_name AS author_name, n.note, n.created_at
         FROM seeker_assistance_notes n JOIN users a ON a.id = n.author_id
        WHERE ${where} ORDER BY n.created_at ASC, n.id ASC`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      seekerId: r.seeker_id,
      authorId: r.author_id,
      authorName: r.author_name,
      note: r.note,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** The API's view: ID number and mobile masked, always. */
  private view(r: SeekerProfileRow): SeekerProfileView {
    return {
      id: r.id,
      person: {
        login: r.login,
        displayName: r.display_name,
        mobile: r.mobile_enc ? maskMobile(this.cipher.decrypt(r.mobile_enc, PII_PURPOSE.mobile)) : null,
        idNumber: r.id_number_enc
          ? maskResidentId(this.cipher.decrypt(r.id_number_enc, PII_PURPOSE.idNumber))
          : null,
      },
      desiredOccupations: r.desired_occupations,
      skills: r.skills,
      certificates: r.certificates.map((c) => ({
        name: c.name,
        level: c.level ?? null,
        date: c.date ?? null,
      })),
      education: r.education,
      townshipCode: r.township_code,
      wageExpectationFen: r.wage_expectation_fen === null ? null : Number(r.wage_expectation_fen),
      availability: r.availability,
      availableFrom: r.available_from,
      graduation:
        r.graduation_date && r.graduation_level && r.graduation_province !== null
          ? {
              date: r.graduation_date,
              level: r.graduation_level,
              province: r.graduation_province,
              fullTime: r.graduation_full_time === true,
            }
          : null,
      registeredUnemployedSince: r.registered_unemployed_since,
      unemploymentInsuranceMonths: r.unemployment_insurance_months,
      groups: r.groups,
      searchableByEmployers: r.searchable_by_employers,
      consentChangedAt: r.consent_changed_at ? new Date(r.consent_changed_at).toISOString() : null,
      assistedBy: r.assisted_by,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }
}
