import { describe, expect, it } from 'vitest';

import { isProtectedAccount } from '../account-security/protected-accounts.js';
import { findPatternProblem } from './protected-pattern.js';

const defaultPattern = '^[a-z0-9]{2}_[a-z0-9]{5}@owoxo\\.dev$';

describe('findPatternProblem()', () => {
  it('accepts the default pattern, which matches in any case', async () => {
    expect(await findPatternProblem(defaultPattern)).toBeNull();
    expect(isProtectedAccount('Qa_Te5t1@OWOXO.dev', defaultPattern)).toBe(true);
    expect(isProtectedAccount('qa_test@owoxo.dev', defaultPattern)).toBe(false);
  });

  it('accepts a pattern whose cost grows at most with the square of the address', async () => {
    expect(await findPatternProblem('.*@owoxo\\.dev')).toBeNull();
  });

  it('refuses a pattern that does not compile with the flags it is matched with', async () => {
    expect(await findPatternProblem('^(qa_')).toMatch(/valid regular expression/);
    // Valid without the Unicode flag, not with it: the flags of matching decide.
    expect(await findPatternProblem('\\-qa')).toMatch(/valid regular expression/);
  });

  it('refuses patterns that backtrack catastrophically (ReDoS)', async () => {
    for (const pattern of ['^(a+)+$', '^(a|a)*$', '^(\\w+\\s?)*$', '^([a-z]+)*@x\\.dev$']) {
      expect(await findPatternProblem(pattern), pattern).toMatch(/too long/);
    }
  });
});
