import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuthUser, DomainError, Role, townshipByCode } from '@app/platform';
import { isValidResidentId, maskMobile, maskResidentId, validateResidentId } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import { assertSelfOrStaff, townshipFilterOf } from './ownership';
import type { AgencyKind } from '@app/subsidy-engine';
import { Organisation } from './organisation.entity';
import { OrganisationRepository } from './organisation.repository';
import { hashPassword } from './password';
import { PII_PURPOSE, PiiCipher, normaliseResidentId } from './pii-cipher';
import { PrincipalCache } from './principal-cache';
import { OrganisationView, UserView } from './user.dto';
import { User } from './user.entity';
import { UserRepository } from './user.repository';

export interface NewUser {
  role: Role;
  login: string;
  password: string;
  displayName: string;
  mobile?: string | null;
  idNumber?: string | null;
  townshipCode?: string | null;
  organisationId?: string | null;
}

export interface NewOrganisation {
  kind: 'enterprise' | 'agency';
  name: string;
  creditCode: string;
  agencyKind?: AgencyKind | null;
}

/** Maps unique-constraint violations to 409s naming the field (a concurrent twin of a pre-check). */
export function conflictFromConstraint(err: unknown): DomainError | null {
  if (!(err instanceof QueryFailedError)) return null;
  const e = err as QueryFailedError & { code?: string; constraint?: string };
  if (e.code !== '23505') return null;
  switch (e.constraint) {
    case 'users_login_unique':
      return loginTaken();
    case 'users_id_number_index_unique':
      return idNumberTaken();
    case 'organisations_credit_code_key':
      return creditCodeTaken();
    default:
      return null;
  }
}

const loginTaken = () =>
  new DomainError('user.login-taken', 'login: this login is already taken', 409, [
    { field: 'login', message: 'already taken' },
  ]);
const idNumberTaken = () =>
  new DomainError('user.id-number-registered', 'idNumber: this ID number is already registered', 409, [
    { field: 'idNumber', message: 'already registered' },
  ]);
const creditCodeTaken = () =>
  new DomainError(
    'organisation.already-registered',
    'creditCode: an organisation with this credit code is already registered; its existing members can add you',
    409,
    [{ field: 'creditCode', message: 'already registered' }],
  );

