import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Role } from '@app/platform';

/** What the access guard needs to know about a user beyond the token's signature. */
export interface PrincipalRow {
  role: Role;
  organisation_id: string | null;
  township_code: string | null;
  token_version: number;
}

const MAX_ENTRIES = 50_000;

/**
 * A short-lived, per-process memory of the guard's user lookup (role, organisation, township,
 * token version). Without it every authenticated request costs a database round trip, and on a
 * small server the database, not the API, sets the pace. Changes made through this process
 * (logout-everywhere, token reuse, profile changes) forget the entry at once; a change made on
 * another API replica is seen within AUTH_CACHE_TTL_MS (default 5 s; 0 turns the cache off).
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, { row: PrincipalRow; until: number }>();
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttlMs = config.AUTH_CACHE_TTL_MS;
  }

  get(userId: string, now = Date.now()): PrincipalRow | undefined {
    const hit = this.entries.get(userId);
    if (!hit) return undefined;
    if (hit.until <= now) {
      this.entries.delete(userId);
      return undefined;
    }
    return hit.row;
  }

  set(userId: string, row: PrincipalRow, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { row, until: now + this.ttlMs });
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }
}
