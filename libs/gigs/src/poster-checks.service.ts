import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { OrganisationSummary, OrganisationsService } from '@app/identity';
import { NotificationService } from '@app/notifications';
import { AuthUser, DomainError, JobName, OutboxService } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { GigRepository } from './gig.repository';

export interface PosterOrganisation extends OrganisationSummary {
  gigs: number;
  liveGigs: number;
}

/**
 * The staff check of the organisations that post gigs (单位核验), beyond the credit code's check
 * character: verified (their gigs carry the mark), or failed — posting stops and every live gig
 * of the organisation is taken down with its takers told, in the check's own transaction.
 */
@Injectable()
export class PosterChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gigs: GigRepository,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly outbox: OutboxService,
  ) {}

  async list(limit: number, offset: number): Promise<{ items: PosterOrganisation[]; total: number }> {
    const { items, total } = await this.gigs.posterOrganisations(limit, offset);
    const orgs = await this.organisations.byIds(items.map((i) => i.organisationId));
    return {
      items: items.flatMap((i) => {
        const o = orgs.get(i.organisationId);
        return o ? [{ ...o, gigs: i.gigs, liveGigs: i.liveGigs }] : [];
      }),
      total,
    };
  }

  async check(
    actor: AuthUser,
    organisationId: string,
    outcome: 'verified' | 'failed',
    note: string | null,
    requestId?: string,
  ): Promise<{ organisation: PosterOrganisation; takenDown: number }> {
    if (outcome === 'failed' && !note?.trim())
      throw DomainError.invalid('note', 'a failed check gives its reason');
    const r = await this.dataSource.transaction(async (m) => {
      const organisation = await this.organisations.recordCheck(m, organisationId, {
        status: outcome,
        by: actor.id,
        note: note?.trim() || null,
      });
      // Gigs still to come: work already done keeps its record (wage, receipt, disputes).
      const live =
        outcome === 'failed' ? await this.gigs.liveOfOrganisation(m, organisationId, todayInChina()) : [];
      const reason = `发布单位核验未通过：${note?.trim() ?? ''}`;
      for (const g of live) {
        await this.gigs.setStatus(m, g.id, 'rejected', { reviewNote: reason, reviewedBy: actor.id });
        // Those already at work today keep their acceptance (and its wage record); the rest are told not to go.
        const taken = (await this.gigs.acceptancesOfGig(g.id, m)).filter(
          (a) => (a.status === 'accepted' || a.status === 'invited') && a.checkedInAt === null,
        );
        for (const a of taken) await this.gigs.endAcceptance(m, a.id, 'cancelled', reason);
        await this.notifications.notify(
          m,
          taken.map((a) => ({
            toUserId: a.workerUserId,
            kind: 'gig.cancelled',
            title: `零工已撤下：${g.title}`,
            body: `「${g.title}」的发布单位未通过就业服务中心核验，这单活已撤下，请不要前往，也不要向对方交任何费用。`,
            subjectType: 'gig',
            subjectId: g.id,
            dedupeKey: `gig:${g.id}:taken-down:${a.workerUserId}`,
          })),
        );
        if (g.status !== 'pending-review') await this.outbox.add(m, JobName.GigChanged, { gigId: g.id });
      }
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: `organisation.check-${outcome}`,
          targetType: 'organisation',
          targetId: organisationId,
          reason: note?.trim() || undefined,
          requestId,
          details: { takenDown: live.map((g) => g.id) },
          townshipCodes: [...new Set(live.map((g) => g.townshipCode))],
        },
        m,
      );
      return { organisation, takenDown: live.length };
    });
    const counts = (await this.gigs.posterOrganisations(1, 0, organisationId)).items[0];
    return {
      organisation: { ...r.organisation, gigs: counts?.gigs ?? 0, liveGigs: counts?.liveGigs ?? 0 },
      takenDown: r.takenDown,
    };
  }
}
