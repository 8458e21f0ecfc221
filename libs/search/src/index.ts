/** Search and matching (岗位搜索与人岗匹配) on Meilisearch, with Postgres as the fallback and the truth. */
export { SearchIndexingModule, SearchModule, SearchWorkerModule } from './search.module';
export { JobPostSearchService, JOB_POST_HIT_ATTRIBUTES } from './job-post-search.service';
export { JobPostIndexerService } from './job-post-indexer.service';
export { SeekerIndexerService } from './seeker-indexer.service';
export { SearchReindexService } from './search-reindex.service';
export { SearchReconcileService } from './search-reconcile.service';
export { MATCH_CANDIDATES } from './matching.service';
export { INDEX_NAMES, INDEX_PRIMARY_KEY, JOB_POST_INDEX_SETTINGS, indexUid } from './index-settings';
export type { IndexName } from './index-settings';
export { toJobPostDocument } from './job-post-document';
export type { JobPostDocument, JobPostForIndex } from './job-post-document';
export { ageBand, toSeekerDocument } from './seeker-document';
export type { Certificate, SeekerDocument, SeekerForIndex } from './seeker-document';
export { buildJobPostSearch } from './query/job-post-search-query';
export type { JobPostSearchParams } from './query/job-post-search-query';
export { TRADE_SYNONYM_DATA } from './synonyms/synonyms';
