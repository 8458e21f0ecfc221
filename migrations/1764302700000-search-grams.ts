import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Character bigrams for the Postgres paths of search and matching (used while Meilisearch is down).
 * Most Chinese search words are two characters (焊工, 保洁, 司机); under `ILIKE '%焊工%'` pg_trgm finds
 * no trigram inside a two-character word and scans the table (38 ms per query at 100,000 rows on
 * this machine, against 1 ms through a bigram index). So each searchable row keeps the set of its
 * text's bigrams, lower-cased, in a generated column under a GIN index: a word's bigrams must all be
 * present (`@>`), and ILIKE on the real columns then confirms the word itself.
 */
export class SearchGrams1764302700000 implements MigrationInterface {
  name = 'SearchGrams1764302700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION search_grams(parts text[]) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT g), '{}')
            FROM (SELECT lower(substr(w, i, 2)) AS g
                    FROM unnest(parts) AS w, generate_series(1, char_length(w) - 1) AS i) s
           WHERE g !~ '\\s'
        $$`);
    await q.query(`
      ALTER TABLE job_posts ADD COLUMN search_grams text[] NOT NULL
        GENERATED ALWAYS AS (search_grams(ARRAY[title, occupation, employer_name, place_text] || skills)) STORED`);
    await q.query(
      `CREATE INDEX job_posts_search_grams ON job_posts USING gin (search_grams) WHERE status = 'published'`,
    );
    await q.query(`
      ALTER TABLE seeker_profiles ADD COLUMN search_grams text[] NOT NULL
        GENERATED ALWAYS AS (search_grams(desired_occupations || skills)) STORED`);
    await q.query(
      `CREATE INDEX seeker_profiles_search_grams ON seeker_profiles USING gin (search_grams)
        WHERE searchable_by_employers`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE seeker_profiles DROP COLUMN search_grams`);
    await q.query(`ALTER TABLE job_posts DROP COLUMN search_grams`);
    await q.query(`DROP FUNCTION search_grams(text[])`);
  }
}
