import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '@app/audit';
import { NotificationService } from '@app/notifications';
import { AuthUser, DomainError, Role, townshipByCode } from '@app/platform';
import { SeekerProfiles } from '@app/seekers';
import {
  StallApplicationRecord,
  HoldingRecord,
  NewZone,
  Occupancy,
  RoundRecord,
  StallRecord,
  StallRepository,
  ZoneRecord,
} from './stall.repository';
import { ZONE_KIND_NAMES, compareStallCodes, isPriority, planRound } from './stall.rules';

/**
 * Township staff look after the zones of their own township (a 404 for others, as elsewhere);
 * county staff and admins after all of them.
 */
function inScope(actor: AuthUser, townshipCode: string): boolean {
  return actor.role !== Role.Staff || actor.townshipCode === null || actor.townshipCode === townshipCode;
}

const uniqueViolation = (err: unknown, constraint?: string): boolean =>
  err instanceof QueryFailedError &&
  (err as { code?: string }).code === '23505' &&
  (!constraint || (err as { constraint?: string }).constraint === constraint);

export interface RoundOutcome {
  round: RoundRecord;
  holdings: (HoldingRecord & { priority: boolean })[];
}

/**
 * Street-stall zones (地摊经济, plan 一(四)): staff designate zones and their stalls, residents
 * apply, staff run allocation rounds (困难人员优先, then first come). A round holds the zone's row
 * lock, so two rounds of one zone run one after the other; the partial unique indexes refuse a
 * second holder of a stall even if that lock were ever skipped.
 */
