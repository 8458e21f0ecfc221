const normalised = new Map<string, string>();
const NORMALISED_CACHE_SIZE = 50_000;

/**
 * A word as Meilisearch compares it: trimmed and lower-cased. Remembered, because matching asks
 * for the same few hundred trade words thousands of times a second while it scores candidates
 * (lower-casing Chinese text was ~10% of the matching fallback's CPU in bench:matching's profile),
 * and the same string back keeps its hash for the synonym maps it is looked up in.
 */
export function normaliseWord(w: string): string {
  let n = normalised.get(w);
  if (n === undefined) {
    n = w.trim().toLowerCase();
    if (normalised.size >= NORMALISED_CACHE_SIZE) normalised.clear();
    normalised.set(w, n);
  }
  return n;
}
