import { AppConfig, Role } from '@app/platform';
import { PrincipalCache, PrincipalRow } from './principal-cache';

const row: PrincipalRow = {
  role: Role.Staff,
  organisation_id: null,
  township_code: 'jifeng',
  token_version: 3,
};
const cacheWith = (ttl: number) => new PrincipalCache({ AUTH_CACHE_TTL_MS: ttl } as AppConfig);

describe('PrincipalCache', () => {
  it('remembers a user for the TTL and not a millisecond longer', () => {
    const cache = cacheWith(5000);
    cache.set('u1', row, 1_000);
    expect(cache.get('u1', 5_999)).toEqual(row);
    expect(cache.get('u1', 6_000)).toBeUndefined();
  });

  it('forgets at once when told (token-version bump, profile change)', () => {
    const cache = cacheWith(5000);
    cache.set('u1', row, 0);
    cache.forget('u1');
    expect(cache.get('u1', 1)).toBeUndefined();
  });

  it('TTL 0 turns it off', () => {
    const cache = cacheWith(0);
    cache.set('u1', row, 0);
    expect(cache.get('u1', 0)).toBeUndefined();
  });
});
