import { Module } from '@nestjs/common';
import { JobPostsModule } from '@app/jobs';
import { SeekerProfilesModule } from '@app/seekers';
import { PolicyPacksModule } from '@app/subsidies';
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
  imports: [JobPostsModule, SeekerProfilesModule],
  providers: [
    JobPostIndexerService,
    SeekerIndexerService,
    {
      provide: SEARCH_INDEX_BUILDERS,
      inject: [JobPostIndexerService, SeekerIndexerService],
      useFactory: (jobPosts: JobPostIndexerService, seekers: SeekerIndexerService): SearchIndexBuilder[] => [
        jobPosts,
        seekers,
      ],
    },
  ],
  exports: [
    JobPostIndexerService,
    SeekerIndexerService,
    SEARCH_INDEX_BUILDERS,
    JobPostsModule,
    SeekerProfilesModule,
  ],
})
export class SearchIndexingModule {}

/**
 * The API side: the public search, matching (seeker → posts, post → seekers), the admin reindex
 * and reconcile routes. Matching reads the policy packs (SubsidiesModule's POLICY_REGISTRY) and
 * posts and profiles through their owners (JobPostService, SeekerProfiles).
 */
@Module({
  imports: [SearchIndexingModule, PolicyPacksModule],
  controllers: [JobPostSearchController, MatchingController, SearchAdminController],
  providers: [JobPostSearchService, MatchingService, SearchReindexService, SearchReconcileService],
  exports: [JobPostSearchService, SearchReindexService, SearchReconcileService],
})
export class SearchModule {}

/** The worker side: the index feeds, indexes created at start-up, reconciliation every 10 minutes. */
@Module({
  imports: [SearchIndexingModule],
  providers: [IndexFeedHandlers, SearchIndexSetupService, SearchReconcileService, SearchReindexService],
  exports: [SearchIndexSetupService, SearchReconcileService, SearchReindexService],
})
export class SearchWorkerModule {}
