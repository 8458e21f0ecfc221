import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { UserDirectory } from '@app/identity';
import { AuthUser, DomainError, Role } from '@app/platform';
import { FairRepository } from './fair.repository';
import {
  EmployerRegistrationRecord,
  FairRegistrationRepository,
  InterviewSlotRecord,
} from './fair-registration.repository';

export const MAX_SLOTS_PER_REQUEST = 100;

/**
 * At the booth (展位): the interview slots an enterprise offers — each booked once, a seeker never
 * in two overlapping ones (the database holds both, also for simultaneous bookings) — and the
 * visits it records by scanning a seeker's ticket, with the résumé received or not.
 */
@Injectable()
export class FairBooth {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fairs: FairRepository,
    private readonly registrations: FairRegistrationRepository,
    private readonly directory: UserDirectory,
  ) {}

  async offerSlots(
    actor: AuthUser,
    registrationId: string,
    slots: readonly { startsAt: Date; endsAt: Date }[],
  ): Promise<InterviewSlotRecord[]> {
    const reg = await this.ownRegistration(actor, registrationId);
    const fair = (await this.fairs.get(reg.fairId))!;
    slots.forEach((s, i) => {
      if (s.endsAt <= s.startsAt) throw DomainError.invalid(`slots[${i}].endsAt`, 'must be after startsAt');
      if (s.startsAt < fair.startsAt || s.endsAt > fair.endsAt) {
        throw DomainError.invalid(`slots[${i}].startsAt`, 'must be within the fair’s time');
      }
    });
    await this.dataSource.transaction((m) => this.registrations.insertSlots(m, fair.id, reg.id, slots));
    return this.registrations.slotsOfFair(fair.id, reg.id);
  }

  slots(fairId: string): Promise<InterviewSlotRecord[]> {
    return this.registrations.slotsOfFair(fairId);
  }

  async book(actor: AuthUser, slotId: string): Promise<InterviewSlotRecord> {
    const slot = await this.registrations.slot(slotId);
    if (!slot) throw DomainError.notFound('Interview slot');
    const mine = await this.registrations.activeOfSeeker(this.dataSource.manager, slot.fairId, actor.id);
    if (mine?.status !== 'confirmed') {
      throw DomainError.conflict(
        'fair.not-registered',
        'Book an interview after your registration for this fair is confirmed',
      );
    }
    if (slot.seekerUserId === actor.id) return slot;
    const booked = await this.registrations.book(slotId, actor.id).catch((err: unknown) => {
      const e = err as { code?: string; constraint?: string };
      if (err instanceof QueryFailedError && e.code === '23P01' && e.constraint === 'fair_slot_seeker_free') {
        throw DomainError.conflict('fair.slot-overlaps', 'You have another interview at this time');
      }
      throw err;
    });
    if (!booked)
      throw DomainError.conflict('fair.slot-taken', 'This interview slot is booked by someone else');
    return (await this.registrations.slot(slotId))!;
  }

  async unbook(actor: AuthUser, slotId: string): Promise<InterviewSlotRecord> {
    if (!(await this.registrations.unbook(slotId, actor.id))) throw DomainError.notFound('Booking');
    return (await this.registrations.slot(slotId))!;
  }

  /** The enterprise scans a seeker's ticket at its booth: a visit (once), the résumé if received. */
  async visit(
    actor: AuthUser,
    fairId: string,
    v: { ticketCode: string; resumeReceived: boolean },
  ): Promise<{
    seekerUserId: string;
    seekerDisplayName: string;
    visitedAt: Date;
    resumeReceived: boolean;
    created: boolean;
  }> {
    if (actor.role !== Role.Employer || !actor.organisationId) throw DomainError.forbidden();
    const reg = await this.registrations.activeOfEmployer(fairId, actor.organisationId);
    if (reg?.status !== 'approved')
      throw DomainError.conflict('fair.not-approved', 'Your enterprise has no booth at this fair');
    const seeker = await this.registrations.confirmedByTicket(fairId, v.ticketCode);
    if (!seeker) {
      throw new DomainError(
        'fair.unknown-ticket',
        'ticketCode: no confirmed registration of this fair has this ticket',
        404,
        [{ field: 'ticketCode', message: 'unknown ticket, or a ticket of another fair' }],
      );
    }
    const r = await this.registrations.recordVisit(
      fairId,
      reg.id,
      seeker.seekerUserId,
      v.resumeReceived,
      actor.id,
    );
    const who = (await this.directory.summaries([seeker.seekerUserId])).get(seeker.seekerUserId);
    return { seekerUserId: seeker.seekerUserId, seekerDisplayName: who?.displayName ?? '', ...r };
  }

  /** The employer's own registration (approved), or staff for any. */
  private async ownRegistration(actor: AuthUser, id: string): Promise<EmployerRegistrationRecord> {
    const reg = await this.registrations.employerRegistration(id);
    const staff = actor.role === Role.Staff || actor.role === Role.Admin;
    if (!reg || (!staff && reg.employerOrganisationId !== actor.organisationId))
      throw DomainError.notFound('Registration');
    if (reg.status !== 'approved')
      throw DomainError.conflict('fair.not-approved', 'Only an approved enterprise offers interviews');
    return reg;
  }
}
