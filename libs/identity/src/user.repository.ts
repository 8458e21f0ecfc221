import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Coalescer, Role, UUID_PATTERN } from '@app/platform';
import { Organisation } from './organisation.entity';
import { PrincipalRow } from './principal-cache';
import { User } from './user.entity';

/** The row of `load`: a user with their organisation (snake case, as Postgres answers). */
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

const SELECT_USER_WITH_ORGANISATION = `
  SELECT u.id, u.role, u.login, u.display_name, u.mobile_enc, u.id_number_enc, u.id_number_index,
         u.organisation_id, u.township_code, u.token_version, u.created_at, u.updated_at,
         o.kind AS org_kind, o.name AS org_name, o.credit_code AS org_credit_code,
         o.agency_kind AS org_agency_kind, o.created_at AS org_created_at
    FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`;

/** The `users` table (identity's): the only place its SQL is written. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  loginExists(login: string, m?: EntityManager): Promise<boolean> {
    return this.m(m).exists(User, { where: { login } });
  }

  idNumberIndexExists(idNumberIndex: Buffer, m?: EntityManager): Promise<boolean> {
    return this.m(m).exists(User, { where: { idNumberIndex } });
  }

  /** Inserts the user; unique violations surface as QueryFailedError for the service to name. */
  insert(user: Partial<User>, m?: EntityManager): Promise<User> {
    const mm = this.m(m);
    return mm.save(mm.create(User, user));
  }

  /**
   * One user with their organisation. Plain SQL on purpose: it runs on every `/auth/me`, and
   * TypeORM's `findOne` with a relation spends ~2.5 ms of CPU building the query.
   */
  async load(id: string, m?: EntityManager): Promise<User | null> {
    return (await this.loadMany([id], m))[0] ?? null;
  }

  async loadMany(ids: readonly string[], m?: EntityManager): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows: LoadedUserRow[] = await this.m(m).query(
      `${SELECT_USER_WITH_ORGANISATION} WHERE u.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return rows.map(toUser);
  }

  /** The user of a login name with the password hash (for signing in only). */
  findByLoginWithHash(login: string): Promise<User | null> {
    return this.dataSource.manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.login = :login', { login })
      .getOne();
  }

  async list(q: {
    townshipScope: string | null;
    townshipCode?: string;
    role?: Role;
    limit: number;
    offset: number;
  }): Promise<{ rows: User[]; total: number }> {
    const qb = this.dataSource.manager
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.organisation', 'o');
    if (q.townshipScope !== null) qb.andWhere('u.township_code = :scope', { scope: q.townshipScope });
    if (q.townshipCode) qb.andWhere('u.township_code = :twp', { twp: q.townshipCode });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    qb.orderBy('u.created_at', 'DESC').addOrderBy('u.id', 'ASC').take(q.limit).skip(q.offset);
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  async updateProfile(
    id: string,
    patch: { displayName?: string; mobileEnc?: Buffer; townshipCode?: string | null },
    m?: EntityManager,
  ): Promise<void> {
    const set: Partial<User> = {};
    if (patch.displayName !== undefined) set.displayName = patch.displayName;
    if (patch.mobileEnc !== undefined) set.mobileEnc = patch.mobileEnc;
    if (patch.townshipCode !== undefined) set.townshipCode = patch.townshipCode;
    if (Object.keys(set).length > 0) await this.m(m).update(User, { id }, set);
  }

  async bumpTokenVersion(id: string, m?: EntityManager): Promise<void> {
    await this.m(m).query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [id]);
  }

  /**
   * What the access guard needs beyond the token: role, organisation, township, token version.
   * The lookups of requests arriving together share one query (every request of a crowd of
   * different users would otherwise cost its own round trip).
   */
  principal(id: string): Promise<PrincipalRow | undefined> {
    return UUID_PATTERN.test(id) ? this.principals.run(id.toLowerCase()) : Promise.resolve(undefined);
  }

  private readonly principals = new Coalescer<string, PrincipalRow>(async (ids) => {
    const rows: (PrincipalRow & { id: string })[] = await this.dataSource.query(
      `SELECT id, role, organisation_id, township_code, token_version FROM users WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map(({ id, ...row }) => [id, row]));
  });

  async roleOf(id: string, m?: EntityManager): Promise<Role | null> {
    const rows: { role: Role }[] = await this.m(m).query(`SELECT role FROM users WHERE id = $1`, [id]);
    return rows[0]?.role ?? null;
  }

  /** Display names (and home townships) of users, for lists that show who a record is about. */
  async summaries(
    ids: readonly string[],
    m?: EntityManager,
  ): Promise<{ id: string; role: Role; displayName: string; townshipCode: string | null }[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; role: Role; display_name: string; township_code: string | null }[] =
      await this.m(m).query(
        `SELECT id, role, display_name, township_code FROM users WHERE id = ANY($1::uuid[])`,
        [[...new Set(ids)]],
      );
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      displayName: r.display_name,
      townshipCode: r.township_code,
    }));
  }

  /** The encrypted ID numbers of users (for the API's own use: snapshots, the audited reveal). */
  /** A user's role and encrypted ID number, in one read (a hire checks the one and reads the other). */
  async roleAndIdNumberCipher(
    id: string,
    m?: EntityManager,
  ): Promise<{ role: Role; idNumberEnc: Buffer | null } | null> {
    const rows: { role: Role; id_number_enc: Buffer | null }[] = await this.m(m).query(
      `SELECT role, id_number_enc FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ? { role: rows[0].role, idNumberEnc: rows[0].id_number_enc } : null;
  }

  /** Seekers by the blind index of their ID number (a sheet that names people by ID number). */
  async seekersByIdNumberIndex(
    indexes: readonly Buffer[],
    m?: EntityManager,
  ): Promise<{ id: string; idNumberIndex: Buffer; displayName: string }[]> {
    if (indexes.length === 0) return [];
    const rows: { id: string; id_number_index: Buffer; display_name: string }[] = await this.m(m).query(
      `SELECT id, id_number_index, display_name FROM users WHERE id_number_index = ANY($1::bytea[]) AND role = $2`,
      [indexes, Role.Seeker],
    );
    return rows.map((r) => ({ id: r.id, idNumberIndex: r.id_number_index, displayName: r.display_name }));
  }

  /**
   * Seekers by what staff know of a person at the counter: a part of the name, the login, or the
   * ID number's blind index. At most `limit` ids, by name. (One pass over the seekers: the name
   * part is a substring, which no index here serves; fine for a county's tens of thousands.)
   */
  async seekerIdsMatching(f: {
    namePart: string;
    login: string;
    idNumberIndex: Buffer | null;
    limit: number;
  }): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM users
        WHERE role = $1
          AND (display_name ILIKE $2 OR login = $3 OR ($4::bytea IS NOT NULL AND id_number_index = $4))
        ORDER BY display_name, id
        LIMIT $5`,
      [Role.Seeker, `%${f.namePart.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, f.login, f.idNumberIndex, f.limit],
    );
    return rows.map((r) => r.id);
  }

  /** The ID-number ciphers of those of `ids` who are seekers (a batch of hires). */
  async seekerIdNumberCiphers(
    ids: readonly string[],
    m?: EntityManager,
  ): Promise<Map<string, Buffer | null>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; id_number_enc: Buffer | null }[] = await this.m(m).query(
      `SELECT id, id_number_enc FROM users WHERE id = ANY($1::uuid[]) AND role = $2`,
      [[...new Set(ids)], Role.Seeker],
    );
    return new Map(rows.map((r) => [r.id, r.id_number_enc]));
  }

  async idNumberCiphers(ids: readonly string[], m?: EntityManager): Promise<Map<string, Buffer | null>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; id_number_enc: Buffer | null }[] = await this.m(m).query(
      `SELECT id, id_number_enc FROM users WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.id_number_enc]));
  }
}

function toUser(r: LoadedUserRow): User {
  const user = Object.assign(new User(), {
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
