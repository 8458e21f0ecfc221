import fc from 'fast-check';
import {
  beijingDayStartTs,
  beijingToday,
  buildJobPostSearch,
  jobPostPostgresCriteria,
  InvalidSearchParamError,
  meiliString,
} from './job-post-search-query';

const NOW = new Date('2025-03-10T04:00:00Z');
const NOW_TS = NOW.getTime() / 1000;
/** 2025-03-10 00:00 Beijing = 2025-03-09T16:00Z. */
const TODAY_START_TS = Date.parse('2025-03-09T16:00:00Z') / 1000;

describe('buildJobPostSearch', () => {
  it('defaults: published, unexpired, facets, 20 hits', () => {
    const r = buildJobPostSearch({}, NOW);
    expect(r).toMatchObject({ q: '', limit: 20, offset: 0 });
    expect(r.filter).toEqual([
      'status = "published"',
      `(deadlineTs IS NULL OR deadlineTs >= ${TODAY_START_TS})`,
    ]);
    expect(r.facets).toEqual(expect.arrayContaining(['township', 'industry', 'employmentType']));
    expect(r.sort).toBeUndefined();
  });

  it('translates every parameter', () => {
    const r = buildJobPostSearch(
      {
        q: '  焊工   稷山 ',
        township: '稷峰镇,xishe',
        industry: ['食品加工'],
        employmentType: 'full-time',
        wageMin: '4000',
        education: 'none',
        employerSize: 'small',
        internship: 'false',
        postedWithinDays: 7,
        sort: 'wage',
        near: 'huayu',
        limit: '100',
        offset: '40',
      },
      NOW,
    );
    expect(r.q).toBe('焊工 稷山');
    expect(r.filter).toEqual(
      expect.arrayContaining([
        'townshipCode IN ["jifeng", "xishe"]',
        'industry IN ["食品加工"]',
        'employmentType IN ["full-time"]',
        '(wageMaxFen >= 400000 OR (wageMaxFen IS NULL AND wageMinFen >= 400000))',
        'education IN ["none"]',
        'employerSize IN ["small"]',
        'isInternship = false',
        `publishedAtTs >= ${NOW_TS - 7 * 86400}`,
      ]),
    );
    expect(r.sort).toEqual(['distanceM.huayu:asc', 'wageMaxFen:desc', 'wageMinFen:desc']);
    expect(r).toMatchObject({ limit: 100, offset: 40 });
  });

  it.each([
    [{ limit: 101 }, 'limit'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1e2' }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ township: '北京' }, 'township'],
    [{ employmentType: 'full-time" OR 1' }, 'employmentType'],
    [{ sort: 'price' }, 'sort'],
    [{ wageMin: '3k' }, 'wageMin'],
    [{ internship: 'yes' }, 'internship'],
    [{ near: 'nowhere' }, 'near'],
    [{ q: 'x'.repeat(101) }, 'q'],
  ])('%j is refused on %s', (params, field) => {
    expect(() => buildJobPostSearch(params, NOW)).toThrow(InvalidSearchParamError);
    try {
      buildJobPostSearch(params, NOW);
    } catch (e) {
      expect((e as InvalidSearchParamError).field).toBe(field);
    }
  });

  it('quotes any user string so it stays one string literal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const lit = meiliString(s);
        // Inside the quotes every " and \ is escaped: strip escape pairs, no bare quote is left.
        const inner = lit.slice(1, -1).replace(/\\\\|\\"/g, '');
        expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
        expect(inner).not.toMatch(/["\\]/);
      }),
    );
  });
});

describe('the deadline cut-off is the Beijing calendar day', () => {
  // 01:00 on 10 March in Beijing is still 9 March in UTC.
  const earlyMorning = new Date('2025-03-09T17:00:00Z');
  const deadlineTs = (date: string) => Date.parse(`${date}T23:59:59+08:00`) / 1000;

  it('Beijing today and its first second', () => {
    expect(beijingToday(earlyMorning)).toBe('2025-03-10');
    expect(beijingDayStartTs(earlyMorning)).toBe(TODAY_START_TS);
    expect(beijingDayStartTs(new Date('2025-03-10T15:59:59Z'))).toBe(TODAY_START_TS);
    expect(beijingDayStartTs(new Date('2025-03-10T16:00:00Z'))).toBe(TODAY_START_TS + 86_400);
  });

  it("yesterday's deadline is out and today's is in, on both paths", () => {
    const cut = beijingDayStartTs(earlyMorning);
    expect(deadlineTs('2025-03-09') >= cut).toBe(false);
    expect(deadlineTs('2025-03-10') >= cut).toBe(true);
    expect(jobPostPostgresCriteria({}, earlyMorning).today).toBe('2025-03-10');
  });

  it('the same request within a minute builds the same filter', () => {
    const a = buildJobPostSearch({ q: '焊工', postedWithinDays: 7 }, new Date('2025-03-10T04:00:01Z'));
    const b = buildJobPostSearch({ q: '焊工', postedWithinDays: 7 }, new Date('2025-03-10T04:00:59Z'));
    expect(b.filter).toEqual(a.filter);
  });
});

describe('jobPostPostgresCriteria', () => {
  it('widens each word to its synonyms and keeps the filters of the Meilisearch path', () => {
    const c = jobPostPostgresCriteria(
      { q: '焊工 100%_', township: '西社镇', wageMin: 3000, sort: 'date' },
      NOW,
    );
    expect(c.words[0]).toEqual(expect.arrayContaining(['焊工', '电焊工']));
    expect(c.words[1]).toEqual(['100%_']);
    expect(c).toMatchObject({
      townshipCodes: ['xishe'],
      wageMinFen: 300000,
      sort: 'date',
      today: '2025-03-10',
    });
  });

  it('orders by wage only when asked; relevance is newest first without an index', () => {
    expect(jobPostPostgresCriteria({ sort: 'wage' }, NOW).sort).toBe('wage');
    expect(jobPostPostgresCriteria({}, NOW).sort).toBe('date');
  });
});
