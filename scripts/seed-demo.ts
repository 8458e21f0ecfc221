/**
 * `node dist/scripts/seed-demo.js`: creates the demo users and organisations of DEMO_LOGINS with
 * the platform's own services, then the generated job seekers (seed-demo-seekers.ts) and job posts
 * (seed-demo-posts.ts). Idempotent: whoever already exists (by login) is left untouched, so
 * a second run changes nothing. Expects migrations to be applied (the platform launcher does that).
 */
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigError, PlatformDatabaseModule, Role } from '@app/platform';
import { IdentityModule, UsersService } from '@app/identity';
import { JobPostImportService, JobPostsModule } from '@app/jobs';
import { SeekerService, SeekersModule } from '@app/seekers';
import { ensureDevSecrets } from './dev-secrets';
import { DEMO_DETAILS, DEMO_LOGINS, DemoLogin } from './demo-logins';
import { seedDemoPosts } from './seed-demo-posts';
import { seedDemoSeekers } from './seed-demo-seekers';
import { seedDemoFairs } from './seed-demo-fairs';
import { seedDemoGigs } from './seed-demo-gigs';
import { seedDemoInternships } from './seed-demo-internships';
import { seedDemoStalls } from './seed-demo-stalls';
import { seedDemoExport } from './seed-demo-export';
import { FairsModule } from '@app/fairs';
import { GigsModule } from '@app/gigs';
import { InternshipsModule } from '@app/internships';
import { StallsModule } from '@app/stalls';
import { LabourExportModule } from '@app/labour-export';
import { SubsidiesModule } from '@app/subsidies';
import { TargetsModule } from '@app/targets';
import { seedDemoTargets } from './seed-demo-targets';

/** The services the command-line tools use: Postgres, identity, job posts, seekers, fairs, gigs, internships, stalls, labour export, subsidies and the plan's targets (no HTTP, no Redis). */
@Module({
  imports: [
    PlatformDatabaseModule,
    IdentityModule,
    JobPostsModule,
    SeekersModule,
    FairsModule,
    GigsModule,
    InternshipsModule,
    StallsModule,
    LabourExportModule,
    SubsidiesModule,
    TargetsModule,
  ],
})
export class IdentityScriptModule {}

function demo(login: string): DemoLogin {
  const found = DEMO_LOGINS.find((d) => d.login === login);
  if (!found) throw new Error(`no demo login ${login}`);
  return found;
}

/** Creates what is missing; returns the logins it created. */
export async function seedDemo(app: INestApplicationContext): Promise<string[]> {
  const users = app.get(UsersService);
  const ds = app.get(DataSource);
  const created: string[] = [];
  const missing = async (login: string) => (await users.findByLogin(login)) === null;

  const seeker = demo('demo.seeker');
  if (await missing(seeker.login)) {
    await ds.transaction((m) =>
      users.createUser(
        {
          role: Role.Seeker,
          login: seeker.login,
          password: seeker.password,
          displayName: DEMO_DETAILS.seeker.displayName,
          mobile: DEMO_DETAILS.seeker.mobile,
          townshipCode: DEMO_DETAILS.seeker.townshipCode,
        },
        m,
      ),
    );
    created.push(seeker.login);
  }

  const employer = demo('demo.employer');
  if (await missing(employer.login)) {
    const d = DEMO_DETAILS.employer;
    await ds.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(`SELECT id FROM organisations WHERE credit_code = $1`, [
        d.creditCode,
      ]);
      const orgId =
        rows[0]?.id ??
        (
          await users.createOrganisation(
            { kind: 'enterprise', name: d.enterpriseName, creditCode: d.creditCode },
            m,
          )
        ).id;
      await users.createUser(
        {
          role: Role.Employer,
          login: employer.login,
          password: employer.password,
          displayName: d.displayName,
          mobile: d.mobile,
          organisationId: orgId,
        },
        m,
      );
    });
    created.push(employer.login);
  }

  const agency = demo('demo.agency');
  if (await missing(agency.login)) {
    const d = DEMO_DETAILS.agency;
    await ds.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(`SELECT id FROM organisations WHERE credit_code = $1`, [
        d.creditCode,
      ]);
      const orgId =
        rows[0]?.id ??
        (
          await users.createOrganisation(
            { kind: 'agency', name: d.agencyName, creditCode: d.creditCode, agencyKind: d.agencyKind },
            m,
          )
        ).id;
      await users.createUser(
        {
          role: Role.Agency,
          login: agency.login,
          password: agency.password,
          displayName: d.displayName,
          mobile: d.mobile,
          organisationId: orgId,
        },
        m,
      );
    });
    created.push(agency.login);
  }

  const privileged: [DemoLogin, Role, string, string | undefined][] = [
    [
      demo('demo.staff.jifeng'),
      Role.Staff,
      DEMO_DETAILS.townshipStaff.displayName,
      DEMO_DETAILS.townshipStaff.townshipCode,
    ],
    [demo('demo.staff.county'), Role.Staff, DEMO_DETAILS.countyStaff.displayName, undefined],
    [demo('demo.admin'), Role.Admin, DEMO_DETAILS.admin.displayName, undefined],
  ];
  for (const [d, role, displayName, townshipCode] of privileged) {
    if (await missing(d.login)) {
      await users.createPrivileged(null, {
        role,
        login: d.login,
        password: d.password,
        displayName,
        townshipCode,
      });
      created.push(d.login);
    }
  }
  await seedHeadlineSeekerProfile(app);
  return created;
}

