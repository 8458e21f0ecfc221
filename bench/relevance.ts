/**
 * npm run bench:relevance — the relevance suite (bench/relevance-suite.ts) on this checkout's index
 * settings and vocabulary: the corpus imported through the compiled jobs:import CLI (--publish),
 * the job-posts index rebuilt, then every case on Meilisearch and on the Postgres fallback.
 * Prints the passes side by side and every case that fails. Run it before and after a change to
 * the index settings, the synonyms or the query words: what a change loses shows up by name.
 */
import { createWriteStream } from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { migrateDatabase, townshipByCode } from '@app/platform';
import { DemoJobPost, generateEnterprises, generateJobPosts, writeJobPostSheetCsv } from '@app/demo-data';
import {
  JobPostSearchParams,
  JobPostSearchService,
  SearchReindexService,
  buildJobPostSearch,
} from '@app/search';
import { RELEVANCE_CASES, RELEVANCE_POSTS, RelevanceOutcome, judge } from './relevance-suite';
import { benchSearchContext, runNode, startBenchEnvironment } from './support';

const KEY_MARK = 'relevance-key:';

function corpusRows(): DemoJobPost[] {
  const [enterprise] = generateEnterprises(1, 'relevance');
  const [template] = [...generateJobPosts([enterprise], 1, 'relevance')];
  return RELEVANCE_POSTS.map((p) => ({
    ...template,
    title: p.title,
    occupation: p.occupation ?? null,
    skills: p.skills ?? [],
    townshipCode: p.outsidePlace ? null : (p.townshipCode ?? 'jifeng'),
    placeText: p.outsidePlace ?? townshipByCode(p.townshipCode ?? 'jifeng')?.name ?? '稷峰镇',
    employmentType: p.employmentType ?? 'full-time',
    isInternship: p.employmentType === 'internship',
    // The key travels in the description (not searched by Postgres; Latin for Meilisearch).
    description: `${KEY_MARK}${p.key}`,
    deadline: '2099-12-31',
  }));
}

async function main(): Promise<void> {
  const bench = await startBenchEnvironment('relevance');
  const { env, config, tmp } = bench;
  let ctx: INestApplicationContext | undefined;
  try {
    await migrateDatabase(config);
    const csv = path.join(tmp, 'relevance.csv');
    await writeJobPostSheetCsv(corpusRows(), createWriteStream(csv));
    const imp = await runNode(path.resolve(__dirname, '../scripts/jobs-import.js'), [csv, '--publish'], env);
    if (imp.code !== 0) throw new Error(`jobs:import exited ${imp.code}: ${imp.out.slice(0, 500)}`);
    ctx = await benchSearchContext();
    await ctx.get(SearchReindexService).reindexAll(['job-posts']);
    const rows: { id: string; description: string }[] = await ctx
      .get(DataSource)
      .query(`SELECT id, description FROM job_posts WHERE description LIKE $1`, [`${KEY_MARK}%`]);
    const idOf = new Map(rows.map((r) => [r.description.slice(KEY_MARK.length), r.id]));
    if (idOf.size !== RELEVANCE_POSTS.length)
      throw new Error(`imported ${idOf.size} of ${RELEVANCE_POSTS.length} corpus posts`);

    const search = ctx.get(JobPostSearchService);
    const now = new Date();
    const meili: RelevanceOutcome[] = [];
    const pg: RelevanceOutcome[] = [];
    for (const c of RELEVANCE_CASES) {
      const params = c.params as JobPostSearchParams;
      const m = await search.fromMeilisearch(buildJobPostSearch(params, now));
      meili.push(
        judge(
          c,
          m.hits.map((h) => h.id),
          idOf,
        ),
      );
      if (c.meiliOnly) continue;
      const p = await search.fromPostgres(params, now);
      pg.push(
        judge(
          c,
          p.hits.map((h) => h.id),
          idOf,
        ),
      );
    }
    const passed = (o: RelevanceOutcome[]) => o.filter((x) => x.ok).length;
    console.log(
      `bench:relevance — ${RELEVANCE_POSTS.length} posts, ${RELEVANCE_CASES.length} cases, ${now.toISOString()}`,
    );
    console.log('');
    console.log('| path | cases passed |');
    console.log('|---|---:|');
    console.log(
      `| Meilisearch (this checkout's index settings and synonyms) | ${passed(meili)} / ${meili.length} |`,
    );
    console.log(`| Postgres fallback (bigrams, synonyms) | ${passed(pg)} / ${pg.length} |`);
    const failures = [
      ...meili.map((o) => ['Meilisearch', o] as const),
      ...pg.map((o) => ['Postgres', o] as const),
    ].filter(([, o]) => !o.ok);
    if (failures.length) {
      console.log('');
      for (const [where, o] of failures)
        console.log(
          `- ${where}: ${o.case.name} — missing ${o.missing.join(', ') || '-'}, unwanted ${o.unwanted.join(', ') || '-'}`,
        );
    }
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    await ctx?.close().catch(() => undefined);
    await bench.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
