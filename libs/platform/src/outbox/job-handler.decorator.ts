import { SetMetadata, applyDecorators } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads, ScheduleName } from '../queues/queue-names';

export const JOB_HANDLER = Symbol('JOB_HANDLER');
export const JOB_HANDLER_LONG = Symbol('JOB_HANDLER_LONG');
export const SCHEDULED_JOB = Symbol('SCHEDULED_JOB');
export const BATCH_JOB_HANDLER = Symbol('BATCH_JOB_HANDLER');
export const BATCH_WHOLE_ON_FAILURE = Symbol('BATCH_WHOLE_ON_FAILURE');

/** Marks a provider method as the one handler of a job. The worker checks at start-up that each job has exactly one. */
export const JobHandler = (job: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, job);

/**
 * The one handler of a long job (a 100,000-row import): it runs outside any transaction —
 * committing its own checkpoints — and ends by `ctx.complete(work)`, whose work commits together
 * with the outbox row marked processed. A long job never holds one transaction open throughout.
 */
export const LongJobHandler = (job: JobName): MethodDecorator =>
  applyDecorators(SetMetadata(JOB_HANDLER, job), SetMetadata(JOB_HANDLER_LONG, true));

/**
 * Optionally, besides a job's `@JobHandler`: the handler of many such jobs at once, in one
 * transaction (see the relay's batches). It must do what the single handler would do for each
 * payload, in order. Without one, a batch runs the single handler payload after payload.
 *
 * A failed batch normally runs its rows one by one, so that one bad row cannot hold back the
 * others. `{ retryWhole: true }` says a row cannot fail alone — the handler copes with bad rows
 * itself and only a dependency fails it (Meilisearch down): then the batch keeps its rows together
 * and is retried by its queue's policy, instead of trying a dead server once per row.
 */
export const BatchJobHandler = (job: JobName, opts: { retryWhole?: boolean } = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(BATCH_JOB_HANDLER, job),
    SetMetadata(BATCH_WHOLE_ON_FAILURE, opts.retryWhole === true),
  );

/** What a batch handler receives besides the payloads: the batch's transaction. */
export interface BatchJobContext {
  manager: EntityManager;
}

/** Marks a provider method as the one handler of a schedule (see ScheduleName). */
export const ScheduledJob = (schedule: ScheduleName): MethodDecorator => SetMetadata(SCHEDULED_JOB, schedule);

/**
 * What a handler receives: the payload and a context holding the transaction in which the outbox row is marked
 * processed. Writing its results through `manager` makes "done" and "marked done" one commit.
 */
export interface JobContext {
  manager: EntityManager;
  outboxId: string;
}

/** A long job's context: no transaction of its own; `complete` commits its last work with the "done" mark. */
export interface LongJobContext {
  outboxId: string;
  complete(work: (manager: EntityManager) => Promise<void>): Promise<void>;
}

export type JobHandlerFn<J extends JobName> = (payload: JobPayloads[J], ctx: JobContext) => Promise<void>;
