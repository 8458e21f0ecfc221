import { SearchFallbackGate } from './search-fallback';
import { Module } from '@nestjs/common';
import { GigRecordsModule, GigsModule } from '@app/gigs';
import { IdentityDirectoryModule } from '@app/identity';
import { JobPostsModule } from '@app/jobs';
import { SeekerProfilesModule } from '@app/seekers';
import { PolicyPacksModule } from '@app/subsidies';
import { GigIndexerService } from './gig-indexer.service';
import { GigSearchController } from './gig-search.controller';
import { GigSearchService } from './gig-search.service';
import { IndexFeedHandlers } from './index-feed.handlers';
import { JobPostIndexerService } from './job-post-indexer.service';
import { JobPostSearchController } from './job-post-search.controller';
import { JobPostSearchService } from './job-post-search.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';
import { SearchAdminController } from './search-admin.controller';
import {
  SEARCH_INDEX_BUILDERS,
  SearchIndexBuilder,
  SearchIndexSetupService,
} from './search-index-setup.service';
import { SearchReconcileService } from './search-reconcile.service';
import { SearchReindexService } from './search-reindex.service';
import { SeekerIndexerService } from './seeker-indexer.service';

/**
 * What writes documents: the indexers and the list of index builders (rebuild, reconciliation,
 * start-up): job posts and consenting seekers, read through their owners. A new index adds its
 * builder below.
 */
@Module({
  imports: [JobPostsModule, SeekerProfilesModule, GigRecordsModule],
  providers: [
    JobPostIndexerService,
    SeekerIndexerService,
    GigIndexerService,
    {
      provide: SEARCH_INDEX_BUILDERS,
      inject: [JobPostIndexerService, SeekerIndexerService, GigIndexerService],
      useFactory: (
        jobPosts: JobPostIndexerService,
        seekers: SeekerIndexerService,
        gigs: GigIndexerService,
      ): SearchIndexBuilder[] => [jobPosts, seekers, gigs],
    },
  ],
  exports: [
    JobPostIndexerService,
    SeekerIndexerService,
    GigIndexerService,
    SEARCH_INDEX_BUILDERS,
    JobPostsModule,
    SeekerProfilesModule,
    GigRecordsModule,
  ],
})
export class SearchIndexingModule {}

/**
 * The API side: the public search, matching (seeker → posts, post → seekers), the admin reindex
 * and reconcile routes. Matching reads the policy packs (SubsidiesModule's POLICY_REGISTRY) and
 * posts and profiles through their owners (JobPostService, SeekerProfiles).
 */
@Module({
  imports: [SearchIndexingModule, PolicyPacksModule, GigsModule, IdentityDirectoryModule],
  controllers: [JobPostSearchController, GigSearchController, MatchingController, SearchAdminController],
  providers: [
    SearchFallbackGate,
    JobPostSearchService,
    GigSearchService,
    MatchingService,
    SearchReindexService,
    SearchReconcileService,
  ],
  exports: [JobPostSearchService, GigSearchService, SearchReindexService, SearchReconcileService],
})
export class SearchModule {}

/** The worker side: the index feeds, indexes created at start-up, reconciliation every 10 minutes. */
@Module({
  imports: [SearchIndexingModule],
  providers: [IndexFeedHandlers, SearchIndexSetupService, SearchReconcileService, SearchReindexService],
  exports: [SearchIndexSetupService, SearchReconcileService, SearchReindexService],
})
export class SearchWorkerModule {}
