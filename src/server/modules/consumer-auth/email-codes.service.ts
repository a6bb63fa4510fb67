import type { Database, Tx } from '../../../db/client.js';
import type { Consumer } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { hashToken } from '../../shared/tokens.js';
import { nextStatus } from '../account-security/account-states.js';
import { findConsumerById, updateConsumer } from '../consumers/consumers.repository.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { change } from '../events/events.view.js';
import {
  clearSignInFailures,
  countSignInFailure,
  findSignInLockEnd,
} from '../sign-in-lockout/sign-in-lockout.service.js';
import { findCodeByChallenge, findLatestCode } from '../verification/verification.repository.js';
import {
  assertResendAllowed,
  checkCode,
  defaultCodeSendLimits,
  invalidCode,
  maskEmail,
  sendCodeWithinLimits,
  tooManyCodes,
} from '../verification/verification.service.js';
import type { CodeSendLimits } from '../verification/verification.service.js';
import {
  accountSuspended,
  needsEmailCheck,
  openConsumerSession,
  toConsumerProfile,
} from './consumer-session.js';
import type { AuthenticatedConsumer } from './consumer-session.js';
import { lockConsumer } from './consumer-sessions.repository.js';

export interface EmailCodesDeps {
  db: Database;
  clock: Clock;
  mailQueued?: () => void;
  codeSendLimits?: CodeSendLimits;
}

/** Proving the address activates a New account and clears a restore's verification. */
function emailProvenChanges(consumer: Consumer, now: Date): Partial<Consumer> {
  return {
    emailVerifiedAt: now,
    verificationRequired: false,
    status: nextStatus('proveEmail', consumer),
    updatedAt: now,
    version: consumer.version + 1,
  };
}

