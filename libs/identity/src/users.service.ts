import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { DomainError } from '@app/platform';
import { maskMobile, maskResidentId } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import { Role } from './access.decorators';
import { AuthUser } from './auth-user';
import { assertSelfOrStaff, townshipFilterOf } from './ownership';
import type { AgencyKind } from '@app/subsidy-engine';
import { Organisation } from './organisation.entity';
import { hashPassword } from './password';
import { PII_PURPOSE, PiiCipher, normaliseResidentId } from './pii-cipher';
import { PrincipalCache } from './principal-cache';
import { OrganisationView, UserView } from './user.dto';
import { User } from './user.entity';

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
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  /** Inserts an organisation (credit code must be new → else 409 naming creditCode). */
  async createOrganisation(org: NewOrganisation, manager: EntityManager): Promise<Organisation> {
    const existing = await manager.findOne(Organisation, { where: { creditCode: org.creditCode } });
    if (existing) throw creditCodeTaken();
    try {
      return await manager.save(
        manager.create(Organisation, {
          kind: org.kind,
          name: org.name.trim(),
          creditCode: org.creditCode,
          agencyKind: org.kind === 'agency' ? (org.agencyKind ?? null) : null,
        }),
      );
    } catch (err) {
      throw conflictFromConstraint(err) ?? err;
    }
  }

  /** Inserts a user; 409 naming login / idNumber when taken, 400 naming townshipCode when unknown. */
  async createUser(input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const login = input.login.trim().toLowerCase();
    if (await manager.exists(User, { where: { login } })) throw loginTaken();
    if (input.townshipCode) await this.assertTownshipExists(input.townshipCode, manager);
    let idNumberEnc: Buffer | null = null;
    let idNumberIndex: Buffer | null = null;
    if (input.idNumber) {
      const id = normaliseResidentId(input.idNumber);
      idNumberIndex = this.cipher.blindIndex(id, PII_PURPOSE.idNumber);
      if (await manager.exists(User, { where: { idNumberIndex } })) throw idNumberTaken();
      idNumberEnc = this.cipher.encrypt(id, PII_PURPOSE.idNumber);
    }
    const user = manager.create(User, {
      role: input.role,
      login,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName.trim(),
      mobileEnc: input.mobile ? this.cipher.encrypt(input.mobile, PII_PURPOSE.mobile) : null,
      idNumberEnc,
      idNumberIndex,
      organisationId: input.organisationId ?? null,
      townshipCode: input.townshipCode ?? null,
    });
    try {
      return await manager.save(user);
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

  /**
   * One user with their organisation. Plain SQL on purpose: it runs on every `/auth/me`, and
   * TypeORM's `findOne` with a relation spends ~2.5 ms of CPU building the query; this is one
   * round trip and a few property copies.
   */
  async load(id: string): Promise<User> {
    const rows: LoadedUserRow[] = await this.dataSource.query(
      `SELECT u.id, u.role, u.login, u.display_name, u.mobile_enc, u.id_number_enc, u.id_number_index,
              u.organisation_id, u.township_code, u.token_version, u.created_at, u.updated_at,
              o.kind AS org_kind, o.name AS org_name, o.credit_code AS org_credit_code,
              o.agency_kind AS org_agency_kind, o.created_at AS org_created_at
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) throw DomainError.notFound('User');
    const user = this.users.create({
      id: r.id,
      role: r.role,
      login: r.login,
      displayName: r.display_name,
      mobileEnc: r.mobile_enc,
      idNumberEnc: r.id_number_enc,
      idNumberIndex: r.id_number_index,
      organisationId: r.organisation_id,
      townshipCode: r.township_code,
      tokenVersion: r.token_version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
    user.organisation = r.organisation_id
      ? Object.assign(new Organisation(), {
          id: r.organisation_id,
          kind: r.org_kind,
          name: r.org_name,
          creditCode: r.org_credit_code,
          agencyKind: r.org_agency_kind,
          createdAt: r.org_created_at,
        })
      : null;
    return user;
  }

  async findByLogin(login: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.login = :login', { login: login.trim().toLowerCase() })
      .getOne();
  }

  /** Self, admins, county staff, or township staff of the user's township; anyone else → 404. */
  async getForActor(actor: AuthUser, id: string): Promise<UserView> {
    const user = await this.users.findOne({ where: { id }, relations: { organisation: true } });
    if (!user) throw DomainError.notFound('User');
    assertSelfOrStaff(actor, user.id, user.townshipCode);
    return this.view(user);
  }

  async list(
    actor: AuthUser,
    q: { role?: Role; townshipCode?: string; limit: number; offset: number },
  ): Promise<{ items: UserView[]; total: number }> {
    const scope = townshipFilterOf(actor);
    const qb = this.users.createQueryBuilder('u').leftJoinAndSelect('u.organisation', 'o');
    if (scope !== null) qb.andWhere('u.township_code = :scope', { scope });
    if (q.townshipCode) qb.andWhere('u.township_code = :twp', { twp: q.townshipCode });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    qb.orderBy('u.created_at', 'DESC').addOrderBy('u.id', 'ASC').take(q.limit).skip(q.offset);
    const [rows, total] = await qb.getManyAndCount();
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
      if (patch.townshipCode !== null) await this.assertTownshipExists(patch.townshipCode);
      user.townshipCode = patch.townshipCode;
    }
    if (patch.displayName !== undefined) user.displayName = patch.displayName.trim();
    if (patch.mobile !== undefined) user.mobileEnc = this.cipher.encrypt(patch.mobile, PII_PURPOSE.mobile);
    await this.users.save(user);
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
      const user = await m.findOne(User, { where: { id } });
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
    await manager.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
    this.principals.forget(userId);
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

  private async assertTownshipExists(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM townships WHERE code = $1`, [code]);
    if (rows.length === 0) throw DomainError.invalid('townshipCode', 'no such township');
  }
}

export function organisationView(o: Organisation): OrganisationView {
  return { id: o.id, kind: o.kind, name: o.name, creditCode: o.creditCode, agencyKind: o.agencyKind };
}

interface LoadedUserRow {
  id: string;
  role: Role;
  login: string;
  display_name: string;
  mobile_enc: Buffer | null;
  id_number_enc: Buffer | null;
  id_number_index: Buffer | null;
  organisation_id: string | null;
  township_code: string | null;
  token_version: number;
  created_at: Date;
  updated_at: Date;
  org_kind: Organisation['kind'];
  org_name: string;
  org_credit_code: string;
  org_agency_kind: Organisation['agencyKind'];
  org_created_at: Date;
}
