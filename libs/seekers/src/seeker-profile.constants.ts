import type { CertificateLevel, GraduationLevel } from '@app/subsidy-engine';

/** The shapes of a profile's lists; their vocabularies are the engine's (policy terms) and ./vocabulary. */
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
