import { describePack, evaluateSituation, loadPack, PackError, PolicyRegistry, PolicyRegistryError } from '.';
import { MEASURE_IDS } from './measure-specs';
import { jishan2023, readFixture } from '../test-fixtures/support.node';

const text = (): string => readFixture('../../../policies/jishan-2023.yaml');

function loadError(t: string): PackError {
  try {
    loadPack(t, 'test.yaml');
  } catch (e) {
    if (e instanceof PackError) return e;
    throw e;
  }
  throw new Error('pack loaded');
}

describe('policy packs', () => {
  it('jishan-2023 holds every measure of table A with a clause for every value', () => {
    const pack = jishan2023();
    expect(pack.id).toBe('jishan-2023');
    expect(pack.measures.map((m) => m.id).sort()).toEqual([...MEASURE_IDS].sort());
    for (const m of pack.measures) {
      expect(m.clause).toMatch(/^[一二三]\(/);
      for (const p of Object.values(m.params)) expect(p.clause).toBeTruthy();
    }
    expect(pack.region).toMatchObject({ province: '山西省', city: '运城市', county: '稷山县' });
    expect(pack.parameters.minimumWageMonthlyFen.value).toBeNull();
  });

  it('a bad pack refuses to load and names the path', () => {
    const e1 = loadError(
      text().replace('value: 30000, clause: 一(一), note: 每人每月300元', 'value: -300, clause: 一(一)'),
    );
    expect(e1.path).toBe('measures[0].params.amountFen.value');
    expect(e1.message).toContain('test.yaml');
    const e2 = loadError(text().replace('maxPerYear:', 'maxPerYaer:'));
    expect(e2.path).toMatch(/^measures\[6\]\.params\.maxPerYaer$/);
    const e3 = loadError(
      text().replace("to: '2023-12-31', clause: 一(二)", "to: '2023-02-30', clause: 一(二)"),
    );
    expect(e3.path).toBe('measures[2].window.to');
    const e4 = loadError(
      text().replace('when: { certificateLevel: intermediate }', 'when: { certificateLevel: expert }'),
    );
    expect(e4.path).toMatch(/^measures\[6\]\.params\.amountFen\.exceptions\[0\]\.when/);
    const e5 = loadError(text().replace(/ +insuranceMonths: .*\n/, ''));
    expect(e5.path).toBe('measures[6].params.insuranceMonths');
    expect(loadError('id: [').path).toBe('');
    expect(loadError(text().replace('id: jishan-2023', 'id: Jishan 2023')).path).toBe('id');
  });

  it('two exclusive exceptions that can match one situation are a pack error', () => {
    const e = loadError(readFixture('conflicting-exceptions.yaml'));
    expect(e.path).toBe('measures[7].params.amountFen.exceptions[2].when');
    expect(e.message).toMatch(/both match/);
  });

  it('two exclusive measures that can apply to one situation are a pack error', () => {
    const e = loadError(readFixture('conflicting-measures.yaml'));
    expect(e.path).toBe('benefits[1].measures[1]');
  });

  it('without the static check the runtime guard still refuses a conflicting situation', () => {
    const reg = new PolicyRegistry([
      loadPack(readFixture('conflicting-exceptions.yaml'), 'x', { skipOverlapCheck: true }),
    ]);
    const s = {
      asOf: '2023-10-01',
      person: { groups: ['registered-unemployed'] },
      hire: {
        startDate: '2023-09-10',
        jobLocation: { province: '陕西省' },
        referral: { agencyKind: 'broker', free: true },
      },
    };
    expect(evaluateSituation(s, reg)).toMatchObject({ error: { code: 'pack-conflict' } });
    const reg2 = new PolicyRegistry([
      loadPack(readFixture('conflicting-measures.yaml'), 'y', { skipOverlapCheck: true }),
    ]);
    const s2 = {
      asOf: '2023-10-01',
      hire: { startDate: '2023-09-10', postKind: 'public-welfare', formerStateEnterpriseOlderWorker: true },
    };
    expect(evaluateSituation(s2, reg2)).toMatchObject({
      error: { code: 'pack-conflict', path: 'benefits.public-welfare' },
    });
  });

  it('the registry refuses two packs for one date unless one supersedes the other', () => {
    const a = jishan2023();
    const b = loadPack(text().replace('id: jishan-2023', 'id: jishan-2023-copy'));
    const reg = new PolicyRegistry([a, b]);
    expect(() => reg.choose('2023-10-01')).toThrow(PolicyRegistryError);
    expect(() => new PolicyRegistry([a, a])).toThrow(/twice/);
    expect(() => new PolicyRegistry([a]).choose('2023-10-01', { province: '陕西省' })).toThrow(/no policy/);
  });

  it('describePack is plain JSON with measures, parameters, clauses and windows', () => {
    const d = describePack(jishan2023());
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d.measures.find((m) => m.id === 'hiring-youth-small')?.params.amountFen).toMatchObject({
      value: null,
      set: false,
    });
    expect(d.measures.find((m) => m.id === 'uib-refund')?.window).toMatchObject({ to: '2023-12-31' });
    expect(d.parameters.minimumWageMonthlyFen).toMatchObject({ clause: '三(十三)' });
  });
});
