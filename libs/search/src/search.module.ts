import { Module } from '@nestjs/common';
import { JobPostIndexerService } from './job-post-indexer.service';
import { JobPostSearchController } from './job-post-search.controller';
import { JobPostSearchService } from './job-post-search.service';
import { SearchAdminController } from './search-admin.controller';
import {
  SEARCH_INDEX_BUILDERS,
  SearchIndexBuilder,
  SearchIndexSetupService,
} from './search-index-setup.service';
import { SearchReconcileService } from './search-reconcile.service';
import { SearchReindexService } from './search-reindex.service';

/**
 * What writes documents: the job-posts indexer and the list of index builders (rebuild,
 * reconciliation, start-up). A new index (seekers …) adds its builder to the factory below.
 * libs/jobs' outbox handler can import this module and call JobPostIndexerService.syncPost.
 */
@Module({
  providers: [
    JobPostIndexerService,
    {
      provide: SEARCH_INDEX_BUILDERS,
      inject: [JobPostIndexerService],
      useFactory: (jobPosts: JobPostIndexerService): SearchIndexBuilder[] => [jobPosts],
    },
  ],
  exports: [JobPostIndexerService, SEARCH_INDEX_BUILDERS],
})
export class SearchIndexingModule {}

/** The API side: the public search, the admin reindex and reconcile routes. */
@Module({
  imports: [SearchIndexingModule],
  controllers: [JobPostSearchController, SearchAdminController],
  providers: [JobPostSearchService, SearchReindexService, SearchReconcileService],
  exports: [JobPostSearchService, SearchReindexService, SearchReconcileService],
})
export class SearchModule {}

/** The worker side: indexes created at start-up, reconciliation every 10 minutes. */
@Module({
  imports: [SearchIndexingModule],
  providers: [SearchIndexSetupService, SearchReconcileService, SearchReindexService],
  exports: [SearchIndexSetupService, SearchReconcileService, SearchReindexService],
})
export class SearchWorkerModule {
  constructor(reconciler: SearchReconcileService) {
    reconciler.enableSchedule();
  }
}
