import { describe, expect, it } from 'vitest';

import { ApiError } from '../../lib/api-client.js';
import {
  checkCodeInput,
  codeRefusalMessage,
  digitCodePhrase,
  formatCountdown,
  retryAfterSecondsOf,
  signInCodeRules,
} from './codes.js';

const minute = 60_000;

describe('checkCodeInput()', () => {
  it('accepts the code with the spaces and dashes people paste', () => {
    expect(checkCodeInput(' 123 456 ', 6)).toEqual({ ok: true, code: '123456' });
    expect(checkCodeInput('1234-5678', 8)).toEqual({ ok: true, code: '12345678' });
  });

  it('refuses an empty, short or non-numeric code before any request', () => {
    expect(checkCodeInput('', 6).ok).toBe(false);
    expect(checkCodeInput('12345', 6).ok).toBe(false);
    expect(checkCodeInput('12a456', 6).ok).toBe(false);
  });
});

describe('codeRefusalMessage()', () => {
  const sentAt = 1_000_000;

  it('says how many tries are left after a wrong code', () => {
    const message = codeRefusalMessage({
      wrongTries: 4,
      rules: signInCodeRules,
      sentAt,
      now: sentAt + minute,
    });

    expect(message).toContain('1 more try');
  });

  it('says the code expired once its lifetime has passed', () => {
    const message = codeRefusalMessage({
      wrongTries: 1,
      rules: signInCodeRules,
      sentAt,
      now: sentAt + 11 * minute,
    });

    expect(message).toContain('expired');
  });

  it('says the code is used up after the last allowed wrong try', () => {
    const message = codeRefusalMessage({
      wrongTries: 5,
      rules: signInCodeRules,
      sentAt: null,
      now: sentAt,
    });

    expect(message).toContain('too many tries');
  });
});

describe('retryAfterSecondsOf()', () => {
  it('reads the wait from a 429 and ignores other refusals', () => {
    const cooldown = new ApiError('/x', 429, 'auth.code_cooldown', 'Wait', {
      retryAfterSeconds: 42,
    });

    expect(retryAfterSecondsOf(cooldown)).toBe(42);
    expect(retryAfterSecondsOf(new ApiError('/x', 400, 'auth.invalid_code', 'No'))).toBeNull();
  });
});

describe('wording helpers', () => {
  it('formatCountdown() writes minutes and two-digit seconds', () => {
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(7)).toBe('0:07');
  });

  it('digitCodePhrase() picks the article by sound', () => {
    expect(digitCodePhrase(6)).toBe('a 6-digit code');
    expect(digitCodePhrase(8)).toBe('an 8-digit code');
  });
});
