/** Test support (Node): the registry of the real packs, fixture packs, and golden-case matching. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadPack, Pack, PolicyRegistry } from '../src';
import { findRepoRoot, loadPolicyRegistry } from '../src/load-policies.node';

export const repoRoot = findRepoRoot(__dirname);
export const fixtureDir = __dirname;
export const goldenDir = path.resolve(__dirname, '../golden');

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

export function realRegistry(): PolicyRegistry {
  return loadPolicyRegistry(path.join(repoRoot, 'policies'));
}

export function jishan2023(): Pack {
  return loadPack(
    readFileSync(path.join(repoRoot, 'policies/jishan-2023.yaml'), 'utf8'),
    'policies/jishan-2023.yaml',
  );
}

/** Registry of the real packs plus the fictional 2024 pack. */
export function registryWith2024(): PolicyRegistry {
  return realRegistry().add(
    loadPack(readFixture('jishan-2024-fictional.yaml'), 'jishan-2024-fictional.yaml'),
  );
}

export interface GoldenCase {
  name: string;
  situation: unknown;
  /** Expected decisions, matched by measure; only the fields given are compared. */
  expect?: Array<Record<string, unknown>>;
  /** Measures that must not appear among the decisions. */
  absent?: string[];
  /** Expected reason codes (with ok) per measure. */
  reasons?: Record<string, Array<{ code: string; ok: boolean }>>;
  /** For error cases: the fields of the expected error. */
  error?: Record<string, unknown>;
  policy?: string;
}

/** The published examples: ../shared when present beside the clone, else the copy in golden/. */
export function publishedExamplesPath(): string {
  const shared = path.resolve(repoRoot, '../shared/contracts/examples/subsidy-cases.json');
  return existsSync(shared) ? shared : path.join(goldenDir, 'published-examples.json');
}

export function readGolden(file: string): GoldenCase[] {
  return JSON.parse(readFileSync(file, 'utf8')) as GoldenCase[];
}
