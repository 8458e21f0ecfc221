import { profileProblems } from './seeker-profile.rules';

const today = '2025-11-20';

describe('profileProblems', () => {
  it('accepts a consistent profile', () => {
    expect(
      profileProblems(
        {
          availability: 'later',
          availableFrom: '2026-01-01',
          groups: ['graduate', 'registered-unemployed'],
          graduation: { date: '2025-07-01' },
          registeredUnemployedSince: '2025-08-01',
          certificates: [{ date: '2024-05-05' }, {}],
        },
        today,
      ),
    ).toEqual([]);
  });

  it('names every offending field at once', () => {
    const fields = profileProblems(
      {
        availability: 'immediately',
        availableFrom: '2026-01-01',
        groups: ['graduate', 'registered-unemployed'],
        certificates: [{ date: '2024-01-01' }, { date: '2030-01-01' }],
      },
      today,
    ).map((p) => p.field);
    expect(fields).toEqual([
      'availableFrom',
      'registeredUnemployedSince',
      'graduation',
      'certificates[1].date',
    ]);
  });

  it('wants a date for later availability and refuses a future unemployment registration', () => {
    const fields = profileProblems(
      { availability: 'later', registeredUnemployedSince: '2025-11-21' },
      today,
    ).map((p) => p.field);
    expect(fields).toEqual(['availableFrom', 'registeredUnemployedSince']);
  });
});
