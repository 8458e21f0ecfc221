import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '@app/audit';
import { UserDirectory } from '@app/identity';
import { NotificationService } from '@app/notifications';
import { AuthUser, DomainError, Role } from '@app/platform';
import { FairRecord, FairRepository } from './fair.repository';
import { FairRegistrationRepository, SeekerRegistrationRecord } from './fair-registration.repository';
import { assertWindow, newTicketCode } from './fair.rules';

/**
 * Seekers' registrations for a fair: confirmed up to the fair's capacity, then a waiting list in
 * order; cancelling a confirmed place confirms the first waiting. Every change runs under the
 * fair's row lock, so the count never passes the capacity and the list keeps its order, however
 * many requests arrive at once; one active registration per seeker (a unique index besides).
 */
@Injectable()
export class FairSeekers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fairs: FairRepository,
    private readonly registrations: FairRegistrationRepository,
    private readonly directory: UserDirectory,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
  ) {}

  /** Registers the seeker; `created` false when the seeker's registration existed (answered as it is). */
  async register(
    actor: AuthUser,
    fairId: string,
  ): Promise<{ registration: SeekerRegistrationRecord; created: boolean }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (m) => {
          const fair = await this.fairs.get(fairId, m, true);
          if (!fair || fair.status === 'draft' || fair.status === 'cancelled')
            throw DomainError.notFound('Fair');
          const existing = await this.registrations.activeOfSeeker(m, fairId, actor.id);
          if (existing) return { registration: existing, created: false };
          assertWindow(
            fair.status,
            fair.seekerRegistrationOpensAt,
            fair.seekerRegistrationClosesAt,
            new Date(),
            'seeker',
          );
          const id = await this.add(m, fair, actor.id, false);
          return {
            registration: (await this.registrations.seekerRegistration(id, m)) as SeekerRegistrationRecord,
            created: true,
          };
        });
      } catch (err) {
        // The unique index met a concurrent first registration of this seeker: answer that one.
        if (attempt === 0 && isOneActive(err)) continue;
        throw err;
      }
    }
  }

  /** Staff register a walk-in at the door (现场登记): confirmed beyond the capacity, checked in by the scan. */
  async walkIn(
    actor: AuthUser,
    fairId: string,
    seekerUserId: string,
    requestId: string | null,
  ): Promise<SeekerRegistrationRecord> {
    const who = (await this.directory.summaries([seekerUserId])).get(seekerUserId);
    if (!who || who.role !== Role.Seeker) throw DomainError.invalid('seekerUserId', 'no such seeker');
    return this.dataSource.transaction(async (m) => {
      const fair = await this.fairs.get(fairId, m, true);
      if (!fair || fair.status === 'draft' || fair.status === 'cancelled') throw DomainError.notFound('Fair');
      const existing = await this.registrations.activeOfSeeker(m, fairId, seekerUserId);
      if (existing?.status === 'confirmed') return existing;
      if (existing) await this.registrations.cancelSeeker(m, existing.id);
      const id = await this.add(m, fair, seekerUserId, true);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'fair.walk-in',
          targetType: 'fair-registration',
          targetId: id,
          requestId,
          details: { fairId, seekerUserId },
          townshipCodes: [fair.townshipCode],
        },
        m,
      );
      return (await this.registrations.seekerRegistration(id, m)) as SeekerRegistrationRecord;
    });
  }

  async mine(actor: AuthUser, fairId: string): Promise<SeekerRegistrationRecord> {
    const r = await this.registrations.activeOfSeeker(this.dataSource.manager, fairId, actor.id);
    if (!r) throw DomainError.notFound('Registration');
    return r;
  }

  ofSeeker(actor: AuthUser): Promise<SeekerRegistrationRecord[]> {
    return this.registrations.ofSeeker(actor.id);
  }

  /** Cancels the seeker's registration; a confirmed place goes to the first waiting, who is told. */
  async cancel(actor: AuthUser, fairId: string): Promise<SeekerRegistrationRecord> {
    return this.dataSource.transaction(async (m) => {
      const fair = await this.fairs.get(fairId, m, true);
      if (!fair) throw DomainError.notFound('Fair');
      const r = await this.registrations.activeOfSeeker(m, fairId, actor.id);
      if (!r) throw DomainError.notFound('Registration');
      if (r.checkedInAt)
        throw DomainError.conflict('fair.already-attended', 'This registration was checked in at the door');
      await this.registrations.cancelSeeker(m, r.id);
      let confirmed = fair.confirmedCount;
      if (r.status === 'confirmed' && !r.walkIn) {
        confirmed--;
        if (confirmed < fair.seekerCapacity) {
          const promoted = await this.registrations.promoteFirst(m, fairId);
          if (promoted) {
            confirmed++;
            await this.tellPromoted(m, fair, promoted);
          }
        }
      }
      await this.fairs.setCounters(m, fairId, confirmed, fair.waitlistSeq);
      return (await this.registrations.seekerRegistration(r.id, m)) as SeekerRegistrationRecord;
    });
  }

  /** The seeker's own registration, for the ticket image; anyone else gets a 404. */
  async ticketOf(actor: AuthUser, registrationId: string): Promise<SeekerRegistrationRecord> {
    const r = await this.registrations.seekerRegistration(registrationId);
    if (!r || r.seekerUserId !== actor.id) throw DomainError.notFound('Registration');
    if (r.status !== 'confirmed')
      throw DomainError.conflict('fair.no-ticket', 'Only a confirmed registration has a ticket');
    return r;
  }

  seekersOfFair(
    fairId: string,
    status: SeekerRegistrationRecord['status'] | undefined,
    limit: number,
    offset: number,
  ) {
    return this.registrations.seekersOfFair(fairId, { status }, limit, offset);
  }

  /** A new registration under the fair's lock: a place while there is one (walk-ins always), else the list. */
  private async add(
    m: EntityManager,
    fair: FairRecord,
    seekerUserId: string,
    walkIn: boolean,
  ): Promise<string> {
    const place = walkIn || fair.confirmedCount < fair.seekerCapacity;
    const seq = place ? null : fair.waitlistSeq + 1;
    const id = await this.registrations.insertSeeker(m, {
      fairId: fair.id,
      seekerUserId,
      status: place ? 'confirmed' : 'waitlisted',
      waitlistSeq: seq,
      walkIn,
      ticketCode: newTicketCode(),
    });
    await this.fairs.setCounters(
      m,
      fair.id,
      fair.confirmedCount + (place && !walkIn ? 1 : 0),
      seq ?? fair.waitlistSeq,
    );
    return id;
  }

  private async tellPromoted(m: EntityManager, fair: FairRecord, registrationId: string): Promise<void> {
    const r = (await this.registrations.seekerRegistration(registrationId, m)) as SeekerRegistrationRecord;
    await this.notifications.notify(m, [
      {
        toUserId: r.seekerUserId,
        kind: 'fair.promoted',
        title: `候补成功：${fair.title}`,
        body: `您在「${fair.title}」的候补已转为正式报名，请凭入场二维码参加。`,
        subjectType: 'fair-registration',
        subjectId: r.id,
        dedupeKey: `fair-registration:${r.id}:promoted`,
      },
    ]);
  }
}

function isOneActive(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return err instanceof QueryFailedError && e.code === '23505' && e.constraint === 'fair_seeker_one_active';
}
