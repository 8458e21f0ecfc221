import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/platform';
import { FairRecord, FairRepository } from './fair.repository';
import { FairRegistrationRepository } from './fair-registration.repository';
import { assertScanTime } from './fair.rules';

export interface CheckInResult {
  result: 'checked-in' | 'already-checked-in';
  checkedInAt: Date;
  registrationId: string;
}

/** How long a fair's record is kept in memory by the door (the scan path reads it on every scan). */
const FAIR_CACHE_MS = 5_000;

/**
 * The door (入场核验): staff devices scan tickets. The first valid scan of a person is their
 * attendance; a repeat — another device, another nonce — answers "already checked in" with the
 * first time; the same scan sent again (a retry: same device, same nonce) answers as it did. An
 * offline device uploads its queue later: one attendance per person at the earliest scan, every
 * scan kept once, a re-upload changes nothing.
 */
@Injectable()
export class FairDoor {
  private readonly cache = new Map<string, { fair: FairRecord; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly fairs: FairRepository,
    private readonly registrations: FairRegistrationRepository,
  ) {}

  async checkIn(
    fairId: string,
    s: { ticketCode: string; nonce: string; deviceId: string; scannedAt?: Date },
  ): Promise<CheckInResult> {
    const fair = await this.fair(fairId);
    if (s.scannedAt) assertScanTime('scannedAt', s.scannedAt, fair, new Date());
    const r = await this.registrations.checkIn(fairId, { ...s, scannedAt: s.scannedAt ?? null });
    if (!r.registrationId) throw unknownTicket();
    if (r.insertedAt)
      return { result: 'checked-in', checkedInAt: r.insertedAt, registrationId: r.registrationId };
    // A concurrent first scan committed after this statement's snapshot: read it now.
    const first = r.existing ?? (await this.registrations.checkInOf(r.registrationId));
    if (!first) throw new Error(`check-in of ${r.registrationId} neither inserted nor found`);
    const replay = first.deviceId === s.deviceId && first.nonce === s.nonce;
    return {
      result: replay ? 'checked-in' : 'already-checked-in',
      checkedInAt: first.checkedInAt,
      registrationId: r.registrationId,
    };
  }

  /** An offline device's queue: `accepted` scans now hold an attendance, `duplicates` repeat one or were sent before. */
  async checkInBatch(
    fairId: string,
    deviceId: string,
    scans: readonly { ticketCode: string; nonce: string; scannedAt: Date }[],
  ): Promise<{ accepted: number; duplicates: number; unknown: number }> {
    const fair = await this.fair(fairId);
    const now = new Date();
    scans.forEach((s, i) => assertScanTime(`scans[${i}].scannedAt`, s.scannedAt, fair, now));
    const seen = new Set<string>();
    scans.forEach((s, i) => {
      if (seen.has(s.nonce)) throw DomainError.invalid(`scans[${i}].nonce`, 'appears twice in this batch');
      seen.add(s.nonce);
    });
    const r = await this.dataSource.transaction((m) =>
      this.registrations.checkInBatch(m, fairId, deviceId, scans),
    );
    return {
      accepted: r.attendances,
      duplicates: scans.length - r.unknown - r.attendances,
      unknown: r.unknown,
    };
  }

  private async fair(id: string): Promise<FairRecord> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.fair;
    const fair = await this.fairs.get(id);
    if (!fair || fair.status === 'draft' || fair.status === 'cancelled') throw DomainError.notFound('Fair');
    this.cache.set(id, { fair, until: Date.now() + FAIR_CACHE_MS });
    return fair;
  }
}

const unknownTicket = () =>
  new DomainError(
    'fair.unknown-ticket',
    'ticketCode: no confirmed registration of this fair has this ticket',
    404,
    [{ field: 'ticketCode', message: 'unknown ticket, or a ticket of another fair' }],
  );
