import fc from 'fast-check';
import { Decision, evaluateMany, evaluateSituation, isErrorResult, EvaluationResult } from '.';
import { addDays, fromDayNumber, toDayNumber } from './calendar';
import {
  AGENCY_KINDS,
  BUSINESS_KINDS,
  CERTIFICATE_LEVELS,
  EMPLOYER_SIZES,
  GRADUATION_LEVELS,
  PERSON_GROUPS,
  POST_KINDS,
} from './vocabulary';
import { registryWith2024 } from '../test-fixtures/support.node';

const registry = registryWith2024();

const day = (from: string, to: string) =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const strip = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const location = fc.constantFrom(
  { province: '山西省', city: '运城市', county: '稷山县' },
  { province: '山西省', city: '运城市', county: '河津市' },
  { province: '陕西省', city: '西安市', county: '长安区' },
);

/** Valid situations around the policy's boundaries (2023-08-23 .. 2026). */
export const situationArb = fc
  .record({
    asOfOffset: fc.integer({ min: 0, max: 400 }),
    person: opt(
      fc.record({
        birthDate: day('1960-01-01', '2008-12-31'),
        sex: opt(fc.constantFrom('male', 'female')),
        groups: fc.uniqueArray(fc.constantFrom(...PERSON_GROUPS), { maxLength: 4 }),
        graduation: opt(
          fc.record({
            date: day('2017-01-01', '2024-12-31'),
            level: fc.constantFrom(...GRADUATION_LEVELS),
            province: fc.constantFrom('山西省', '陕西省'),
            fullTime: fc.boolean(),
          }),
        ),
        registeredUnemployedSince: opt(day('2021-01-01', '2024-06-30')),
        unemploymentInsuranceMonths: opt(fc.integer({ min: 0, max: 40 })),
        receivingUnemploymentBenefit: opt(fc.boolean()),
        publicWelfarePlacements: opt(fc.integer({ min: 0, max: 3 })),
      }),
    ),
    employer: opt(
      fc.record({
        size: opt(fc.constantFrom(...EMPLOYER_SIZES)),
        insuredStaff: opt(fc.integer({ min: 0, max: 400 })),
        laidOffLastYear: opt(fc.integer({ min: 0, max: 40 })),
        uiPremiumsLastYearFen: opt(fc.integer({ min: 0, max: 50_000_000 })),
      }),
    ),
    hire: opt(
      fc.record({
        startDate: day('2023-08-23', '2025-06-30'),
        contractDays: opt(fc.integer({ min: 0, max: 1200 })),
        jobLocation: opt(location),
        postKind: opt(fc.constantFrom(...POST_KINDS)),
        employerSocialInsuranceMonthlyFen: opt(fc.integer({ min: 0, max: 500_000 })),
        referral: opt(
          fc.record({
            agencyKind: fc.constantFrom(...AGENCY_KINDS),
            free: fc.boolean(),
            organisedExport: fc.boolean(),
          }),
        ),
        formerStateEnterpriseOlderWorker: opt(fc.boolean()),
        postSubsidyMonthsGranted: opt(fc.integer({ min: 0, max: 40 })),
      }),
    ),
    certificate: opt(
      fc.record({
        level: fc.constantFrom(...CERTIFICATE_LEVELS),
        date: day('2023-08-23', '2024-12-31'),
        subsidisedThisYear: fc.integer({ min: 0, max: 4 }),
      }),
    ),
    business: opt(
      fc.record({
        licensedOn: day('2021-01-01', '2024-12-31'),
        kind: opt(fc.constantFrom(...BUSINESS_KINDS)),
        firstBusiness: fc.boolean(),
        employees: fc.integer({ min: 0, max: 10 }),
        paysTax: fc.boolean(),
        paysSocialInsurance: fc.boolean(),
        startupOnceGrantedFen: opt(fc.integer({ min: 0, max: 500_000 })),
      }),
    ),
  })
  .map(({ asOfOffset, person, employer, hire, certificate, business }) => {
    const base = hire?.startDate ?? certificate?.date ?? '2023-09-01';
    const s: Record<string, unknown> = { asOf: addDays(base, asOfOffset) };
    if (person) s.person = strip({ ...person, graduation: person.graduation && strip(person.graduation) });
    if (employer) s.employer = strip(employer);
    if (hire) {
      const { contractDays, ...h } = hire;
      s.hire = strip({
        ...h,
        contractEndDate: contractDays === undefined ? undefined : addDays(h.startDate, contractDays),
      });
    }
    if (certificate) s.certificate = certificate;
    if (business) s.business = strip(business);
    return s;
  });

