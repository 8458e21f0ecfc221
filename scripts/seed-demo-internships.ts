/**
 * The demo's 就业见习 (二(十一)): the county's hospitals (县医疗集团), schools (县教育局), a community
 * and a project publish internship posts through the 岗位信息采集表 import (用工形式 见习), with
 * their details (duration, monthly stipend, places, mentor); staff designate them host units and
 * two of them demonstration units (见习示范单位). With the internship posts among the demo's
 * generated ones, the progress toward 80 shows real numbers. Idempotent: the host units exist once.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoJobPost, Prng, creditCode, writeJobPostSheetCsv } from '@app/demo-data';
import { UsersService } from '@app/identity';
import { HostAffiliation, HostUnitKind, InternshipsService } from '@app/internships';
import { JobPostImportService } from '@app/jobs';
import { AuthUser } from '@app/platform';
import { todayInChina } from '@app/platform/validation';

interface Host {
  name: string;
  kind: HostUnitKind;
  affiliation: HostAffiliation | null;
  township: string;
  townshipName: string;
  demonstration?: string;
  posts: {
    title: string;
    occupation: string;
    places: number;
    months: number;
    stipendYuan: number;
    mentor: string;
  }[];
}

const HOSTS: Host[] = [
  {
    name: '稷山县人民医院',
    kind: 'hospital',
    affiliation: 'county-medical-group',
    township: 'jifeng',
    townshipName: '稷峰镇',
    demonstration: '见习岗位多、带教规范，2022 年见习留用率超过五成',
    posts: [
      {
        title: '临床护理见习生',
        occupation: '护士',
        places: 6,
        months: 6,
        stipendYuan: 1800,
        mentor: '王护士长',
      },
      {
        title: '医学检验见习生',
        occupation: '检验技师',
        places: 2,
        months: 6,
        stipendYuan: 1800,
        mentor: '李主任',
      },
      {
        title: '药房调剂见习生',
        occupation: '药剂员',
        places: 2,
        months: 6,
        stipendYuan: 1800,
        mentor: '张药师',
      },
      {
        title: '医疗信息化见习生',
        occupation: '信息管理员',
        places: 1,
        months: 12,
        stipendYuan: 1900,
        mentor: '赵工',
      },
    ],
  },
  {
    name: '稷山县中医医院',
    kind: 'hospital',
    affiliation: 'county-medical-group',
    township: 'jifeng',
    townshipName: '稷峰镇',
    posts: [
      {
        title: '中医康复见习生',
        occupation: '康复治疗师',
        places: 3,
        months: 6,
        stipendYuan: 1800,
        mentor: '孙医师',
      },
      {
        title: '针灸推拿见习生',
        occupation: '推拿按摩师',
        places: 2,
        months: 6,
        stipendYuan: 1800,
        mentor: '周医师',
      },
    ],
  },
  {
    name: '稷山县翟店镇卫生院',
    kind: 'hospital',
    affiliation: 'county-medical-group',
    township: 'zhaidian',
    townshipName: '翟店镇',
    posts: [
      {
        title: '公共卫生见习生',
        occupation: '公共卫生管理员',
        places: 2,
        months: 6,
        stipendYuan: 1700,
        mentor: '吴院长',
      },
    ],
  },
  {
    name: '稷山县稷山中学',
    kind: 'school',
    affiliation: 'education-bureau',
    township: 'jifeng',
    townshipName: '稷峰镇',
    demonstration: '教学见习组织完善，每名见习生配带教教师',
    posts: [
      {
        title: '高中语文教学见习',
        occupation: '中学教师',
        places: 2,
        months: 12,
        stipendYuan: 1800,
        mentor: '郑老师',
      },
      {
        title: '高中数学教学见习',
        occupation: '中学教师',
        places: 2,
        months: 12,
        stipendYuan: 1800,
        mentor: '冯老师',
      },
      {
        title: '学校心理健康见习',
        occupation: '心理咨询师',
        places: 1,
        months: 6,
        stipendYuan: 1800,
        mentor: '陈老师',
      },
    ],
  },
  {
    name: '稷山县实验小学',
    kind: 'school',
    affiliation: 'education-bureau',
    township: 'jifeng',
    townshipName: '稷峰镇',
    posts: [
      {
        title: '小学英语教学见习',
        occupation: '小学教师',
        places: 2,
        months: 6,
        stipendYuan: 1700,
        mentor: '褚老师',
      },
      {
        title: '小学科学教学见习',
        occupation: '小学教师',
        places: 1,
        months: 6,
        stipendYuan: 1700,
        mentor: '卫老师',
      },
    ],
  },
  {
    name: '稷峰镇城南社区居民委员会',
    kind: 'community',
    affiliation: null,
    township: 'jifeng',
    townshipName: '稷峰镇',
    posts: [
      {
        title: '社区服务见习生',
        occupation: '社区工作者',
        places: 2,
        months: 6,
        stipendYuan: 1600,
        mentor: '蒋主任',
      },
      {
        title: '养老服务见习生',
        occupation: '养老护理员',
        places: 2,
        months: 6,
        stipendYuan: 1600,
        mentor: '沈主任',
      },
    ],
  },
  {
    name: '稷山县高标准农田建设项目部',
    kind: 'project',
    affiliation: null,
    township: 'xishe',
    townshipName: '西社镇',
    posts: [
      {
        title: '农业技术见习生',
        occupation: '农业技术员',
        places: 3,
        months: 9,
        stipendYuan: 1700,
        mentor: '韩工程师',
      },
    ],
  },
];

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

export async function seedDemoInternships(app: INestApplicationContext): Promise<{ hostUnits: number }> {
  const ds = app.get(DataSource);
  const internships = app.get(InternshipsService);
  const staffUser = await app.get(UsersService).findByLogin('demo.staff.county');
  if (!staffUser) return { hostUnits: 0 };
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM internship_host_units`);
  if (n > 0) return { hostUnits: 0 };
  const staff: AuthUser = {
    id: staffUser.id,
    role: staffUser.role,
    organisationId: null,
    townshipCode: null,
  };
  const today = todayInChina();
  const rng = new Prng('internship-hosts:2023');
  const codes = HOSTS.map(() => creditCode(rng, '12')); // 12: 事业单位 (public institutions)

  // The posts come in as the center collects them: a 岗位信息采集表, published at once.
  const posts: DemoJobPost[] = HOSTS.flatMap((h, hi) =>
    h.posts.map((p, pi) => ({
      id: `internship-${hi}-${pi}`,
      employerId: `host-${hi}`,
      employerName: h.name,
      creditCode: codes[hi],
      employerSize: 'medium' as const,
      industry:
        h.kind === 'hospital'
          ? '卫生和社会工作'
          : h.kind === 'school'
            ? '教育'
            : '公共管理、社会保障和社会组织',
      title: p.title,
      occupation: p.occupation,
      skills: [],
      description: `就业见习岗位，见习期 ${p.months} 个月，每月见习生活补助 ${p.stipendYuan} 元，由${p.mentor}带教。`,
      employmentType: 'internship',
      isInternship: true,
      education: null,
      ageMin: 16,
      ageMax: 35,
      townshipCode: h.township,
      placeText: h.townshipName,
      wageMinFen: p.stipendYuan * 100,
      wageMaxFen: p.stipendYuan * 100,
      headcount: p.places,
      publishedAt: `${today}T09:00:00+08:00`,
      deadline: addDays(today, 60 + pi * 10),
      status: 'published',
      contactName: p.mentor,
      contactPhone: `0359-55${String(20000 + hi * 100 + pi).slice(-5)}`,
    })),
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'jishan-demo-internships-'));
  try {
    const file = path.join(dir, 'internships.csv');
    const out = createWriteStream(file);
    await writeJobPostSheetCsv(posts, out);
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    await app.get(JobPostImportService).importFile(file, { publish: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  for (const [hi, h] of HOSTS.entries()) {
    const [org] = await ds.query(`SELECT id FROM organisations WHERE credit_code = $1`, [codes[hi]]);
    if (!org) continue;
    await internships.putHostUnit(staff, org.id, { kind: h.kind, affiliation: h.affiliation });
    if (h.demonstration)
      await internships.setDemonstration(staff, org.id, {
        designatedOn: '2023-09-15',
        reason: h.demonstration,
      });
    const rows: { id: string; title: string }[] = await ds.query(
      `SELECT id, title FROM job_posts WHERE employer_id = $1 AND is_internship`,
      [org.id],
    );
    for (const r of rows) {
      const p = h.posts.find((x) => x.title === r.title);
      if (!p) continue;
      await internships.putDetails(staff, r.id, {
        durationMonths: p.months,
        stipendFen: p.stipendYuan * 100,
        places: p.places,
        mentor: p.mentor,
      });
    }
  }
  return { hostUnits: HOSTS.length };
}
