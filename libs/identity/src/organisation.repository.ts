import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AgencyKind } from '@app/subsidy-engine';
import { Organisation, OrganisationCheckStatus, OrganisationKind } from './organisation.entity';

interface OrganisationRow {
  id: string;
  kind: OrganisationKind;
  name: string;
  credit_code: string;
  agency_kind: AgencyKind | null;
  check_status: OrganisationCheckStatus;
  checked_by: string | null;
  checked_at: Date | null;
  check_note: string | null;
  created_at: Date;
}

const toOrganisation = (r: OrganisationRow): Organisation =>
  Object.assign(new Organisation(), {
    id: r.id,
    kind: r.kind,
    name: r.name,
    creditCode: r.credit_code,
    agencyKind: r.agency_kind,
    checkStatus: r.check_status,
    checkedBy: r.checked_by,
    checkedAt: r.checked_at,
    checkNote: r.check_note,
    createdAt: r.created_at,
  });

/** The `organisations` table (identity's): enterprises and HR service organisations. */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Inserts unless the credit code is taken; null when it was (a concurrent twin included). */
  async insertIfNew(
    o: { kind: OrganisationKind; name: string; creditCode: string; agencyKind: AgencyKind | null },
    m?: EntityManager,
  ): Promise<Organisation | null> {
    const rows: OrganisationRow[] = await this.m(m).query(
      `INSERT INTO organisations (kind, name, credit_code, agency_kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (credit_code) DO NOTHING RETURNING *`,
      [o.kind, o.name, o.creditCode, o.agencyKind],
    );
    return rows[0] ? toOrganisation(rows[0]) : null;
  }

  async byCreditCode(creditCode: string, m?: EntityManager): Promise<Organisation | null> {
    const rows: OrganisationRow[] = await this.m(m).query(
      `SELECT * FROM organisations WHERE credit_code = $1`,
      [creditCode],
    );
    return rows[0] ? toOrganisation(rows[0]) : null;
  }

  /** Records the staff check (单位核验), locking the row; null when there is no such organisation. */
  async setCheck(
    m: EntityManager,
    id: string,
    c: { status: Exclude<OrganisationCheckStatus, 'unchecked'>; by: string; note: string | null },
  ): Promise<Organisation | null> {
    const rows: OrganisationRow[] = await m.query(
      `WITH u AS (
         UPDATE organisations SET check_status = $2, checked_by = $3, checked_at = now(), check_note = $4
          WHERE id = $1 RETURNING *)
       SELECT * FROM u`,
      [id, c.status, c.by, c.note],
    );
    return rows[0] ? toOrganisation(rows[0]) : null;
  }

  /**
   * The staff check of an organisation, read under a share lock held to the end of the caller's
   * transaction: a check being recorded (an UPDATE of the row) is waited for, and cannot commit
   * until the caller has.
   */
  async checkStatusLocked(m: EntityManager, id: string): Promise<OrganisationCheckStatus | null> {
    const rows: { check_status: OrganisationCheckStatus }[] = await m.query(
      `SELECT check_status FROM organisations WHERE id = $1 FOR SHARE`,
      [id],
    );
    return rows[0]?.check_status ?? null;
  }

  async byIds(ids: readonly string[], m?: EntityManager): Promise<Organisation[]> {
    if (ids.length === 0) return [];
    const rows: OrganisationRow[] = await this.m(m).query(
      `SELECT * FROM organisations WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return rows.map(toOrganisation);
  }

  /**
   * A page of organisations of one kind, newest first: optionally only some ids, or all but some,
   * and with a name or credit code containing `q`.
   */
  async page(
    f: { kind: OrganisationKind; onlyIds?: readonly string[]; exceptIds?: readonly string[]; q?: string },
    limit: number,
    offset: number,
  ): Promise<{ rows: Organisation[]; total: number }> {
    const where = ['kind = $1'];
    const params: unknown[] = [f.kind];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.onlyIds) where.push(`id = ANY(${p([...f.onlyIds])}::uuid[])`);
    if (f.exceptIds?.length) where.push(`NOT (id = ANY(${p([...f.exceptIds])}::uuid[]))`);
    if (f.q) {
      const like = p(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(name ILIKE ${like} OR credit_code ILIKE ${like})`);
    }
    const clause = where.join(' AND ');
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM organisations WHERE ${clause}`,
      params,
    );
    const rows: OrganisationRow[] = await this.dataSource.query(
      `SELECT * FROM organisations WHERE ${clause} ORDER BY created_at DESC, id LIMIT ${p(limit)} OFFSET ${p(offset)}`,
      params,
    );
    return { rows: rows.map(toOrganisation), total };
  }
}
