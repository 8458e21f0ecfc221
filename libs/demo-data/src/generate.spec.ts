import { PassThrough } from 'node:stream';
import { isValidCreditCode, validateMobile, validateResidentId } from '@app/platform/validation';
import { townshipByCode } from '@app/platform/geo';
import { toJobPostDocument } from '@app/search';
import {
  DEMO_AS_OF,
  generateEnterprises,
  generateJobPosts,
  generateSeekers,
  JISHAN_AREA_CODE,
} from './generate';
import { JOB_POST_SHEET_HEADERS, writeJobPostSheetCsv } from './sheet-csv';

const enterprises = generateEnterprises(300, 42);
const posts = [...generateJobPosts(enterprises, 5000, 42)];
const seekers = [...generateSeekers(5000, 42)];

describe('determinism', () => {
  it('the same seed gives the same data; another seed different data', () => {
    expect(generateEnterprises(300, 42)).toEqual(enterprises);
    expect([...generateJobPosts(enterprises, 5000, 42)]).toEqual(posts);
    expect([...generateSeekers(5000, 42)]).toEqual(seekers);
    expect(generateEnterprises(300, 43)).not.toEqual(enterprises);
  });

  it('a prefix of a longer run is the shorter run (streaming does not change the data)', () => {
    expect([...generateSeekers(100, 42)]).toEqual(seekers.slice(0, 100));
  });
});

describe('validity', () => {
  it('every credit code, ID number and mobile is valid', () => {
    expect(enterprises.every((e) => isValidCreditCode(e.creditCode))).toBe(true);
    expect(new Set(enterprises.map((e) => e.creditCode)).size).toBe(enterprises.length);
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(enterprises.length);
    for (const s of seekers) {
      const r = validateResidentId(s.idNumber, DEMO_AS_OF);
      expect(r).toMatchObject({ ok: true, birthDate: s.birthDate, sex: s.sex });
      expect(validateMobile(s.mobile)).toBe(true);
    }
  });

  it('ID numbers are unique at scale (50,000 seekers: ~90 draws meet without the check)', () => {
    const ids = new Set<string>();
    let n = 0;
    for (const s of generateSeekers(50_000, 'bench')) {
      ids.add(s.idNumber);
      n += 1;
    }
    expect(ids.size).toBe(n);
  });

  it('posts are well-formed and index cleanly', () => {
    for (const p of posts) {
      if (p.wageMinFen !== null) {
        expect(p.wageMinFen).toBeGreaterThanOrEqual(200_000);
        expect(p.wageMaxFen as number).toBeGreaterThanOrEqual(p.wageMinFen);
        expect(p.wageMaxFen as number).toBeLessThanOrEqual(900_000);
        expect(p.wageMinFen % 100).toBe(0);
      }
      if (p.townshipCode) expect(townshipByCode(p.townshipCode)).toBeDefined();
      else expect(p.placeText).toMatch(/省|市/);
      expect(p.headcount).toBeGreaterThan(0);
      expect(() => toJobPostDocument(p)).not.toThrow();
    }
  });
});

describe('distribution', () => {
  it('covers every size, many industries, internships and labour export', () => {
    expect(new Set(enterprises.map((e) => e.size))).toEqual(new Set(['large', 'medium', 'small', 'micro']));
    expect(new Set(enterprises.map((e) => e.industry)).size).toBeGreaterThanOrEqual(12);
    expect(enterprises.filter((e) => e.industry === '焦化').every((e) => e.townshipCode === 'devzone')).toBe(
      true,
    );
    const share = (f: (p: (typeof posts)[number]) => boolean) => posts.filter(f).length / posts.length;
    expect(share((p) => p.isInternship)).toBeGreaterThan(0.03);
    expect(share((p) => p.isInternship)).toBeLessThan(0.08);
    expect(share((p) => p.townshipCode === null)).toBeGreaterThan(0.03);
    expect(share((p) => p.townshipCode === null)).toBeLessThan(0.1);
  });

  it('seekers come from every group, mostly from the county', () => {
    const groups = new Set(seekers.flatMap((s) => s.groups));
    for (const g of [
      'graduate',
      'registered-unemployed',
      'difficult',
      'poverty-alleviated',
      'rural-labourer',
      'zero-employment-family',
    ]) {
      expect(groups).toContain(g);
    }
    const local = seekers.filter((s) => s.idNumber.startsWith(JISHAN_AREA_CODE)).length / seekers.length;
    expect(local).toBeGreaterThan(0.85);
    expect(local).toBeLessThan(1);
  });
});

describe('writeJobPostSheetCsv', () => {
  it('writes the import contract headers and one line per post', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    const n = await writeJobPostSheetCsv(posts.slice(0, 50), out);
    out.end();
    const lines = chunks.join('').split('\r\n');
    expect(n).toBe(50);
    expect(lines[0]).toBe(`\uFEFF${JOB_POST_SHEET_HEADERS.join(',')}`);
    expect(lines.length).toBe(52); // header, 50 rows, trailing empty
    expect(lines[1]).toContain(posts[0].creditCode);
  });

  it('streams 100,000 generated posts in bounded memory', async () => {
    const out = new PassThrough();
    let bytes = 0;
    out.on('data', (c: Buffer) => (bytes += c.length));
    const before = process.memoryUsage().heapUsed;
    const n = await writeJobPostSheetCsv(generateJobPosts(enterprises, 100_000, 7), out);
    expect(n).toBe(100_000);
    expect(bytes).toBeGreaterThan(10_000_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200_000_000);
  });
});
