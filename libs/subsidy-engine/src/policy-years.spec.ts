import { evaluateSituation, isErrorResult, EvaluationResult } from '.';
import { registryWith2024 } from '../test-fixtures/support.node';

const registry = registryWith2024();

function run(s: unknown): EvaluationResult {
  const r = evaluateSituation(s, registry);
  if (isErrorResult(r)) throw new Error(JSON.stringify(r));
  return r;
}
const amount = (r: EvaluationResult, m: string) => r.decisions.find((d) => d.measure === m)?.amountFen;

const hire = (start: string) => ({
  asOf: start,
  person: {
    birthDate: '1985-04-12',
    groups: ['difficult', 'registered-unemployed'],
    registeredUnemployedSince: '2022-01-01',
  },
  employer: { size: 'large' },
  hire: {
    startDate: start,
    contractEndDate: '2027-12-31',
    jobLocation: { province: '山西省', city: '运城市', county: '河津市' },
    postKind: 'regular',
    referral: { agencyKind: 'hr-firm', free: true },
  },
});

describe('several packs side by side (a made-up 2024 pack in test-fixtures)', () => {
  it('chooses the pack by the event date: same situation, new amounts, no code change', () => {
    const y2023 = run(hire('2023-09-01'));
    const y2024 = run(hire('2024-03-01'));
    expect(y2023.policy).toBe('jishan-2023');
    expect(y2024.policy).toBe('jishan-2024-fictional');
    expect(y2024.policyVersion).toBe('2024.0-test');
    expect(amount(y2023, 'post-subsidy')).toBe(30000);
    expect(amount(y2024, 'post-subsidy')).toBe(35000);
    expect(amount(y2023, 'referral-fee')).toBe(50000);
    expect(amount(y2024, 'referral-fee')).toBe(60000);
    expect(amount(y2023, 'hiring-long-unemployed')).toBe(100000);
    expect(amount(y2024, 'hiring-long-unemployed')).toBe(110000);
    expect(y2024.decisions.every((d) => d.policy === 'jishan-2024-fictional')).toBe(true);
  });

  it('uses the new windows: the 2024 hiring subsidy ends on 2024-06-30', () => {
    const late = run(hire('2024-07-01'));
    const d = late.decisions.find((x) => x.measure === 'hiring-long-unemployed');
    expect(d).toMatchObject({ eligible: false, amountFen: 0 });
    expect(d?.reasons).toContainEqual(expect.objectContaining({ code: 'in-window', ok: false }));
  });

  it('a value set only in the new pack (province amount, minimum wage) appears only there', () => {
    const small = (start: string) => ({
      asOf: start,
      person: {
        birthDate: '2001-06-20',
        groups: ['graduate'],
        graduation: { date: '2023-06-30', level: 'university' },
      },
      employer: { size: 'small' },
      hire: { startDate: start, contractEndDate: '2026-08-31', postKind: 'regular' },
    });
    expect(amount(run(small('2023-09-01')), 'hiring-youth-small')).toBeNull();
    expect(amount(run(small('2024-02-01')), 'hiring-youth-small')).toBe(80000);
    const pw = { ...hire('2024-02-01'), hire: { startDate: '2024-02-01', postKind: 'public-welfare' } };
    expect(amount(run(pw), 'public-welfare-post')).toBe(188000);
    expect(
      amount(
        run({ ...pw, hire: { startDate: '2023-10-01', postKind: 'public-welfare' } }),
        'public-welfare-post',
      ),
    ).toBeNull();
  });

  it('after the new pack ends, the 2023 plan applies again with its own windows', () => {
    const r = run(hire('2025-03-01'));
    expect(r.policy).toBe('jishan-2023');
    expect(r.decisions.find((d) => d.measure === 'hiring-long-unemployed')).toMatchObject({
      eligible: false,
    });
    expect(amount(r, 'post-subsidy')).toBe(30000);
  });

  it('the certificate date chooses the pack for a certificate', () => {
    const cert = (date: string) => ({
      asOf: date,
      person: { unemploymentInsuranceMonths: 20 },
      certificate: { level: 'senior', date },
    });
    expect(amount(run(cert('2023-11-01')), 'skill-upgrade')).toBe(200000);
    expect(amount(run(cert('2024-05-01')), 'skill-upgrade')).toBe(220000);
  });
});
