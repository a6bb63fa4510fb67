import { describe, expect, it } from 'vitest';

import { codeMatches, generateNumericCode, hashCode } from './codes.js';

/** Pearson's chi-square of observed digit counts against a uniform spread. */
function chiSquare(counts: readonly number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

// 9 degrees of freedom: a uniform source exceeds 45 about once in a million runs.
const chiSquareLimit = 45;

describe('generateNumericCode() (SR-16)', () => {
  it('draws 6 digits with no digit bias at any position over 100,000 codes', () => {
    const total = 100_000;
    const counts = Array.from({ length: 6 }, () => new Array<number>(10).fill(0));
    let malformed = 0;

    for (let drawn = 0; drawn < total; drawn += 1) {
      const code = generateNumericCode(6);
      if (!/^\d{6}$/.test(code)) malformed += 1;
      for (let position = 0; position < 6; position += 1) {
        const row = counts[position] ?? [];
        const digit = Number(code[position]);
        row[digit] = (row[digit] ?? 0) + 1;
      }
    }

    expect(malformed).toBe(0);
    for (const [position, row] of counts.entries()) {
      expect(chiSquare(row, total), `position ${position}`).toBeLessThan(chiSquareLimit);
    }
  });
});

describe('hashCode() and codeMatches() (SR-16)', () => {
  it('stores neither the code nor a hash that two codes share', () => {
    const first = hashCode('042917');
    const second = hashCode('042917');

    expect(JSON.stringify(first)).not.toContain('042917');
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
  });

  it('matches the right code only, under its own salt', () => {
    const stored = hashCode('042917');

    expect(codeMatches('042917', stored)).toBe(true);
    expect(codeMatches(' 042917 ', stored)).toBe(true);
    expect(codeMatches('042918', stored)).toBe(false);
    expect(codeMatches('42917', stored)).toBe(false);
    expect(codeMatches('042917', { ...stored, salt: hashCode('x').salt })).toBe(false);
  });
});
