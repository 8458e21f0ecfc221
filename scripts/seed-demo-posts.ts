/**
 * The demo's job posts: a few hundred realistic county posts (the demo-data generator) plus a
 * handful for the demo employer, collected the way the employment center collects them — through
 * the 岗位信息采集表 import, published at once. The worker then indexes them, so they are
 * searchable in Chinese a few seconds after the demo starts. Idempotent: a second run finds every
 * post already open (duplicates) and creates nothing.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { todayInChina } from '@app/platform/validation';
import type { ImportResult, JobPostImportService } from '@app/jobs';
import { DemoJobPost, generateEnterprises, generateJobPosts, writeJobPostSheetCsv } from '@app/demo-data';
import { DEMO_DETAILS } from './demo-logins';

export const DEMO_POST_COUNT = 300;
const SEED = 2023;

/** ISO date `days` after `iso` (calendar arithmetic in UTC, no time-zone drift). */
function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Posts of the demo employer (稷山麻花 is the county's best-known food). */
function demoEmployerPosts(today: string): DemoJobPost[] {
  const base: Omit<
    DemoJobPost,
    | 'id'
    | 'title'
    | 'occupation'
    | 'skills'
    | 'description'
    | 'employmentType'
    | 'wageMinFen'
    | 'wageMaxFen'
    | 'headcount'
  > = {
    employerId: 'demo-employer',
    employerName: DEMO_DETAILS.employer.enterpriseName,
    creditCode: DEMO_DETAILS.employer.creditCode,
    employerSize: 'medium',
    industry: '食品加工',
    townshipCode: 'jifeng',
    placeText: '稷峰镇',
    education: null,
    ageMin: 18,
    ageMax: 55,
    isInternship: false,
    publishedAt: `${today}T09:00:00+08:00`,
    deadline: addDays(today, 90),
    status: 'published',
    contactName: DEMO_DETAILS.employer.displayName,
    contactPhone: DEMO_DETAILS.employer.mobile,
  };
  return [
    {
      ...base,
      id: 'demo-1',
      title: '麻花生产工',
      occupation: '食品加工工',
      skills: ['健康证', '和面'],
      description: '稷山麻花生产线，包吃住，月休四天。',
      employmentType: 'full-time',
      wageMinFen: 350000,
      wageMaxFen: 550000,
      headcount: 12,
    },
    {
      ...base,
      id: 'demo-2',
      title: '电焊工',
      occupation: '焊工',
      skills: ['焊工证', '氩弧焊'],
      description: '设备维修车间，持证上岗。',
      employmentType: 'full-time',
      wageMinFen: 550000,
      wageMaxFen: 800000,
      headcount: 2,
    },
    {
      ...base,
      id: 'demo-3',
      title: '电商主播',
      occupation: '直播销售员',
      skills: ['直播带货', '普通话'],
      description: '稷山板枣、麻花直播带货，有提成。',
      employmentType: 'full-time',
      wageMinFen: 400000,
      wageMaxFen: 900000,
      headcount: 3,
    },
    {
      ...base,
      id: 'demo-4',
      title: '食品检验见习生',
      occupation: '食品检验员',
      skills: ['食品检验'],
      description: '就业见习岗位，面向离校两年内未就业高校毕业生。',
      employmentType: 'internship',
      isInternship: true,
      education: 'college',
      wageMinFen: 200000,
      wageMaxFen: 250000,
      headcount: 2,
    },
    {
      ...base,
      id: 'demo-5',
      title: '焊工（翟店厂区）',
      occupation: '焊工',
      skills: ['焊工证', '二保焊'],
      description: '翟店镇厂区钢结构焊接，持证上岗，班车接送。',
      employmentType: 'full-time',
      townshipCode: 'zhaidian',
      placeText: '翟店镇',
      wageMinFen: 500000,
      wageMaxFen: 750000,
      headcount: 4,
    },
  ];
}

export async function seedDemoPosts(importer: JobPostImportService): Promise<ImportResult> {
  const today = todayInChina();
  const enterprises = generateEnterprises(40, SEED);
  const dir = mkdtempSync(path.join(tmpdir(), 'jishan-demo-'));
  const file = path.join(dir, 'demo-posts.csv');
  try {
    function* posts(): Generator<DemoJobPost> {
      yield* demoEmployerPosts(today);
      let i = 0;
      for (const p of generateJobPosts(enterprises, DEMO_POST_COUNT, SEED)) {
        // The generator dates its data; the demo shows posts open from today on.
        yield { ...p, deadline: addDays(today, 30 + (i++ % 90)) };
      }
    }
    const out = createWriteStream(file);
    await writeJobPostSheetCsv(posts(), out);
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return await importer.importFile(file, { publish: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
