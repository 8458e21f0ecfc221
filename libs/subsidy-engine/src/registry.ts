/**
 * Several packs side by side. The pack for an event is chosen by the event's date and region:
 * the packs whose region matches and whose window contains the date; a pack listed in another
 * candidate's `supersedes` drops out. Two candidates left is an error, never a silent priority.
 */
import { Pack, Region } from './pack';

export class PolicyRegistryError extends Error {
  constructor(
    message: string,
    readonly code: 'no-policy' | 'ambiguous-policy' | 'duplicate-pack',
  ) {
    super(message);
    this.name = 'PolicyRegistryError';
  }
}

function regionMatches(pack: Pack, r: Region): boolean {
  return (
    pack.region.province === r.province &&
    (r.city === undefined || pack.region.city === r.city) &&
    (r.county === undefined || pack.region.county === r.county)
  );
}

export class PolicyRegistry {
  private readonly packs: Pack[] = [];

  constructor(packs: Iterable<Pack> = []) {
    for (const p of packs) this.add(p);
  }

  add(pack: Pack): this {
    if (this.packs.some((p) => p.id === pack.id)) {
      throw new PolicyRegistryError(`pack "${pack.id}" registered twice`, 'duplicate-pack');
    }
    this.packs.push(pack);
    this.packs.sort((a, b) => (a.window.from < b.window.from ? -1 : a.window.from > b.window.from ? 1 : 0));
    return this;
  }

  list(): readonly Pack[] {
    return this.packs;
  }

  get(id: string): Pack | undefined {
    return this.packs.find((p) => p.id === id);
  }

  /** The home region of the first pack: used when a situation names no region. */
  defaultRegion(): Region | undefined {
    const p = this.packs[0];
    return p ? { province: p.region.province, city: p.region.city, county: p.region.county } : undefined;
  }

  /** The pack in force on `eventDate` in `region`. Throws `PolicyRegistryError` when none or two. */
  choose(eventDate: string, region: Region | undefined = this.defaultRegion()): Pack {
    const candidates: Pack[] = [];
    if (region) {
      for (const p of this.packs) {
        if (p.window.from <= eventDate && eventDate <= p.window.to && regionMatches(p, region))
          candidates.push(p);
      }
    }
    if (candidates.length === 1) return candidates[0];
    const where = region ? [region.province, region.city, region.county].filter(Boolean).join('') : '';
    const superseded = new Set(candidates.flatMap((p) => p.supersedes));
    const left = candidates.filter((p) => !superseded.has(p.id));
    if (left.length === 1) return left[0];
    if (left.length === 0) {
      throw new PolicyRegistryError(
        `no policy pack covers ${eventDate} in ${where || '(no region)'}`,
        'no-policy',
      );
    }
    throw new PolicyRegistryError(
      `packs ${left.map((p) => p.id).join(', ')} all cover ${eventDate} in ${where}; one must supersede the other`,
      'ambiguous-policy',
    );
  }
}
