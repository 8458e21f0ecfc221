/**
 * Node-only: reads every `*.yaml` pack of a directory into a registry. The default directory is
 * `$POLICY_DIR`, else the nearest `policies/` folder holding `jishan-2023.yaml` found walking up
 * from this file (works from source under ts-jest and compiled under dist/libs/subsidy-engine/src).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadPack } from './pack';
import { PolicyRegistry } from './registry';

function walkUp(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'policies');
    if (existsSync(path.join(candidate, 'jishan-2023.yaml'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `$POLICY_DIR`, else `policies/` found walking up from `start`, else from the working directory. */
export function findPolicyDir(start: string = __dirname): string {
  if (process.env.POLICY_DIR) return path.resolve(process.env.POLICY_DIR);
  const found = walkUp(start) ?? walkUp(process.cwd());
  if (!found)
    throw new Error(`no policies/jishan-2023.yaml found above ${start} or ${process.cwd()}; set POLICY_DIR`);
  return found;
}

/** The repository root: the folder that holds `policies/`. */
export function findRepoRoot(start: string = __dirname): string {
  return path.dirname(findPolicyDir(start));
}

export function loadPolicyRegistry(dir: string = findPolicyDir(), extraFiles: string[] = []): PolicyRegistry {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(dir, f));
  const registry = new PolicyRegistry();
  for (const file of [...files, ...extraFiles]) {
    registry.add(loadPack(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file));
  }
  return registry;
}
