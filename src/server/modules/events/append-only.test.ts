import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const sourceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Ways code could rewrite history: Drizzle's builders on `events`, or raw SQL. */
const rewrites = [
  /\.update\(\s*events\s*\)/,
  /\.delete\(\s*events\s*\)/,
  /\bupdate\s+"?events"?\s+set\b/i,
  /\bdelete\s+from\s+"?events"?\b/i,
  /\btruncate\s+(table\s+)?"?events"?\b/i,
];

function sourceFiles(): string[] {
  return readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(sourceRoot, file));
}

describe('the event log is append-only in code (SR-96)', () => {
  it('no source file updates, deletes or truncates events', () => {
    const files = sourceFiles();

    const offenders = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return rewrites.some((pattern) => pattern.test(text));
    });

    expect(files.length).toBeGreaterThan(50);
    expect(offenders.map((file) => path.relative(sourceRoot, file))).toEqual([]);
  });
});
