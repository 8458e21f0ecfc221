/** 用工形式: the one vocabulary of employment types. Pure data. */
export const EMPLOYMENT_TYPES = ['full-time', 'part-time', 'temporary', 'internship'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const EMPLOYMENT_TYPE_NAMES: Readonly<Record<EmploymentType, string>> = {
  'full-time': '全职',
  'part-time': '兼职',
  temporary: '临时',
  internship: '见习',
};
