import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/platform';
import { maskMobile } from '@app/platform/validation';
import { AuditService } from '@app/audit';
import { AuthUser, Role } from '@app/identity';
import type { EmployerSize } from '@app/subsidy-engine';
import {
  CreateEnterpriseDto,
  EnterpriseProfileFields,
  EnterpriseView,
  SetKeyEnterpriseDto,
} from './enterprise.dto';

interface EnterpriseRow {
  id: string;
  name: string;
  credit_code: string;
  created_at: Date;
  has_profile: boolean;
  size: EmployerSize | null;
  industry: string | null;
  township_code: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  is_key: boolean | null;
  commissioner_user_id: string | null;
}

/** The enterprise facts other domains need for access checks (no personal data). */
export interface EnterpriseScope {
  organisationId: string;
  townshipCode: string | null;
  commissionerUserId: string | null;
}

const SELECT = `
  SELECT o.id, o.name, o.credit_code, o.created_at, (p.organisation_id IS NOT NULL) AS has_profile,
         p.size, p.industry, p.township_code, p.address, p.contact_name, p.contact_phone, p.is_key,
         p.commissioner_user_id
    FROM organisations o LEFT JOIN enterprise_profiles p ON p.organisation_id = o.id`;

/** Masks mobiles and landlines alike: the first three and last four characters stay. */
export function maskPhone(phone: string | null): string | null {
  return phone === null ? null : maskMobile(phone);
}

/**
 * Enterprises (用人单位): an identity organisation of kind `enterprise` plus its profile.
 *
 * Who may see or manage one (`canManage`): admins and county-wide staff all; township staff those in
 * their township and those they are commissioner (人社服务专员) of; employers their own. Everyone
 * else gets a 404, never a 403, so existence is not revealed.
 */
