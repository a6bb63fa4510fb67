import type { Tx } from '../../../db/client.js';
import type { CodePurpose, Consumer, VerificationCode } from '../../../db/schema/index.js';
import { AppError } from '../../shared/errors.js';
import { countRecentEvents, recordEvent } from '../events/events.repository.js';
import type { AuditContext, RecentCount } from '../events/events.repository.js';
import type { EventDetails } from '../events/events.view.js';
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

/** At most this many code emails per consumer, and per sending address, in a window (SR-24). */
export interface CodeSendLimits {
  windowMs: number;
  perConsumer: number;
  perAddress: number;
}

export const defaultCodeSendLimits: CodeSendLimits = {
  windowMs: 15 * minute,
  perConsumer: 5,
  perAddress: 5,
};

/** The event of each code email sent: the log doubles as the send counter. */
export const codeSentActions: Record<CodePurpose, string> = {
  two_step: 'consumer.two_step_code_sent',
  activation: 'consumer.email_check_sent',
};

export const tooManyCodes = (seconds: number) =>
  new AppError(429, 'auth.code_limit', `Too many codes were sent. Try again in ${seconds} s.`, {
    headers: { 'retry-after': String(seconds) },
    details: { retryAfterSeconds: seconds },
  });

/** Each code sent is one metered unit of Usage & billing, of its purpose's kind. */
export const codeUsageKinds: Record<CodePurpose, string> = {
  two_step: 'two_step_code_sent',
  activation: 'email_check_code_sent',
};

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
  await recordUsage(tx, codeUsageKinds[purpose], consumer.id, now);
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

/** Seconds until a window with `recent` in it has room again; 0 when it has room now. */
function secondsUntilRoom(recent: RecentCount, limit: number, windowMs: number, now: Date) {
  if (recent.count < limit || !recent.oldest) return 0;
  const waitMs = recent.oldest.getTime() + windowMs - now.getTime();
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** How long this consumer, from this address, must wait before another code email; 0: none. */
export async function codeSendWait(
  tx: Tx,
  consumerId: string,
  ip: string | null,
  now: Date,
  limits: CodeSendLimits,
): Promise<number> {
  const since = new Date(now.getTime() - limits.windowMs);
  const actions = Object.values(codeSentActions);
  const byConsumer = await countRecentEvents(tx, { consumerId }, actions, since);
  const waits = [secondsUntilRoom(byConsumer, limits.perConsumer, limits.windowMs, now)];
  if (ip) {
    const byAddress = await countRecentEvents(tx, { ip }, actions, since);
    waits.push(secondsUntilRoom(byAddress, limits.perAddress, limits.windowMs, now));
  }
  return Math.max(...waits);
}

export interface LimitedSend {
  consumer: Consumer;
  purpose: CodePurpose;
  /** Who asked, from where: the event's actor and the address the limit counts. */
  audit: AuditContext;
  now: Date;
  limits: CodeSendLimits;
  challengeHash?: string | null;
  details?: EventDetails;
}

/**
 * Sends a code and logs the send, unless the send limits refuse it: then nothing is sent and
 * the answer says how many seconds to wait.
 */
export async function sendCodeWithinLimits(tx: Tx, send: LimitedSend): Promise<number> {
  const { consumer, purpose, audit, now } = send;
  const wait = await codeSendWait(tx, consumer.id, audit.ip, now, send.limits);
  if (wait > 0) return wait;
  await sendCode(tx, consumer, purpose, now, send.challengeHash ?? null);
  await recordEvent(
    tx,
    audit,
    { action: codeSentActions[purpose], consumerId: consumer.id, details: send.details ?? {} },
    now,
  );
  return 0;
}