function ok(s: unknown): EvaluationResult {
  const r = evaluateSituation(s, registry);
  if (isErrorResult(r)) throw new Error(`${JSON.stringify(r)} for ${JSON.stringify(s)}`);
  return r;
}

/** The largest amount a decision may carry, from the situation and the pack's parameters. */
function cap(d: Decision, s: Record<string, Record<string, number>>): number {
  const p = d.params as Record<string, number>;
  switch (d.measure) {
    case 'startup-once':
      return p.totalCapFen;
    case 'social-insurance-subsidy':
      return Math.floor((s.hire.employerSocialInsuranceMonthlyFen * 2) / 3);
    case 'uib-refund':
      return Math.floor((s.employer.uiPremiumsLastYearFen * 60) / 100);
    case 'public-welfare-post':
    case 'public-welfare-post-half':
      return p.minimumWageMonthlyFen;
    default:
      return p.amountFen;
  }
}

describe('engine laws (fast-check)', () => {
  it('every generated valid situation evaluates without error or pack conflict', () => {
    fc.assert(
      fc.property(situationArb, (s) => void ok(s)),
      { numRuns: 600 },
    );
  });

  it('amounts never exceed caps; ineligible means amount 0; eligible means every reason holds', () => {
    fc.assert(
      fc.property(situationArb, (s) => {
        for (const d of ok(s).decisions) {
          if (!d.eligible) {
            expect(d.amountFen).toBe(0);
            expect(d.advance).toBe(false);
            expect(d.reasons.some((r) => !r.ok)).toBe(true);
            continue;
          }
          expect(d.reasons.every((r) => r.ok)).toBe(true);
          if (d.amountFen === null) {
            expect(d.reasons.map((r) => r.code)).toContain('amount-not-set');
            continue;
          }
          expect(Number.isSafeInteger(d.amountFen)).toBe(true);
          expect(d.amountFen).toBeGreaterThan(-1);
          expect(d.amountFen).toBeLessThanOrEqual(cap(d, s as never));
          if (d.remainingPeriods !== undefined && d.maxPeriods !== null) {
            expect(d.remainingPeriods).toBeLessThanOrEqual(d.maxPeriods);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('one hire yields at most one one-time hiring subsidy', () => {
    const hiring = ['hiring-youth-large', 'hiring-youth-small', 'hiring-long-unemployed'];
    fc.assert(
      fc.property(situationArb, (s) => {
        const granted = ok(s).decisions.filter((d) => hiring.includes(d.measure) && d.eligible);
        expect(granted.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('the result does not depend on the order of groups', () => {
    fc.assert(
      fc.property(
        situationArb.filter((s) => s.person !== undefined),
        fc.integer(),
        (s, seed) => {
          const p = s.person as { groups: string[] };
          const shuffled = [...p.groups].sort(
            (a, b) => ((a + seed).length % 3) - ((b + seed).length % 3) || (a < b ? 1 : -1),
          );
          const s2 = { ...s, person: { ...p, groups: shuffled } };
          expect(ok(s2)).toEqual(ok(s));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the result does not depend on the order of situations; evaluation is deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(situationArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 7 }),
        (list, k) => {
          const rotated = [...list.slice(k % list.length), ...list.slice(0, k % list.length)];
          const a = evaluateMany(list, registry) as unknown[];
          const b = evaluateMany(rotated, registry) as unknown[];
          const back = [
            ...b.slice(b.length - (k % list.length)),
            ...b.slice(0, b.length - (k % list.length)),
          ];
          expect(back).toEqual(a);
          expect(evaluateMany(structuredClone(list), registry)).toEqual(a);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('never throws on arbitrary JSON; gives a result or an error result', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = evaluateSituation(v, registry);
        if (isErrorResult(r)) expect(typeof r.error.path).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
