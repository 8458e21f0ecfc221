import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QUEUE_POLICIES, QueueName } from '../queues/queue-names';
import { JobDispatcher } from './job-dispatcher';

/**
 * How a killed worker's jobs come back: a job's lock lapses 15 s after its worker stopped renewing
 * it (renewed every 7.5 s while it runs), another worker checks every 5 s and puts it back to
 * wait. Every handler is idempotent (the outbox row is locked and marked in the job's transaction),
 * so a job may come back several times — a stalled job is never failed for it.
 */
const RECOVERY = { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 1_000 } as const;
const optionsOf = (q: QueueName) => ({ concurrency: QUEUE_POLICIES[q].concurrency, ...RECOVERY });

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

@Processor(QueueName.Platform, optionsOf(QueueName.Platform))
export class PlatformQueueProcessor extends DispatchingProcessor {
  constructor(dispatcher: JobDispatcher) {
    super(dispatcher);
  }
}

@Processor(QueueName.SearchIndex, optionsOf(QueueName.SearchIndex))
export class SearchIndexQueueProcessor extends DispatchingProcessor {
  constructor(dispatcher: JobDispatcher) {
    super(dispatcher);
  }
}

@Processor(QueueName.Placements, optionsOf(QueueName.Placements))
export class PlacementsQueueProcessor extends DispatchingProcessor {
  constructor(dispatcher: JobDispatcher) {
    super(dispatcher);
  }
}

@Processor(QueueName.Imports, optionsOf(QueueName.Imports))
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
