/**
 * 文化程度: the one vocabulary of education levels — a seeker's, and a post's minimum (学历要求).
 * Pure data; the sheet import, search and matching read it from here.
 */
export const EDUCATION_LEVELS = [
  'none',
  'junior-high',
  'senior-high',
  'secondary-vocational',
  'college',
  'bachelor',
  'master',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const EDUCATION_NAMES: Readonly<Record<EducationLevel, string>> = {
  none: '不限',
  'junior-high': '初中',
  'senior-high': '高中',
  'secondary-vocational': '中专',
  college: '大专',
  bachelor: '本科',
  master: '硕士',
};

/** Other ways real sheets write the same levels. */
export const EDUCATION_ALIASES: Readonly<Record<string, EducationLevel>> = {
  无: 'none',
  中职: 'secondary-vocational',
  技校: 'secondary-vocational',
  专科: 'college',
  研究生: 'master',
};

/**
 * Rank of an education level for "at least" comparisons. 高中 and 中专 are the same tier: a post
 * asking for 高中 takes a 中专 graduate and the other way round.
 */
export const EDUCATION_RANK: Readonly<Record<EducationLevel, number>> = {
  none: 0,
  'junior-high': 1,
  'senior-high': 2,
  'secondary-vocational': 2,
  college: 3,
  bachelor: 4,
  master: 5,
};

/** 到岗时间: at once, within a month, or later (then the profile's `availableFrom` says when). */
export const AVAILABILITIES = ['immediately', 'within-month', 'later'] as const;
export type SeekerAvailability = (typeof AVAILABILITIES)[number];
export const AVAILABILITY_NAMES: Readonly<Record<SeekerAvailability, string>> = {
  immediately: '随时到岗',
  'within-month': '一个月内到岗',
  later: '暂不急于到岗',
};
