import { AppError } from '../../shared/errors.js';

/** Any case, Unicode-aware; Settings validates a pattern with these same flags before saving. */
export const protectedPatternFlags = 'iu';

/**
 * Test accounts match the protected pattern of Settings (by default `xx_xxxxx@owoxo.dev`, any
 * case). They cannot be suspended or deleted, whoever asks.
 */
export function isProtectedAccount(email: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, protectedPatternFlags).test(email.trim());
  } catch {
    // A pattern is validated before it is saved; a broken one protects nothing rather than all.
    return false;
  }
}

export const protectedAccount = () =>
  new AppError(422, 'consumer.protected', 'This test account is protected');
