/**
 * The demo's organised labour export (有组织劳务输出, 一(六)): two trips organised by the demo
 * agency — one to 江苏省苏州市昆山市 four months ago, one within Shanxi to 太原市 last month — with
 * generated rural labourers (the poverty-alleviated among them flagged), departures, placements
 * at the destination employers (so the pipeline files the agency's referral fees by location class
 * and the transport subsidies), and the 3-month follow-up of the first trip. Idempotent: when
 * the demo agency has trips, nothing is added.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Prng, creditCode } from '@app/demo-data';
import { EnterpriseService } from '@app/enterprises';
import { UsersService } from '@app/identity';
import { LabourExportService } from '@app/labour-export';
import { AuthUser } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { SeekerProfiles } from '@app/seekers';
import { DEMO_SEEKER_COUNT, demoSeekerLogin } from './seed-demo-seekers';

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

const TRIPS = [
  {
    destination: { province: '江苏省', city: '苏州市', county: '昆山市' },
    employer: '昆山精密电子有限公司',
    station: '稷山县驻昆山劳务工作站 李站长 0512-55550123',
    departsDaysAgo: 120,
    people: 6,
    placed: 5,
  },
  {
    destination: { province: '山西省', city: '太原市', county: '小店区' },
    employer: '太原晋阳物流有限公司',
    station: '稷山县驻太原劳务工作站 王站长 0351-55550456',
    departsDaysAgo: 30,
    people: 5,
    placed: 4,
  },
] as const;

export async function seedDemoExport(
  app: INestApplicationContext,
): Promise<{ trips: number; placed: number }> {
  const ds = app.get(DataSource);
  const users = app.get(UsersService);
  const exports = app.get(LabourExportService);
  const profiles = app.get(SeekerProfiles);
  const staffUser = await users.findByLogin('demo.staff.county');
  const agencyUser = await users.findByLogin('demo.agency');
  if (!staffUser || !agencyUser?.organisationId) return { trips: 0, placed: 0 };
  if ((await exports.list(100, 0)).items.some((t) => t.organisingAgencyId === agencyUser.organisationId))
    return { trips: 0, placed: 0 };
  const staff: AuthUser = {
    id: staffUser.id,
    role: staffUser.role,
    organisationId: null,
    townshipCode: null,
  };
  const today = todayInChina();

  // Rural labourers among the generated seekers, those lifted out of poverty first (transport subsidies).
  const candidates: { id: string; poor: boolean }[] = [];
  for (let i = DEMO_SEEKER_COUNT; i >= 1 && candidates.length < 20; i--) {
    const u = await users.findByLogin(demoSeekerLogin(i));
    if (!u) continue;
    const groups: readonly string[] = (await profiles.records([u.id])).get(u.id)?.groups ?? [];
    if (groups.includes('rural-labourer'))
      candidates.push({ id: u.id, poor: groups.includes('poverty-alleviated') });
  }
  candidates.sort((a, b) => Number(b.poor) - Number(a.poor));

  const rng = new Prng('export-employers:2023');
  // The poverty-alleviated alternate between the trips: both transport subsidies show.
  const pools = TRIPS.map((_, k) => candidates.filter((_, i) => i % TRIPS.length === k));
  let placed = 0;
  for (const [k, t] of TRIPS.entries()) {
    const employerId = await ds.transaction(
      async (m) =>
        (
          await app
            .get(EnterpriseService)
            .upsertByCreditCode(m, { name: t.employer, creditCode: creditCode(rng) })
        ).organisationId,
    );
    const departure = addDays(today, -t.departsDaysAgo);
    const trip = await exports.createTrip(staff, {
      destination: t.destination,
      departureDate: departure,
      plannedHeadcount: 40,
      organisingAgencyId: agencyUser.organisationId,
      employerName: t.employer,
      stationContact: t.station,
    });
    const people = pools[k].slice(0, t.people);
    for (const p of people) await exports.enrol(staff, trip.id, p.id);
    await exports.depart(staff, trip.id, {});
    for (const p of people.slice(0, t.placed)) {
      await exports.place(
        staff,
        trip.id,
        p.id,
        {
          employerOrganisationId: employerId,
          startDate: addDays(departure, 2),
          contractEndDate: addDays(departure, 367),
        },
        null,
      );
      placed++;
    }
    // The first trip is past its 3-month follow-up: all but one still there.
    if (t.departsDaysAgo > 100) {
      for (const [k, p] of people.slice(0, t.placed).entries()) {
        await exports.followUp(staff, trip.id, p.id, {
          onDate: addDays(departure, 100),
          stillEmployed: k !== t.placed - 1,
          note: k !== t.placed - 1 ? '电话回访，在岗稳定' : '已返乡',
        });
      }
    }
  }
  return { trips: TRIPS.length, placed };
}
