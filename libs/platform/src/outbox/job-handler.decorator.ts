import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from '../queues/queue-names';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** Marks a provider method as the one handler of a job. The worker checks at start-up that each job has exactly one. */
export const JobHandler = (job: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, job);

/**
 * What a handler receives: the payload and a context holding the transaction in which the outbox row is marked
 * processed. Writing its results through `manager` makes "done" and "marked done" one commit.
 */
export interface JobContext {
  manager: EntityManager;
  outboxId: string;
}

export type JobHandlerFn<J extends JobName> = (payload: JobPayloads[J], ctx: JobContext) => Promise<void>;
