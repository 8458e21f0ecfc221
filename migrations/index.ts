import { PlatformFoundation1764300000000 } from './1764300000000-platform-foundation';
import { IdentityAndAudit1764300100000 } from './1764300100000-identity-and-audit';
import { EnterprisesAndJobPosts1764300200000 } from './1764300200000-enterprises-and-job-posts';
import { Seekers1764300300000 } from './1764300300000-seekers';
import { ApplicationsAndPlacements1764300400000 } from './1764300400000-applications-and-placements';

/**
 * Every migration, in order. Listed explicitly (not globbed) so that the same list works from
 * TypeScript sources under Jest and from the compiled dist/ at run time.
 */
export const ALL_MIGRATIONS = [
  PlatformFoundation1764300000000,
  IdentityAndAudit1764300100000,
  EnterprisesAndJobPosts1764300200000,
  Seekers1764300300000,
  ApplicationsAndPlacements1764300400000,
];
