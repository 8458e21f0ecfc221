import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, DomainError, townshipByCode } from '@app/platform';
import { POLICY_REGISTRY } from '@app/subsidies';
import { PolicyRegistry, targetNumber } from '@app/subsidy-engine';
import { FairPlanRecord, FairRecord, FairRepository, VenueRecord, VenueTakenError } from './fair.repository';
import { FairMode, FairStatus, FairTheme, assertFairTimes, assertFairTransition } from './fair.rules';

export interface PlanFair {
  title: string;
  theme: FairTheme;
  mode: FairMode;
  startsAt: Date;
  endsAt: Date;
  seekerCapacity: number;
  boothCount: number;
  seekerRegistrationOpensAt: Date;
  seekerRegistrationClosesAt: Date;
  employerRegistrationOpensAt: Date;
  employerRegistrationClosesAt: Date;
  venueId?: string;
  townshipCode?: string;
  description?: string;
  industry?: string;
  livestreamUrl?: string;
}

/** What the public calendar shows: open, held and upcoming fairs (drafts and cancelled ones are staff's). */
export const PUBLIC_STATUSES: readonly FairStatus[] = ['open', 'closed', 'held', 'reported'];

/**
 * The employment center plans the year's fairs (专场招聘会): targets, venues, fairs and their
 * lifecycle (draft → open → closed → held → reported, or cancelled). A venue is never booked for
 * overlapping times (the database refuses it, also for simultaneous requests). Audited.
 */
@Injectable()
export class FairsService {
  constructor(
    @Inject(POLICY_REGISTRY) private readonly registry: PolicyRegistry,
    private readonly dataSource: DataSource,
    private readonly fairs: FairRepository,
    private readonly audit: AuditService,
  ) {}

  async plan(actor: AuthUser, f: PlanFair, requestId: string | null): Promise<FairRecord> {
    assertFairTimes(f);
    if (f.townshipCode && !townshipByCode(f.townshipCode))
      throw DomainError.invalid('townshipCode', 'no such township');
    if (f.mode !== 'online' && !f.venueId && !f.townshipCode) {
      throw DomainError.invalid('venueId', 'an on-site fair needs venueId or townshipCode');
    }
    const id = await this.dataSource.transaction(async (m) => {
      if (f.venueId) {
        const venue = await this.fairs.venue(f.venueId, m);
        if (!venue) throw DomainError.invalid('venueId', 'no such venue');
        if (f.boothCount > venue.boothCount) {
          throw DomainError.invalid('boothCount', `the venue has ${venue.boothCount} booths`);
        }
      }
      const newId = await this.fairs
        .insert(m, {
          title: f.title.trim(),
          theme: f.theme,
          mode: f.mode,
          description: f.description?.trim() || null,
          industry: f.industry?.trim() || null,
          startsAt: f.startsAt,
          endsAt: f.endsAt,
          seekerCapacity: f.seekerCapacity,
          boothCount: f.boothCount,
          seekerRegistrationOpensAt: f.seekerRegistrationOpensAt,
          seekerRegistrationClosesAt: f.seekerRegistrationClosesAt,
          employerRegistrationOpensAt: f.employerRegistrationOpensAt,
          employerRegistrationClosesAt: f.employerRegistrationClosesAt,
          venueId: f.venueId ?? null,
          townshipCode: f.townshipCode ?? null,
          livestreamUrl: f.livestreamUrl?.trim() || null,
          createdBy: actor.id,
        })
        .catch(venueConflict);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'fair.plan',
          targetType: 'fair',
          targetId: newId,
          requestId,
          details: { title: f.title, startsAt: f.startsAt.toISOString(), venueId: f.venueId ?? null },
          townshipCodes: [f.townshipCode],
        },
        m,
      );
      return newId;
    });
    return (await this.fairs.get(id)) as FairRecord;
  }

  /** A staff move of the fair's status; answers the fair (unchanged when it is there already). */
  async move(actor: AuthUser, id: string, to: FairStatus, requestId: string | null): Promise<FairRecord> {
    await this.dataSource.transaction(async (m) => {
      const fair = await this.fairs.get(id, m, true);
      if (!fair) throw DomainError.notFound('Fair');
      if (fair.status === to) return;
      assertFairTransition(fair.status, to);
      await this.fairs.setStatus(m, id, to).catch(venueConflict);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: `fair.${to}`,
          targetType: 'fair',
          targetId: id,
          requestId,
          details: { from: fair.status, to },
          townshipCodes: [fair.townshipCode],
        },
        m,
      );
    });
    return (await this.fairs.get(id)) as FairRecord;
  }

  async get(id: string, staffView: boolean): Promise<FairRecord> {
    const fair = await this.fairs.get(id);
    if (!fair || (!staffView && !PUBLIC_STATUSES.includes(fair.status))) throw DomainError.notFound('Fair');
    return fair;
  }

  list(
    f: { statuses?: readonly FairStatus[]; from?: Date; to?: Date },
    limit: number,
    offset: number,
  ): Promise<{ rows: FairRecord[]; total: number }> {
    return this.fairs.page(f, limit, offset);
  }

  ofYear(year: number): Promise<FairRecord[]> {
    return this.fairs.ofYear(year);
  }

  async yearPlan(year: number): Promise<FairPlanRecord> {
    return (
      (await this.fairs.plan(year)) ?? {
        year,
        // Until staff set the year's plan, the policy pack's targets (一(一): 18 fairs, 1,000 hires in 2023).
        fairsTarget: targetNumber(this.registry.list(), year, 'fairs-held') ?? 0,
        hiresTarget: targetNumber(this.registry.list(), year, 'fair-hires') ?? 0,
        note: null,
      }
    );
  }

  async saveYearPlan(actor: AuthUser, p: FairPlanRecord, requestId: string | null): Promise<FairPlanRecord> {
    await this.dataSource.transaction(async (m) => {
      await this.fairs.savePlan(p, m);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'fair-plan.save',
          targetType: 'fair-plan',
          targetId: String(p.year),
          requestId,
          details: { fairsTarget: p.fairsTarget, hiresTarget: p.hiresTarget },
        },
        m,
      );
    });
    return this.yearPlan(p.year);
  }

  async addVenue(v: Omit<VenueRecord, 'id'>): Promise<VenueRecord> {
    if (v.townshipCode && !townshipByCode(v.townshipCode))
      throw DomainError.invalid('townshipCode', 'no such township');
    const id = await this.fairs.insertVenue({ ...v, name: v.name.trim() });
    if (!id) throw DomainError.conflict('venue.duplicate', 'name: a venue of this name exists');
    return (await this.fairs.venue(id)) as VenueRecord;
  }

  venues(): Promise<VenueRecord[]> {
    return this.fairs.venues();
  }
}

function venueConflict(err: unknown): never {
  if (err instanceof VenueTakenError) {
    throw new DomainError(
      'fair.venue-taken',
      'startsAt: the venue is booked for another fair at these times',
      409,
      [{ field: 'startsAt', message: 'the venue is booked for another fair at these times' }],
    );
  }
  throw err;
}
