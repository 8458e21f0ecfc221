import { PlatformFoundation1764300000000 } from './1764300000000-platform-foundation';

/**
 * Every migration, in order. Listed explicitly (not globbed) so that the same list works from
 * TypeScript sources under Jest and from the compiled dist/ at run time.
 */
export const ALL_MIGRATIONS = [PlatformFoundation1764300000000];
