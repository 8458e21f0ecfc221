/** Search: documents, index settings, the public query translation and match scoring (pure parts). */
export * from './synonyms/synonyms';
export * from './text/pinyin';
export * from './job-post-document';
export * from './seeker-document';
export * from './index-settings';
export * from './query/job-post-search-query';
export * from './matching/scoring';
export * from './geo';
