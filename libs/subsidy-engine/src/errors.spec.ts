import { evaluateMany, evaluateSituation } from '.';
import { realRegistry } from '../test-fixtures/support.node';

const registry = realRegistry();
const good = {
  asOf: '2023-10-20',
  person: { unemploymentInsuranceMonths: 14 },
  certificate: { level: 'intermediate', date: '2023-10-10' },
};

describe('bad input', () => {
  it('gives error results in place and still evaluates the other situations', () => {
    const out = evaluateMany(
      [
        good,
        42,
        { asOf: '2023-02-30' },
        { person: { idNumber: '140824200303150018' }, asOf: '2023-10-01' },
        { asOf: '2023-10-01', hire: { startDate: '2023-09-01', contractEndDate: '2023-08-01' } },
        { asOf: '2023-10-01', employer: { uiPremiumsLastYearFen: -5 } },
        { asOf: '2023-10-01', person: { groups: ['graduate', 'pirate'] } },
        { asOf: '2023-10-01', surprise: true },
        good,
      ],
      registry,
    ) as unknown as Array<Record<string, { code: string; path: string; message: string }>>;
    expect(out).toHaveLength(9);
    expect(out[0]).toMatchObject({ policy: 'jishan-2023' });
    expect(out[8]).toEqual(out[0]);
    expect(out.slice(1, 8).map((r) => [r.error.code, r.error.path])).toEqual([
      ['not-an-object', '[1]'],
      ['invalid-date', '[2].asOf'],
      ['invalid-id-number', '[3].person.idNumber'],
      ['contract-ends-before-start', '[4].hire.contractEndDate'],
      ['negative-amount', '[5].employer.uiPremiumsLastYearFen'],
      ['unknown-value', '[6].person.groups[1]'],
      ['unknown-field', '[7].surprise'],
    ]);
    for (const r of out.slice(1, 8)) expect(r.error.message.length).toBeGreaterThan(5);
  });

  it('a single situation that is not an object', () => {
    expect(evaluateSituation(null, registry)).toEqual({
      error: { code: 'not-an-object', message: expect.any(String), path: '$' },
    });
    expect(evaluateMany('x', registry)).toMatchObject({ error: { path: '$' } });
  });

  it('asOf defaults to the latest event date; without any date it is required', () => {
    const { asOf: _a, ...noAsOf } = good;
    expect(evaluateSituation(noAsOf, registry)).toMatchObject({ asOf: '2023-10-10' });
    expect(evaluateSituation({ person: { groups: [] } }, registry)).toMatchObject({
      error: { code: 'missing-field', path: 'asOf' },
    });
  });

  it('accepts a lowercase x check character and takes birth date and sex from the ID', () => {
    // 11010519491231002X is the standard's example number
    const r = evaluateSituation(
      {
        asOf: '2023-10-01',
        person: { idNumber: '11010519491231002x', groups: ['difficult'] },
        hire: { startDate: '2023-09-01', postKind: 'public-welfare' },
      },
      registry,
    );
    expect(r).toMatchObject({
      decisions: expect.arrayContaining([
        expect.objectContaining({ measure: 'public-welfare-post', eligible: false }),
      ]),
    });
  });
});