@Injectable()
export class EnterpriseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Used by the sheet import, inside the row's transaction: finds the enterprise by credit code or
   * creates organisation + profile. Concurrent imports of the same new code end with one
   * organisation (ON CONFLICT). Size and industry fill only what the profile does not say yet.
   */
  async upsertByCreditCode(
    manager: EntityManager,
    input: { name: string; creditCode: string; size?: EmployerSize | null; industry?: string | null },
  ): Promise<{ organisationId: string; created: boolean }> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO organisations (kind, name, credit_code) VALUES ('enterprise', $1, $2)
       ON CONFLICT (credit_code) DO NOTHING RETURNING id`,
      [input.name.trim(), input.creditCode],
    );
    let organisationId: string;
    const created = inserted.length > 0;
    if (created) {
      organisationId = inserted[0].id;
    } else {
      const rows: { id: string; kind: string }[] = await manager.query(
        `SELECT id, kind FROM organisations WHERE credit_code = $1`,
        [input.creditCode],
      );
      if (rows.length === 0) throw new Error(`organisation ${input.creditCode} vanished during upsert`);
      if (rows[0].kind !== 'enterprise') {
        throw new DomainError(
          'enterprise.credit-code-is-agency',
          'creditCode: this credit code is registered as an HR service organisation, not an enterprise',
          409,
          [{ field: 'creditCode', message: 'registered as an HR service organisation' }],
        );
      }
      organisationId = rows[0].id;
    }
    await manager.query(
      `INSERT INTO enterprise_profiles (organisation_id, size, industry) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id) DO UPDATE
         SET size = COALESCE(enterprise_profiles.size, EXCLUDED.size),
             industry = COALESCE(enterprise_profiles.industry, EXCLUDED.industry),
             updated_at = now()
       WHERE (enterprise_profiles.size IS NULL AND EXCLUDED.size IS NOT NULL)
          OR (enterprise_profiles.industry IS NULL AND EXCLUDED.industry IS NOT NULL)`,
      [organisationId, input.size ?? null, input.industry ?? null],
    );
    return { organisationId, created };
  }

  /** An employer fills in (or updates) its own enterprise's profile. */
  async upsertMine(actor: AuthUser, dto: EnterpriseProfileFields): Promise<EnterpriseView> {
    if (actor.role !== Role.Employer || !actor.organisationId) throw DomainError.notFound('Enterprise');
    const organisationId = actor.organisationId;
    await this.dataSource.transaction(async (m) => {
      const org: { kind: string }[] = await m.query(`SELECT kind FROM organisations WHERE id = $1`, [
        organisationId,
      ]);
      if (org[0]?.kind !== 'enterprise') throw DomainError.notFound('Enterprise');
      if (dto.townshipCode) await assertTownship(m, dto.townshipCode);
      await this.writeProfile(m, organisationId, dto);
    });
    return this.load(organisationId);
  }

  /** Staff register an enterprise on its behalf (e.g. a 人社服务专员 visiting it). */
  async createByStaff(actor: AuthUser, dto: CreateEnterpriseDto): Promise<EnterpriseView> {
    const id = await this.dataSource.transaction(async (m) => {
      if (dto.townshipCode) await assertTownship(m, dto.townshipCode);
      const rows: { id: string }[] = await m.query(
        `INSERT INTO organisations (kind, name, credit_code) VALUES ('enterprise', $1, $2)
         ON CONFLICT (credit_code) DO NOTHING RETURNING id`,
        [dto.name.trim(), dto.creditCode],
      );
      if (rows.length === 0) {
        throw new DomainError(
          'enterprise.already-registered',
          'creditCode: an organisation with this credit code is already registered',
          409,
          [{ field: 'creditCode', message: 'already registered' }],
        );
      }
      await this.writeProfile(m, rows[0].id, dto);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'enterprise.create',
          targetType: 'enterprise',
          targetId: rows[0].id,
          townshipCodes: [dto.townshipCode],
        },
        m,
      );
      return rows[0].id;
    });
    return this.load(id);
  }

  async list(
    actor: AuthUser,
    q: { q?: string; townshipCode?: string; isKey?: boolean; mine?: boolean; limit: number; offset: number },
  ): Promise<{ items: EnterpriseView[]; total: number }> {
    const where: string[] = [`o.kind = 'enterprise'`];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (actor.role === Role.Staff && actor.townshipCode !== null) {
      where.push(`(p.township_code = ${p(actor.townshipCode)} OR p.commissioner_user_id = ${p(actor.id)})`);
    }
    if (q.mine) where.push(`p.commissioner_user_id = ${p(actor.id)}`);
    if (q.townshipCode) where.push(`p.township_code = ${p(q.townshipCode)}`);
    if (q.isKey !== undefined) where.push(`COALESCE(p.is_key, false) = ${p(q.isKey)}`);
    if (q.q) {
      const like = p(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(o.name ILIKE ${like} OR o.credit_code ILIKE ${like})`);
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM organisations o LEFT JOIN enterprise_profiles p ON p.organisation_id = o.id ${clause}`,
      params,
    );
    const rows: EnterpriseRow[] = await this.dataSource.query(
      `${SELECT} ${clause} ORDER BY o.created_at DESC, o.id LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`,
      params,
    );
    return { items: rows.map(view), total };
  }

  async getForActor(actor: AuthUser, id: string): Promise<EnterpriseView> {
    const row = await this.row(this.dataSource.manager, id);
    if (!row || !canManage(actor, scopeOf(row))) throw DomainError.notFound('Enterprise');
    return view(row);
  }

  /** Staff mark 重点企业 and assign the commissioner (must be a staff user). Audited. */
  async setKey(actor: AuthUser, id: string, dto: SetKeyEnterpriseDto): Promise<EnterpriseView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.row(m, id, true);
      if (!row || !canManage(actor, scopeOf(row))) throw DomainError.notFound('Enterprise');
      if (dto.commissionerUserId) {
        const users: { role: string }[] = await m.query(`SELECT role FROM users WHERE id = $1`, [
          dto.commissionerUserId,
        ]);
        if (users[0]?.role !== Role.Staff) {
          throw DomainError.invalid(
            'commissionerUserId',
            'must be a staff user',
            'enterprise.commissioner-not-staff',
          );
        }
      }
      await m.query(`INSERT INTO enterprise_profiles (organisation_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
        id,
      ]);
      await m.query(
        `UPDATE enterprise_profiles
            SET is_key = COALESCE($2, is_key),
                commissioner_user_id = CASE WHEN $3::boolean THEN $4::uuid ELSE commissioner_user_id END,
                updated_at = now()
          WHERE organisation_id = $1`,
        [id, dto.isKey ?? null, dto.commissionerUserId !== undefined, dto.commissionerUserId ?? null],
      );
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'enterprise.set-key',
          targetType: 'enterprise',
          targetId: id,
          details: {
            ...(dto.isKey !== undefined && { isKey: dto.isKey }),
            ...(dto.commissionerUserId !== undefined && { commissionerUserId: dto.commissionerUserId }),
          },
          townshipCodes: [row.township_code],
        },
        m,
      );
    });
    return this.load(id);
  }

  /** The access facts of an enterprise, or null when there is no such enterprise. */
  async scope(id: string, manager: EntityManager = this.dataSource.manager): Promise<EnterpriseScope | null> {
    const row = await this.row(manager, id);
    return row ? scopeOf(row) : null;
  }

  /** The enterprise's name and credit code (for job posts' de-duplication and display). */
  async identity(id: string, manager: EntityManager = this.dataSource.manager) {
    const row = await this.row(manager, id);
    return row ? { id: row.id, name: row.name, creditCode: row.credit_code } : null;
  }

  private async load(id: string): Promise<EnterpriseView> {
    const row = await this.row(this.dataSource.manager, id);
    if (!row) throw DomainError.notFound('Enterprise');
    return view(row);
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<EnterpriseRow | null> {
    const rows: EnterpriseRow[] = await m.query(
      `${SELECT} WHERE o.id = $1 AND o.kind = 'enterprise'${lock ? ' FOR UPDATE OF o' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  private async writeProfile(
    m: EntityManager,
    organisationId: string,
    dto: EnterpriseProfileFields,
  ): Promise<void> {
    // Absent fields keep their value; the profile row is created on first write.
    await m.query(
      `INSERT INTO enterprise_profiles (organisation_id, size, industry, township_code, address, contact_name, contact_phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organisation_id) DO UPDATE SET
         size = COALESCE(EXCLUDED.size, enterprise_profiles.size),
         industry = COALESCE(EXCLUDED.industry, enterprise_profiles.industry),
         township_code = COALESCE(EXCLUDED.township_code, enterprise_profiles.township_code),
         address = COALESCE(EXCLUDED.address, enterprise_profiles.address),
         contact_name = COALESCE(EXCLUDED.contact_name, enterprise_profiles.contact_name),
         contact_phone = COALESCE(EXCLUDED.contact_phone, enterprise_profiles.contact_phone),
         updated_at = now()`,
      [
        organisationId,
        dto.size ?? null,
        dto.industry?.trim() ?? null,
        dto.townshipCode ?? null,
        dto.address?.trim() ?? null,
        dto.contactName?.trim() ?? null,
        dto.contactPhone ?? null,
      ],
    );
  }
}

/** Whether the actor may see and manage the enterprise (see the class comment). */
export function canManage(actor: AuthUser | null | undefined, e: EnterpriseScope): boolean {
  if (!actor) return false;
  if (actor.role === Role.Admin) return true;
  if (actor.role === Role.Staff) {
    return (
      actor.townshipCode === null ||
      (e.townshipCode !== null && e.townshipCode === actor.townshipCode) ||
      e.commissionerUserId === actor.id
    );
  }
  if (actor.role === Role.Employer) return actor.organisationId === e.organisationId;
  return false;
}

function scopeOf(row: EnterpriseRow): EnterpriseScope {
  return {
    organisationId: row.id,
    townshipCode: row.township_code,
    commissionerUserId: row.commissioner_user_id,
  };
}

async function assertTownship(m: EntityManager, code: string): Promise<void> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM townships WHERE code = $1`, [code]);
  if (rows.length === 0) throw DomainError.invalid('townshipCode', 'no such township');
}

function view(r: EnterpriseRow): EnterpriseView {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    size: r.size,
    industry: r.industry,
    townshipCode: r.township_code,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: maskPhone(r.contact_phone),
    isKey: r.is_key ?? false,
    commissionerUserId: r.commissioner_user_id,
    hasProfile: r.has_profile,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
