/**
 * Text as people send it, made safe to store: the one place that decides which characters a
 * string may hold and what counts as blank. Used by the HTTP validation pipe (every body, query
 * and route parameter of every route) and by the sheet import (every cell), so a NUL byte never
 * reaches Postgres (which refuses it with a 500) and "   " never passes for a name.
 */

/** Invisible characters that people paste along with text (zero-width space, joiners, BOM). */
const SPACE_OR_INVISIBLE = '(?:\\s|\\u200B|\\u200C|\\u200D|\\u2060|\\uFEFF)+';
const EDGES = new RegExp(`^${SPACE_OR_INVISIBLE}|${SPACE_OR_INVISIBLE}$`, 'gu');

export type TextProblem = 'control-character' | 'unpaired-surrogate';

/**
 * The first problem of a string, or null: C0 controls other than tab, line feed and carriage
 * return (NUL included), DEL and C1 controls, bidirectional overrides (they disguise what a text
 * says), the noncharacters U+FFFE/U+FFFF, and unpaired UTF-16 surrogates.
 */
export function textProblem(s: string): TextProblem | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return 'control-character';
    } else if (c >= 0x7f && c <= 0x9f) {
      return 'control-character';
    } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfffe || c === 0xffff) {
      return 'control-character';
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'unpaired-surrogate';
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return 'unpaired-surrogate';
    }
  }
  return null;
}

/** A short message for a problem, naming no value (values may be personal data). */
export function textProblemMessage(problem: TextProblem): string {
  return problem === 'control-character'
    ? 'must not contain control characters (such as NUL)'
    : 'is not valid text (unpaired surrogate)';
}

/**
 * NFC form (so 'é' typed two ways is one string) without leading or trailing white space or
 * invisible characters. Full-width spaces (U+3000) count as white space.
 */
export function normaliseText(s: string): string {
  return s.normalize('NFC').replace(EDGES, '');
}

/** True when nothing but white space and invisible characters is left. */
export function isBlankText(s: string): boolean {
  return normaliseText(s).length === 0;
}
