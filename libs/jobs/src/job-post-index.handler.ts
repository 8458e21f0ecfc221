import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobPayloads } from '@app/platform';
import { JobPostIndexerService } from '@app/search';

/**
 * The feed of the `job-posts` search index: every `search.job-post-changed` outbox row ends here.
 * libs/search's indexer reloads the post (in the dispatcher's transaction) and upserts its document
 * when it is published, deletes it otherwise — by id, so a second delivery changes nothing. A
 * Meilisearch failure throws, and BullMQ retries per the search-index queue policy.
 */
@Injectable()
export class JobPostIndexHandler {
  constructor(private readonly indexer: JobPostIndexerService) {}

  @JobHandler(JobName.JobPostChanged)
  async handle(payload: JobPayloads[JobName.JobPostChanged], { manager }: JobContext): Promise<void> {
    await this.indexer.syncPost(payload.jobPostId, manager);
  }
}
