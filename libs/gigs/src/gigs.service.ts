import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { OrganisationSummary, OrganisationsService, PiiCipher, UsersService } from '@app/identity';
import { AuthUser, DomainError, JobName, OutboxService, Role, townshipByCode } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { screenListing } from '@app/screening';
import { AvailabilityRecord, GigRecord, GigRepository } from './gig.repository';
import {
  GigStatus,
  PayUnit,
  PosterKind,
  SUSPEND_AFTER_UPHELD_REPORTS,
  chinaInstant,
  isoWeekday,
} from './gig.rules';

/** The purpose a gig's contact phone is encrypted under (AAD). */
export const GIG_CONTACT_PHONE = 'gigs.contact_phone';

export interface PostGig {
  title: string;
  trade: string;
  date: string;
  startTime: string;
  endTime: string;
  townshipCode: string;
  address?: string | null;
  payFen: number;
  payUnit: PayUnit;
  headcount: number;
  description?: string | null;
  ageMax?: number | null;
  olderWorkersWelcome?: boolean;
  certificates?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  /** Staff posting for someone who cannot (a household, an old farmer): who it is for. */
  onBehalfOf?: string | null;
}

export interface Availability {
  trades: string[];
  weekdays: number[];
  townshipCodes: string[];
  homeTownship: string;
  expectedPayFen?: number | null;
  payUnit?: PayUnit | null;
  note?: string | null;
  active?: boolean;
}

const STAFF = new Set<string>([Role.Staff, Role.Admin]);
export const isStaffSide = (u: AuthUser | undefined): boolean => !!u && STAFF.has(u.role);

/** Whether `u` posted the gig (for an organisation: anyone of it). */
export function isPosterOf(
  u: AuthUser | undefined,
  g: Pick<GigRecord, 'posterUserId' | 'posterOrganisationId'>,
): boolean {
  if (!u) return false;
  if (g.posterOrganisationId) return u.organisationId === g.posterOrganisationId;
  return u.id === g.posterUserId;
}

/**
 * Gigs (零工): posting (only by verified posters, screened by the rules before going live),
 * staff review, cancellation, reads, availability, gig points. Every change to what the search
 * shows writes a `search.gig-changed` outbox row in its transaction.
 */
