import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The boundaries between domains, read from the code itself: every table has one owner lib, libs
 * depend on each other without cycles, and each lib is used through its index.ts (ESLint's
 * no-restricted-imports holds the import paths; this holds what paths cannot show).
 */
const ROOT = path.resolve(__dirname, '../..');
const LIBS = readdirSync(path.join(ROOT, 'libs')).filter((d) =>
  statSync(path.join(ROOT, 'libs', d)).isDirectory(),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return filesUnder(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

const SOURCES = new Map(
  LIBS.map((lib) => [
    lib,
    filesUnder(path.join(ROOT, 'libs', lib, 'src')).map((f) => [f, readFileSync(f, 'utf8')]),
  ]),
) as Map<string, [string, string][]>;

/** Tables created by the migrations and still there at the end. */
function tables(): string[] {
  const dir = path.join(ROOT, 'migrations');
  const created = new Set<string>();
  const dropped = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((f) => /^\d+-.*\.ts$/.test(f))
    .sort()) {
    // Only the `up` side counts: `down` recreates what `up` dropped.
    const text = readFileSync(path.join(dir, f), 'utf8');
    const up = text.slice(
      0,
      text.search(/async down\s*\(/) === -1 ? undefined : text.search(/async down\s*\(/),
    );
    for (const m of up.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?/g)) {
      created.add(m[1]);
      dropped.delete(m[1]);
    }
    for (const m of up.matchAll(/DROP TABLE (?:IF EXISTS )?"?(\w+)"?/g)) dropped.add(m[1]);
  }
  return [...created].filter((t) => !dropped.has(t)).sort();
}

describe('architecture', () => {
  it('every table has one owner lib: only its files hold the table’s SQL or entity', () => {
    const owners: Record<string, string[]> = {};
    for (const table of tables()) {
      const sql = new RegExp(
        `\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+${table}\\b|@Entity\\(\\s*(\\{\\s*name:\\s*)?'${table}'`,
      );
      owners[table] = LIBS.filter((lib) => SOURCES.get(lib)!.some(([, text]) => sql.test(text)));
    }
    const shared = Object.entries(owners).filter(([, libs]) => libs.length > 1);
    expect(shared).toEqual([]);
    // Reference data (townships) is read through platform's geo module, never queried by a domain.
    const unowned = Object.entries(owners)
      .filter(([, libs]) => libs.length === 0)
      .map(([t]) => t);
    expect(unowned).toEqual(['townships']);
  });

  it('a table’s SQL lives in its owner’s repository files (and the platform’s own plumbing)', () => {
    const offenders: string[] = [];
    for (const lib of LIBS.filter((l) => l !== 'platform' && l !== 'audit')) {
      for (const [file, text] of SOURCES.get(lib)!) {
        if (/\.(repository|entity)\.ts$/.test(file)) continue;
        if (
          /\b(SELECT\s[\s\S]{0,400}?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\s+[a-z_]+/i.test(
            text,
          )
        ) {
          offenders.push(path.relative(ROOT, file));
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('libs depend on each other without cycles', () => {
    const deps = new Map<string, Set<string>>();
    for (const lib of LIBS) {
      const uses = new Set<string>();
      for (const [, text] of SOURCES.get(lib)!) {
        for (const m of text.matchAll(/from '@app\/([a-z-]+)(?:\/[a-z.-]+)?'/g))
          if (m[1] !== lib) uses.add(m[1]);
      }
      deps.set(lib, uses);
    }
    const cycles: string[] = [];
    const visit = (lib: string, trail: string[]) => {
      if (trail.includes(lib)) {
        cycles.push([...trail.slice(trail.indexOf(lib)), lib].join(' → '));
        return;
      }
      for (const next of deps.get(lib) ?? []) visit(next, [...trail, lib]);
    };
    for (const lib of LIBS) visit(lib, []);
    expect([...new Set(cycles)]).toEqual([]);
    // The engine is pure: it depends on no other lib.
    expect([...deps.get('subsidy-engine')!]).toEqual([]);
  });

  it('every index.ts names what it exports (no export *)', () => {
    const star = LIBS.filter((lib) =>
      /export \*/.test(readFileSync(path.join(ROOT, 'libs', lib, 'src', 'index.ts'), 'utf8')),
    );
    expect(star).toEqual([]);
  });
});
