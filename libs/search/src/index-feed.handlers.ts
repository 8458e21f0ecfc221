import { Injectable } from '@nestjs/common';
import {
  BatchJobContext,
  BatchJobHandler,
  JobContext,
  JobHandler,
  JobName,
  JobPayloads,
} from '@app/platform';
import { GigIndexerService } from './gig-indexer.service';
import { JobPostIndexerService } from './job-post-indexer.service';
import { SeekerIndexerService } from './seeker-indexer.service';

/**
 * The feeds of the search indexes: every `search.job-post-changed` and `search.seeker-changed`
 * outbox row ends here. The indexers reload the record through its owner (jobs, seekers) and
 * upsert its document when it belongs in the index, delete it otherwise — by id, so a second
 * delivery changes nothing. A Meilisearch failure throws, and BullMQ retries per the search-index
 * queue policy. No name, ID number or phone reaches a seeker document; the worker decrypts nothing.
 *
 * Rows published together arrive as one batch (the search-index queue is batched): each batch is
 * one read of the records and one Meilisearch task per index, so a 100,000-row sheet is ~500
 * tasks, not 100,000. A row that cannot become a document is logged and skipped by the indexers,
 * so only Meilisearch can fail a batch, which is then retried whole.
 */
const unique = (ids: string[]) => [...new Set(ids)];

@Injectable()
export class IndexFeedHandlers {
  constructor(
    private readonly posts: JobPostIndexerService,
    private readonly seekers: SeekerIndexerService,
    private readonly gigs: GigIndexerService,
  ) {}

  @BatchJobHandler(JobName.GigChanged, { retryWhole: true })
  async gigsChanged(payloads: JobPayloads[JobName.GigChanged][]): Promise<void> {
    await this.gigs.syncGigs(unique(payloads.map((p) => p.gigId)));
  }

  @BatchJobHandler(JobName.JobPostChanged, { retryWhole: true })
  async jobPostsChanged(
    payloads: JobPayloads[JobName.JobPostChanged][],
    { manager }: BatchJobContext,
  ): Promise<void> {
    await this.posts.syncPosts(unique(payloads.map((p) => p.jobPostId)), manager);
  }

  @BatchJobHandler(JobName.SeekerChanged, { retryWhole: true })
  async seekersChanged(payloads: JobPayloads[JobName.SeekerChanged][]): Promise<void> {
    await this.seekers.syncSeekers(unique(payloads.map((p) => p.seekerId)));
  }

  @JobHandler(JobName.GigChanged)
  async gigChanged(payload: JobPayloads[JobName.GigChanged]): Promise<void> {
    await this.gigs.syncGigs([payload.gigId]);
  }

  @JobHandler(JobName.JobPostChanged)
  async jobPostChanged(payload: JobPayloads[JobName.JobPostChanged], { manager }: JobContext): Promise<void> {
    await this.posts.syncPost(payload.jobPostId, manager);
  }

  @JobHandler(JobName.SeekerChanged)
  async seekerChanged(payload: JobPayloads[JobName.SeekerChanged]): Promise<void> {
    await this.seekers.syncSeekers([payload.seekerId]);
  }
}