@Injectable()
export class GigsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gigs: GigRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly cipher: PiiCipher,
    private readonly organisations: OrganisationsService,
  ) {}

  records(ids: readonly string[]): Promise<GigRecord[]> {
    return this.gigs.many(ids);
  }

  /** Posting organisations by id: their names and the staff check (单位核验). */
  async posterOrganisations(ids: readonly string[]): Promise<Map<string, OrganisationSummary>> {
    return this.organisations.byIds(ids);
  }

  /** Who may post, and as what: employers and agencies by their organisation, staff, real-name residents. */
  private async posterKindOf(actor: AuthUser): Promise<PosterKind> {
    switch (actor.role) {
      case Role.Employer:
      case Role.Agency:
        if (!actor.organisationId)
          throw DomainError.forbidden('No organisation on this account', 'poster-not-verified');
        // Whether staff failed the organisation is read in the insert's transaction (notFailed).
        return actor.role === Role.Employer ? 'employer' : 'agency';
      case Role.Staff:
      case Role.Admin:
        return 'staff';
      case Role.Seeker: {
        // 实名: a resident posts only with a resident ID number on file.
        const facts = await this.users.seekerBirthFacts(actor.id);
        if (!facts || facts === 'none' || facts === 'unreadable') {
          throw new DomainError(
            'real-name-required',
            'A resident posts gigs only after real-name registration (a resident ID number on the account)',
            403,
          );
        }
        return 'resident';
      }
      default:
        throw DomainError.forbidden();
    }
  }

  /**
   * Staff found the organisation not to be what it claims (单位核验未通过): no gigs. Read under a
   * share lock in the insert's transaction, so a failed check committing at the same moment either
   * is seen here or, waiting for this transaction, takes the new gig down with the others.
   */
  private async notFailed(m: EntityManager, organisationId: string): Promise<void> {
    if ((await this.organisations.checkStatusLocked(m, organisationId)) === 'failed')
      throw DomainError.forbidden(
        'The employment center could not verify this organisation; contact it to post gigs',
        'poster-not-verified',
      );
  }

  async post(actor: AuthUser, g: PostGig, requestId?: string, now = new Date()): Promise<GigRecord> {
    if (!townshipByCode(g.townshipCode)) throw DomainError.invalid('townshipCode', 'unknown township code');
    const today = todayInChina(now.getTime());
    if (g.date < today) throw DomainError.invalid('date', 'the gig day has passed');
    if (g.endTime <= g.startTime) throw DomainError.invalid('endTime', 'endTime must be after startTime');
    if (g.date === today && chinaInstant(g.date, g.endTime) <= now)
      throw DomainError.invalid('endTime', 'the gig would end before now');
    const kind = await this.posterKindOf(actor);
    if (kind !== 'staff' && g.onBehalfOf)
      throw DomainError.invalid('onBehalfOf', 'only staff post on behalf of someone');
    const poster = {
      userId: actor.id,
      organisationId: kind === 'staff' || kind === 'resident' ? null : actor.organisationId,
    };
    if ((await this.gigs.upheldReportsAgainst(poster)) >= SUSPEND_AFTER_UPHELD_REPORTS) {
      throw new DomainError(
        'poster-suspended',
        'Posting is suspended after upheld reports; contact the employment center',
        403,
      );
    }
    const flags = screenListing({
      title: g.title,
      description: g.description,
      contact: g.contactName,
      trade: g.trade,
      payFen: g.payFen,
      payUnit: g.payUnit,
    });
    // Staff posts are checked by staff already; everyone else's flagged gig waits for review.
    const status: GigStatus = flags.length > 0 && kind !== 'staff' ? 'pending-review' : 'open';
    const id = await this.dataSource.transaction(async (m) => {
      if (poster.organisationId) await this.notFailed(m, poster.organisationId);
      const id = await this.gigs.insert(m, {
        title: g.title.trim(),
        trade: g.trade.trim(),
        description: g.description?.trim() ?? '',
        date: g.date,
        startTime: g.startTime,
        endTime: g.endTime,
        townshipCode: g.townshipCode,
        address: g.address?.trim() || null,
        payFen: g.payFen,
        payUnit: g.payUnit,
        headcount: g.headcount,
        ageMax: g.ageMax ?? null,
        olderWorkersWelcome: g.olderWorkersWelcome ?? false,
        certificates: g.certificates ?? [],
        contactName: g.contactName?.trim() || null,
        contactPhoneEnc: g.contactPhone ? this.cipher.encrypt(g.contactPhone, GIG_CONTACT_PHONE) : null,
        posterUserId: actor.id,
        posterOrganisationId: poster.organisationId,
        posterKind: kind,
        onBehalfOf: g.onBehalfOf?.trim() || null,
        status,
        screeningFlags: flags,
      });
      if (status === 'open') await this.outbox.add(m, JobName.GigChanged, { gigId: id });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'gig.post',
          targetType: 'gig',
          targetId: id,
          requestId,
          details: { status, flags: flags.map((f) => f.code) },
          townshipCodes: [g.townshipCode],
        },
        m,
      );
      return id;
    });
    return (await this.gigs.get(id)) as GigRecord;
  }

  async get(id: string): Promise<GigRecord> {
    const g = await this.gigs.get(id);
    if (!g) throw DomainError.notFound('Gig');
    return g;
  }

  /** A gig as `viewer` may read it: live and closed gigs are public; waiting and rejected ones belong to poster and staff. */
  async readable(id: string, viewer: AuthUser | undefined): Promise<GigRecord> {
    const g = await this.get(id);
    if (
      (g.status === 'pending-review' || g.status === 'rejected') &&
      !isStaffSide(viewer) &&
      !isPosterOf(viewer, g)
    )
      throw DomainError.notFound('Gig');
    return g;
  }

  /** The gig for a change by its poster (or staff); 404 to anyone else, so ids reveal nothing. */
  async forPoster(actor: AuthUser, id: string, m?: EntityManager, lock = false): Promise<GigRecord> {
    const g = await this.gigs.get(id, m, lock);
    if (!g || (!isStaffSide(actor) && !isPosterOf(actor, g))) throw DomainError.notFound('Gig');
    return g;
  }

  contactPhone(g: GigRecord): string | null {
    return g.contactPhoneEnc ? this.cipher.decrypt(g.contactPhoneEnc, GIG_CONTACT_PHONE) : null;
  }

  /** Staff review of a flagged gig: approve (live) or reject with a note. */
  async review(
    actor: AuthUser,
    id: string,
    decision: 'approve' | 'reject',
    note: string | null,
    requestId?: string,
  ): Promise<GigRecord> {
    await this.dataSource.transaction(async (m) => {
      const g = await this.gigs.get(id, m, true);
      if (!g) throw DomainError.notFound('Gig');
      if (g.status !== 'pending-review')
        throw DomainError.conflict('gig-not-pending', `The gig is ${g.status}, not waiting for review`);
      if (decision === 'reject' && !note) throw DomainError.invalid('note', 'a rejection gives its reason');
      await this.gigs.setStatus(m, id, decision === 'approve' ? 'open' : 'rejected', {
        reviewNote: note,
        reviewedBy: actor.id,
      });
      if (decision === 'approve') await this.outbox.add(m, JobName.GigChanged, { gigId: id });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: `gig.${decision}`,
          targetType: 'gig',
          targetId: id,
          reason: note ?? undefined,
          requestId,
          townshipCodes: [g.townshipCode],
        },
        m,
      );
    });
    return this.get(id);
  }

  /** The poster (or staff) cancels with a reason; every taker's acceptance ends with it. */
  async cancel(
    actor: AuthUser,
    id: string,
    reason: string,
    requestId?: string,
  ): Promise<{ gig: GigRecord; workers: string[] }> {
    const workers = await this.dataSource.transaction(async (m) => {
      const g = await this.forPoster(actor, id, m, true);
      if (!['open', 'filled', 'pending-review'].includes(g.status))
        throw DomainError.conflict('gig-not-cancellable', `The gig is ${g.status}`);
      await this.gigs.setStatus(m, id, 'cancelled', { cancelReason: reason });
      const taken = (await this.gigs.acceptancesOfGig(id, m)).filter(
        (a) => a.status === 'accepted' || a.status === 'invited',
      );
      for (const a of taken) await this.gigs.endAcceptance(m, a.id, 'cancelled', reason);
      await this.outbox.add(m, JobName.GigChanged, { gigId: id });
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'gig.cancel',
          targetType: 'gig',
          targetId: id,
          reason,
          requestId,
          townshipCodes: [g.townshipCode],
        },
        m,
      );
      return taken.map((a) => a.workerUserId);
    });
    return { gig: await this.get(id), workers };
  }

  ofPoster(actor: AuthUser, limit: number, offset: number) {
    return this.gigs.ofPoster(
      {
        userId: actor.id,
        organisationId:
          actor.role === Role.Employer || actor.role === Role.Agency ? actor.organisationId : null,
      },
      limit,
      offset,
    );
  }

  list(
    f: { status?: GigStatus; townshipCode?: string; from?: string; to?: string },
    limit: number,
    offset: number,
  ) {
    return this.gigs.list(f, limit, offset);
  }

  // ---- availability (求职意向：零工) ----

  async putAvailability(actor: AuthUser, a: Availability): Promise<AvailabilityRecord> {
    for (const [i, t] of a.townshipCodes.entries())
      if (!townshipByCode(t)) throw DomainError.invalid(`townshipCodes[${i}]`, 'unknown township code');
    if (!townshipByCode(a.homeTownship)) throw DomainError.invalid('homeTownship', 'unknown township code');
    await this.gigs.putAvailability({
      workerUserId: actor.id,
      trades: [...new Set(a.trades.map((t) => t.trim()).filter(Boolean))],
      weekdays: [...new Set(a.weekdays)].sort(),
      townshipCodes: [...new Set(a.townshipCodes)],
      homeTownship: a.homeTownship,
      expectedPayFen: a.expectedPayFen ?? null,
      payUnit: a.payUnit ?? null,
      note: a.note?.trim() || null,
      active: a.active ?? true,
    });
    return (await this.gigs.availability(actor.id)) as AvailabilityRecord;
  }

  availability(userId: string): Promise<AvailabilityRecord | null> {
    return this.gigs.availability(userId);
  }

  /** Workers free for the gig nearby (for its poster or staff to invite); `trades`: the gig's trade and its synonyms. */
  async availableWorkers(actor: AuthUser, gigId: string, tradesOf: (trade: string) => string[], limit = 30) {
    const g = await this.forPoster(actor, gigId);
    const trades = tradesOf(g.trade);
    const workers = await this.gigs.availableFor(g, trades, isoWeekday(g.date), limit);
    const standing = await this.gigs.workerStanding(workers.map((w) => w.workerUserId));
    return { gig: g, workers, standing };
  }

  // ---- gig points (零工驿站) ----

  async addPoint(
    actor: AuthUser,
    p: { name: string; townshipCode: string; address: string; openingHours: string; trades: string[] },
  ) {
    if (!townshipByCode(p.townshipCode)) throw DomainError.invalid('townshipCode', 'unknown township code');
    const id = await this.gigs.insertPoint(undefined, p);
    await this.audit.record({
      actorId: actor.id,
      actorRole: actor.role,
      action: 'gig-point.add',
      targetType: 'gig-point',
      targetId: id,
      townshipCodes: [p.townshipCode],
    });
    return (await this.gigs.points()).find((x) => x.id === id)!;
  }

  points(townshipCode?: string) {
    return this.gigs.points(townshipCode);
  }

  statistics(from: string, to: string) {
    return this.gigs.statistics(from, to);
  }
}
