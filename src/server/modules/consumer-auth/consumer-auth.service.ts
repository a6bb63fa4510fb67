import type { Database, Tx } from '../../../db/client.js';
import type { Consumer } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { verifyAgainstDummy, verifyPassword } from '../../shared/passwords.js';
import { hashToken } from '../../shared/tokens.js';
import { normalizeEmailKey } from '../consumers/consumer-input.js';
import { findConsumerByEmailKey, updateConsumer } from '../consumers/consumers.repository.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import {
  clearSignInFailures,
  refundSignInAttempt,
  settleSignInFailure,
  startSignInAttempt,
} from '../sign-in-lockout/sign-in-lockout.service.js';
import type { SignInSubject } from '../sign-in-lockout/sign-in-lockout.service.js';
import {
  consumerSessionLifetime,
  isSessionExpired,
  issueSessionToken,
  shouldTouchSession,
} from '../sessions/sessions.policy.js';
import {
  defaultCodeSendLimits,
  maskEmail,
  sendCodeWithinLimits,
  tooManyCodes,
} from '../verification/verification.service.js';
import type { CodeSendLimits } from '../verification/verification.service.js';
import {
  accountSuspended,
  invalidConsumerCredentials,
  needsEmailCheck,
  openConsumerSession,
  toConsumerProfile,
} from './consumer-session.js';
import type { AuthenticatedConsumer } from './consumer-session.js';
import {
  deleteConsumerSession,
  findConsumerSessionByTokenHash,
  lockConsumer,
  touchConsumerSession,
} from './consumer-sessions.repository.js';

export interface ConsumerAuthDeps {
  db: Database;
  clock: Clock;
  /** Called after a transaction queued mail, so the delivery worker sends it at once. */
  mailQueued?: () => void;
  codeSendLimits?: CodeSendLimits;
}

export type SignInOutcome =
  | { kind: 'signed-in'; token: string; profile: ReturnType<typeof toConsumerProfile> }
  | { kind: 'two-step'; challengeToken: string; sentTo: string };

function isTemporaryPasswordExpired(consumer: Consumer, now: Date): boolean {
  return consumer.passwordExpiresAt !== null && consumer.passwordExpiresAt <= now;
}

