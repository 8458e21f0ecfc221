import { CREDIT_CODE_CHARSET, creditCodeCheckChar, residentIdCheckChar } from '@app/platform/validation';
import { TOWNSHIPS } from '@app/platform/geo';
import type { EmployerSize, PersonGroup } from '@app/subsidy-engine';
import type { EducationLevel, SeekerAvailability } from '@app/seekers/vocabulary';
import type { EmploymentType } from '@app/jobs/vocabulary';
import type { Certificate, JobPostForIndex } from '@app/search';
import { GIVEN, INDUSTRIES, OUTSIDE_PLACES, SURNAMES, type Industry } from './catalogue';
import { Prng } from './prng';

/** 稷山县's administrative division code (GB/T 2260): the first six digits of local ID numbers. */
export const JISHAN_AREA_CODE = '140824';
/** Neighbours for the few seekers born elsewhere: 盐湖区, 新绛县, 河津市, 万荣县. */
const OTHER_AREA_CODES = ['140802', '140825', '140882', '140822'];
/** Demo data is dated against this day so a seed gives the same data in any year. */
export const DEMO_AS_OF = '2025-03-01';

export interface DemoEnterprise {
  id: string;
  name: string;
  creditCode: string;
  size: EmployerSize;
  industry: string;
  townshipCode: string;
  contactName: string;
  contactPhone: string;
}

export interface DemoJobPost extends JobPostForIndex {
  creditCode: string;
  contactName: string;
  contactPhone: string;
}

