import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { checkPasswordPolicy } from './passwords.js';
import {
  generateSessionToken,
  generateTemporaryPassword,
  hashToken,
  temporaryPasswordAlphabet,
} from './tokens.js';

describe('generateSessionToken()', () => {
  it('returns 32 random bytes as 43 base64url characters, never twice the same', () => {
    const tokens = Array.from({ length: 1000 }, generateSessionToken);

    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe('hashToken()', () => {
  it('returns the SHA-256 of the token in hex, which does not contain the token', () => {
    const token = generateSessionToken();

    const stored = hashToken(token);

    expect(stored).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);
  });
});

describe('generateTemporaryPassword()', () => {
  it('uses 32 symbols of one case without the look-alikes 0, O, 1 and I', () => {
    expect(new Set(temporaryPasswordAlphabet).size).toBe(32);
    expect(temporaryPasswordAlphabet).not.toMatch(/[01OIa-z]/);
  });

  it('gives 10,000 distinct 16-symbol values drawn only from the alphabet', () => {
    const values = Array.from({ length: 10_000 }, generateTemporaryPassword);

    const allowed = new RegExp(`^[${temporaryPasswordAlphabet}]{16}$`);
    expect(values.every((value) => allowed.test(value))).toBe(true);
    expect(new Set(values).size).toBe(values.length);
  });

  it('draws every symbol about equally often', () => {
    const counts = new Map<string, number>();

    for (let index = 0; index < 10_000; index += 1) {
      for (const symbol of generateTemporaryPassword()) {
        counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
      }
    }

    // 160,000 draws over 32 symbols: 5,000 each expected, a standard deviation of about 70.
    expect(counts.size).toBe(32);
    for (const count of counts.values()) expect(count).toBeGreaterThan(4500);
    for (const count of counts.values()) expect(count).toBeLessThan(5500);
  });

  it('gives values that pass the consumer password policy', () => {
    for (let index = 0; index < 500; index += 1) {
      expect(() =>
        checkPasswordPolicy(generateTemporaryPassword(), { minLength: 12 }),
      ).not.toThrow();
    }
  });
});
