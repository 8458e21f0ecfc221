import { PlatformFoundation1764300000000 } from './1764300000000-platform-foundation';
import { IdentityAndAudit1764300100000 } from './1764300100000-identity-and-audit';
import { EnterprisesAndJobPosts1764300200000 } from './1764300200000-enterprises-and-job-posts';
import { Seekers1764300300000 } from './1764300300000-seekers';
import { ApplicationsAndPlacements1764300400000 } from './1764300400000-applications-and-placements';
import { SeekerBirthYear1764300500000 } from './1764300500000-seeker-birth-year';
import { ImportUploadsInWorker1764300600000 } from './1764300600000-import-uploads-in-worker';
import { PlacementsFillPosts1764300700000 } from './1764300700000-placements-fill-posts';
import { OutboxNotify1764300800000 } from './1764300800000-outbox-notify';
import { FallbackOrderIndexes1764300900000 } from './1764300900000-fallback-order-indexes';
import { Hardening1764301000000 } from './1764301000000-hardening';
import { JobPostEmployerFacts1764301100000 } from './1764301100000-job-post-employer-facts';
import { HireSnapshots1764301200000 } from './1764301200000-hire-snapshots';
import { SubsidyClaims1764301300000 } from './1764301300000-subsidy-claims';
import { OutboxBatches1764301400000 } from './1764301400000-outbox-batches';
import { Fairs1764301500000 } from './1764301500000-fairs';
import { FairInterviewsAndVisits1764301600000 } from './1764301600000-fair-interviews-and-visits';
import { GigMarket1764301700000 } from './1764301700000-gig-market';
import { JobPostScreening1764301800000 } from './1764301800000-job-post-screening';
import { OrganisationChecks1764301900000 } from './1764301900000-organisation-checks';
import { Internships1764302000000 } from './1764302000000-internships';
import { StreetStalls1764302100000 } from './1764302100000-street-stalls';
import { LabourExport1764302200000 } from './1764302200000-labour-export';
import { SeekerHousehold1764302300000 } from './1764302300000-seeker-household';
import { ServiceStations1764302400000 } from './1764302400000-service-stations';
import { FairOnlineBooths1764302500000 } from './1764302500000-fair-online-booths';
import { JobPostFirstPublished1764302600000 } from './1764302600000-job-post-first-published';
import { SearchGrams1764302700000 } from './1764302700000-search-grams';
import { IdempotencyHolder1764302800000 } from './1764302800000-idempotency-holder';

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
  SeekerBirthYear1764300500000,
  ImportUploadsInWorker1764300600000,
  PlacementsFillPosts1764300700000,
  OutboxNotify1764300800000,
  FallbackOrderIndexes1764300900000,
  Hardening1764301000000,
  JobPostEmployerFacts1764301100000,
  HireSnapshots1764301200000,
  SubsidyClaims1764301300000,
  OutboxBatches1764301400000,
  Fairs1764301500000,
  FairInterviewsAndVisits1764301600000,
  GigMarket1764301700000,
  JobPostScreening1764301800000,
  OrganisationChecks1764301900000,
  Internships1764302000000,
  StreetStalls1764302100000,
  LabourExport1764302200000,
  SeekerHousehold1764302300000,
  ServiceStations1764302400000,
  FairOnlineBooths1764302500000,
  JobPostFirstPublished1764302600000,
  SearchGrams1764302700000,
  IdempotencyHolder1764302800000,
];
