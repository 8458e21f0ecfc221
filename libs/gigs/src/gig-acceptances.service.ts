import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '@app/audit';
import { UserDirectory, UsersService } from '@app/identity';
import { NotificationService } from '@app/notifications';
import { AuthUser, DomainError, JobName, OutboxService, Role, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { AcceptanceRecord, GigRecord, GigRepository } from './gig.repository';
import { ageOn } from './gig.rules';
import { isPosterOf, isStaffSide } from './gigs.service';

export type WorkStep =
  | { kind: 'check-in'; townshipCode: string; at?: Date }
  | { kind: 'check-out'; townshipCode: string; at?: Date }
  | { kind: 'complete'; wagePaidFen: number }
  | { kind: 'no-show' }
  | { kind: 'wage-received' };

/**
 * Taking a gig (抢单) and doing it. Every change of who holds a place runs under the gig's row
 * lock and moves its counter in the same statement as the status (CHECK accepted ≤ headcount
 * besides), so a hundred workers accepting a five-person gig at once leave exactly five accepted.
 */
@Injectable()
export class GigAcceptances {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gigs: GigRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly directory: UserDirectory,
    private readonly notifications: NotificationService,
  ) {}

  /** 201 a place taken; `created` false: the worker held it already (the first acceptance, 200). */
  async accept(
    actor: AuthUser,
    gigId: string,
    now = new Date(),
  ): Promise<{ acceptance: AcceptanceRecord; created: boolean }> {
    const birth = await this.users.seekerBirthFacts(actor.id);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (m) => {
          const g = await this.gigs.get(gigId, m, true);
          if (!g || g.status === 'pending-review' || g.status === 'rejected')
            throw DomainError.notFound('Gig');
          const mine = await this.gigs.acceptance(gigId, actor.id, m);
          if (mine?.status === 'accepted') return { acceptance: mine, created: false };
          if (g.posterUserId === actor.id)
            throw DomainError.conflict('own-gig', 'A poster does not take their own gig');
          if (g.status === 'filled')
            throw DomainError.conflict('gig-full', 'Every place of this gig is taken');
          if (g.status !== 'open' || g.date < todayInChina(now.getTime()))
            throw DomainError.conflict(
              'gig-not-open',
              `The gig is ${g.status === 'open' ? 'past' : g.status}`,
            );
          if (mine?.status === 'cancelled')
            throw DomainError.conflict(
              'acceptance-cancelled',
              'The poster cancelled this worker on this gig',
            );
          if (
            g.ageMax !== null &&
            birth &&
            typeof birth === 'object' &&
            ageOn(birth.birthDate, g.date) > g.ageMax
          ) {
            throw new DomainError('age-limit', `The gig takes workers up to ${g.ageMax}`, 422, [
              { field: 'ageMax', message: `年龄超过 ${g.ageMax} 岁的上限` },
            ]);
          }
          const id = await this.gigs.putAcceptance(m, gigId, actor.id, 'accepted', null);
          await this.gigs.moveAccepted(m, gigId, 1);
          await this.outbox.add(m, JobName.GigChanged, { gigId });
          await this.notifyPoster(
            m,
            g,
            `有人接单：${g.title}`,
            `已有工人接下「${g.title}」（${g.date}）。`,
            `gig-acceptance:${id}:accepted`,
            id,
          );
          return { acceptance: (await this.gigs.acceptanceById(id, m)) as AcceptanceRecord, created: true };
        });
      } catch (err) {
        // Two first acceptances of one worker at once: the unique pair met; answer the first.
        if (attempt === 0 && err instanceof QueryFailedError && (err as { code?: string }).code === '23505')
          continue;
        throw err;
      }
    }
  }

  /** The worker gives the place back (退出) before the gig; the next worker can take it. */
  async withdraw(actor: AuthUser, gigId: string, reason: string | null): Promise<AcceptanceRecord> {
    return this.dataSource.transaction(async (m) => {
      const g = await this.gigs.get(gigId, m, true);
      const a = g && (await this.gigs.acceptance(gigId, actor.id, m));
      if (!g || !a) throw DomainError.notFound('Acceptance');
      if (a.status === 'invited') {
        await this.gigs.endAcceptance(m, a.id, 'declined', reason);
      } else if (a.status === 'accepted') {
        if (a.checkedInAt)
          throw DomainError.conflict('already-checked-in', 'Checked in already: raise a dispute instead');
        await this.gigs.endAcceptance(m, a.id, 'withdrawn', reason);
        await this.gigs.moveAccepted(m, gigId, -1);
        await this.outbox.add(m, JobName.GigChanged, { gigId });
        await this.notifyPoster(
          m,
          g,
          `工人退出：${g.title}`,
          `一名工人退出了「${g.title}」，名额已重新开放。`,
          `gig-acceptance:${a.id}:withdrawn:${Date.now()}`,
          a.id,
        );
      }
      return (await this.gigs.acceptanceById(a.id, m)) as AcceptanceRecord;
    });
  }

  /** The poster invites an available worker (邀请); it holds no place until the worker accepts. */
  async invite(
    actor: AuthUser,
    gigId: string,
    workerUserId: string,
  ): Promise<{ acceptance: AcceptanceRecord; created: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const g = await this.gigs.get(gigId, m, true);
      if (!g || (!isStaffSide(actor) && !isPosterOf(actor, g))) throw DomainError.notFound('Gig');
      if (g.status !== 'open')
        throw DomainError.conflict(
          g.status === 'filled' ? 'gig-full' : 'gig-not-open',
          `The gig is ${g.status}`,
        );
      if ((await this.directory.roleOf(workerUserId, m)) !== Role.Seeker)
        throw DomainError.invalid('workerUserId', 'no such worker');
      const existing = await this.gigs.acceptance(gigId, workerUserId, m);
      if (existing && (existing.status === 'accepted' || existing.status === 'invited'))
        return { acceptance: existing, created: false };
      if (existing?.status === 'cancelled')
        throw DomainError.conflict('acceptance-cancelled', 'This worker was cancelled on this gig');
      const id = await this.gigs.putAcceptance(m, gigId, workerUserId, 'invited', actor.id);
      await this.notifications.notify(m, [
        {
          toUserId: workerUserId,
          kind: 'gig.invited',
          title: `零工邀请：${g.title}`,
          body: `${g.date} ${g.startTime}—${g.endTime}，${townshipByCode(g.townshipCode)?.name ?? ''}。打开「我的零工」接单或婉拒。`,
          subjectType: 'gig',
          subjectId: g.id,
          dedupeKey: `gig-acceptance:${id}:invited`,
        },
      ]);
      return { acceptance: (await this.gigs.acceptanceById(id, m)) as AcceptanceRecord, created: true };
    });
  }

  /** The poster cancels one worker (with a reason): the place opens again. */
  async cancelWorker(
    actor: AuthUser,
    gigId: string,
    workerUserId: string,
    reason: string,
  ): Promise<AcceptanceRecord> {
    return this.dataSource.transaction(async (m) => {
      const g = await this.gigs.get(gigId, m, true);
      if (!g || (!isStaffSide(actor) && !isPosterOf(actor, g))) throw DomainError.notFound('Gig');
      const a = await this.gigs.acceptance(gigId, workerUserId, m);
      if (!a || (a.status !== 'accepted' && a.status !== 'invited')) throw DomainError.notFound('Acceptance');
      await this.gigs.endAcceptance(m, a.id, 'cancelled', reason);
      if (a.status === 'accepted') await this.gigs.moveAccepted(m, gigId, -1);
      await this.outbox.add(m, JobName.GigChanged, { gigId });
      await this.notifications.notify(m, [
        {
          toUserId: workerUserId,
          kind: 'gig.cancelled',
          title: `零工已取消：${g.title}`,
          body: `发布方取消了您的这单零工。原因：${reason}`,
          subjectType: 'gig',
          subjectId: g.id,
          dedupeKey: `gig-acceptance:${a.id}:cancelled`,
        },
      ]);
      return (await this.gigs.acceptanceById(a.id, m)) as AcceptanceRecord;
    });
  }

  /**
   * One step of doing the gig. The worker checks in and out and confirms the wage received; the
   * poster confirms completion with the wage paid, or records a no-show. Repeats change nothing.
   */
  async step(
    actor: AuthUser,
    acceptanceId: string,
    s: WorkStep,
    requestId?: string,
  ): Promise<{ acceptance: AcceptanceRecord; gig: GigRecord }> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.gigs.acceptanceById(acceptanceId, m, true);
      const g = a && (await this.gigs.get(a.gigId, m));
      if (!a || !g) throw DomainError.notFound('Acceptance');
      const worker = actor.id === a.workerUserId;
      const poster = isPosterOf(actor, g) || isStaffSide(actor);
      const workerStep = s.kind === 'check-in' || s.kind === 'check-out' || s.kind === 'wage-received';
      if (workerStep ? !worker : !poster) throw DomainError.notFound('Acceptance');
      if (a.status !== 'accepted')
        throw DomainError.conflict('acceptance-not-active', `The acceptance is ${a.status}`);
      const now = new Date();
      switch (s.kind) {
        case 'check-in':
        case 'check-out': {
          if (!townshipByCode(s.townshipCode))
            throw DomainError.invalid('townshipCode', 'unknown township code');
          const at = s.at ?? now;
          if (at.getTime() > now.getTime() + 5 * 60_000)
            throw DomainError.invalid('at', 'a time in the future');
          if (s.kind === 'check-out') {
            if (!a.checkedInAt) throw DomainError.invalid('at', 'check in before checking out');
            if (at < a.checkedInAt) throw DomainError.invalid('at', 'check-out before check-in');
          }
          await this.gigs.recordStep(m, a.id, { kind: s.kind, at, townshipCode: s.townshipCode });
          break;
        }
        case 'complete':
          if (a.noShow) throw DomainError.conflict('no-show', 'Recorded as a no-show');
          await this.gigs.recordStep(m, a.id, { kind: 'complete' });
          await this.gigs.recordStep(m, a.id, { kind: 'wage-paid', fen: s.wagePaidFen });
          await this.notifications.notify(m, [
            {
              toUserId: a.workerUserId,
              kind: 'gig.wage-paid',
              title: `请确认工钱：${g.title}`,
              body: `发布方确认活已干完，并已付工钱 ${(s.wagePaidFen / 100).toFixed(2)} 元。收到请在「我的零工」确认；没收到可发起纠纷。`,
              subjectType: 'gig-acceptance',
              subjectId: a.id,
              dedupeKey: `gig-acceptance:${a.id}:wage-paid`,
            },
          ]);
          break;
        case 'no-show':
          if (a.checkedInAt) throw DomainError.conflict('checked-in', 'The worker checked in');
          await this.gigs.recordStep(m, a.id, { kind: 'no-show' });
          break;
        case 'wage-received':
          if (!a.wagePaidAt)
            throw DomainError.conflict('wage-not-confirmed', 'The poster has not confirmed the wage yet');
          await this.gigs.recordStep(m, a.id, { kind: 'wage-received' });
          break;
      }
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: `gig.${s.kind}`,
          targetType: 'gig-acceptance',
          targetId: a.id,
          requestId,
          townshipCodes: [g.townshipCode],
        },
        m,
      );
      return { acceptance: (await this.gigs.acceptanceById(a.id, m)) as AcceptanceRecord, gig: g };
    });
  }

  /** Both sides rate each other once the gig was done (or a no-show recorded). */
  async rate(
    actor: AuthUser,
    acceptanceId: string,
    stars: number,
    comment: string | null,
  ): Promise<{ created: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.gigs.acceptanceById(acceptanceId, m);
      const g = a && (await this.gigs.get(a.gigId, m));
      if (!a || !g) throw DomainError.notFound('Acceptance');
      const side = actor.id === a.workerUserId ? 'worker' : isPosterOf(actor, g) ? 'poster' : null;
      if (!side) throw DomainError.notFound('Acceptance');
      if (!a.completedAt && !a.noShow && !a.checkedOutAt)
        throw DomainError.conflict('not-done', 'Rate after the gig is done');
      return {
        created: await this.gigs.rate(m, { acceptanceId, side, raterUserId: actor.id, stars, comment }),
      };
    });
  }

  /** Who took the gig, for its poster and staff. */
  async ofGig(actor: AuthUser, gigId: string): Promise<{ gig: GigRecord; acceptances: AcceptanceRecord[] }> {
    const g = await this.gigs.get(gigId);
    if (!g || (!isStaffSide(actor) && !isPosterOf(actor, g))) throw DomainError.notFound('Gig');
    return { gig: g, acceptances: await this.gigs.acceptancesOfGig(gigId) };
  }

  mineOf(gigId: string, workerUserId: string): Promise<AcceptanceRecord | null> {
    return this.gigs.acceptance(gigId, workerUserId);
  }

  mine(actor: AuthUser, limit: number, offset: number) {
    return this.gigs.acceptancesOfWorker(actor.id, limit, offset);
  }

  ratingsOf(ids: readonly string[]) {
    return this.gigs.ratingsOf(ids);
  }

  standing(ids: readonly string[]) {
    return this.gigs.workerStanding(ids);
  }

  private notifyPoster(
    m: EntityManager,
    g: GigRecord,
    title: string,
    body: string,
    dedupeKey: string,
    subjectId: string,
  ) {
    return this.notifications.notify(m, [
      {
        toUserId: g.posterUserId,
        kind: 'gig.taken',
        title,
        body,
        subjectType: 'gig-acceptance',
        subjectId,
        dedupeKey,
      },
    ]);
  }
}
