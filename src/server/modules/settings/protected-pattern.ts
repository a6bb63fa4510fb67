import { check } from 'recheck';

import { protectedPatternFlags } from '../account-security/protected-accounts.js';

/**
 * Emails are at most 254 characters, so a match that grows with the square of the input stays
 * cheap; anything steeper (or exponential) could stall the server on one crafted address.
 */
const maxPolynomialDegree = 2;
const checkTimeoutMs = 2_000;

// recheck reads its engine from the environment on each call. Left to itself it would spawn a
// native agent process (or a JVM); a worker thread runs its JavaScript engine off the event loop
// with nothing to spawn. An operator may still choose another engine.
process.env.RECHECK_BACKEND ??= 'worker';

/**
 * Why a protected-account pattern cannot be saved, or null when it can: it must compile as a
 * JavaScript regular expression with the flags it is matched with, and must not backtrack
 * catastrophically (ReDoS). A pattern the checker cannot prove safe in time is refused too.
 */
export async function findPatternProblem(pattern: string): Promise<string | null> {
  try {
    new RegExp(pattern, protectedPatternFlags);
  } catch {
    return 'Enter a valid regular expression';
  }
  const diagnostics = await check(pattern, protectedPatternFlags, { timeout: checkTimeoutMs });
  if (diagnostics.status === 'safe') return null;
  if (
    diagnostics.status === 'vulnerable' &&
    diagnostics.complexity.type === 'polynomial' &&
    diagnostics.complexity.degree <= maxPolynomialDegree
  ) {
    return null;
  }
  if (diagnostics.status === 'vulnerable') {
    return 'This pattern can take far too long on some addresses (catastrophic backtracking)';
  }
  return 'This pattern could not be checked for catastrophic backtracking; simplify it';
}