export interface DemoSeeker {
  id: string;
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  mobile: string;
  townshipCode: string | null;
  groups: PersonGroup[];
  education: EducationLevel | null;
  desiredOccupations: string[];
  skills: string[];
  certificates: Certificate[];
  wageExpectationFen: number | null;
  availability: SeekerAvailability;
  consentToMatching: boolean;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const DIGITS_AND_LETTERS = CREDIT_CODE_CHARSET;

function personName(rng: Prng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

export function mobile(rng: Prng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${pad(rng.int(0, 999_999_999), 9)}`;
}

/**
 * A unified social credit code: 9 (registered by market regulation) 1 (enterprise), the county's
 * area code, a 9-character organisation code, and the GB 32100 check character.
 */
export function creditCode(rng: Prng, kind = '91'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += rng.pick([...DIGITS_AND_LETTERS]);
  const first17 = `${kind}${JISHAN_AREA_CODE}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

/** A resident ID number (GB 11643) with a real birth date and a valid check character. */
export function residentId(rng: Prng, areaCode: string, birthDate: string, sex: 'male' | 'female'): string {
  const seq = rng.int(0, 99) * 10 + (sex === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
  const first17 = `${areaCode}${birthDate.replace(/-/g, '')}${pad(seq, 3)}`;
  return first17 + residentIdCheckChar(first17);
}

function uniqueResidentId(
  rng: Prng,
  taken: Set<string>,
  areaCode: string,
  birthDate: string,
  sex: 'male' | 'female',
): string {
  let id = residentId(rng, areaCode, birthDate, sex);
  while (taken.has(id)) id = residentId(rng, areaCode, birthDate, sex);
  taken.add(id);
  return id;
}

function birthDateForAge(rng: Prng, age: number): string {
  const asOf = Date.parse(`${DEMO_AS_OF}T00:00:00Z`);
  const days = Math.floor(age * 365.25) + rng.int(0, 364);
  return new Date(asOf - days * 86_400_000).toISOString().slice(0, 10);
}

const SIZE_NAME_WEIGHTS: Record<EmployerSize, number> = { large: 1, medium: 3, small: 6, micro: 8 };

/** `n` enterprises across the county's industries, all sizes, each with a valid credit code. */
export function generateEnterprises(n: number, seed: number | string): DemoEnterprise[] {
  const rng = new Prng(`enterprises:${seed}`);
  const out: DemoEnterprise[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < n; i++) {
    const industry = rng.weighted(
      INDUSTRIES,
      INDUSTRIES.map((x) => x.weight),
    );
    const size = rng.weighted(
      industry.sizes,
      industry.sizes.map((s) => SIZE_NAME_WEIGHTS[s]),
    );
    let name = `稷山县${rng.pick(industry.stems)}${industry.suffix}`;
    // Names are unique in a county register: number the later namesakes as branches.
    for (let k = 2; usedNames.has(name); k++)
      name = `稷山县${rng.pick(industry.stems)}${k}号${industry.suffix}`;
    usedNames.add(name);
    out.push({
      id: rng.uuid(),
      name,
      creditCode: creditCode(rng),
      size,
      industry: industry.name,
      townshipCode: rng.pick(industry.townships),
      contactName: personName(rng),
      contactPhone: rng.chance(0.85) ? mobile(rng) : `0359-${rng.int(5_000_000, 5_999_999)}`,
    });
  }
  return out;
}

const industryByName = new Map(INDUSTRIES.map((i) => [i.name, i]));
const EDUCATION_FOR_INTERNSHIP: EducationLevel[] = ['college', 'bachelor', 'secondary-vocational'];

/**
 * Qualifiers an enterprise puts on a second post of the same trade (shift, workshop, level), so
 * that every generated post is a distinct post by the import's de-duplication key (employer,
 * title, place, headcount) — 100,000 rows in the benchmark are 100,000 posts, not duplicates.
 */
const TITLE_VARIANTS = [
  '长白班',
  '倒班',
  '夜班',
  '一车间',
  '二车间',
  '三车间',
  '熟手',
  '学徒',
  '临时',
  '储备',
];

/**
 * `n` job posts for the given enterprises, lazily (a set of keys is the only state: ~10 MB at
 * 100,000). About 5% are internships (见习) and 6% labour-export posts outside the county.
 */
export function* generateJobPosts(
  enterprises: readonly DemoEnterprise[],
  n: number,
  seed: number | string,
): Generator<DemoJobPost> {
  if (enterprises.length === 0) return;
  const rng = new Prng(`posts:${seed}`);
  const asOf = Date.parse(`${DEMO_AS_OF}T08:00:00+08:00`);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const e = enterprises[rng.int(0, enterprises.length - 1)];
    const industry = industryByName.get(e.industry) as Industry;
    const trade = rng.pick(industry.trades);
    const internship = rng.chance(0.05);
    const outside = !internship && rng.chance(0.06);
    const [lo, hi] = trade.wage;
    const wageMin = internship ? rng.int(20, 28) * 100 : Math.round(rng.int(lo, (lo + hi) / 2) / 100) * 100;
    const wageMax = internship
      ? wageMin + 500
      : Math.max(wageMin, Math.round(rng.int((lo + hi) / 2, hi) / 100) * 100);
    const negotiable = !internship && rng.chance(0.08); // 面议
    const employmentType: EmploymentType = internship
      ? 'internship'
      : rng.weighted(['full-time', 'part-time', 'temporary'] as const, [85, 8, 7]);
    const publishedAt = new Date(asOf - rng.int(0, 90 * 24) * 3_600_000);
    const deadline = rng.chance(0.7)
      ? new Date(asOf + rng.int(15, 120) * 86_400_000).toISOString().slice(0, 10)
      : null;
    const placeText = outside
      ? rng.pick(OUTSIDE_PLACES)
      : (TOWNSHIPS.find((t) => t.code === e.townshipCode)?.name ?? '');
    const headcount = rng.weighted([1, 2, 3, 5, 10, 20], [30, 30, 15, 12, 8, 5]);
    const baseTitle = internship ? `${trade.title}（就业见习）` : trade.title;
    let title = baseTitle;
    for (let k = 0; seen.has(`${e.id}|${title}|${placeText}|${headcount}`); k++) {
      const variant = TITLE_VARIANTS[k % TITLE_VARIANTS.length];
      title = `${baseTitle}（${variant}${k >= TITLE_VARIANTS.length ? Math.floor(k / TITLE_VARIANTS.length) + 1 : ''}）`;
    }
    seen.add(`${e.id}|${title}|${placeText}|${headcount}`);
    yield {
      id: rng.uuid(),
      title,
      occupation: trade.occupation,
      industry: industry.name,
      skills: rng.sample(trade.skills, rng.int(1, trade.skills.length)),
      description: `${e.name}招聘${trade.title}，${rng.pick(['缴纳五险', '包吃住', '月休四天', '有年终奖', '提供技能培训'])}。`,
      employerId: e.id,
      employerName: e.name,
      employerSize: e.size,
      townshipCode: outside ? null : e.townshipCode,
      placeText,
      employmentType,
      wageMinFen: negotiable ? null : wageMin * 100,
      wageMaxFen: negotiable ? null : wageMax * 100,
      education: internship ? rng.pick(EDUCATION_FOR_INTERNSHIP) : trade.education,
      ageMin: internship ? 16 : trade.age ? trade.age[0] : null,
      ageMax: internship ? 24 : trade.age ? trade.age[1] : null,
      isInternship: internship,
      headcount,
      publishedAt: publishedAt.toISOString(),
      deadline,
      status: 'published',
      creditCode: e.creditCode,
      contactName: e.contactName,
      contactPhone: e.contactPhone,
    };
  }
}

/** Group mixes: each seeker gets one profile; the mix is the county's register, roughly. */
const PROFILES: { groups: PersonGroup[]; ages: [number, number]; weight: number }[] = [
  { groups: ['graduate'], ages: [21, 26], weight: 18 },
  { groups: ['graduate', 'registered-unemployed'], ages: [22, 28], weight: 6 },
  { groups: ['registered-unemployed'], ages: [25, 55], weight: 15 },
  { groups: ['registered-unemployed', 'difficult'], ages: [40, 59], weight: 8 },
  { groups: ['poverty-alleviated', 'rural-labourer'], ages: [20, 60], weight: 12 },
  { groups: ['rural-labourer'], ages: [18, 60], weight: 25 },
  { groups: ['registered-unemployed', 'zero-employment-family'], ages: [20, 55], weight: 3 },
  { groups: ['difficult', 'disabled'], ages: [20, 58], weight: 3 },
  { groups: ['difficult', 'minimum-living'], ages: [25, 58], weight: 3 },
  { groups: ['returning-entrepreneur'], ages: [25, 45], weight: 3 },
  { groups: [], ages: [18, 60], weight: 4 },
];

const CERTIFICATES_BY_OCCUPATION: Record<string, string> = {
  电焊工: '焊工证',
  焊工: '焊工证',
  维修电工: '电工证',
  电工: '电工证',
  叉车工: '叉车证',
  养老护理员: '养老护理员证',
  育婴师: '育婴员证',
  护士: '护士执业证',
  货车司机: 'A2驾驶证',
  教师: '教师资格证',
};
const LEVELS = ['初级', '中级', '高级'];

/** `n` job seekers of every group, lazily (200,000 in constant memory), with valid ID numbers. */
export function* generateSeekers(n: number, seed: number | string): Generator<DemoSeeker> {
  const rng = new Prng(`seekers:${seed}`);
  const trades = INDUSTRIES.flatMap((i) => i.trades);
  // ID numbers are unique per person (the platform enforces it); two draws can meet on the same
  // area, birth date and sequence code, so a repeat is drawn again.
  const idNumbers = new Set<string>();
  for (let i = 0; i < n; i++) {
    const profile = rng.weighted(
      PROFILES,
      PROFILES.map((p) => p.weight),
    );
    const age = rng.int(profile.ages[0], profile.ages[1]);
    const birthDate = birthDateForAge(rng, age);
    const sex = rng.chance(0.5) ? 'male' : 'female';
    const area = rng.chance(0.92) ? JISHAN_AREA_CODE : rng.pick(OTHER_AREA_CODES);
    const graduate = profile.groups.includes('graduate');
    const education: EducationLevel | null = graduate
      ? rng.weighted(['college', 'bachelor', 'secondary-vocational', 'master'] as const, [45, 35, 15, 5])
      : rng.weighted(
          ['junior-high', 'senior-high', 'secondary-vocational', 'none', 'college'] as const,
          [40, 20, 15, 10, 15],
        );
    const wanted = rng.sample(trades, rng.int(1, 3));
    const occupations = [...new Set(wanted.map((t) => t.occupation))];
    const certificates: Certificate[] = occupations
      .filter((o) => CERTIFICATES_BY_OCCUPATION[o] && rng.chance(0.5))
      .map((o) => ({ name: CERTIFICATES_BY_OCCUPATION[o], level: rng.pick(LEVELS) }));
    const [lo, hi] = wanted[0].wage;
    yield {
      id: rng.uuid(),
      name: personName(rng),
      idNumber: uniqueResidentId(rng, idNumbers, area, birthDate, sex),
      birthDate,
      sex,
      mobile: mobile(rng),
      townshipCode: rng.chance(0.97) ? rng.pick(TOWNSHIPS).code : null,
      groups: [...profile.groups],
      education,
      desiredOccupations: occupations,
      skills: [...new Set(wanted.flatMap((t) => rng.sample(t.skills, 1)))],
      certificates,
      wageExpectationFen: rng.chance(0.85) ? Math.round(rng.int(lo, hi) / 100) * 10_000 : null,
      availability: rng.weighted(['immediately', 'within-month', 'later'] as const, [50, 40, 10]),
      consentToMatching: rng.chance(0.9),
    };
  }
}