/**
 * The first login the demo prints lands on a living home: 王丽 has a 求职登记 (a welder from
 * 稷峰镇, registered unemployed, open to employers), so her matches and the employer's
 * candidates answer at once. Only when she has none: a profile she edited is left alone.
 */
async function seedHeadlineSeekerProfile(app: INestApplicationContext): Promise<void> {
  const user = await app.get(UsersService).findByLogin('demo.seeker');
  if (!user) return;
  const seekers = app.get(SeekerService);
  const actor = { id: user.id, role: Role.Seeker, organisationId: null, townshipCode: user.townshipCode };
  const has = await seekers.getMine(actor).then(
    () => true,
    () => false,
  );
  if (has) return;
  await seekers.putMine(actor, {
    desiredOccupations: ['焊工', '食品加工工'],
    skills: ['氩弧焊', '电焊'],
    certificates: [{ name: '焊工', level: 'intermediate' }],
    education: 'senior-high',
    townshipCode: DEMO_DETAILS.seeker.townshipCode,
    wageExpectationFen: 500000,
    availability: 'immediately',
    registeredUnemployedSince: '2023-01-05',
    unemploymentInsuranceMonths: 14,
    groups: ['registered-unemployed'],
  });
  await seekers.setConsent(actor, true);
}

async function main(): Promise<void> {
  ensureDevSecrets(process.env);
  const app = await NestFactory.createApplicationContext(IdentityScriptModule, { logger: ['error'] });
  try {
    const created = await seedDemo(app);
    const seekers = await seedDemoSeekers(app);
    const posts = await seedDemoPosts(app.get(JobPostImportService));
    const fairs = await seedDemoFairs(app);
    const gigs = await seedDemoGigs(app);
    const internships = await seedDemoInternships(app);
    const stalls = await seedDemoStalls(app);
    const exportTrips = await seedDemoExport(app);
    const targets = await seedDemoTargets(app);
    process.stdout.write(
      JSON.stringify({
        created,
        existing: DEMO_LOGINS.map((d) => d.login).filter((l) => !created.includes(l)),
        seekers: { created: seekers.created, existing: seekers.existing },
        fairs: fairs.created,
        gigs: gigs.created,
        internshipHostUnits: internships.hostUnits,
        stalls: stalls.allocated,
        exportTrips: exportTrips.trips,
        exportPlacements: exportTrips.placed,
        targets,
        posts: {
          imported: posts.imported,
          duplicates: posts.duplicates,
          rejected: posts.rejected,
          errors: posts.errors,
        },
      }) + '\n',
    );
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`seed-demo: ${err.message}\n`);
    else process.stderr.write(`seed-demo: failed: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
