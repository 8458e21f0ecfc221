import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobPayloads } from '../queues/queue-names';
import { JobContext, JobHandler } from './job-handler.decorator';
import { OutboxService } from './outbox.service';

/**
 * An end-to-end check of the asynchronous pipeline: a ping written to the outbox must come back
 * as exactly one `pipeline_checks` row, written by the worker. Admins use it after an incident;
 * the chaos tests use it to count.
 */
@Injectable()
export class PipelineCheckService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async ping(note: string): Promise<string> {
    return this.dataSource.transaction((manager) => this.outbox.add(manager, JobName.PipelinePing, { note }));
  }

  async result(outboxId: string): Promise<{ outboxId: string; processedAt: string | null }> {
    const rows: { processed_at: Date }[] = await this.dataSource.query(
      `SELECT processed_at FROM pipeline_checks WHERE outbox_id = $1`,
      [outboxId],
    );
    return { outboxId, processedAt: rows[0]?.processed_at.toISOString() ?? null };
  }
}

@Injectable()
export class PipelineCheckHandler {
  @JobHandler(JobName.PipelinePing)
  async handle(payload: JobPayloads[JobName.PipelinePing], { manager, outboxId }: JobContext): Promise<void> {
    await manager.query(`INSERT INTO pipeline_checks (outbox_id, note) VALUES ($1, $2)`, [
      outboxId,
      payload.note,
    ]);
  }
}
