import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QUEUE_POLICIES, QueueName } from '../queues/queue-names';
import { JobDispatcher } from './job-dispatcher';

/** One BullMQ worker per queue; each hands its jobs to the dispatcher. */
abstract class DispatchingProcessor extends WorkerHost {
  constructor(private readonly dispatcher: JobDispatcher) {
    super();
  }

  async process(job: Job<Record<string, unknown>>): Promise<string> {
    return this.dispatcher.dispatch(job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<Record<string, unknown>> | undefined, err: Error): void {
    if (job) void this.dispatcher.recordFailure(job, err);
  }
}

@Processor(QueueName.Platform, { concurrency: QUEUE_POLICIES[QueueName.Platform].concurrency })
export class PlatformQueueProcessor extends DispatchingProcessor {
  constructor(dispatcher: JobDispatcher) {
    super(dispatcher);
  }
}

@Processor(QueueName.SearchIndex, { concurrency: QUEUE_POLICIES[QueueName.SearchIndex].concurrency })
export class SearchIndexQueueProcessor extends DispatchingProcessor {
  constructor(dispatcher: JobDispatcher) {
    super(dispatcher);
  }
}

@Processor(QueueName.Placements, { concurrency: QUEUE_POLICIES[QueueName.Placements].concurrency })
export class PlacementsQueueProcessor extends DispatchingProcessor {
  constructor(dispatcher: JobDispatcher) {
    super(dispatcher);
  }
}

@Processor(QueueName.Imports, { concurrency: QUEUE_POLICIES[QueueName.Imports].concurrency })
export class ImportsQueueProcessor extends DispatchingProcessor {
  constructor(dispatcher: JobDispatcher) {
    super(dispatcher);
  }
}

export const QUEUE_PROCESSORS = [
  PlatformQueueProcessor,
  SearchIndexQueueProcessor,
  PlacementsQueueProcessor,
  ImportsQueueProcessor,
];
