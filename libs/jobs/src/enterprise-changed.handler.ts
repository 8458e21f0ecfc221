import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobPayloads } from '@app/platform';
import { JobPostService } from './job-post.service';

/** `jobs.enterprise-changed`: the enterprise's posts take its new size and industry (and reindex). */
@Injectable()
export class EnterpriseChangedHandler {
  constructor(private readonly posts: JobPostService) {}

  @JobHandler(JobName.EnterpriseChanged)
  async handle(
    { organisationId }: JobPayloads[JobName.EnterpriseChanged],
    { manager }: JobContext,
  ): Promise<void> {
    await this.posts.followEnterprise(manager, organisationId);
  }
}
