import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '@app/audit';
import { NotificationService } from '@app/notifications';
import { AuthUser, DomainError, JobName, OutboxService } from '@app/platform';
import { DisputeEventRecord, DisputeRecord, GigRepository, ReportRecord } from './gig.repository';
import { DISPUTE_KIND_NAMES, DisputeKind, ReportReason } from './gig.rules';
import { isPosterOf, isStaffSide } from './gigs.service';

/**
 * The staff's cases of the gig market: disputes between poster and worker (劳动权益: wage not
 * paid, no-show) with their history and outcome, and one-tap reports of fake or fee-taking gigs;
 * upheld reports count against the poster (suspended at SUSPEND_AFTER_UPHELD_REPORTS).
 */
@Injectable()
export class GigCases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gigs: GigRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly outbox: OutboxService,
  ) {}

  async raiseDispute(
    actor: AuthUser,
    acceptanceId: string,
    kind: DisputeKind,
    description: string,
  ): Promise<{ dispute: DisputeRecord; events: DisputeEventRecord[] }> {
    const id = await this.dataSource
      .transaction(async (m) => {
        const a = await this.gigs.acceptanceById(acceptanceId, m);
        const g = a && (await this.gigs.get(a.gigId, m));
        if (!a || !g) throw DomainError.notFound('Acceptance');
        const side = actor.id === a.workerUserId ? 'worker' : isPosterOf(actor, g) ? 'poster' : null;
        if (!side) throw DomainError.notFound('Acceptance');
        if (a.status !== 'accepted')
          throw DomainError.conflict('acceptance-not-active', `The acceptance is ${a.status}`);
        const id = await this.gigs.insertDispute(m, {
          acceptanceId,
          gigId: g.id,
          raisedBy: actor.id,
          raisedSide: side,
          kind,
          description,
        });
        await this.gigs.addDisputeEvent(m, id, actor.id, 'raised', description);
        const other = side === 'worker' ? g.posterUserId : a.workerUserId;
        await this.notifications.notify(m, [
          {
            toUserId: other,
            kind: 'gig.dispute',
            title: `零工纠纷：${g.title}`,
            body: `对方就「${g.title}」提出了「${DISPUTE_KIND_NAMES[kind]}」，就业服务中心将介入处理。`,
            subjectType: 'gig-dispute',
            subjectId: id,
            dedupeKey: `gig-dispute:${id}:raised`,
          },
        ]);
        await this.audit.record(
          {
            actorId: actor.id,
            actorRole: actor.role,
            action: 'gig.dispute',
            targetType: 'gig-dispute',
            targetId: id,
            townshipCodes: [g.townshipCode],
          },
          m,
        );
        return id;
      })
      .catch((err: unknown) => {
        if (err instanceof QueryFailedError && (err as { code?: string }).code === '23505')
          throw DomainError.conflict('dispute-open', 'A dispute of this kind is open already for this gig');
        throw err;
      });
    return this.dispute(actor, id);
  }

  async dispute(
    actor: AuthUser,
    id: string,
  ): Promise<{ dispute: DisputeRecord; events: DisputeEventRecord[] }> {
    const d = await this.gigs.dispute(id);
    if (!d) throw DomainError.notFound('Dispute');
    if (!isStaffSide(actor)) {
      const a = await this.gigs.acceptanceById(d.acceptanceId);
      const g = await this.gigs.get(d.gigId);
      if (!a || !g || (actor.id !== a.workerUserId && !isPosterOf(actor, g)))
        throw DomainError.notFound('Dispute');
    }
    return { dispute: d, events: await this.gigs.disputeEvents(id) };
  }

  disputes(actor: AuthUser, status: 'open' | 'resolved' | undefined, limit: number, offset: number) {
    return this.gigs.disputes({ status, userId: isStaffSide(actor) ? undefined : actor.id }, limit, offset);
  }

  /** Staff add a note (a call made, a visit) or resolve with the outcome. */
  async handle(actor: AuthUser, id: string, action: 'note' | 'resolve', note: string) {
    await this.dataSource.transaction(async (m) => {
      const d = await this.gigs.dispute(id, m, true);
      if (!d) throw DomainError.notFound('Dispute');
      if (d.status === 'resolved') throw DomainError.conflict('dispute-resolved', 'The dispute is resolved');
      if (action === 'resolve') await this.gigs.resolveDispute(m, id, actor.id, note);
      await this.gigs.addDisputeEvent(m, id, actor.id, action === 'resolve' ? 'resolved' : 'note', note);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: `gig.dispute-${action}`,
          targetType: 'gig-dispute',
          targetId: id,
          reason: note,
        },
        m,
      );
    });
    return this.dispute(actor, id);
  }

  /** A worker's one-tap report (举报); a second report of the same gig by the same person is the first. */
  async report(
    actor: AuthUser,
    gigId: string,
    reason: ReportReason,
    note: string | null,
  ): Promise<{ report: ReportRecord; created: boolean }> {
    const r = await this.dataSource.transaction(async (m) => {
      const g = await this.gigs.get(gigId, m);
      if (!g || g.status === 'pending-review' || g.status === 'rejected') throw DomainError.notFound('Gig');
      if (g.posterUserId === actor.id)
        throw DomainError.conflict('own-gig', 'A poster does not report their own gig');
      return this.gigs.report(m, gigId, actor.id, reason, note);
    });
    return { report: (await this.gigs.reportById(r.id)) as ReportRecord, created: r.created };
  }

  reports(status: 'open' | 'upheld' | 'dismissed' | undefined, limit: number, offset: number) {
    return this.gigs.reports(status, limit, offset);
  }

  /** Staff uphold (the gig is taken down) or dismiss a report. */
  async decideReport(
    actor: AuthUser,
    id: string,
    decision: 'upheld' | 'dismissed',
    note: string | null,
  ): Promise<ReportRecord> {
    await this.dataSource.transaction(async (m) => {
      const r = await this.gigs.reportById(id, m, true);
      if (!r) throw DomainError.notFound('Report');
      if (r.status !== 'open') throw DomainError.conflict('report-decided', `The report is ${r.status}`);
      await this.gigs.decideReport(m, id, decision, actor.id);
      const g = await this.gigs.get(r.gigId, m, true);
      if (decision === 'upheld' && g && (g.status === 'open' || g.status === 'filled')) {
        await this.gigs.setStatus(m, g.id, 'rejected', {
          reviewNote: `举报属实：${note ?? r.reason}`,
          reviewedBy: actor.id,
        });
        await this.outbox.add(m, JobName.GigChanged, { gigId: g.id });
      }
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: `gig.report-${decision}`,
          targetType: 'gig-report',
          targetId: id,
          reason: note ?? undefined,
        },
        m,
      );
    });
    return (await this.gigs.reportById(id)) as ReportRecord;
  }
}
