import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE_DIRS = ['apps/worker/src', 'packages/jobs-contract/src'];
const CODE = /\b(?:[A-Z]+_)+ERR_[A-Z0-9_]+\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(REPO_ROOT, dir, name));
}

function codesUsedInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(CODE)) {
      codes.add(match[0]);
    }
  }
  return codes;
}

function documentedCodes(): Set<string> {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'ERRORS.md'), 'utf8');
  return new Set([...doc.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((row) => row[1] ?? ''));
}

describe('the worker and contract error codes', () => {
  it('are all documented in docs/ERRORS.md', () => {
    const documented = documentedCodes();
    const undocumented = [...codesUsedInSource()].filter((code) => !documented.has(code));

    expect(undocumented).toEqual([]);
  });

  it('found codes to check, so the scan itself works', () => {
    expect(codesUsedInSource().size).toBeGreaterThan(20);
  });
});
