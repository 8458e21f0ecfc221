/**
 * A record that counts toward one of the plan's figures (a fair held, a certificate issued, a
 * person hired): what the owning lib hands to libs/targets, which counts them by month and
 * township and lists them for staff behind each number. `personId` is there when a person must be
 * counted once; `weight` when one record counts for more than one (a business and its employees).
 */
export interface CountedRecord {
  id: string;
  /** The ISO date it counts on (China calendar). */
  on: string;
  townshipCode: string | null;
  /** What staff see in the list behind the figure. */
  label: string;
  personId?: string;
  weight?: number;
}
