import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { HOME_COUNTY, Placements, RecordHire } from '@app/applications';
import { OrganisationsService, UserDirectory } from '@app/identity';
import { AuthUser, CountedRecord, DomainError, Role } from '@app/platform';
import { provinceOf } from '@app/platform/geo';
import { todayInChina } from '@app/platform/validation';
import { SeekerProfiles } from '@app/seekers';
import { POLICY_REGISTRY } from '@app/subsidies';
import { PolicyRegistry, targetNumber } from '@app/subsidy-engine';
import {
  CreateTripDto,
  ExportProgressView,
  MyTripsView,
  ParticipantView,
  TripDetailView,
  TripListView,
  TripView,
} from './labour-export.dto';
import { LabourExportRepository, ParticipantRecord, TripRecord } from './labour-export.repository';
import { PARTICIPANT_STATUS_NAMES, TripCounts, exportProgress, followUpDue } from './labour-export.rules';

const isStaff = (u: AuthUser) => u.role === Role.Staff || u.role === Role.Admin;

/** Organised labour export is the county center's work: township staff see the figures, not the people. */
function assertCounty(u: AuthUser): void {
  if (u.role === Role.Staff && u.townshipCode !== null)
    throw DomainError.forbidden(
      'Organised labour export is run by the county employment center',
      'county-staff-only',
    );
}
const noCounts = (tripId: string): TripCounts => ({
  tripId,
  enrolled: 0,
  departed: 0,
  placed: 0,
  stillEmployed: 0,
});

/**
 * 有组织劳务输出 (一(六)): staff plan trips out of the county; seekers enrol (or staff enrol them),
 * depart, and on arrival each hire is recorded as a Placement of the trip through RecordHire — in
 * the same transaction as the participant's step — so the referral fee (by location class) and the
 * transport subsidies are filed by the pipeline; a follow-up 3 months on says who is still there.
 */
@Injectable()
export class LabourExportService {
  constructor(
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    private readonly dataSource: DataSource,
    private readonly repo: LabourExportRepository,
    private readonly recordHire: RecordHire,
    private readonly placements: Placements,
    private readonly organisations: OrganisationsService,
    private readonly seekers: SeekerProfiles,
    private readonly directory: UserDirectory,
    private readonly audit: AuditService,
  ) {}