/**
 * Users: creation (with encrypted personal data), reading with object-level checks, the
 * self-service profile, and the audited reveal of ID numbers.
 *
 * Mobile numbers are stored encrypted like ID numbers: they are personal data, nothing looks users
 * up by mobile (so no blind index is needed), and a database dump then leaks neither. The cost is
 * one AES-GCM decrypt per user shown, which is negligible.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  /** Inserts an organisation (credit code must be new → else 409 naming creditCode). */
  async createOrganisation(org: NewOrganisation, manager: EntityManager): Promise<Organisation> {
    const created = await this.organisations.insertIfNew(
      {
        kind: org.kind,
        name: org.name.trim(),
        creditCode: org.creditCode,
        agencyKind: org.kind === 'agency' ? (org.agencyKind ?? null) : null,
      },
      manager,
    );
    if (!created) throw creditCodeTaken();
    return created;
  }

  /** Inserts a user; 409 naming login / idNumber when taken, 400 naming townshipCode when unknown. */
  async createUser(input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const login = input.login.trim().toLowerCase();
    if (await this.users.loginExists(login, manager)) throw loginTaken();
    if (input.townshipCode) assertTownshipExists(input.townshipCode);
    let idNumberEnc: Buffer | null = null;
    let idNumberIndex: Buffer | null = null;
    if (input.idNumber) {
      const id = normaliseResidentId(input.idNumber);
      idNumberIndex = this.cipher.blindIndex(id, PII_PURPOSE.idNumber);
      if (await this.users.idNumberIndexExists(idNumberIndex, manager)) throw idNumberTaken();
      idNumberEnc = this.cipher.encrypt(id, PII_PURPOSE.idNumber);
    }
    try {
      return await this.users.insert(
        {
          role: input.role,
          login,
          passwordHash: await hashPassword(input.password),
          displayName: input.displayName.trim(),
          mobileEnc: input.mobile ? this.cipher.encrypt(input.mobile, PII_PURPOSE.mobile) : null,
          idNumberEnc,
          idNumberIndex,
          organisationId: input.organisationId ?? null,
          townshipCode: input.townshipCode ?? null,
        },
        manager,
      );
    } catch (err) {
      throw conflictFromConstraint(err) ?? err;
    }
  }

  /** Staff and admins: created by an admin (actor) or by the CLI (actor null). Audited. */
  async createPrivileged(
    actor: AuthUser | null,
    input: {
      role: Role;
      login: string;
      password: string;
      displayName: string;
      mobile?: string;
      townshipCode?: string;
    },
    requestId: string | null = null,
  ): Promise<UserView> {
    if (input.role !== Role.Staff && input.role !== Role.Admin) {
      throw DomainError.invalid('role', 'must be staff or admin');
    }
    if (input.role === Role.Admin && input.townshipCode) {
      throw DomainError.invalid('townshipCode', 'only staff are scoped to a township');
    }
    const saved = await this.dataSource.transaction(async (m) => {
      const user = await this.createUser(input, m);
      await this.audit.record(
        {
          actorId: actor?.id ?? null,
          actorRole: actor?.role ?? 'cli',
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          requestId,
          details: { role: user.role, townshipCode: user.townshipCode },
          townshipCodes: [user.townshipCode],
        },
        m,
      );
      return user;
    });
    return this.view(await this.load(saved.id));
  }

  /** One user with their organisation; a 404 when there is none. */
  async load(id: string, manager?: EntityManager): Promise<User> {
    const user = await this.users.load(id, manager);
    if (!user) throw DomainError.notFound('User');
    return user;
  }

  findByLogin(login: string): Promise<User | null> {
    return this.users.findByLoginWithHash(login.trim().toLowerCase());
  }

  /** Self, admins, county staff, or township staff of the user's township; anyone else → 404. */
  async getForActor(actor: AuthUser, id: string): Promise<UserView> {
    const user = await this.users.load(id);
    if (!user) throw DomainError.notFound('User');
    assertSelfOrStaff(actor, user.id, user.townshipCode);
    return this.view(user);
  }

  async list(
    actor: AuthUser,
    q: { role?: Role; townshipCode?: string; limit: number; offset: number },
  ): Promise<{ items: UserView[]; total: number }> {
    const { rows, total } = await this.users.list({ townshipScope: townshipFilterOf(actor), ...q });
    return { items: rows.map((u) => this.view(u)), total };
  }

  async updateMe(
    actor: AuthUser,
    patch: { displayName?: string; mobile?: string; townshipCode?: string | null },
  ): Promise<UserView> {
    const user = await this.load(actor.id);
    if (patch.townshipCode !== undefined) {
      if (user.role !== Role.Seeker) {
        throw DomainError.invalid('townshipCode', 'only seekers choose a home township here');
      }
      if (patch.townshipCode !== null) assertTownshipExists(patch.townshipCode);
    }
    await this.users.updateProfile(actor.id, {
      displayName: patch.displayName?.trim(),
      mobileEnc:
        patch.mobile !== undefined ? this.cipher.encrypt(patch.mobile, PII_PURPOSE.mobile) : undefined,
      townshipCode: patch.townshipCode,
    });
    this.principals.forget(actor.id);
    return this.view(await this.load(actor.id));
  }

  /** Staff only (the route says so); township staff only for their township. Audited, with reason. */
  async revealIdNumber(
    actor: AuthUser,
    id: string,
    reason: string,
    requestId: string | null,
  ): Promise<{ userId: string; idNumber: string }> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.users.load(id, m);
      if (!user) throw DomainError.notFound('User');
      assertSelfOrStaff(actor, user.id, user.townshipCode);
      if (!user.idNumberEnc)
        throw new DomainError('user.no-id-number', 'This user has no ID number on file', 404);
      const idNumber = this.cipher.decrypt(user.idNumberEnc, PII_PURPOSE.idNumber);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'user.reveal-id-number',
          targetType: 'user',
          targetId: user.id,
          reason: reason.trim(),
          requestId,
          details: { actorTownship: actor.townshipCode },
          townshipCodes: [user.townshipCode],
        },
        m,
      );
      return { userId: user.id, idNumber };
    });
  }

  async bumpTokenVersion(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.users.bumpTokenVersion(userId, manager);
    this.principals.forget(userId);
  }

  /** Users as the API shows them (personal data masked), by id. */
  async views(ids: readonly string[], manager?: EntityManager): Promise<Map<string, UserView>> {
    return new Map((await this.users.loadMany(ids, manager)).map((u) => [u.id, this.view(u)]));
  }

  /**
   * The birth date and sex of users, read from their encrypted ID numbers — in the API only (the
   * worker holds no key). For the facts a decision needs, captured when a record is written.
   * `none`: no ID number on file; `unreadable`: one that does not decrypt or validate.
   */
  async birthFacts(ids: readonly string[], manager?: EntityManager): Promise<Map<string, BirthFacts>> {
    const ciphers = await this.users.idNumberCiphers(ids, manager);
    return new Map([...ciphers].map(([id, enc]) => [id, this.birthOf(enc)]));
  }

  /** A seeker's birth facts, or null when the user is no seeker (one read: what a hire needs). */
  async seekerBirthFacts(userId: string, manager?: EntityManager): Promise<BirthFacts | null> {
    const u = await this.users.roleAndIdNumberCipher(userId, manager);
    return u?.role === Role.Seeker ? this.birthOf(u.idNumberEnc) : null;
  }

  /**
   * The seekers registered with these ID numbers (by the blind index; the numbers are never
   * compared in plain text): ID number as given → the seeker. Numbers of no seeker are absent.
   */
  async seekersByIdNumbers(
    idNumbers: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, { userId: string; displayName: string }>> {
    const byIndex = new Map<string, string>();
    for (const id of idNumbers) {
      byIndex.set(this.cipher.blindIndex(normaliseResidentId(id), PII_PURPOSE.idNumber).toString('hex'), id);
    }
    const rows = await this.users.seekersByIdNumberIndex(
      [...byIndex.keys()].map((h) => Buffer.from(h, 'hex')),
      manager,
    );
    const out = new Map<string, { userId: string; displayName: string }>();
    for (const r of rows) {
      const given = byIndex.get(r.idNumberIndex.toString('hex'));
      if (given !== undefined) out.set(given, { userId: r.id, displayName: r.displayName });
    }
    return out;
  }

  /**
   * 查找求职者: the seekers whose name contains `q`, whose login is `q`, or whose ID number is `q`
   * (by the blind index, never compared in plain text). At most `limit`, by name.
   */
  async findSeekerIds(q: string, limit: number): Promise<string[]> {
    const text = q.trim();
    const id = normaliseResidentId(text);
    return this.users.seekerIdsMatching({
      namePart: text,
      login: text,
      idNumberIndex: isValidResidentId(id) ? this.cipher.blindIndex(id, PII_PURPOSE.idNumber) : null,
      limit,
    });
  }

  /** The birth facts of those of `ids` who are seekers; the others are absent from the map. */
  async seekersBirthFacts(ids: readonly string[], manager?: EntityManager): Promise<Map<string, BirthFacts>> {
    const ciphers = await this.users.seekerIdNumberCiphers(ids, manager);
    return new Map([...ciphers].map(([id, enc]) => [id, this.birthOf(enc)]));
  }

  private birthOf(enc: Buffer | null): BirthFacts {
    if (!enc) return 'none';
    try {
      const r = validateResidentId(this.cipher.decrypt(enc, PII_PURPOSE.idNumber));
      return r.ok ? { birthDate: r.birthDate, sex: r.sex } : 'unreadable';
    } catch {
      return 'unreadable';
    }
  }

  view(user: User): UserView {
    const org = user.organisation ?? null;
    return {
      id: user.id,
      role: user.role,
      login: user.login,
      displayName: user.displayName,
      mobile: user.mobileEnc ? maskMobile(this.cipher.decrypt(user.mobileEnc, PII_PURPOSE.mobile)) : null,
      idNumber: user.idNumberEnc
        ? maskResidentId(this.cipher.decrypt(user.idNumberEnc, PII_PURPOSE.idNumber))
        : null,
      organisationId: user.organisationId,
      organisation: org ? organisationView(org) : null,
      townshipCode: user.townshipCode,
      createdAt: new Date(user.createdAt).toISOString(),
    };
  }
}

/** A township code the platform knows (the county's townships are data, not a table to ask). */
function assertTownshipExists(code: string): void {
  if (!townshipByCode(code)) throw DomainError.invalid('townshipCode', 'no such township');
}

/** What an ID number says of its holder (see UsersService.birthFacts). */
export type BirthFacts = { birthDate: string; sex: 'male' | 'female' } | 'none' | 'unreadable';

export function organisationView(o: Organisation): OrganisationView {
  return { id: o.id, kind: o.kind, name: o.name, creditCode: o.creditCode, agencyKind: o.agencyKind };
}
