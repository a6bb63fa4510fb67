import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A numeric code of `digits` digits drawn uniformly with a CSPRNG (SR-16). */
export function generateNumericCode(digits: number): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

export interface HashedCode {
  salt: string;
  hash: string;
}

/** HMAC-SHA-256 of the code under a random per-code salt: the code itself is never stored. */
export function hashCode(code: string, salt = randomBytes(16).toString('base64url')): HashedCode {
  return { salt, hash: createHmac('sha256', salt).update(code).digest('hex') };
}

export function codeMatches(code: string, stored: HashedCode): boolean {
  const candidate = Buffer.from(hashCode(code.trim(), stored.salt).hash, 'hex');
  const expected = Buffer.from(stored.hash, 'hex');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}
