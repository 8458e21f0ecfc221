/** A LIKE pattern holding `text` literally (its `\`, `%` and `_` escaped; use with `ESCAPE '\'`). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * SQL that a row's text contains `word`, for the Postgres search paths: the row's bigram set
 * (`search_grams`, migration 1764302700000, GIN-indexed) holds every bigram of the word — which the
 * index answers — and `literal(pattern)` (ILIKE on the real columns) confirms the word itself.
 * A one-character word has no bigram and is matched by `literal` alone. `param` binds a value.
 */
export function wordMatchSql(
  word: string,
  gramsColumn: string,
  literal: (pattern: string) => string,
  param: (value: unknown) => string,
): string {
  const confirm = literal(param(containsPattern(word)));
  if ([...word].length < 2) return `(${confirm})`;
  return `(${gramsColumn} @> search_grams(ARRAY[${param(word)}::text]) AND (${confirm}))`;
}
