import type { CountedRecord } from '@app/platform';
import { loadPack, targetsOfYear, targetYears } from '@app/subsidy-engine';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { METRIC_SPECS, monthEnd, standing, tally } from './target-rules';

const pack2023 = loadPack(
  readFileSync(path.join(__dirname, '../../../policies/jishan-2023.yaml'), 'utf8'),
  'jishan-2023.yaml',
);

const rec = (id: string, on: string, extra: Partial<CountedRecord> = {}): CountedRecord => ({
  id,
  on,
  townshipCode: 'jifeng',
  label: id,
  ...extra,
});

describe('targets of a year', () => {
  it('the 2023 pack sets the 15 targets of table B, as data', () => {
    expect(targetYears([pack2023])).toEqual([2023]);
    const t = targetsOfYear([pack2023], 2023)!;
    expect(t.carriedFrom).toBeNull();
    expect(t.items).toHaveLength(15);
    expect(t.items.find((i) => i.id === 'fairs-held')).toMatchObject({ clause: '一(一)', target: 18 });
    expect(t.items.find((i) => i.id === 'public-institution-recruits')).toMatchObject({
      metric: null,
      due: '2023-08-31',
    });
  });

  it('a later year in the pack’s window carries them on with due dates moved; outside it, none', () => {
    const t = targetsOfYear([pack2023], 2026)!;
    expect(t.carriedFrom).toBe(2023);
    expect(t.items.find((i) => i.id === 'public-institution-recruits')?.due).toBe('2026-08-31');
    expect(targetsOfYear([pack2023], 2022)).toBeNull();
    expect(targetsOfYear([pack2023], 2029)).toBeNull();
  });

  it('a pack with its own year’s targets wins over the carried ones', () => {
    const text = readFileSync(path.join(__dirname, '../../../policies/jishan-2023.yaml'), 'utf8')
      .replace(/^id: jishan-2023$/m, 'id: jishan-2024')
      .replace('year: 2023', 'year: 2024')
      .replace(/due: '2023-/g, "due: '2024-")
      .replace('target: 18, unit: 场', 'target: 20, unit: 场')
      .replace(
        "window: { from: '2023-08-23', to: '2028-08-22'",
        "window: { from: '2024-01-01', to: '2024-12-31'",
      );
    const pack2024 = loadPack(text, 'jishan-2024.yaml');
    const t = targetsOfYear([pack2023, pack2024], 2024)!;
    expect(t).toMatchObject({ carriedFrom: null, pack: { id: 'jishan-2024' } });
    expect(t.items.find((i) => i.id === 'fairs-held')?.target).toBe(20);
    // 2025: the 2024 pack's window has ended; the 2023 plan is still in force and its targets carry on.
    expect(targetsOfYear([pack2023, pack2024], 2025)?.carriedFrom).toBe(2023);
  });

  it('the pack loader refuses a target it could not measure', () => {
    const text = readFileSync(path.join(__dirname, '../../../policies/jishan-2023.yaml'), 'utf8');
    expect(() => loadPack(text.replace('metric: fairs-held', 'metric: fairs-planned'))).toThrow(
      /targets\.items\[0\]\.metric/,
    );
    expect(() =>
      loadPack(text.replace("due: '2023-12-31', note: 全年举办", "due: '2024-12-31', note: 全年举办")),
    ).toThrow(/targets\.items\[0\]\.due: due date is not in the targets' year 2023/);
    expect(() => loadPack(text.replace('target: all', 'target: 5'))).toThrow(/target "all"/);
    expect(() => loadPack(text.replace('id: fair-hires', 'id: fairs-held'))).toThrow(/duplicate target/);
    expect(() => loadPack(text.replace('metric: fair-hires', 'metric: fairs-held'))).toThrow(
      /targets\.items\[1\]\.metric: two targets measured by "fairs-held"/,
    );
  });
});

describe('tally', () => {
  it('people once on their first day, by month cumulative and by township, nothing after asOf', () => {
    const r = tally(
      [
        rec('a', '2023-03-05', { personId: 'p1' }),
        rec('b', '2023-01-20', { personId: 'p1', townshipCode: 'xishe' }),
        rec('c', '2023-03-09', { personId: 'p2' }),
        rec('d', '2023-06-01', { personId: 'p3' }),
        rec('e', '2022-12-31', { personId: 'p4' }),
      ],
      METRIC_SPECS['new-skilled-workers'],
      2023,
      '2023-05-31',
    );
    expect(r.actual).toBe(2);
    expect(r.counted.map((x) => x.id)).toEqual(['b', 'c']);
    expect(r.monthly.map((m) => [m.month, m.count, m.cumulative])).toEqual([
      ['2023-01', 1, 1],
      ['2023-02', 0, 1],
      ['2023-03', 1, 2],
      ['2023-04', 0, 2],
      ['2023-05', 0, 2],
    ]);
    expect(r.byTownship?.filter((t) => t.actual > 0)).toEqual([
      { code: 'jifeng', name: '稷峰镇', actual: 1 },
      { code: 'xishe', name: '西社镇', actual: 1 },
    ]);
    expect(r.byTownship).toHaveLength(8);
  });

  it('weighted records count their weight; townships not applying give null', () => {
    expect(
      tally(
        [rec('a', '2023-02-01', { weight: 4 }), rec('b', '2023-02-02', { weight: 6 })],
        METRIC_SPECS['startup-jobs'],
        2023,
        '2023-12-31',
      ).actual,
    ).toBe(10);
    expect(
      tally([rec('t', '2023-02-01')], METRIC_SPECS['export-trips'], 2023, '2023-12-31').byTownship,
    ).toBeNull();
  });
});

describe('standing', () => {
  const T = '2026-12-01';
  const spec = METRIC_SPECS['fairs-held'];
  it('met, missed, on track or behind a steady pace from 1 January', () => {
    const t = { target: 18, due: '2023-12-31' } as const;
    expect(standing(t, 18, null, spec, 2023, '2023-06-30', T).status).toBe('met');
    expect(standing(t, 17, null, spec, 2023, '2023-12-31', '2024-01-01').status).toBe('missed');
    // The due day itself is not over yet: not missed until tomorrow.
    expect(standing(t, 17, null, spec, 2023, '2023-12-31', '2023-12-31').status).toBe('behind');
    // 30 June: 181 of 365 days → a steady pace has 8 of 18.
    expect(standing(t, 8, null, spec, 2023, '2023-06-30', T)).toMatchObject({
      expected: 8,
      status: 'on-track',
    });
    expect(standing(t, 7, null, spec, 2023, '2023-06-30', T)).toMatchObject({
      status: 'behind',
      share: 7 / 18,
    });
  });

  it('"all" is every case found; nothing to do is met; state targets have no pace; untracked stays untracked', () => {
    const all = { target: 'all', due: '2023-12-31' } as const;
    const families = METRIC_SPECS['zero-employment-families-employed'];
    expect(standing(all, 3, 4, families, 2023, '2023-03-01', T)).toMatchObject({
      target: 4,
      status: 'behind',
    });
    expect(standing(all, 0, 0, families, 2023, '2023-03-01', T)).toMatchObject({
      target: 0,
      share: 1,
      status: 'met',
    });
    expect(
      standing({ target: 236, due: '2023-08-31' }, null, null, null, 2023, '2023-09-01', T),
    ).toMatchObject({
      status: 'not-tracked',
      share: null,
    });
  });

  it('month ends', () => {
    expect(['2023-02', '2024-02', '2023-12', '2023-04'].map(monthEnd)).toEqual([
      '2023-02-28',
      '2024-02-29',
      '2023-12-31',
      '2023-04-30',
    ]);
  });
});