@Injectable()
export class StallsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stalls: StallRepository,
    private readonly seekers: SeekerProfiles,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  // ---- zones and stalls ----

  async createZone(actor: AuthUser, z: NewZone, requestId?: string): Promise<ZoneRecord> {
    if (!townshipByCode(z.townshipCode)) throw DomainError.invalid('townshipCode', 'unknown township code');
    if (!inScope(actor, z.townshipCode))
      throw DomainError.invalid('townshipCode', 'township staff designate zones of their own township');
    try {
      return await this.dataSource.transaction(async (m) => {
        const id = await this.stalls.insertZone(m, z, actor.id);
        await this.audit.record(
          {
            actorId: actor.id,
            actorRole: actor.role,
            action: 'stall-zone.create',
            targetType: 'stall-zone',
            targetId: id,
            requestId,
            details: { name: z.name, kind: z.kind },
            townshipCodes: [z.townshipCode],
          },
          m,
        );
        return (await this.stalls.zone(id, m)) as ZoneRecord;
      });
    } catch (err) {
      if (uniqueViolation(err, 'stall_zones_name'))
        throw DomainError.conflict('zone-name-taken', 'A zone of this name exists in the township');
      throw err;
    }
  }

  async updateZone(
    actor: AuthUser,
    id: string,
    p: Partial<NewZone>,
    requestId?: string,
  ): Promise<ZoneRecord> {
    if (p.townshipCode !== undefined && !inScope(actor, p.townshipCode))
      throw DomainError.invalid('townshipCode', 'township staff designate zones of their own township');
    try {
      return await this.dataSource.transaction(async (m) => {
        const z = await this.stalls.zone(id, m, 'update');
        if (!z || !inScope(actor, z.townshipCode)) throw DomainError.notFound('Zone');
        await this.stalls.updateZone(m, id, p);
        await this.audit.record(
          {
            actorId: actor.id,
            actorRole: actor.role,
            action: 'stall-zone.update',
            targetType: 'stall-zone',
            targetId: id,
            requestId,
            details: { ...p },
            townshipCodes: [z.townshipCode],
          },
          m,
        );
        return (await this.stalls.zone(id, m)) as ZoneRecord;
      });
    } catch (err) {
      if (uniqueViolation(err, 'stall_zones_name'))
        throw DomainError.conflict('zone-name-taken', 'A zone of this name exists in the township');
      throw err;
    }
  }

  /** A zone for staff work on it (its queue with names, its holders): a 404 outside the reader's township. */
  async zoneFor(actor: AuthUser, id: string): Promise<ZoneRecord> {
    const z = await this.stalls.zone(id);
    if (!z || !inScope(actor, z.townshipCode)) throw DomainError.notFound('Zone');
    return z;
  }

  zone(id: string): Promise<ZoneRecord | null> {
    return this.stalls.zone(id);
  }

  async zoneOrFail(id: string): Promise<ZoneRecord> {
    const z = await this.stalls.zone(id);
    if (!z) throw DomainError.notFound('Zone');
    return z;
  }

  zones(f: { activeOnly: boolean; townshipCode?: string }): Promise<ZoneRecord[]> {
    return this.stalls.zones(f);
  }

  occupancy(zoneIds: readonly string[]): Promise<Map<string, Occupancy>> {
    return this.stalls.occupancy(zoneIds);
  }

  async stallsOf(zoneId: string): Promise<StallRecord[]> {
    return (await this.stalls.stallsOfZone(zoneId)).sort((a, b) => compareStallCodes(a.code, b.code));
  }

  /** Adds numbered stalls; a code already in the zone is a 409 naming it, and nothing is added. */
  async addStalls(
    actor: AuthUser,
    zoneId: string,
    stalls: { code: string; note?: string }[],
    requestId?: string,
  ): Promise<StallRecord[]> {
    const codes = stalls.map((s) => s.code.trim());
    codes.forEach((c, i) => {
      if (!c) throw DomainError.invalid(`stalls[${i}].code`, 'a stall needs its number');
      if (codes.indexOf(c) !== i)
        throw DomainError.invalid(`stalls[${i}].code`, `stall ${c} is listed twice`);
    });
    await this.dataSource.transaction(async (m) => {
      const z = await this.stalls.zone(zoneId, m, 'update');
      if (!z || !inScope(actor, z.townshipCode)) throw DomainError.notFound('Zone');
      const existing = new Set((await this.stalls.stallsOfZone(zoneId, m)).map((s) => s.code));
      const taken = codes.filter((c) => existing.has(c));
      if (taken.length)
        throw new DomainError('stall-code-taken', `Stalls already in the zone: ${taken.join(', ')}`, 409, [
          { field: `stalls[${codes.indexOf(taken[0])}].code`, message: `摊位 ${taken[0]} 已存在` },
        ]);
      await this.stalls.insertStalls(
        m,
        zoneId,
        stalls.map((s, i) => ({ code: codes[i], note: s.note?.trim() || null })),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'stall-zone.add-stalls',
          targetType: 'stall-zone',
          targetId: zoneId,
          requestId,
          details: { codes },
          townshipCodes: [z.townshipCode],
        },
        m,
      );
    });
    return this.stallsOf(zoneId);
  }

  // ---- applications ----

  async apply(
    actor: AuthUser,
    zoneId: string,
    a: { goods: string; preferredStallId?: string },
  ): Promise<StallApplicationRecord> {
    try {
      return await this.dataSource.transaction(async (m) => {
        // FOR SHARE: applications run side by side, never in the middle of a round of the zone.
        const z = await this.stalls.zone(zoneId, m, 'share');
        if (!z) throw DomainError.notFound('Zone');
        if (!z.active) throw DomainError.conflict('zone-inactive', 'This zone takes no applications now');
        if (a.preferredStallId) {
          const all = await this.stalls.stallsOfZone(zoneId, m);
          if (!all.some((s) => s.id === a.preferredStallId))
            throw DomainError.invalid('preferredStallId', 'no such stall in this zone');
        }
        if (await this.stalls.activeHolding(zoneId, actor.id, m))
          throw DomainError.conflict('stall-held', 'You hold a stall in this zone already');
        if (await this.stalls.waitingOf(zoneId, actor.id, m))
          throw DomainError.conflict('application-open', 'You have an open application in this zone');
        const id = await this.stalls.insertApplication(m, {
          zoneId,
          seekerUserId: actor.id,
          goods: a.goods.trim(),
          preferredStallId: a.preferredStallId ?? null,
        });
        return (await this.stalls.application(id, m)) as StallApplicationRecord;
      });
    } catch (err) {
      // Two first applications at once: the partial unique index met.
      if (uniqueViolation(err, 'stall_applications_one_open'))
        throw DomainError.conflict('application-open', 'You have an open application in this zone');
      throw err;
    }
  }

  async withdraw(actor: AuthUser, applicationId: string): Promise<StallApplicationRecord> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.stalls.application(applicationId, m, true);
      if (!a || a.seekerUserId !== actor.id) throw DomainError.notFound('Application');
      if (a.status !== 'waiting')
        throw DomainError.conflict('application-decided', `The application is ${a.status}`);
      await this.stalls.decideApplication(m, a.id, 'withdrawn');
      return (await this.stalls.application(a.id, m)) as StallApplicationRecord;
    });
  }

  applicationsOfZone(
    zoneId: string,
    status: StallApplicationRecord['status'] | undefined,
    limit: number,
    offset: number,
  ) {
    return this.stalls.applicationsOfZone(zoneId, status, limit, offset);
  }

  /** Whether each seeker is served first (困难人员优先), from their profile now. */
  async priorities(seekerIds: readonly string[]): Promise<Map<string, boolean>> {
    const profiles = await this.seekers.records([...new Set(seekerIds)]);
    return new Map(seekerIds.map((id) => [id, isPriority(profiles.get(id)?.groups)]));
  }

  async mine(actor: AuthUser): Promise<{
    applications: StallApplicationRecord[];
    holdings: HoldingRecord[];
    zones: Map<string, ZoneRecord>;
  }> {
    const [applications, holdings] = await Promise.all([
      this.stalls.applicationsOfSeeker(actor.id),
      this.stalls.holdingsOfSeeker(actor.id),
    ]);
    const zones = await this.stalls.zonesByIds([
      ...applications.map((a) => a.zoneId),
      ...holdings.map((h) => h.zoneId),
    ]);
    return { applications, holdings, zones };
  }

  // ---- rounds ----

  /**
   * One allocation round (分配轮次) of a zone: the waiting applicants in order (priority groups
   * first, then first come) each get a free stall while any is left; the rest keep waiting.
   */
  async runRound(actor: AuthUser, zoneId: string, requestId?: string): Promise<RoundOutcome> {
    return this.dataSource.transaction(async (m) => {
      const z = await this.stalls.zone(zoneId, m, 'update');
      if (!z || !inScope(actor, z.townshipCode)) throw DomainError.notFound('Zone');
      if (!z.active) throw DomainError.conflict('zone-inactive', 'The zone is not active');
      const queue = await this.stalls.waitingQueue(m, zoneId);
      const holders = await this.stalls.activeHoldersOfZone(m, zoneId);
      // Someone who holds a stall here already does not get a second one (一人一摊).
      const already = queue.filter((a) => holders.has(a.seekerUserId));
      for (const a of already) await this.stalls.decideApplication(m, a.id, 'cancelled');
      const eligible = queue.filter((a) => !holders.has(a.seekerUserId));
      const profiles = await this.seekers.records(
        eligible.map((a) => a.seekerUserId),
        m,
      );
      const priority = new Map(eligible.map((a) => [a.id, isPriority(profiles.get(a.seekerUserId)?.groups)]));
      const free = (await this.stalls.stallsOfZone(zoneId, m)).filter((s) => !s.held);
      const plan = planRound(
        eligible.map((a) => ({
          applicationId: a.id,
          seq: a.seq,
          priority: priority.get(a.id) ?? false,
          preferredStallId: a.preferredStallId,
        })),
        free,
      );
      const round = await this.stalls.insertRound(m, {
        zoneId,
        runBy: actor.id,
        allocated: plan.length,
        waitingLeft: eligible.length - plan.length,
        freeLeft: free.length - plan.length,
      });
      const byId = new Map(eligible.map((a) => [a.id, a]));
      const holdingIds: string[] = [];
      for (const p of plan) {
        const a = byId.get(p.applicationId) as StallApplicationRecord;
        holdingIds.push(
          await this.stalls.insertHolding(m, {
            stallId: p.stallId,
            zoneId,
            seekerUserId: a.seekerUserId,
            applicationId: a.id,
            roundId: round.id,
            goods: a.goods,
          }),
        );
        await this.stalls.decideApplication(m, a.id, 'allocated', {
          priority: priority.get(a.id) ?? false,
          roundId: round.id,
        });
      }
      const holdings = await this.stalls.holdingsByIds(holdingIds, m);
      if (holdings.length)
        await this.notifications.notify(
          m,
          holdings.map((h) => ({
            toUserId: h.seekerUserId,
            kind: 'stall.allocated',
            title: `已分到摊位：${z.name} ${h.stallCode}`,
            body: `您在「${z.name}」（${ZONE_KIND_NAMES[z.kind]}，${z.address}）分到 ${h.stallCode} 号摊位，经营时间 ${z.openingHours}。`,
            subjectType: 'stall-holding',
            subjectId: h.id,
            dedupeKey: `stall-holding:${h.id}:allocated`,
          })),
        );
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'stall-zone.run-round',
          targetType: 'stall-zone',
          targetId: zoneId,
          requestId,
          details: {
            roundId: round.id,
            allocated: holdings.map((h) => ({ holdingId: h.id, stall: h.stallCode })),
            waitingLeft: round.waitingLeft,
          },
          townshipCodes: [z.townshipCode],
        },
        m,
      );
      const order = new Map(plan.map((p, i) => [p.applicationId, i]));
      return {
        round,
        holdings: holdings
          .map((h) => ({ ...h, priority: priority.get(h.applicationId) ?? false }))
          .sort((a, b) => (order.get(a.applicationId) ?? 0) - (order.get(b.applicationId) ?? 0)),
      };
    });
  }

  rounds(zoneId: string): Promise<RoundRecord[]> {
    return this.stalls.rounds(zoneId);
  }

  // ---- holdings ----

  holdingsOfZone(zoneId: string, activeOnly: boolean): Promise<HoldingRecord[]> {
    return this.stalls.holdingsOfZone(zoneId, activeOnly);
  }

  /** Staff take a stall back (收回) with the reason, audited; the stall is free for the next round. */
  async revoke(
    actor: AuthUser,
    holdingId: string,
    reason: string,
    requestId?: string,
  ): Promise<HoldingRecord> {
    return this.end(actor, holdingId, 'revoked', reason.trim(), requestId);
  }

  /** The holder gives the stall up (退摊). */
  async giveUp(actor: AuthUser, holdingId: string, reason: string | null, requestId?: string) {
    return this.end(actor, holdingId, 'given-up', reason?.trim() || null, requestId);
  }

  private async end(
    actor: AuthUser,
    holdingId: string,
    status: 'revoked' | 'given-up',
    reason: string | null,
    requestId?: string,
  ): Promise<HoldingRecord> {
    if (status === 'revoked' && !reason) throw DomainError.invalid('reason', 'a revocation gives its reason');
    return this.dataSource.transaction(async (m) => {
      const h = await this.stalls.holding(holdingId, m, true);
      if (!h || (status === 'given-up' && h.seekerUserId !== actor.id)) throw DomainError.notFound('Holding');
      if (h.status !== 'active') throw DomainError.conflict('holding-ended', `The holding is ${h.status}`);
      const z = (await this.stalls.zone(h.zoneId, m)) as ZoneRecord;
      if (status === 'revoked' && !inScope(actor, z.townshipCode)) throw DomainError.notFound('Holding');
      await this.stalls.endHolding(m, h.id, status, actor.id, reason);
      await this.audit.record(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: status === 'revoked' ? 'stall-holding.revoke' : 'stall-holding.give-up',
          targetType: 'stall-holding',
          targetId: h.id,
          reason: reason ?? undefined,
          requestId,
          details: { zoneId: h.zoneId, stall: h.stallCode, seekerUserId: h.seekerUserId },
          townshipCodes: [z.townshipCode],
        },
        m,
      );
      if (status === 'revoked')
        await this.notifications.notify(m, [
          {
            toUserId: h.seekerUserId,
            kind: 'stall.revoked',
            title: `摊位已收回：${z.name} ${h.stallCode}`,
            body: `就业服务中心收回了您在「${z.name}」的 ${h.stallCode} 号摊位。原因：${reason}`,
            subjectType: 'stall-holding',
            subjectId: h.id,
            dedupeKey: `stall-holding:${h.id}:revoked`,
          },
        ]);
      return (await this.stalls.holding(h.id, m)) as HoldingRecord;
    });
  }
}
