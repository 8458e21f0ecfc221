import { addYears } from './calendar';
import type { GraduationLevel } from './vocabulary';

/**
 * Who may take an internship post (就业见习, clause 二(十一)): university graduates at most two years
 * out and unemployed, secondary-vocational graduates, unemployed youth aged 16–24, and graduates
 * returned from study abroad. Pure: the caller gathers the facts.
 */
export const INTERNSHIP_GROUPS = [
  'university-graduate', // 离校 2 年内未就业高校毕业生
  'secondary-vocational-graduate', // 中职毕业生
  'unemployed-youth', // 16–24 岁失业青年
  'returned-overseas-graduate', // 留学回国毕业生
] as const;
export type InternshipGroup = (typeof INTERNSHIP_GROUPS)[number];

export const INTERNSHIP_GROUP_NAMES: Readonly<Record<InternshipGroup, string>> = {
  'university-graduate': '离校2年内未就业高校毕业生',
  'secondary-vocational-graduate': '中职毕业生',
  'unemployed-youth': '16–24岁失业青年',
  'returned-overseas-graduate': '留学回国毕业生',
};

/** A school abroad is recorded with 院校所在省份 "境外". */
export const OVERSEAS_PROVINCE = '境外';

export interface InternshipFacts {
  today: string;
  /** From the ID number; null when unknown. */
  birthDate: string | null;
  graduation: { date: string; level: GraduationLevel; province: string } | null;
  /** Holds a placement (a job) that has not ended. */
  employed: boolean;
}

export interface InternshipEligibility {
  eligible: boolean;
  groups: InternshipGroup[];
  /** Each group's failed condition, by group (what a refused applicant is told). */
  failed: { field: InternshipGroup; message: string }[];
}

/** Whole years from `birthDate` to `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function internshipEligibility(f: InternshipFacts): InternshipEligibility {
  const g = f.graduation;
  const age = f.birthDate ? ageOn(f.birthDate, f.today) : null;
  const checks: [InternshipGroup, string | null][] = [
    [
      'university-graduate',
      !g || g.level !== 'university'
        ? '求职登记中没有高校毕业信息'
        : addYears(g.date, 2) < f.today
          ? `${g.date} 毕业，离校已超过2年`
          : g.date > f.today
            ? `${g.date} 才毕业`
            : f.employed
              ? '目前已就业'
              : null,
    ],
    [
      'secondary-vocational-graduate',
      !g || g.level !== 'secondary-vocational' ? '求职登记中没有中职毕业信息' : null,
    ],
    [
      'unemployed-youth',
      age === null
        ? '账号没有登记身份证号，无法确认年龄'
        : age < 16 || age > 24
          ? `年龄 ${age} 岁，不在16–24岁之间`
          : f.employed
            ? '目前已就业'
            : null,
    ],
    [
      'returned-overseas-graduate',
      !g || g.province !== OVERSEAS_PROVINCE
        ? `求职登记中没有境外院校毕业信息（院校所在地填“${OVERSEAS_PROVINCE}”）`
        : null,
    ],
  ];
  const groups = checks.filter(([, why]) => why === null).map(([group]) => group);
  return {
    eligible: groups.length > 0,
    groups,
    failed: groups.length > 0 ? [] : checks.map(([field, why]) => ({ field, message: why ?? '' })),
  };
}
