import fc from 'fast-check';
import { isPlainValidSituation, situationSchema } from './situation';
import {
  AGENCY_KINDS,
  BUSINESS_KINDS,
  CERTIFICATE_LEVELS,
  EMPLOYER_SIZES,
  GRADUATION_LEVELS,
  PERSON_GROUPS,
  POST_KINDS,
} from './vocabulary';

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** Drops undefined values (as JSON would), recursively. */
const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const date = fc.constantFrom('2020-02-29', '2023-08-23', '2023-12-15', '2024-01-31', '1965-05-01');
const n = fc.integer({ min: 0, max: 1_000_000 });
const region = fc.record({
  province: fc.constantFrom('山西省', '陕西省'),
  city: opt(fc.constantFrom('运城市')),
  county: opt(fc.constantFrom('稷山县', '河津市')),
});

/** Valid situations using every field of the schema. */
const situationArb = fc
  .record({
    asOf: opt(date),
    region: opt(region),
    person: opt(
      fc.record({
        idNumber: opt(fc.constantFrom('140824200005010518', 'x')),
        birthDate: opt(date),
        sex: opt(fc.constantFrom('male', 'female')),
        groups: opt(fc.uniqueArray(fc.constantFrom(...PERSON_GROUPS), { maxLength: 4 })),
        graduation: opt(
          fc.record({
            date,
            level: fc.constantFrom(...GRADUATION_LEVELS),
            province: opt(fc.constantFrom('山西省')),
            fullTime: opt(fc.boolean()),
          }),
        ),
        registeredUnemployedSince: opt(date),
        unemploymentInsuranceMonths: opt(n),
        receivingUnemploymentBenefit: opt(fc.boolean()),
        publicWelfarePlacements: opt(n),
        oneTimeSubsidiesGranted: opt(fc.array(fc.constantFrom('job-search', 'x'), { maxLength: 2 })),
      }),
    ),
    employer: opt(
      fc.record({
        size: opt(fc.constantFrom(...EMPLOYER_SIZES)),
        insuredStaff: opt(n),
        laidOffLastYear: opt(n),
        uiPremiumsLastYearFen: opt(fc.integer({ min: 0, max: 10_000_000_000_000 })),
        uibRefundGrantedYears: opt(fc.array(fc.integer({ min: 1900, max: 9999 }), { maxLength: 2 })),
      }),
    ),
    hire: opt(
      fc.record({
        startDate: date,
        contractEndDate: opt(date),
        jobLocation: opt(region),
        postKind: opt(fc.constantFrom(...POST_KINDS)),
        employerSocialInsuranceMonthlyFen: opt(n),
        referral: opt(
          fc.record({
            agencyKind: fc.constantFrom(...AGENCY_KINDS),
            free: opt(fc.boolean()),
            organisedExport: opt(fc.boolean()),
          }),
        ),
        formerStateEnterpriseOlderWorker: opt(fc.boolean()),
        postSubsidyMonthsGranted: opt(n),
        socialInsuranceSubsidyMonthsGranted: opt(n),
        publicWelfareMonthsGranted: opt(n),
      }),
    ),
    certificate: opt(
      fc.record({ level: fc.constantFrom(...CERTIFICATE_LEVELS), date, subsidisedThisYear: opt(n) }),
    ),
    business: opt(
      fc.record({
        licensedOn: date,
        kind: opt(fc.constantFrom(...BUSINESS_KINDS)),
        firstBusiness: opt(fc.boolean()),
        employees: opt(n),
        paysTax: opt(fc.boolean()),
        paysSocialInsurance: opt(fc.boolean()),
        startupOnceGrantedFen: opt(n),
        startupRentYearsGranted: opt(n),
      }),
    ),
  })
  .map(strip);

/** Valid situations plus mutations at every depth: the fast path must never accept what zod rejects. */
const mutation = fc.constantFrom<unknown>(
  undefined,
  null,
  -1,
  0.5,
  1e14,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  '2023-02-30',
  '2023-02-28',
  'large',
  'graduate',
  'bogus',
  true,
  [],
  ['graduate'],
  ['nope'],
  [1900],
  [1899],
  {},
  { province: '山西省' },
  { province: '' },
);

function paths(v: unknown, at: string[] = []): string[][] {
  if (typeof v !== 'object' || v === null) return [at];
  return [at, ...Object.keys(v).flatMap((k) => paths((v as Record<string, unknown>)[k], [...at, k]))];
}

function mutate(v: unknown, path: string[], value: unknown, key: string): unknown {
  const copy = JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
  if (path.length === 0) return value;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (typeof o[last] === 'object' && o[last] !== null && !Array.isArray(o[last]) && key !== '')
    (o[last] as Record<string, unknown>)[key] = value;
  else o[last] = value;
  return copy;
}

describe('isPlainValidSituation (fast path of the validation)', () => {
  it('accepts every valid situation, and zod accepts it unchanged', () => {
    fc.assert(
      fc.property(situationArb, (s) => {
        const zod = situationSchema.safeParse(s);
        expect(zod.success).toBe(true);
        expect(isPlainValidSituation(s)).toBe(true);
        expect(zod.data).toEqual(s);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts a situation that zod rejects', () => {
    fc.assert(
      fc.property(
        situationArb,
        fc.nat(),
        mutation,
        fc.constantFrom('', 'bogus', 'province', 'size', 'date', 'startDate'),
        (s, i, value, key) => {
          const all = paths(s);
          const m = mutate(s, all[i % all.length], value, key);
          const fast = isPlainValidSituation(m);
          const zod = situationSchema.safeParse(m);
          if (fast) {
            expect(zod.success).toBe(true);
            expect(zod.data).toEqual(m);
          }
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rejects non-plain input and undefined values (zod then decides)', () => {
    expect(isPlainValidSituation(Object.create(null))).toBe(false);
    expect(isPlainValidSituation({ asOf: undefined })).toBe(false);
    expect(isPlainValidSituation({ asOf: '2023-12-15' })).toBe(true);
    expect(isPlainValidSituation({ hire: { contractEndDate: '2024-01-01' } })).toBe(false);
    expect(isPlainValidSituation({ employer: { insuredStaff: 1.5 } })).toBe(false);
    expect(isPlainValidSituation([])).toBe(false);
  });
});
