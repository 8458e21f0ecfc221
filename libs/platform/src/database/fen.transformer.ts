import { ValueTransformer } from 'typeorm';

/**
 * Money is `bigint` fen in Postgres. pg returns int8 as a string; we hand TypeScript a `number`
 * only while it is a safe integer (±9e15 fen is far beyond any subsidy) and refuse otherwise,
 * rather than silently rounding.
 */
export const fenTransformer: ValueTransformer = {
  to(value: number | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (!Number.isSafeInteger(value))
      throw new RangeError(`Money must be an integer number of fen, got ${value}`);
    return String(value);
  },
  from(value: string | null): number | null {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n))
      throw new RangeError(`Stored fen amount ${value} is outside the safe range`);
    return n;
  },
};
