import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, DomainError } from '@app/platform';
import { AuditService } from '@app/audit';
import { NotificationService } from '@app/notifications';
import { ClaimQueries, mayReview } from './claim-queries';
import { claimNotification } from './file-claims';
import { MeasureNames } from './measure-names';
import { ApproveClaimDto, PayClaimsDto, PaymentBatchView, SubsidyClaimView } from './subsidy-claim.dto';
import { ClaimRecord, SubsidyClaimRepository } from './subsidy-claim.repository';

const notFound = () => DomainError.notFound('Subsidy claim', 'subsidy-claim.not-found');

/**
 * Approve a claim (审核通过): staff of its township (or county-wide). The amount may be lowered —
 * with a reason — never raised above what the decision entitles (422). Approving an approved or
 * paid claim again answers it unchanged; a rejected one cannot be approved (409). Audited, and the
 * beneficiary is told, in the same transaction.
 */
@Injectable()
export class ApproveClaim {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly queries: ClaimQueries,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly names: MeasureNames,
  ) {}

  async execute(
    actor: AuthUser,
    id: string,
    dto: ApproveClaimDto,
    requestId: string | null,
  ): Promise<SubsidyClaimView> {
    await this.dataSource.transaction(async (m) => {
      const c = await this.claims.get(id, m, true);
      if (!c || !mayReview(actor, c)) throw notFound();
      if (c.status === 'approved' || c.status === 'paid') return;
      if (c.status === 'rejected') {
        throw DomainError.conflict(
          'subsidy-claim.rejected',
          'This claim was rejected; it cannot be approved',
        );
      }
      const amount = dto.amountFen ?? c.amountFen;
      if (amount === null) {
        throw DomainError.invalid(
          'amountFen',
          'the policy leaves this amount to the province: give the amount approved',
        );
      }
      if (c.sourceKind === 'adjustment' && dto.amountFen !== undefined && dto.amountFen !== c.amountFen) {
        throw DomainError.invalid('amountFen', 'an adjustment is approved as computed, or rejected');
      }
      if (c.amountFen !== null && c.sourceKind !== 'adjustment' && amount > c.amountFen) {
        throw new DomainError(
          'subsidy-claim.above-entitlement',
          `amountFen: at most ${c.amountFen} fen, what the decision entitles`,
          422,
          [{ field: 'amountFen', message: `at most ${c.amountFen}` }],
        );
      }
      const lowered = c.amountFen !== null && amount < c.amountFen;
      if (lowered && !dto.reason) throw DomainError.invalid('reason', 'is required when lowering the amount');
      await this.claims.approve(m, id, amount, actor.id, dto.reason?.trim() ?? null);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'subsidy-claim.approve',
          targetType: 'subsidy-claim',
          targetId: id,
          reason: dto.reason?.trim() ?? null,
          requestId,
          details: {
            measure: c.measure,
            amountFen: c.amountFen,
            approvedAmountFen: amount,
            period: c.period,
          },
          townshipCodes: [c.townshipCode],
        },
        m,
      );
      await this.notifications.notify(m, [
        claimNotification(
          { ...c, approvedAmountFen: amount },
          'approved',
          this.names.of(c),
          dto.reason ?? '',
        ),
      ]);
    });
    return this.queries.get(actor, id);
  }
}

/** Reject a pending claim with a reason (审核不通过). A rejected claim again: unchanged; approved or paid: 409. */
@Injectable()
export class RejectClaim {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly queries: ClaimQueries,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly names: MeasureNames,
  ) {}

  async execute(
    actor: AuthUser,
    id: string,
    reason: string,
    requestId: string | null,
  ): Promise<SubsidyClaimView> {
    await this.dataSource.transaction(async (m) => {
      const c = await this.claims.get(id, m, true);
      if (!c || !mayReview(actor, c)) throw notFound();
      if (c.status === 'rejected') return;
      if (c.status !== 'pending-review') {
        throw DomainError.conflict(
          'subsidy-claim.decided',
          `This claim is ${c.status}; it cannot be rejected`,
        );
      }
      await this.claims.reject(m, id, actor.id, reason.trim());
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'subsidy-claim.reject',
          targetType: 'subsidy-claim',
          targetId: id,
          reason: reason.trim(),
          requestId,
          details: { measure: c.measure, amountFen: c.amountFen, period: c.period },
          townshipCodes: [c.townshipCode],
        },
        m,
      );
      await this.notifications.notify(m, [claimNotification(c, 'rejected', this.names.of(c), reason.trim())]);
    });
    return this.queries.get(actor, id);
  }
}

