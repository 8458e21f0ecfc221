/** 到岗时间: at once, within a month, or later (then `availableFrom` says when). */
export const AVAILABILITIES = ['immediately', 'within-month', 'later'] as const;
export type SeekerAvailability = (typeof AVAILABILITIES)[number];

/** 职业资格/职业技能等级: 初级 / 中级 / 高级. */
export const CERTIFICATE_LEVELS = ['junior', 'intermediate', 'senior'] as const;
export type CertificateLevel = (typeof CERTIFICATE_LEVELS)[number];
export const CERTIFICATE_LEVEL_ZH: Readonly<Record<CertificateLevel, string>> = {
  junior: '初级',
  intermediate: '中级',
  senior: '高级',
};

/** 毕业院校层次: 高校 (university, college included) or 中职. */
export const GRADUATION_LEVELS = ['university', 'secondary-vocational'] as const;
export type GraduationLevel = (typeof GRADUATION_LEVELS)[number];

export interface SeekerCertificate {
  name: string;
  level: CertificateLevel | null;
  /** YYYY-MM-DD the certificate was issued */
  date: string | null;
}

export interface SeekerGraduation {
  /** YYYY-MM-DD */
  date: string;
  level: GraduationLevel;
  /** province of the school, e.g. 山西 */
  province: string;
  fullTime: boolean;
}
