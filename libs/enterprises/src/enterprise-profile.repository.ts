import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EmployerSize } from '@app/subsidy-engine';

/** A profile row (enterprise_profiles), snake case as Postgres answers. */
export interface EnterpriseProfileRow {
  organisation_id: string;
  size: EmployerSize | null;
  industry: string | null;
  township_code: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  is_key: boolean;
  commissioner_user_id: string | null;
}

export interface ProfileFields {
  size?: EmployerSize | null;
  industry?: string | null;
  townshipCode?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** The `enterprise_profiles` table (enterprises'): the only place its SQL is written. */
@Injectable()
export class EnterpriseProfileRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async byIds(
    ids: readonly string[],
    m?: EntityManager,
    lock = false,
  ): Promise<Map<string, EnterpriseProfileRow>> {
    if (ids.length === 0) return new Map();
    const rows: EnterpriseProfileRow[] = await this.m(m).query(
      `SELECT organisation_id, size, industry, township_code, address, contact_name, contact_phone, is_key,
              commissioner_user_id
         FROM enterprise_profiles WHERE organisation_id = ANY($1::uuid[])${lock ? ' FOR UPDATE' : ''}`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.organisation_id, r]));
  }

  /** Absent fields keep their value; the row is created on first write. */
  async write(m: EntityManager, organisationId: string, f: ProfileFields): Promise<void> {
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
        f.size ?? null,
        f.industry ?? null,
        f.townshipCode ?? null,
        f.address ?? null,
        f.contactName ?? null,
        f.contactPhone ?? null,
      ],
    );
  }

  /** Size and industry fill only what the profile does not say yet (the sheet import). True when one changed. */
  async fillBlanks(
    m: EntityManager,
    organisationId: string,
    f: { size?: EmployerSize | null; industry?: string | null },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO enterprise_profiles (organisation_id, size, industry) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id) DO UPDATE
         SET size = COALESCE(enterprise_profiles.size, EXCLUDED.size),
             industry = COALESCE(enterprise_profiles.industry, EXCLUDED.industry),
             updated_at = now()
       WHERE (enterprise_profiles.size IS NULL AND EXCLUDED.size IS NOT NULL)
          OR (enterprise_profiles.industry IS NULL AND EXCLUDED.industry IS NOT NULL)
       RETURNING organisation_id`,
      [organisationId, f.size ?? null, f.industry ?? null],
    );
    return rows.length > 0 && (f.size != null || f.industry != null);
  }

  async ensure(m: EntityManager, organisationId: string): Promise<void> {
    await m.query(`INSERT INTO enterprise_profiles (organisation_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
      organisationId,
    ]);
  }

  async setKey(
    m: EntityManager,
    organisationId: string,
    isKey: boolean | undefined,
    commissioner: { set: boolean; userId: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE enterprise_profiles
          SET is_key = COALESCE($2, is_key),
              commissioner_user_id = CASE WHEN $3::boolean THEN $4::uuid ELSE commissioner_user_id END,
              updated_at = now()
        WHERE organisation_id = $1`,
      [organisationId, isKey ?? null, commissioner.set, commissioner.userId],
    );
  }

  /**
   * Ids of enterprises whose profile matches every filter given: township, key flag, commissioner,
   * or "in this township or looked after by this commissioner" (a township station's staff).
   */
  async idsWhere(f: {
    townshipCode?: string;
    isKey?: boolean;
    commissionerUserId?: string;
    townshipOrCommissioner?: { townshipCode: string; userId: string };
  }): Promise<string[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.townshipCode) where.push(`township_code = ${p(f.townshipCode)}`);
    if (f.isKey !== undefined) where.push(`is_key = ${p(f.isKey)}`);
    if (f.commissionerUserId) where.push(`commissioner_user_id = ${p(f.commissionerUserId)}`);
    if (f.townshipOrCommissioner) {
      where.push(
        `(township_code = ${p(f.townshipOrCommissioner.townshipCode)} OR commissioner_user_id = ${p(f.townshipOrCommissioner.userId)})`,
      );
    }
    const rows: { organisation_id: string }[] = await this.dataSource.query(
      `SELECT organisation_id FROM enterprise_profiles${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return rows.map((r) => r.organisation_id);
  }
}
