/**
 * What an import answers (contract: `{"imported", "duplicates", "rejected", "errors"}`) and the
 * terminal progress line shown while a large sheet streams.
 */
import type { RowError } from './job-post-row';

export interface ImportResult {
  imported: number;
  duplicates: number;
  rejected: number;
  errors: RowError[];
  /**
   * Header texts the sheet had that the contract does not know; they were ignored. Present only
   * when there were some, so a clean sheet's answer is exactly the four contract fields.
   */
  unknownColumns?: string[];
}

/** Counts rows as the importer decides their fate; each row is counted once. */
export class ImportSummary {
  private importedCount = 0;
  private duplicateCount = 0;
  private rejectedCount = 0;
  private readonly errorList: RowError[] = [];
  private unknown: string[] = [];

  /** A valid row written (a post created). */
  imported(): void {
    this.importedCount++;
  }

  /** A valid row that matched an open post (same employer, title, place, headcount): nothing written. */
  duplicate(): void {
    this.duplicateCount++;
  }

  /** A row refused, with its errors (validation, or a persistence failure reported against a column). */
  rejected(errors: readonly RowError[]): void {
    this.rejectedCount++;
    this.errorList.push(...errors);
  }

  /** The header's unknown columns; recorded once (a second call replaces, never appends). */
  setUnknownColumns(columns: readonly string[]): void {
    this.unknown = [...new Set(columns)];
  }

  get processed(): number {
    return this.importedCount + this.duplicateCount + this.rejectedCount;
  }

  /** The contract's JSON, plus `unknownColumns` only when the sheet had any. */
  toJSON(): ImportResult {
    return {
      imported: this.importedCount,
      duplicates: this.duplicateCount,
      rejected: this.rejectedCount,
      errors: [...this.errorList],
      ...(this.unknown.length > 0 && { unknownColumns: [...this.unknown] }),
    };
  }

  /**
   * Human notes that are not row errors (for stderr or the web page), e.g. the ignored columns;
   * kept out of `errors` because an ignored column rejects nothing.
   */
  notes(): string[] {
    if (this.unknown.length === 0) return [];
    return [
      `已忽略未知列：${this.unknown.join('、')} / ignored unknown column(s): ${this.unknown.join(', ')}`,
    ];
  }
}

export interface ProgressState {
  /** Data rows processed so far. */
  rows: number;
  bytesRead?: number;
  /** When known (file size), percent = bytesRead / totalBytes. */
  totalBytes?: number;
}

export interface Progress {
  /** Cheap to call for every row: redraws at most every `intervalMs`. */
  update(state: ProgressState): void;
  /** Draws the final line and ends it with a newline (only if anything was drawn). */
  finish(state?: ProgressState): void;
}

export interface ProgressOptions {
  /** Default 100 ms (~10 redraws per second). */
  intervalMs?: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

/**
 * A one-line progress display on a terminal. Does nothing when the stream is not a TTY, so piped
 * or redirected output (CI logs, `> result.json 2> log`) stays free of carriage-return noise.
 */
export function createProgress(stream: NodeJS.WriteStream, opts: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  const intervalMs = opts.intervalMs ?? 100;
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  let last: ProgressState = { rows: 0 };

  const draw = (state: ProgressState, t: number) => {
    const seconds = Math.max((t - started) / 1000, 0.001);
    stream.write(`\r\x1b[K${formatProgress(state, seconds)}`);
    drawn = true;
    lastDraw = t;
  };

  return {
    update(state) {
      last = state;
      const t = now();
      if (t - lastDraw >= intervalMs) draw(state, t);
    },
    finish(state) {
      if (state) last = state;
      if (!drawn && !state) return;
      draw(last, now());
      stream.write('\n');
    },
  };
}

/** `已处理 12,345 行 · 4,100 行/秒 · 37%` — exported for tests. */
export function formatProgress(state: ProgressState, elapsedSeconds: number): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const parts = [`已处理 ${fmt(state.rows)} 行`, `${fmt(state.rows / elapsedSeconds)} 行/秒`];
  if (state.totalBytes && state.totalBytes > 0 && state.bytesRead !== undefined) {
    const pct = Math.min(100, Math.floor((state.bytesRead / state.totalBytes) * 100));
    parts.push(`${pct}%`);
  }
  return parts.join(' · ');
}