export function createEmailCodesService(deps: EmailCodesDeps) {
  const { db, clock, mailQueued } = deps;
  const limits = deps.codeSendLimits ?? defaultCodeSendLimits;

  async function recordProof(tx: Tx, consumer: Consumer, audit: AuditContext, now: Date) {
    if (!needsEmailCheck(consumer) && consumer.emailVerifiedAt) return consumer;
    const changes = emailProvenChanges(consumer, now);
    await updateConsumer(tx, consumer.id, changes);
    await recordEvent(
      tx,
      audit,
      {
        action: 'consumer.email_verified',
        consumerId: consumer.id,
        details: {
          changes: [
            change('emailVerified', consumer.emailVerifiedAt !== null, true),
            ...(changes.status !== consumer.status
              ? [change('status', consumer.status, changes.status)]
              : []),
            ...(consumer.verificationRequired ? [change('verificationRequired', true, false)] : []),
          ],
        },
      },
      now,
    );
    return { ...consumer, ...changes };
  }

  /** The log entry of a refused second step. */
  async function logRefusedCode(tx: Tx, audit: AuditContext, reason: string, now: Date) {
    await recordEvent(
      tx,
      audit,
      {
        action: 'consumer.two_step',
        consumerId: audit.actorId,
        result: 'failure',
        details: { reason },
      },
      now,
    );
  }

  /**
   * The second step of a sign-in: the code must belong to this browser's challenge. A wrong try
   * is counted (and committed) before the refusal: the fifth voids the code, and it counts
   * toward the sign-in lock as a wrong password does (SR-23). While locked no code is checked.
   */
  async function completeTwoStep(challengeToken: string, submitted: string, audit: AuditContext) {
    const code = await findCodeByChallenge(db, hashToken(challengeToken));
    if (!code || code.purpose !== 'two_step') throw invalidCode();
    const now = clock.now();
    const actor = { ...audit, actorType: 'consumer' as const, actorId: code.consumerId };
    const outcome = await db.transaction(async (tx) => {
      const consumer = await lockConsumer(tx, code.consumerId);
      if (!consumer) return { kind: 'rejected' } as const;
      const subject = { emailKey: consumer.emailKey, consumerId: consumer.id };
      if (await findSignInLockEnd(tx, consumer.emailKey, now)) {
        await logRefusedCode(tx, actor, 'locked', now);
        return { kind: 'rejected' } as const;
      }
      const check = await checkCode(tx, code, submitted, consumer.emailKey, now);
      if (check === 'rejected') {
        await logRefusedCode(tx, actor, 'invalid_code', now);
        await countSignInFailure(tx, subject, actor, now);
        return { kind: 'rejected' } as const;
      }
      if (consumer.status === 'suspended') {
        await recordEvent(
          tx,
          actor,
          {
            action: 'consumer.sign_in',
            consumerId: consumer.id,
            result: 'failure',
            details: { reason: 'suspended' },
          },
          now,
        );
        return { kind: 'suspended' } as const;
      }
      const proven = await recordProof(tx, consumer, actor, now);
      const session = await openConsumerSession(tx, consumer.id, actor, now);
      await updateConsumer(tx, consumer.id, { lastSignInAt: now });
      await recordEvent(
        tx,
        actor,
        { action: 'consumer.sign_in', consumerId: consumer.id, details: { twoStep: true } },
        now,
      );
      await clearSignInFailures(tx, subject, actor, now);
      return {
        kind: 'signed-in',
        token: session.token,
        profile: toConsumerProfile(proven),
      } as const;
    });
    if (outcome.kind === 'rejected') throw invalidCode();
    if (outcome.kind === 'suspended') throw accountSuspended();
    return outcome;
  }

  /** A new sign-in code for the same challenge, no sooner than a minute after the last. */
  async function resendTwoStep(challengeToken: string, audit: AuditContext) {
    const challengeHash = hashToken(challengeToken);
    const latest = await findCodeByChallenge(db, challengeHash);
    if (!latest || latest.purpose !== 'two_step' || latest.consumedAt) throw invalidCode();
    const now = clock.now();
    assertResendAllowed(latest, now);
    const consumer = await findConsumerById(db, latest.consumerId);
    if (!consumer || consumer.status === 'suspended') throw invalidCode();
    await db.transaction(async (tx) => {
      const wait = await sendCodeWithinLimits(tx, {
        consumer,
        purpose: 'two_step',
        audit: { ...audit, actorType: 'consumer', actorId: consumer.id },
        now,
        limits,
        challengeHash,
        details: { resend: true },
      });
      if (wait > 0) throw tooManyCodes(wait);
    });
    mailQueued?.();
    return { sentTo: maskEmail(consumer.email) };
  }

  /** Sends (again) the email-check code of a signed-in consumer who owes one. */
  async function requestEmailCheck(auth: AuthenticatedConsumer, audit: AuditContext) {
    const { consumer } = auth;
    const now = clock.now();
    if (auth.verificationRequired) {
      assertResendAllowed(await findLatestCode(db, consumer.id, 'activation'), now);
      await db.transaction(async (tx) => {
        const wait = await sendCodeWithinLimits(tx, {
          consumer,
          purpose: 'activation',
          audit: { ...audit, actorType: 'consumer', actorId: consumer.id },
          now,
          limits,
        });
        if (wait > 0) throw tooManyCodes(wait);
      });
      mailQueued?.();
    }
    return { sentTo: maskEmail(consumer.email) };
  }

  /** Checks the emailed code; a right one proves the address and lifts the restriction. */
  async function confirmEmailCheck(
    auth: AuthenticatedConsumer,
    submitted: string,
    audit: AuditContext,
  ) {
    const code = await findLatestCode(db, auth.consumer.id, 'activation');
    if (!code) throw invalidCode();
    const now = clock.now();
    const actor = { ...audit, actorType: 'consumer' as const, actorId: auth.consumer.id };
    const outcome = await db.transaction(async (tx) => {
      const consumer = await lockConsumer(tx, auth.consumer.id);
      if (!consumer) return null;
      const check = await checkCode(tx, code, submitted, consumer.emailKey, now);
      if (check === 'rejected') {
        await recordEvent(
          tx,
          actor,
          {
            action: 'consumer.email_check',
            consumerId: consumer.id,
            result: 'failure',
            details: { reason: 'invalid_code' },
          },
          now,
        );
        return null;
      }
      return recordProof(tx, consumer, actor, now);
    });
    if (!outcome) throw invalidCode();
    return { consumer: toConsumerProfile(outcome) };
  }

  return { completeTwoStep, resendTwoStep, requestEmailCheck, confirmEmailCheck };
}

export type EmailCodesService = ReturnType<typeof createEmailCodesService>;
