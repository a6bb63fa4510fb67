import type { Tx } from '../../../db/client.js';
import type { CodePurpose, Consumer, VerificationCode } from '../../../db/schema/index.js';
import { AppError } from '../../shared/errors.js';
import { enqueueMail } from '../mail/outbox.repository.js';
import { codeMatches, generateNumericCode, hashCode } from './codes.js';
import {
  lockOpenCode,
  markCodeConsumed,
  recordUsage,
  recordWrongAttempt,
  replaceOpenCodes,
} from './verification.repository.js';

interface CodeRule {
  digits: number;
  lifetimeMs: number;
  maxAttempts: number;
}

const minute = 60_000;

/** Sign-in codes: 6 digits, 10 minutes; email checks: 8 digits, one hour. 5 tries each. */
export const codeRules: Record<CodePurpose, CodeRule> = {
  two_step: { digits: 6, lifetimeMs: 10 * minute, maxAttempts: 5 },
  activation: { digits: 8, lifetimeMs: 60 * minute, maxAttempts: 5 },
};

/** A new code no sooner than a minute after the last one. */
export const resendCooldownMs = minute;

/** Each second-step code sent is one metered unit of Usage & billing. */
export const twoStepUsageKind = 'two_step_code_sent';

export const invalidCode = () =>
  new AppError(400, 'auth.invalid_code', 'code: the code is wrong or no longer valid', {
    details: { issues: [{ field: 'code', message: 'The code is wrong or no longer valid' }] },
  });

/** Refuses a resend within the cooldown, saying when to try again. */
export function assertResendAllowed(latest: VerificationCode | null, now: Date): void {
  if (!latest) return;
  const waitMs = latest.createdAt.getTime() + resendCooldownMs - now.getTime();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError(429, 'auth.code_cooldown', `Wait ${seconds} seconds before a new code.`, {
      headers: { 'retry-after': String(seconds) },
      details: { retryAfterSeconds: seconds },
    });
  }
}

/**
 * Issues a code to the consumer's address inside the caller's transaction: it voids the older
 * open codes of the same purpose and queues the email, so both commit together.
 */
export async function sendCode(
  tx: Tx,
  consumer: Consumer,
  purpose: CodePurpose,
  now: Date,
  challengeHash: string | null = null,
): Promise<void> {
  const rule = codeRules[purpose];
  const code = generateNumericCode(rule.digits);
  const { salt, hash } = hashCode(code);
  const expiresAt = new Date(now.getTime() + rule.lifetimeMs);
  await replaceOpenCodes(tx, {
    consumerId: consumer.id,
    purpose,
    destination: consumer.emailKey,
    challengeHash,
    codeSalt: salt,
    codeHash: hash,
    createdAt: now,
    expiresAt,
  });
  const minutes = rule.lifetimeMs / minute;
  const template = purpose === 'two_step' ? 'two_step_code' : 'activation_code';
  await enqueueMail(
    tx,
    {
      consumerId: consumer.id,
      recipient: consumer.email,
      mail: { template, firstName: consumer.firstName, code, minutes },
      expiresAt,
    },
    now,
  );
  if (purpose === 'two_step') await recordUsage(tx, twoStepUsageKind, consumer.id, now);
}

export type CodeCheck = 'accepted' | 'rejected';

/**
 * Checks a submitted code under a row lock: expired, used, voided or wrong codes are refused
 * alike; the fifth wrong try voids the code; a right one is consumed so it works once.
 */
export async function checkCode(
  tx: Tx,
  code: VerificationCode,
  submitted: string,
  destination: string,
  now: Date,
): Promise<CodeCheck> {
  const open = await lockOpenCode(tx, code.id);
  if (!open || open.expiresAt <= now || open.destination !== destination) return 'rejected';
  if (!codeMatches(submitted, { salt: open.codeSalt, hash: open.codeHash })) {
    const exhausted = open.attempts + 1 >= codeRules[open.purpose].maxAttempts;
    await recordWrongAttempt(tx, open.id, exhausted ? now : null);
    return 'rejected';
  }
  await markCodeConsumed(tx, open.id, now);
  return 'accepted';
}

/** "j•••@example.com": enough to recognise one's address, not enough to learn someone's. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
