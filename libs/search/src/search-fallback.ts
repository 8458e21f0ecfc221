import { Injectable } from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import pLimit from 'p-limit';
import { DomainError } from '@app/platform';

/**
 * A circuit breaker in front of Meilisearch, one per search (posts, matching, gigs). Closed, every
 * request goes to the index. After `tripAfter` failures in a row it opens: requests go straight to
 * Postgres for `retryAfterMs`, doubling (up to `maxRetryAfterMs`) while the index stays down. Then
 * one request at a time probes the index (half-open) while the others keep answering from
 * Postgres, so a frozen Meilisearch costs one probe's timeout per period, not one per request.
 */
export class MeiliBreaker {
  private failuresInRow = 0;
  private openUntil = 0;
  private openFor: number;
  private probing = false;

  constructor(
    private readonly opts: { tripAfter: number; retryAfterMs: number; maxRetryAfterMs?: number },
    private readonly now: () => number = Date.now,
  ) {
    this.openFor = opts.retryAfterMs;
  }

  /** Whether this request may try the index; when it returns true, report with `succeeded`/`failed`. */
  mayTry(): boolean {
    if (this.failuresInRow < this.opts.tripAfter) return true;
    if (this.now() < this.openUntil || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.failuresInRow = 0;
    this.probing = false;
    this.openFor = this.opts.retryAfterMs;
  }

  failed(): void {
    const wasOpen = this.failuresInRow >= this.opts.tripAfter;
    this.failuresInRow++;
    this.probing = false;
    if (this.failuresInRow < this.opts.tripAfter) return;
    if (wasOpen)
      this.openFor = Math.min(this.openFor * 2, this.opts.maxRetryAfterMs ?? this.opts.retryAfterMs);
    this.openUntil = this.now() + this.openFor;
  }

  get isOpen(): boolean {
    return this.failuresInRow >= this.opts.tripAfter;
  }
}

/** Postgres searches in flight at once in one process (of a pool of 20 connections). */
export const FALLBACK_CONCURRENCY = 6;
/** Postgres searches waiting beyond those; more are refused with 503 rather than queued for ever. */
export const FALLBACK_QUEUE = 200;

/**
 * The cap on the Postgres paths of every search while Meilisearch is down (one per process):
 * a few searches at a time keep the database answering its other work — hires, check-ins,
 * sign-ins — and the rest wait their turn; past FALLBACK_QUEUE waiting, a request is told to retry
 * (503 `search-busy`, Retry-After) instead of joining a queue it cannot leave in time.
 */
@Injectable()
export class SearchFallbackGate {
  private readonly limit = pLimit(FALLBACK_CONCURRENCY);

  run<T>(work: () => Promise<T>): Promise<T> {
    // p-limit starts queued work a microtask later: count running and waiting together.
    if (this.limit.activeCount + this.limit.pendingCount >= FALLBACK_CONCURRENCY + FALLBACK_QUEUE) {
      return Promise.reject(
        new DomainError('search-busy', '搜索繁忙，请稍后再试', 503, undefined, { 'Retry-After': '1' }),
      );
    }
    return this.limit(work);
  }

  get pending(): number {
    return this.limit.pendingCount;
  }
}

/** The 503 a route answers when its fallback is saturated (see SearchFallbackGate). */
export const ApiSearchBusyResponse = () =>
  ApiServiceUnavailableResponse({
    description:
      'the search index is down and the database fallback is saturated (error search-busy): retry after Retry-After seconds',
  });
