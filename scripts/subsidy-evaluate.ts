/**
 * npm run --silent subsidy:evaluate -- FILE
 *
 * FILE holds one situation or a JSON array of them (`-` reads stdin). Prints ONLY JSON to stdout:
 * one result, or an array of results in input order; a bad situation gives an error result in its
 * place. Exit codes: 0 evaluated (including per-situation error results and invalid JSON, which
 * prints one error result), 2 file missing or unreadable, 3 the policy packs failed to load.
 * Packs: $POLICY_DIR, else the repository's policies/ folder.
 */
import { readFileSync } from 'node:fs';
import { evaluateMany } from '@app/subsidy-engine';
import { loadPolicyRegistry } from '@app/subsidy-engine/load-policies.node';

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function error(code: string, message: string, path: string) {
  return { error: { code, message, path } };
}

function main(argv: string[]): number {
  const file = argv.find((a) => a !== '--');
  if (!file) {
    print(error('missing-argument', 'usage: subsidy:evaluate -- FILE (one situation or a JSON array)', '$'));
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    print(error('unreadable-file', `cannot read ${file} (${code})`, file));
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    print(error('invalid-json', `${file} is not valid JSON: ${(e as Error).message}`, '$'));
    return 0;
  }
  let registry;
  try {
    registry = loadPolicyRegistry();
  } catch (e) {
    print(error('policy-error', (e as Error).message, 'policies'));
    return 3;
  }
  print(evaluateMany(input, registry));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  print(error('internal-error', e instanceof Error ? e.message : String(e), '$'));
  process.exitCode = 1;
}
