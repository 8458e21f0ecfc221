import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CountedRecord } from '@app/platform';
import type { BusinessKind, CertificateLevel, EmployerSize, Situation } from '@app/subsidy-engine';

/** 职业资格证书 / 职业技能等级证书: a certificate a person obtained (the skill-upgrade subsidy's record). */
export interface CertificateRecord {
  id: string;
  personUserId: string;
  level: CertificateLevel;
  occupation: string;
  certificateNo: string | null;
  issuedOn: string;
  issuingBody: string;
  insuredMonths: number | null;
  receivingUnemploymentBenefit: boolean;
  townshipCode: string | null;
  recordedBy: string;
  createdAt: Date;
}

/** 创业实体: a business a person started (startup subsidies' record), with the founder's facts then. */
export interface BusinessRecord {
  id: string;
  founderUserId: string;
  name: string;
  creditCode: string | null;
  kind: BusinessKind;
  licensedOn: string;
  firstBusiness: boolean;
  employees: number;
  paysTax: boolean;
  paysSocialInsurance: boolean;
  townshipCode: string | null;
  closedOn: string | null;
  /** The founder's facts when the business was recorded (birth date, groups, graduation). */
  snapshot: { capturedAt: string; person: NonNullable<Situation['person']> };
  recordedBy: string;
  createdAt: Date;
}

/** 失业保险参保年度: what an employer paid and did in one insurance year (the job-retention refund's record). */
export interface InsuranceYearRecord {
  id: string;
  employerOrganisationId: string;
  year: number;
  insuredStaff: number;
  laidOff: number;
  premiumsFen: number;
  employerSize: EmployerSize | null;
  townshipCode: string | null;
  recordedBy: string;
  createdAt: Date;
}

const CERT = `SELECT id, person_user_id, level, occupation, certificate_no, to_char(issued_on, 'YYYY-MM-DD') AS issued_on,
  issuing_body, insured_months, receiving_unemployment_benefit, township_code, recorded_by, created_at
  FROM skill_certificates`;
const BUSINESS = `SELECT id, founder_user_id, name, credit_code, kind, to_char(licensed_on, 'YYYY-MM-DD') AS licensed_on,
  first_business, employees, pays_tax, pays_social_insurance, township_code, to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
  snapshot, recorded_by, created_at FROM startup_businesses`;
const INSURANCE = `SELECT id, employer_organisation_id, year, insured_staff, laid_off, premiums_fen, employer_size,
  township_code, recorded_by, created_at FROM employer_insurance_years`;

/* eslint-disable @typescript-eslint/no-explicit-any -- rows as Postgres answers them, mapped once below */
const cert = (r: any): CertificateRecord => ({
  id: r.id,
  personUserId: r.person_user_id,
  level: r.level,
  occupation: r.occupation,
  certificateNo: r.certificate_no,
  issuedOn: r.issued_on,
  issuingBody: r.issuing_body,
  insuredMonths: r.insured_months,
  receivingUnemploymentBenefit: r.receiving_unemployment_benefit,
  townshipCode: r.township_code,
  recordedBy: r.recorded_by,
  createdAt: r.created_at,
});
const business = (r: any): BusinessRecord => ({
  id: r.id,
  founderUserId: r.founder_user_id,
  name: r.name,
  creditCode: r.credit_code,
  kind: r.kind,
  licensedOn: r.licensed_on,
  firstBusiness: r.first_business,
  employees: r.employees,
  paysTax: r.pays_tax,
  paysSocialInsurance: r.pays_social_insurance,
  townshipCode: r.township_code,
  closedOn: r.closed_on,
  snapshot: r.snapshot,
  recordedBy: r.recorded_by,
  createdAt: r.created_at,
});
const insurance = (r: any): InsuranceYearRecord => ({
  id: r.id,
  employerOrganisationId: r.employer_organisation_id,
  year: r.year,
  insuredStaff: r.insured_staff,
  laidOff: r.laid_off,
  premiumsFen: Number(r.premiums_fen),
  employerSize: r.employer_size,
  townshipCode: r.township_code,
  recordedBy: r.recorded_by,
  createdAt: r.created_at,
});
/* eslint-enable @typescript-eslint/no-explicit-any */

export type SourceTable = 'certificates' | 'businesses' | 'insurance-years';