export function createConsumerAuthService(deps: ConsumerAuthDeps) {
  const { db, clock, mailQueued } = deps;
  const limits = deps.codeSendLimits ?? defaultCodeSendLimits;

  /** A refused sign-in: its event and, unless it was refused unchecked, maybe the lock. */
  async function refuseSignIn(
    tx: Tx,
    subject: SignInSubject,
    audit: AuditContext,
    reason: string,
    now: Date,
  ) {
    const { consumerId } = subject;
    await recordEvent(
      tx,
      { ...audit, actorType: 'consumer', actorId: consumerId },
      { action: 'consumer.sign_in', consumerId, result: 'failure', details: { reason } },
      now,
    );
    if (reason !== 'locked') await settleSignInFailure(tx, subject, audit, now);
  }

  /** Counts the attempt before any password is checked; false when the identifier is locked. */
  async function admitAttempt(subject: SignInSubject, audit: AuditContext): Promise<boolean> {
    const now = clock.now();
    const verdict = await db.transaction(async (tx) => {
      const started = await startSignInAttempt(tx, subject, audit, now);
      if (started === 'locked') await refuseSignIn(tx, subject, audit, 'locked', now);
      return started;
    });
    return verdict === 'allowed';
  }

  /**
   * Right password, account usable: a second step when two-step is on (the attempt then counts
   * as no failure, the code decides), else a session, which resets the failure count.
   */
  async function continueSignIn(
    tx: Tx,
    consumer: Consumer,
    audit: AuditContext,
    now: Date,
    subject: SignInSubject,
  ) {
    if (consumer.twoStepEnabled) {
      await refundSignInAttempt(tx, subject.emailKey, now);
      const { token, tokenHash } = issueSessionToken();
      const wait = await sendCodeWithinLimits(tx, {
        consumer,
        purpose: 'two_step',
        audit,
        now,
        limits,
        challengeHash: tokenHash,
      });
      if (wait > 0) {
        await recordEvent(
          tx,
          audit,
          {
            action: 'consumer.sign_in',
            consumerId: consumer.id,
            result: 'failure',
            details: { reason: 'code_limit' },
          },
          now,
        );
        return { kind: 'limited', retryAfterSeconds: wait } as const;
      }
      return {
        kind: 'two-step',
        challengeToken: token,
        sentTo: maskEmail(consumer.email),
      } as const;
    }
    const session = await openConsumerSession(tx, consumer.id, audit, now);
    await updateConsumer(tx, consumer.id, { lastSignInAt: now });
    await clearSignInFailures(tx, subject, audit, now);
    await recordEvent(tx, audit, { action: 'consumer.sign_in', consumerId: consumer.id }, now);
    // The email check follows any forced password change; its code goes out with the sign-in,
    // unless the send limits are reached: the consumer can ask for it again later.
    if (needsEmailCheck(consumer) && !consumer.mustChangePassword) {
      await sendCodeWithinLimits(tx, { consumer, purpose: 'activation', audit, now, limits });
    }
    const signedIn = { ...consumer, lastSignInAt: now };
    return {
      kind: 'signed-in',
      token: session.token,
      profile: toConsumerProfile(signedIn),
    } as const;
  }

  async function signIn(
    email: string,
    password: string,
    audit: AuditContext,
  ): Promise<SignInOutcome> {
    const emailKey = normalizeEmailKey(email);
    const found = await findConsumerByEmailKey(db, emailKey);
    const subject = { emailKey, consumerId: found?.id ?? null };
    // Locked: the answer of a wrong password, and no hash is computed (SR-82, SR-86).
    if (!(await admitAttempt(subject, audit))) throw invalidConsumerCredentials();
    const valid = found?.passwordHash
      ? await verifyPassword(found.passwordHash, password)
      : await verifyAgainstDummy(password);
    const now = clock.now();
    if (!found || !valid || isTemporaryPasswordExpired(found, now)) {
      const reason = found && valid ? 'temporary_password_expired' : 'invalid_credentials';
      await db.transaction((tx) => refuseSignIn(tx, subject, audit, reason, now));
      throw invalidConsumerCredentials();
    }
    const actor = { ...audit, actorType: 'consumer' as const, actorId: found.id };
    const outcome = await db.transaction(async (tx) => {
      // Re-read under a row lock: a suspension that commits first must win (SR-113).
      const consumer = await lockConsumer(tx, found.id);
      // A password reset that committed while the password was checked ended every session
      // and replaced the hash that matched: the old password must not open a new one.
      if (!consumer || consumer.passwordHash !== found.passwordHash) {
        const reason = consumer ? 'password_changed' : 'invalid_credentials';
        await refuseSignIn(tx, subject, audit, reason, now);
        return { kind: 'refused' } as const;
      }
      if (consumer.status === 'suspended') {
        await refundSignInAttempt(tx, emailKey, now);
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
      return continueSignIn(tx, consumer, actor, now, subject);
    });
    if (outcome.kind === 'refused') throw invalidConsumerCredentials();
    if (outcome.kind === 'suspended') throw accountSuspended();
    if (outcome.kind === 'limited') throw tooManyCodes(outcome.retryAfterSeconds);
    mailQueued?.();
    return outcome;
  }

  /** Resolves a cookie to its consumer on every request; null when unknown, expired or blocked. */
  async function authenticate(token: string): Promise<AuthenticatedConsumer | null> {
    const found = await findConsumerSessionByTokenHash(db, hashToken(token));
    if (!found) return null;
    const now = clock.now();
    if (
      isSessionExpired(found.session, consumerSessionLifetime, now) ||
      found.consumer.status === 'suspended'
    ) {
      await deleteConsumerSession(db, found.session.id);
      return null;
    }
    if (shouldTouchSession(found.session, now)) {
      await touchConsumerSession(db, found.session.id, now);
    }
    return {
      consumer: found.consumer,
      sessionId: found.session.id,
      passwordChangeRequired: found.consumer.mustChangePassword,
      verificationRequired: needsEmailCheck(found.consumer),
    };
  }

  async function signOut(auth: AuthenticatedConsumer, audit: AuditContext): Promise<void> {
    await db.transaction(async (tx) => {
      await deleteConsumerSession(tx, auth.sessionId);
      await recordEvent(
        tx,
        { ...audit, actorType: 'consumer', actorId: auth.consumer.id },
        { action: 'consumer.sign_out', consumerId: auth.consumer.id },
        clock.now(),
      );
    });
  }

  return { signIn, authenticate, signOut };
}

export type ConsumerAuthService = ReturnType<typeof createConsumerAuthService>;
