/**
 * The demo's job seekers: generated county seekers (the demo-data generator) registered the way the
 * employment center registers them at the window — by the demo county staff member, through
 * SeekerService.registerByStaff (argon2 password, encrypted ID number and phone, birth year, audit
 * row, outbox row) — and the consenting ones then opt in to matching themselves (setConsent), so the
 * worker indexes them. Employers then see candidates for their posts, staff see a seeker register.
 *
 * Idempotent: seekers are found by login (`demo.seeker.0001`…); whoever exists is left alone, so a
 * second run creates and changes nothing. Every generated profile goes through the API's own
 * validation pipe first: bad generated data fails the seed with the field named, never a silent skip.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, DomainError, Role, createValidationPipe } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { UsersService } from '@app/identity';
import { RegisterSeekerByStaffDto, SeekerService } from '@app/seekers';
import type { CertificateLevel, GraduationLevel } from '@app/subsidy-engine';
import type { SeekerAvailability } from '@app/seekers/vocabulary';
import { DemoSeeker, generateSeekers } from '@app/demo-data';
import { DEMO_PASSWORD } from './demo-logins';

/**
 * How many seekers the demo registers. Each costs one argon2id hash (~0.25 s on a 2-core machine),
 * so 150 took ~40 s of demo start-up; 80 keep it near 20 s and still give every post candidates.
 */
export const DEMO_SEEKER_COUNT = 80;
const SEED = 2023;
/** The staff member who registers them (县就业服务中心, county-wide). */
export const DEMO_SEEKER_REGISTRAR = 'demo.staff.county';
/** Seekers the generator leaves without a township get the county seat, 稷峰镇. */
const DEFAULT_TOWNSHIP = 'jifeng';

export const demoSeekerLogin = (n: number): string => `demo.seeker.${String(n).padStart(4, '0')}`;

export interface DemoSeekersResult {
  created: number;
  existing: number;
}

const CERTIFICATE_LEVEL: Readonly<Record<string, CertificateLevel>> = {
  初级: 'junior',
  中级: 'intermediate',
  高级: 'senior',
};

/** Age at which a school of the level is usually left. */
const GRADUATION_AGE: Readonly<Record<string, number>> = {
  'secondary-vocational': 18,
  college: 21,
  bachelor: 22,
  master: 25,
};

function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * DemoSeeker → the body a staff member would POST to /api/v1/seekers. The generator's vocabulary
 * differs in places: `later` needs a date; certificate levels are 初级/中级/高级; 高校毕业生 need
 * graduation facts and 登记失业人员 a registration date, which the generator does not produce, so
 * they are derived deterministically from the seeker's number, education and birth date.
 */
export function demoSeekerBody(s: DemoSeeker, n: number, today: string): Record<string, unknown> {
  const availability: SeekerAvailability = s.availability;
  const availableFrom = availability === 'later' ? addDays(today, 35 + ((n * 17) % 90)) : null;

  let graduation: { date: string; level: GraduationLevel; province: string; fullTime: boolean } | null = null;
  if (s.groups.includes('graduate')) {
    const education = s.education ?? 'college';
    const year = Math.min(
      Number(s.birthDate.slice(0, 4)) + (GRADUATION_AGE[education] ?? 21),
      Number(today.slice(0, 4)),
    );
    graduation = {
      date: `${year}-07-01`,
      level: education === 'secondary-vocational' ? 'secondary-vocational' : 'university',
      province: ['山西', '山西', '山西', '陕西', '河南'][n % 5],
      fullTime: true,
    };
  }

  return {
    login: demoSeekerLogin(n),
    password: DEMO_PASSWORD,
    displayName: s.name,
    mobile: s.mobile,
    idNumber: s.idNumber,
    townshipCode: s.townshipCode ?? DEFAULT_TOWNSHIP,
    groups: s.groups,
    education: s.education,
    desiredOccupations: s.desiredOccupations,
    skills: s.skills,
    certificates: s.certificates.map((c) => ({
      name: c.name,
      level: c.level ? (CERTIFICATE_LEVEL[c.level] ?? c.level) : null,
    })),
    wageExpectationFen: s.wageExpectationFen,
    availability,
    availableFrom,
    graduation,
    // A 零就业家庭 is a household: its 户号 (the demo's own numbering) groups its members.
    householdCode: s.groups.includes('zero-employment-family')
      ? `稷山户-${String(n).padStart(5, '0')}`
      : null,
    registeredUnemployedSince: s.groups.includes('registered-unemployed')
      ? addDays(today, -(30 + ((n * 37) % 330)))
      : null,
  };
}

/** Registers the missing demo seekers; `count` defaults to the demo's. Needs the demo staff (seedDemo). */
export async function seedDemoSeekers(
  app: INestApplicationContext,
  count = DEMO_SEEKER_COUNT,
): Promise<DemoSeekersResult> {
  const ds = app.get(DataSource);
  const users = app.get(UsersService);
  const seekers = app.get(SeekerService);
  const staff = await users.findByLogin(DEMO_SEEKER_REGISTRAR);
  if (!staff || staff.role !== Role.Staff) {
    throw new Error(`the demo staff login ${DEMO_SEEKER_REGISTRAR} is missing: seed the demo logins first`);
  }
  const actor: AuthUser = {
    id: staff.id,
    role: staff.role,
    organisationId: staff.organisationId,
    townshipCode: staff.townshipCode,
  };

  const generated = [...generateSeekers(count, SEED)];
  const logins = generated.map((_, i) => demoSeekerLogin(i + 1));
  // A run stopped between a registration and its consent left a consenting seeker unsearchable
  // (consent never set, rather than withdrawn): the rerun finishes that, and touches nothing else.
  const rows: { login: string; id: string; township_code: string | null; consent_pending: boolean }[] =
    await ds.query(
      `SELECT u.login, u.id, p.township_code,
              (p.user_id IS NOT NULL AND NOT p.searchable_by_employers AND p.consent_changed_at IS NULL)
                AS consent_pending
         FROM users u LEFT JOIN seeker_profiles p ON p.user_id = u.id
        WHERE u.login = ANY($1)`,
      [logins],
    );
  const exists = new Map(rows.map((r) => [r.login, r]));

  const pipe = createValidationPipe();
  const today = todayInChina();
  let created = 0;
  for (const [i, s] of generated.entries()) {
    const login = logins[i];
    const found = exists.get(login);
    if (found) {
      if (s.consentToMatching && found.consent_pending) {
        await seekers.setConsent(
          { id: found.id, role: Role.Seeker, organisationId: null, townshipCode: found.township_code },
          true,
        );
      }
      continue;
    }
    try {
      const dto = (await pipe.transform(demoSeekerBody(s, i + 1, today), {
        type: 'body',
        metatype: RegisterSeekerByStaffDto,
      })) as RegisterSeekerByStaffDto;
      const profile = await seekers.registerByStaff(actor, dto, null);
      if (s.consentToMatching) {
        await seekers.setConsent(
          { id: profile.id, role: Role.Seeker, organisationId: null, townshipCode: profile.townshipCode },
          true,
        );
      }
    } catch (err) {
      const what = err instanceof DomainError ? `${err.code}: ${err.message}` : (err as Error).message;
      throw new Error(`demo seeker ${login} (${s.name}): ${what}`, { cause: err });
    }
    created++;
  }
  return { created, existing: exists.size };
}
