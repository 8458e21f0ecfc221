import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobPayloads } from '@app/platform';
import { GigIndexerService } from './gig-indexer.service';
import { JobPostIndexerService } from './job-post-indexer.service';
import { SeekerIndexerService } from './seeker-indexer.service';

/**
 * The feeds of the search indexes: every `search.job-post-changed` and `search.seeker-changed`
 * outbox row ends here. The indexers reload the record through its owner (jobs, seekers) and
 * upsert its document when it belongs in the index, delete it otherwise — by id, so a second
 * delivery changes nothing. A Meilisearch failure throws, and BullMQ retries per the search-index
 * queue policy. No name, ID number or phone reaches a seeker document; the worker decrypts nothing.
 */
@Injectable()
export class IndexFeedHandlers {
  constructor(
    private readonly posts: JobPostIndexerService,
    private readonly seekers: SeekerIndexerService,
    private readonly gigs: GigIndexerService,
  ) {}

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