  async createTrip(actor: AuthUser, dto: CreateTripDto, requestId?: string): Promise<TripView> {
    assertCounty(actor);
    const province = provinceOf(dto.destination.province);
    if (!province) throw DomainError.invalid('destination.province', 'not a province of China, e.g. 江苏省');
    const county = dto.destination.county?.trim() || null;
    if (province === HOME_COUNTY.province && county === HOME_COUNTY.county)
      throw DomainError.invalid('destination.county', `a trip leaves ${HOME_COUNTY.county}`);
    if (dto.organisingAgencyId) {
      const agency = await this.organisations.get(dto.organisingAgencyId);
      if (agency?.kind !== 'agency')
        throw DomainError.invalid('organisingAgencyId', 'no such HR service organisation');
    }
    const id = await this.dataSource.transaction(async (m) => {
      const id = await this.repo.insertTrip(m, {
        province,
        city: dto.destination.city?.trim() || null,
        county,
        employerName: dto.employerName?.trim() || null,
        organisingAgencyId: dto.organisingAgencyId ?? null,
        departureDate: dto.departureDate,
        plannedHeadcount: dto.plannedHeadcount,
        stationContact: dto.stationContact?.trim() || null,
        note: dto.note?.trim() || null,
        createdBy: actor.id,
      });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'export-trip.create',
          targetType: 'export-trip',
          targetId: id,
          requestId,
          details: { province, departureDate: dto.departureDate, plannedHeadcount: dto.plannedHeadcount },
        },
        m,
      );
      return id;
    });
    return (await this.views([await this.tripOrThrow(id)]))[0];
  }

  async list(limit: number, offset: number): Promise<TripListView> {
    const { items, total } = await this.repo.trips({}, limit, offset);
    return { items: await this.views(items), total };
  }

  /** Trips departing from today on, not cancelled: what a seeker may enrol in (no personal data). */
  async upcoming(limit: number, offset: number): Promise<TripListView> {
    const { items, total } = await this.repo.trips({ fromDate: todayInChina() }, limit, offset);
    return { items: await this.views(items), total };
  }

  async detailFor(actor: AuthUser, id: string): Promise<TripDetailView> {
    assertCounty(actor);
    return this.detail(id);
  }

  async detail(id: string): Promise<TripDetailView> {
    const trip = await this.tripOrThrow(id);
    const [view] = await this.views([trip]);
    return { ...view, participants: await this.participantViews(await this.repo.participants(id)) };
  }

  async mine(actor: AuthUser): Promise<MyTripsView> {
    const mine = await this.repo.ofSeeker(actor.id);
    const trips = await this.views((await this.repo.trips({ ids: mine.map((p) => p.tripId) }, 100, 0)).items);
    const people = await this.participantViews(mine);
    return {
      items: mine.flatMap((p, i) => {
        const trip = trips.find((t) => t.id === p.tripId);
        return trip ? [{ trip, participation: people[i] }] : [];
      }),
    };
  }

  /** Staff enrol a seeker, or a seeker enrols themself; the first time 201, a repeat the same (200). */
  async enrol(
    actor: AuthUser,
    tripId: string,
    seekerUserId: string | undefined,
  ): Promise<{ participant: ParticipantView; created: boolean }> {
    const who = isStaff(actor) ? seekerUserId : (seekerUserId ?? actor.id);
    if (!who) throw DomainError.invalid('seekerUserId', 'is required');
    if (!isStaff(actor) && who !== actor.id) throw DomainError.forbidden('A seeker enrols only themself');
    if (isStaff(actor)) assertCounty(actor);
    const created = await this.dataSource.transaction(async (m) => {
      const trip = await this.repo.trip(tripId, m, true);
      if (!trip) throw DomainError.notFound('Trip');
      if (trip.cancelledAt) throw DomainError.conflict('trip-cancelled', 'The trip was cancelled');
      // A seeker enrols before the trip leaves; staff may record a late enrolment.
      if (!isStaff(actor) && trip.departureDate < todayInChina())
        throw DomainError.conflict('trip-departed', 'The trip has left; ask the employment center');
      if (!(await this.directory.isSeeker(who, m))) throw DomainError.notFound('Seeker');
      const profile = (await this.seekers.records([who], m)).get(who);
      const groups: readonly string[] = profile?.groups ?? [];
      try {
        return await this.repo.enrol(m, {
          tripId,
          seekerUserId: who,
          ruralLabourer: groups.includes('rural-labourer'),
          povertyAlleviated: groups.includes('poverty-alleviated'),
          by: actor.id,
        });
      } catch (err) {
        if ((err as { constraint?: string }).constraint === 'export_participant_one_trip')
          throw DomainError.conflict(
            'on-another-trip',
            'The person is enrolled on another trip not yet done',
          );
        throw err;
      }
    });
    return { participant: await this.participantOrThrow(tripId, who), created };
  }

  /** 出发: the enrolled participants (or the named ones) set off. */
  async depart(
    actor: AuthUser,
    tripId: string,
    d: { departedOn?: string; seekerUserIds?: string[] },
  ): Promise<TripDetailView> {
    assertCounty(actor);
    await this.dataSource.transaction(async (m) => {
      const trip = await this.repo.trip(tripId, m, true);
      if (!trip) throw DomainError.notFound('Trip');
      if (trip.cancelledAt) throw DomainError.conflict('trip-cancelled', 'The trip was cancelled');
      const on = d.departedOn ?? trip.departureDate;
      if (on > todayInChina())
        throw DomainError.invalid('departedOn', 'a departure is confirmed once it happened');
      if (on < trip.departureDate)
        throw DomainError.invalid('departedOn', `the trip departs on ${trip.departureDate}`);
      const n = await this.repo.depart(m, tripId, on, d.seekerUserIds);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'export-trip.depart',
          targetType: 'export-trip',
          targetId: tripId,
          details: { departedOn: on, participants: n },
        },
        m,
      );
    });
    return this.detail(tripId);
  }

  /**
   * On arrival, the participant's hire (到岗): a Placement of the trip at its destination, recorded
   * through RecordHire inside this transaction with the participant's step — both or neither. One
   * enrolled but not yet marked departed is departed on the trip's date. A start before the trip
   * departs is a 400.
   */
  async place(
    actor: AuthUser,
    tripId: string,
    seekerUserId: string,
    h: { employerOrganisationId: string; startDate: string; contractEndDate?: string },
    requestId: string | null,
  ): Promise<{ placementId: string; participant: ParticipantView }> {
    assertCounty(actor);
    if (h.startDate > todayInChina())
      throw DomainError.invalid('startDate', 'a hire is recorded once the work has started');
    const placementId = await this.dataSource.transaction(async (m: EntityManager) => {
      const trip = await this.repo.trip(tripId, m, true);
      if (!trip) throw DomainError.notFound('Trip');
      const p = await this.repo.participant(tripId, seekerUserId, m, true);
      if (!p) throw DomainError.notFound('Participant');
      if (p.status === 'placed')
        throw DomainError.conflict('already-placed', 'The participant was placed already');
      if (p.status === 'withdrawn' || trip.cancelledAt)
        throw DomainError.conflict('participant-withdrawn', 'The participant is no longer on the trip');
      const departedOn = p.departedOn ?? trip.departureDate;
      if (h.startDate < departedOn)
        throw DomainError.invalid('startDate', `the work cannot start before the departure on ${departedOn}`);
      const id = await this.recordHire.direct(
        actor,
        {
          employerOrganisationId: h.employerOrganisationId,
          seekerUserId,
          startDate: h.startDate,
          contractEndDate: h.contractEndDate ?? null,
          postKind: 'regular',
          employerSocialInsuranceMonthlyFen: null,
          outsideProvince: trip.province,
          outsideCity: trip.city ?? undefined,
          outsideCounty: trip.county ?? undefined,
          referringAgencyId: trip.organisingAgencyId ?? undefined,
          organisedExportTripId: trip.id,
          note: '有组织劳务输出',
        },
        requestId,
        m,
      );
      await this.repo.setStatus(m, tripId, seekerUserId, { status: 'placed', departedOn, placementId: id });
      return id;
    });
    return { placementId, participant: await this.participantOrThrow(tripId, seekerUserId) };
  }

  /** 稳岗回访: 3 months after the start or later, whether the person is still employed. */
  async followUp(
    actor: AuthUser,
    tripId: string,
    seekerUserId: string,
    f: { onDate: string; stillEmployed: boolean; note?: string },
  ): Promise<ParticipantView> {
    assertCounty(actor);
    await this.dataSource.transaction(async (m) => {
      const p = await this.repo.participant(tripId, seekerUserId, m, true);
      if (!p) throw DomainError.notFound('Participant');
      if (p.status !== 'placed' || !p.placementId)
        throw DomainError.conflict('not-placed', 'Only a placed participant is followed up');
      const start = (await this.placements.many([p.placementId], m)).get(p.placementId)?.startDate ?? null;
      if (start && f.onDate < followUpDue(start))
        throw DomainError.invalid('onDate', `the 3-month follow-up is due from ${followUpDue(start)}`);
      if (f.onDate > todayInChina())
        throw DomainError.invalid('onDate', 'the follow-up date is in the future');
      await this.repo.followUp(m, tripId, seekerUserId, {
        on: f.onDate,
        stillEmployed: f.stillEmployed,
        note: f.note?.trim() || null,
      });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'export-trip.follow-up',
          targetType: 'export-trip',
          targetId: tripId,
          details: { seekerUserId, stillEmployed: f.stillEmployed },
        },
        m,
      );
    });
    return this.participantOrThrow(tripId, seekerUserId);
  }

  /** Before placement, a participant leaves the trip (themself, or staff for them). */
  async withdraw(actor: AuthUser, tripId: string, seekerUserId: string): Promise<ParticipantView> {
    if (!isStaff(actor) && actor.id !== seekerUserId) throw DomainError.notFound('Participant');
    if (isStaff(actor)) assertCounty(actor);
    await this.dataSource.transaction(async (m) => {
      const p = await this.repo.participant(tripId, seekerUserId, m, true);
      if (!p) throw DomainError.notFound('Participant');
      if (p.status === 'placed')
        throw DomainError.conflict('already-placed', 'The participant was placed already');
      if (p.status !== 'withdrawn')
        await this.repo.setStatus(m, tripId, seekerUserId, { status: 'withdrawn' });
    });
    return this.participantOrThrow(tripId, seekerUserId);
  }

  async cancel(actor: AuthUser, tripId: string, reason: string): Promise<TripDetailView> {
    assertCounty(actor);
    await this.dataSource.transaction(async (m) => {
      const trip = await this.repo.trip(tripId, m, true);
      if (!trip) throw DomainError.notFound('Trip');
      if (trip.cancelledAt) return;
      const placed = (await this.repo.counts([tripId], m)).get(tripId)?.placed ?? 0;
      if (placed > 0)
        throw DomainError.conflict('trip-has-placements', 'People of this trip were placed already');
      await this.repo.cancelTrip(m, tripId, reason.trim());
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'export-trip.cancel',
          targetType: 'export-trip',
          targetId: tripId,
          reason: reason.trim(),
        },
        m,
      );
    });
    return this.detail(tripId);
  }

  async progress(year?: number): Promise<ExportProgressView> {
    const ids = year !== undefined ? await this.repo.tripsInYear(year) : undefined;
    const trips = (await this.repo.trips({ ids }, 1000, 0)).items.filter((t) => !t.cancelledAt);
    const counts = await this.repo.counts(trips.map((t) => t.id));
    // The year's targets (this year's when no year is asked); none set reads as 0.
    const targetYear = year ?? Number(todayInChina().slice(0, 4));
    const packs = this.registry.list();
    return {
      ...exportProgress(
        trips.length,
        trips.map((t) => counts.get(t.id) ?? noCounts(t.id)),
        {
          trips: targetNumber(packs, targetYear, 'export-trips') ?? 0,
          people: targetNumber(packs, targetYear, 'export-people') ?? 0,
        },
      ),
      byTrip: await this.views(trips, counts),
    };
  }

  /** The records behind the plan's figures (一(六)): the trips that left in the year, the people on them. */
  async plannedFigures(
    year: number,
    today: string,
  ): Promise<{ trips: CountedRecord[]; people: CountedRecord[] }> {
    const [trips, people] = await Promise.all([
      this.repo.departedTripsOfYear(year, today),
      this.repo.departuresOfYear(year),
    ]);
    return { trips, people };
  }

  private async tripOrThrow(id: string): Promise<TripRecord> {
    const t = await this.repo.trip(id);
    if (!t) throw DomainError.notFound('Trip');
    return t;
  }

  private async participantOrThrow(tripId: string, seekerUserId: string): Promise<ParticipantView> {
    const p = await this.repo.participant(tripId, seekerUserId);
    if (!p) throw DomainError.notFound('Participant');
    return (await this.participantViews([p]))[0];
  }

  private async views(trips: TripRecord[], known?: Map<string, TripCounts>): Promise<TripView[]> {
    const counts = known ?? (await this.repo.counts(trips.map((t) => t.id)));
    const agencies = await this.organisations.byIds(
      trips.map((t) => t.organisingAgencyId).filter((x): x is string => !!x),
    );
    return trips.map((t) => {
      const c = counts.get(t.id) ?? noCounts(t.id);
      return {
        id: t.id,
        destination: { province: t.province, city: t.city, county: t.county },
        destinationText: `${t.province}${t.city ?? ''}${t.county ?? ''}`,
        crossProvince: t.province !== HOME_COUNTY.province,
        employerName: t.employerName,
        organisingAgencyId: t.organisingAgencyId,
        organisingAgencyName: t.organisingAgencyId
          ? (agencies.get(t.organisingAgencyId)?.name ?? null)
          : null,
        departureDate: t.departureDate,
        plannedHeadcount: t.plannedHeadcount,
        stationContact: t.stationContact,
        note: t.note,
        cancelled: t.cancelledAt !== null,
        cancelReason: t.cancelReason,
        counts: {
          enrolled: c.enrolled,
          departed: c.departed,
          placed: c.placed,
          stillEmployed: c.stillEmployed,
        },
        createdAt: t.createdAt.toISOString(),
      };
    });
  }

  private async participantViews(ps: ParticipantRecord[]): Promise<ParticipantView[]> {
    const people = await this.directory.summaries(ps.map((p) => p.seekerUserId));
    return ps.map((p) => ({
      tripId: p.tripId,
      seekerUserId: p.seekerUserId,
      displayName: people.get(p.seekerUserId)?.displayName ?? '',
      status: p.status,
      statusName: PARTICIPANT_STATUS_NAMES[p.status],
      ruralLabourer: p.ruralLabourer,
      povertyAlleviated: p.povertyAlleviated,
      departedOn: p.departedOn,
      placementId: p.placementId,
      followUpOn: p.followUpOn,
      stillEmployed: p.stillEmployed,
      followUpNote: p.followUpNote,
      enrolledAt: p.enrolledAt.toISOString(),
    }));
  }
}
