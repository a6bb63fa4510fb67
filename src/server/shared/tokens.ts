import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 32 random bytes as 43 base64url characters: a session cookie value (SR-29). */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored in place of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// 32 symbols, one case, without the look-alikes 0/O and 1/I: 5 bits each, easy to read aloud.
export const temporaryPasswordAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const temporaryPasswordLength = 16;

/** A temporary password: 16 symbols drawn with a CSPRNG, 80 bits (SR-08). */
export function generateTemporaryPassword(): string {
  let password = '';
  for (let index = 0; index < temporaryPasswordLength; index += 1) {
    password += temporaryPasswordAlphabet[randomInt(temporaryPasswordAlphabet.length)];
  }
  return password;
}