/** The subsidies' source records: skill_certificates, startup_businesses, employer_insurance_years. */
@Injectable()
export class SubsidySourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Inserts a certificate; the same certificate twice is null (its unique key). */
  async insertCertificate(
    m: EntityManager,
    c: Omit<CertificateRecord, 'id' | 'createdAt'>,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO skill_certificates (person_user_id, level, occupation, certificate_no, issued_on, issuing_body,
         insured_months, receiving_unemployment_benefit, township_code, recorded_by)
       VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10)
       ON CONFLICT ON CONSTRAINT skill_certificates_once DO NOTHING RETURNING id`,
      [
        c.personUserId,
        c.level,
        c.occupation,
        c.certificateNo,
        c.issuedOn,
        c.issuingBody,
        c.insuredMonths,
        c.receivingUnemploymentBenefit,
        c.townshipCode,
        c.recordedBy,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Inserts a batch; a certificate already recorded (same person, level, occupation and date) is
   * skipped. Answers the ids of the inserted ones by `certificateKey`.
   */
  async insertCertificates(
    m: EntityManager,
    cs: readonly Omit<CertificateRecord, 'id' | 'createdAt'>[],
  ): Promise<Map<string, string>> {
    if (cs.length === 0) return new Map();
    const rows: {
      id: string;
      person_user_id: string;
      level: string;
      occupation: string;
      issued_on: string;
    }[] = await m.query(
      `INSERT INTO skill_certificates (person_user_id, level, occupation, certificate_no, issued_on, issuing_body,
           insured_months, receiving_unemployment_benefit, township_code, recorded_by)
         SELECT person_user_id, level, occupation, certificate_no, issued_on, issuing_body, insured_months,
                receiving_unemployment_benefit, township_code, recorded_by
           FROM jsonb_to_recordset($1::jsonb) AS x(person_user_id uuid, level text, occupation text,
                certificate_no text, issued_on date, issuing_body text, insured_months integer,
                receiving_unemployment_benefit boolean, township_code text, recorded_by uuid)
         ON CONFLICT ON CONSTRAINT skill_certificates_once DO NOTHING
         RETURNING id, person_user_id, level, occupation, to_char(issued_on, 'YYYY-MM-DD') AS issued_on`,
      [
        JSON.stringify(
          cs.map((c) => ({
            person_user_id: c.personUserId,
            level: c.level,
            occupation: c.occupation,
            certificate_no: c.certificateNo,
            issued_on: c.issuedOn,
            issuing_body: c.issuingBody,
            insured_months: c.insuredMonths,
            receiving_unemployment_benefit: c.receivingUnemploymentBenefit,
            township_code: c.townshipCode,
            recorded_by: c.recordedBy,
          })),
        ),
      ],
    );
    return new Map(
      rows.map((r) => [
        certificateKey({
          personUserId: r.person_user_id,
          level: r.level,
          occupation: r.occupation,
          issuedOn: r.issued_on,
        }),
        r.id,
      ]),
    );
  }

  async insertBusiness(m: EntityManager, b: Omit<BusinessRecord, 'id' | 'createdAt'>): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO startup_businesses (founder_user_id, name, credit_code, kind, licensed_on, first_business, employees,
         pays_tax, pays_social_insurance, township_code, closed_on, snapshot, recorded_by)
       VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11::date, $12, $13) RETURNING id`,
      [
        b.founderUserId,
        b.name,
        b.creditCode,
        b.kind,
        b.licensedOn,
        b.firstBusiness,
        b.employees,
        b.paysTax,
        b.paysSocialInsurance,
        b.townshipCode,
        b.closedOn,
        JSON.stringify(b.snapshot),
        b.recordedBy,
      ],
    );
    return rows[0].id;
  }

  /** Inserts an insurance year; the employer's year recorded already is null. */
  async insertInsuranceYear(
    m: EntityManager,
    y: Omit<InsuranceYearRecord, 'id' | 'createdAt'>,
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO employer_insurance_years (employer_organisation_id, year, insured_staff, laid_off, premiums_fen,
         employer_size, township_code, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT employer_insurance_years_once DO NOTHING RETURNING id`,
      [
        y.employerOrganisationId,
        y.year,
        y.insuredStaff,
        y.laidOff,
        y.premiumsFen,
        y.employerSize,
        y.townshipCode,
        y.recordedBy,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async certificate(id: string, m?: EntityManager): Promise<CertificateRecord | null> {
    const rows = await this.m(m).query(`${CERT} WHERE id = $1`, [id]);
    return rows[0] ? cert(rows[0]) : null;
  }

  async certificatesOfPerson(personUserId: string, m?: EntityManager): Promise<CertificateRecord[]> {
    const rows = await this.m(m).query(`${CERT} WHERE person_user_id = $1 ORDER BY issued_on, id`, [
      personUserId,
    ]);
    return rows.map(cert);
  }

  async certificatesOfPersons(
    personUserIds: readonly string[],
    m?: EntityManager,
  ): Promise<CertificateRecord[]> {
    if (personUserIds.length === 0) return [];
    const rows = await this.m(m).query(
      `${CERT} WHERE person_user_id = ANY($1::uuid[]) ORDER BY issued_on, id`,
      [[...new Set(personUserIds)]],
    );
    return rows.map(cert);
  }

  async business(id: string, m?: EntityManager): Promise<BusinessRecord | null> {
    const rows = await this.m(m).query(`${BUSINESS} WHERE id = $1`, [id]);
    return rows[0] ? business(rows[0]) : null;
  }

  async insuranceYear(id: string, m?: EntityManager): Promise<InsuranceYearRecord | null> {
    const rows = await this.m(m).query(`${INSURANCE} WHERE id = $1`, [id]);
    return rows[0] ? insurance(rows[0]) : null;
  }

  async setBusinessClosed(m: EntityManager, id: string, closedOn: string): Promise<void> {
    await m.query(`UPDATE startup_businesses SET closed_on = $2::date, updated_at = now() WHERE id = $1`, [
      id,
      closedOn,
    ]);
  }

  /** A page of certificates: of a person, of a township, or all. */
  async certificates(
    f: { personUserId?: string; townshipCode?: string },
    limit: number,
    offset: number,
  ): Promise<{ rows: CertificateRecord[]; total: number }> {
    return this.page(
      CERT,
      'skill_certificates',
      cert,
      'issued_on DESC, id',
      f.personUserId ? ['person_user_id', f.personUserId] : null,
      f.townshipCode,
      limit,
      offset,
    );
  }

  async businesses(
    f: { founderUserId?: string; townshipCode?: string },
    limit: number,
    offset: number,
  ): Promise<{ rows: BusinessRecord[]; total: number }> {
    return this.page(
      BUSINESS,
      'startup_businesses',
      business,
      'licensed_on DESC, id',
      f.founderUserId ? ['founder_user_id', f.founderUserId] : null,
      f.townshipCode,
      limit,
      offset,
    );
  }

  async insuranceYears(
    f: { employerOrganisationId?: string; townshipCode?: string },
    limit: number,
    offset: number,
  ): Promise<{ rows: InsuranceYearRecord[]; total: number }> {
    return this.page(
      INSURANCE,
      'employer_insurance_years',
      insurance,
      'year DESC, id',
      f.employerOrganisationId ? ['employer_organisation_id', f.employerOrganisationId] : null,
      f.townshipCode,
      limit,
      offset,
    );
  }

  /** Certificates issued in the year, with their person; `senior` keeps 高级工 (三级) and above. */
  async certificatesIssuedIn(year: number, seniorOnly: boolean): Promise<CountedRecord[]> {
    const rows: {
      id: string;
      on: string;
      township_code: string | null;
      label: string;
      person_user_id: string;
    }[] = await this.dataSource.query(
      `SELECT id, to_char(issued_on, 'YYYY-MM-DD') AS on, township_code, person_user_id,
                occupation || ' · ' || issuing_body AS label
           FROM skill_certificates
          WHERE extract(year FROM issued_on) = $1 AND ($2::boolean IS FALSE OR level = 'senior')
          ORDER BY issued_on, id`,
      [year, seniorOnly],
    );
    return rows.map((r) => ({
      id: r.id,
      on: r.on,
      townshipCode: r.township_code,
      label: r.label,
      personId: r.person_user_id,
    }));
  }

  /** Businesses licensed in the year, each weighted by the people it employs. */
  async businessesLicensedIn(year: number): Promise<CountedRecord[]> {
    const rows: { id: string; on: string; township_code: string | null; name: string; employees: number }[] =
      await this.dataSource.query(
        `SELECT id, to_char(licensed_on, 'YYYY-MM-DD') AS on, township_code, name, employees
           FROM startup_businesses WHERE extract(year FROM licensed_on) = $1 ORDER BY licensed_on, id`,
        [year],
      );
    return rows.map((r) => ({
      id: r.id,
      on: r.on,
      townshipCode: r.township_code,
      label: r.name,
      weight: r.employees,
    }));
  }

  /** Ids of every record of a kind, in id order after `after` (reconciliation). */
  async idsAfter(table: SourceTable, after: string | null, limit: number): Promise<string[]> {
    const name =
      table === 'certificates'
        ? 'skill_certificates'
        : table === 'businesses'
          ? 'startup_businesses'
          : 'employer_insurance_years';
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ${name} WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  private async page<T>(
    select: string,
    table: string,
    map: (r: unknown) => T,
    order: string,
    owner: [string, string] | null,
    townshipCode: string | undefined,
    limit: number,
    offset: number,
  ): Promise<{ rows: T[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (owner) {
      params.push(owner[1]);
      where.push(`${owner[0]} = $${params.length}`);
    }
    if (townshipCode) {
      params.push(townshipCode);
      where.push(`township_code = $${params.length}`);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${table}${clause}`,
      params,
    );
    const rows: unknown[] = await this.dataSource.query(
      `${select}${clause} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows: rows.map(map), total };
  }
}

/** What makes a certificate one (skill_certificates_once): person, level, occupation, date. */
export function certificateKey(c: {
  personUserId: string;
  level: string;
  occupation: string;
  issuedOn: string;
}) {
  return `${c.personUserId}|${c.level}|${c.occupation}|${c.issuedOn}`;
}
