import fc from 'fast-check';
import { DomainError } from '@app/platform';
import { assertPlaceLeft, isPostFull } from './placement.rules';

describe('posts filled by hires (招满)', () => {
  it('a post is full exactly when its placements not yet ended reach its headcount', () => {
    expect(isPostFull(1, 0)).toBe(false);
    expect(isPostFull(1, 1)).toBe(true);
    expect(isPostFull(3, 2)).toBe(false);
    expect(isPostFull(3, 4)).toBe(true); // staff recorded one beyond the headcount
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (h, n) => {
        expect(isPostFull(h, n)).toBe(n >= h);
      }),
    );
  });

  it('a hire through an application needs a place left: otherwise a 409', () => {
    expect(() => assertPlaceLeft({ status: 'published', headcount: 2 }, 1)).not.toThrow();
    // Applications in progress may still be hired on a post closed, expired or back in review.
    for (const status of ['closed', 'expired', 'pending-review', 'draft']) {
      expect(() => assertPlaceLeft({ status, headcount: 2 }, 1)).not.toThrow();
    }
    const cases: [string, number, number][] = [
      ['published', 1, 1],
      ['published', 2, 3],
      ['closed', 2, 2],
      // Filled by hand with places left on paper: the employer said it is full.
      ['filled', 5, 1],
    ];
    for (const [status, headcount, active] of cases) {
      let err: unknown;
      try {
        assertPlaceLeft({ status, headcount }, active);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DomainError);
      expect({ status, code: (err as DomainError).code, http: (err as DomainError).status }).toEqual({
        status,
        code: 'application.post-filled',
        http: 409,
      });
    }
  });
});
