import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobContext, JobHandler, JobName, JobPayloads } from '@app/platform';

/**
 * The worker's side of placements. Each handler reloads the placement (payloads carry ids only),
 * checks its state and records a receipt in `placement_events` (unique per outbox row, so a second
 * delivery changes nothing) in the dispatcher's transaction.
 *
 * These are THE hooks for employment subsidies: the subsidy-claims issue will, here, build the
 * situation from the placement (PlacementView.hire / hireSituationOf), evaluate it with the policy
 * pack and file SubsidyClaims (pending-review) in the same transaction; on `placement.ended` the
 * monthly accruals stop at ended_on. Nothing of that exists yet, and nothing is faked here.
 *
 * Order is not guaranteed (the placements queue runs jobs concurrently, and retries reorder them):
 * `placement.ended` may be handled before `placement.recorded`. Handlers must therefore decide from
 * the reloaded row (ended_on), never from which event came first.
 */
@Injectable()
export class PlacementEventsHandler {
  private readonly logger = new Logger(PlacementEventsHandler.name);

  @JobHandler(JobName.PlacementRecorded)
  async recorded(payload: JobPayloads[JobName.PlacementRecorded], ctx: JobContext): Promise<void> {
    // The placement was written in the same transaction as the outbox row: its absence is a bug
    // worth a failed (kept, retried) job, never a silent success.
    await this.receive(ctx.manager, payload.placementId, 'recorded', ctx.outboxId, false);
  }

  @JobHandler(JobName.PlacementEnded)
  async ended(payload: JobPayloads[JobName.PlacementEnded], ctx: JobContext): Promise<void> {
    await this.receive(ctx.manager, payload.placementId, 'ended', ctx.outboxId, true);
  }

  private async receive(
    m: EntityManager,
    placementId: string,
    kind: 'recorded' | 'ended',
    outboxId: string,
    mustHaveEnded: boolean,
  ): Promise<void> {
    const rows: { id: string; ended_on: string | null }[] = await m.query(
      `SELECT id, to_char(ended_on, 'YYYY-MM-DD') AS ended_on FROM placements WHERE id = $1 FOR SHARE`,
      [placementId],
    );
    const placement = rows[0];
    if (!placement) throw new Error(`Placement ${placementId} does not exist`);
    if (mustHaveEnded && placement.ended_on === null) {
      throw new Error(`Placement ${placementId} has no end recorded`);
    }
    await m.query(
      `INSERT INTO placement_events (placement_id, kind, outbox_id) VALUES ($1, $2, $3)
       ON CONFLICT (outbox_id) DO NOTHING`,
      [placementId, kind, outboxId],
    );
    this.logger.log({ placementId, kind, outboxId }, 'placement event received');
  }
}
