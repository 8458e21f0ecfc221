/**
 * The Postgres path of the search and of matching (what answers while Meilisearch is down), on
 * more posts than it reads: words found through the bigram index (search_grams, GIN) and
 * confirmed by ILIKE, synonyms, one-character words, LIKE's own characters taken literally, and the
 * 1,000-match cap on totals, facets and pages (as Meilisearch's maxTotalHits). Real Postgres; the
 * service is called straight (the route's fallback switch has its own suite, search-degraded).
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { wordMatchSql } from '@app/platform';
import { JobPostSearchService } from '@app/search';
import { JobPostService } from '@app/jobs';
import { SeekerProfiles } from '@app/seekers';
import { Actor } from '../jobs/jobs-fixtures';
import { startApi } from '../support/apps';
import { SuiteEnv, setupSuiteEnv } from '../support/test-env';
import { employerWithProfile, publishPost, staffActor } from './search-fixtures';

jest.setTimeout(120_000);

describe('search and matching by Postgres (the fallback) at more posts than the cap', () => {
  let env: SuiteEnv;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let search: JobPostSearchService;
  let admin: Actor;
  let employer: Actor;
  const COMMON = 1_150;

  beforeAll(async () => {
    env = await setupSuiteEnv('search_fallback', {
      LOGIN_THROTTLE_LIMIT: '1000',
      PUBLIC_THROTTLE_PER_MINUTE: '100000',
    });
    app = await startApi();
    ds = app.get(DataSource);
    search = app.get(JobPostSearchService);
    admin = await staffActor(app);
    employer = await employerWithProfile(app, '稷山县晋南机械有限公司', {
      townshipCode: 'jifeng',
      size: 'small',
      industry: '制造业',
    });
    for (const title of ['电焊工', '叉车司机', 'CNC操作员', '50%提成销售', 'a_b仓管', '保洁员']) {
      await publishPost(app, employer, admin, { title, occupation: title === '电焊工' ? '焊工' : undefined });
    }
    // More common posts than the cap, newest last-numbered, in two townships, wages rising.
    await ds.query(
      `INSERT INTO job_posts (employer_id, employer_name, employer_size, employer_industry, title, occupation,
         headcount, township_code, place_text, employment_type, is_internship, wage_min_fen, wage_max_fen, skills,
         deadline, status, published_at, dedupe_key, source)
       SELECT employer_id, employer_name, employer_size, employer_industry, '包装普工' || i, '普工', 1,
              CASE WHEN i % 4 = 0 THEN 'huayu' ELSE 'jifeng' END, place_text, employment_type, false,
              200000 + i * 100, 300000 + i * 100, '{}', deadline, 'published',
              now() - interval '1 day' + i * interval '1 second', 'fallback-' || i, 'manual'
         FROM job_posts, generate_series(1, $1::int) AS i
        WHERE title = '保洁员'`,
      [COMMON],
    );
    await ds.query('VACUUM ANALYZE job_posts');
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup().catch(() => undefined);
  });

  const titles = (r: { hits: { title: string }[] }) => r.hits.map((h) => h.title);

  it('keeps each row’s bigrams, lower-cased, in the generated column', async () => {
    const [row] = await ds.query(`SELECT search_grams FROM job_posts WHERE title = 'CNC操作员'`);
    expect(row.search_grams).toEqual(expect.arrayContaining(['cn', 'nc', 'c操', '操作', '作员']));
    expect(row.search_grams).not.toContain('CN');
  });

  it('finds a two-character word through the bigram index, and its synonyms', async () => {
    const welders = await search.fromPostgres({ q: '焊工' });
    expect(welders).toMatchObject({ degraded: true, total: 1 });
    expect(titles(welders)).toEqual(['电焊工']);
    // The word's condition is one the bigram index answers (whether the planner takes it depends
    // on the table's size: bench:search-fallback measures that at 100,000 posts).
    const values: unknown[] = [];
    const sql = wordMatchSql(
      '焊工',
      'j.search_grams',
      (p) => `j.title ILIKE ${p}`,
      (v) => {
        values.push(v);
        return `$${values.length}`;
      },
    );
    const plan: { 'QUERY PLAN': string }[] = await ds
      .transaction(async (m) => {
        // Without the table scan and the status index (dropped inside this transaction only).
        await m.query('SET LOCAL enable_seqscan = off');
        await m.query('DROP INDEX job_posts_status');
        const explained = await m.query(
          `EXPLAIN SELECT j.id FROM job_posts j WHERE j.status = 'published' AND ${sql}`,
          values,
        );
        throw Object.assign(new Error('rollback'), { explained });
      })
      .catch((e: { explained?: { 'QUERY PLAN': string }[] }) => {
        if (!e.explained) throw e;
        return e.explained;
      });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
      /Bitmap Index Scan on job_posts_search_grams/,
    );
    // A part of a longer word.
    expect(titles(await search.fromPostgres({ q: '叉车' }))).toEqual(['叉车司机']);
    // Latin letters in any case.
    expect(titles(await search.fromPostgres({ q: 'cnc' }))).toEqual(['CNC操作员']);
    // Every word must match.
    expect((await search.fromPostgres({ q: '叉车 焊工' })).total).toBe(0);
  });

  it('matches one-character words and takes %, _ literally', async () => {
    expect(titles(await search.fromPostgres({ q: '焊' }))).toEqual(['电焊工']);
    expect(titles(await search.fromPostgres({ q: '%' }))).toEqual(['50%提成销售']);
    expect(titles(await search.fromPostgres({ q: 'a_b' }))).toEqual(['a_b仓管']);
    expect((await search.fromPostgres({ q: 'a%b' })).total).toBe(0);
  });

  it('reads at most 1,000 matches: total, facets and pages are over the newest 1,000', async () => {
    const first = await search.fromPostgres({ q: '普工' });
    expect(first.total).toBe(1000);
    expect(first.hits).toHaveLength(20);
    expect(first.hits[0].title).toBe(`包装普工${COMMON}`);
    const townships = Object.values(first.facets.township).reduce((a, b) => a + b, 0);
    expect(townships).toBe(1000);
    // Of the newest 1,000 (151…1,150), i % 4 = 0 for 250.
    expect(first.facets.township['化峪镇']).toBe(250);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM (SELECT township_code FROM job_posts WHERE status = 'published' AND title LIKE '包装普工%'
          ORDER BY published_at DESC, id LIMIT 1000) s WHERE township_code = 'huayu'`,
    );
    expect(first.facets.township['化峪镇']).toBe(n);

    const tail = await search.fromPostgres({ q: '普工', offset: '990', limit: '20' });
    expect(tail.hits.map((h) => h.title)).toEqual(
      Array.from({ length: 10 }, (_v, i) => `包装普工${COMMON - 990 - i}`),
    );
    const beyond = await search.fromPostgres({ q: '普工', offset: '1000' });
    expect(beyond).toMatchObject({ total: 1000, hits: [] });

    // By wage: the best paid first, over the same bounded read.
    const byWage = await search.fromPostgres({ q: '普工', sort: 'wage', limit: '3' });
    expect(titles(byWage)).toEqual([`包装普工${COMMON}`, `包装普工${COMMON - 1}`, `包装普工${COMMON - 2}`]);
    // Filters narrow before the cap: 化峪镇 has 287 of them (i % 4 = 0 up to 1,150).
    const huayu = await search.fromPostgres({ q: '普工', township: '化峪镇' });
    expect(huayu.total).toBe(Math.floor(COMMON / 4));
  });

  it('matching by Postgres finds posts and seekers by their words through the same index', async () => {
    const posts = await app.get(JobPostService).matchCandidates(null, ['焊工', '叉', 'nc'], 50);
    expect(posts.map((p) => p.title).sort()).toEqual(['CNC操作员', '叉车司机', '电焊工']);
    const [seekerGrams] = await ds.query(`SELECT search_grams('{焊工,叉车驾驶}'::text[]) AS g`);
    expect(seekerGrams.g.sort()).toEqual(['叉车', '焊工', '车驾', '驾驶'].sort());
    // No consenting seeker: the seekers' query runs and finds none.
    expect(await app.get(SeekerProfiles).matchCandidates('jifeng', ['焊工'], 10)).toEqual([]);
  });
});