/**
 * Pay a batch (发放): every claim of it must be approved, or already paid in this very batch. A
 * pending or rejected claim (or one paid in another batch) is a 409 naming it, and nothing of the
 * batch changes. The same batch again changes nothing and answers as the first time. Audited per
 * batch; each beneficiary is told.
 */
@Injectable()
export class PayClaims {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly queries: ClaimQueries,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly names: MeasureNames,
  ) {}

  async execute(actor: AuthUser, dto: PayClaimsDto, requestId: string | null): Promise<PaymentBatchView> {
    const ids = [...new Set(dto.claimIds)];
    const reference = dto.reference.trim();
    const result = await this.dataSource.transaction(async (m) => {
      const locked = await this.claims.lockMany(m, ids);
      const found = new Map(locked.map((c) => [c.id, c]));
      const missing = ids.filter((id) => !found.has(id) || !mayReview(actor, found.get(id) as ClaimRecord));
      if (missing.length > 0) {
        throw new DomainError(
          'subsidy-claim.not-found',
          `claimIds: no such claim in your scope: ${missing.join(', ')}`,
          404,
          [{ field: 'claimIds', message: 'not found' }],
        );
      }
      const batch = await this.claims.batchByReference(m, reference);
      if (batch) {
        // The same batch again: nothing changes. Another set under a used reference is a mistake.
        const same = locked.every((c) => c.paymentBatchId === batch.id);
        if (!same) {
          throw DomainError.conflict(
            'payment.reference-used',
            `reference: ${reference} is the reference of another batch`,
          );
        }
        return { batchId: batch.id, claims: locked };
      }
      const blocked = locked.filter((c) => c.status !== 'approved');
      if (blocked.length > 0) {
        throw new DomainError(
          'payment.not-approved',
          `claimIds: only approved claims are paid; not approved: ${blocked.map((c) => `${c.id} (${c.status})`).join(', ')}`,
          409,
          [{ field: 'claimIds', message: 'holds claims that are not approved' }],
        );
      }
      const total = locked.reduce((sum, c) => sum + (c.approvedAmountFen ?? 0), 0);
      const batchId = await this.claims.pay(m, ids, reference, actor.id, total);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'subsidy-claim.pay',
          targetType: 'subsidy-payment-batch',
          targetId: batchId,
          requestId,
          details: { reference, claims: ids.length, totalFen: total },
          townshipCodes: [...new Set(locked.map((c) => c.townshipCode))],
        },
        m,
      );
      await this.notifications.notify(
        m,
        locked.map((c) => claimNotification(c, 'paid', this.names.of(c), `发放批次 ${reference}`)),
      );
      return { batchId, claims: await this.claims.lockMany(m, ids) };
    });
    const views = await this.queries.views(await this.reload(ids));
    const paid = result.claims.find((c) => c.paidAt)?.paidAt;
    return {
      batchId: result.batchId,
      reference,
      totalFen: views.reduce((sum, c) => sum + (c.approvedAmountFen ?? 0), 0),
      paidAt: new Date(paid ?? Date.now()).toISOString(),
      claims: views,
    };
  }

  private async reload(ids: string[]): Promise<ClaimRecord[]> {
    const out: ClaimRecord[] = [];
    for (const id of ids) {
      const c = await this.claims.get(id);
      if (c) out.push(c);
    }
    return out;
  }
}
