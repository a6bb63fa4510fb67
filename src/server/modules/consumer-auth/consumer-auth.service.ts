import type { ConsumerProfile } from '../../../contracts/auth.js';
import type { Database, Tx } from '../../../db/client.js';
import type { Consumer } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import {
  checkPasswordPolicy,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from '../../shared/passwords.js';
import { hashToken } from '../../shared/tokens.js';
import { normalizeEmailKey } from '../consumers/consumer-input.js';
import { findConsumerByEmailKey, updateConsumer } from '../consumers/consumers.repository.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { readSettings } from '../settings/settings.repository.js';
import {
  consumerSessionLifetime,
  isSessionExpired,
  issueSessionToken,
  shouldTouchSession,
} from '../sessions/sessions.policy.js';
import {
  deleteConsumerSession,
  deleteOtherConsumerSessions,
  findConsumerSessionByTokenHash,
  insertConsumerSession,
  lockConsumer,
  touchConsumerSession,
} from './consumer-sessions.repository.js';

export interface ConsumerAuthDeps {
  db: Database;
  clock: Clock;
}

export interface AuthenticatedConsumer {
  consumer: Consumer;
  sessionId: string;
  /** Temporary password or a required change: only the password change and sign-out work. */
  passwordChangeRequired: boolean;
}

/** The one answer for every failed sign-in, whatever the reason (SR-82). */
export const invalidConsumerCredentials = () =>
  new AppError(401, 'auth.invalid_credentials', 'Wrong email address or password.');

export function toConsumerProfile(consumer: Consumer): ConsumerProfile {
  return {
    id: consumer.id,
    firstName: consumer.firstName,
    lastName: consumer.lastName,
    email: consumer.email,
    passwordChangeRequired: consumer.mustChangePassword,
  };
}

function isTemporaryPasswordExpired(consumer: Consumer, now: Date): boolean {
  return consumer.passwordExpiresAt !== null && consumer.passwordExpiresAt <= now;
}

export function createConsumerAuthService({ db, clock }: ConsumerAuthDeps) {
  async function recordFailure(audit: AuditContext, consumerId: string | null, reason: string) {
    await db.transaction((tx) =>
      recordEvent(
        tx,
        { ...audit, actorType: 'consumer', actorId: consumerId },
        { action: 'consumer.sign_in', consumerId, result: 'failure', details: { reason } },
        clock.now(),
      ),
    );
  }

  async function openSession(tx: Tx, consumerId: string, audit: AuditContext, now: Date) {
    const { token, tokenHash } = issueSessionToken();
    const sessionId = newId();
    await insertConsumerSession(tx, {
      id: sessionId,
      consumerId,
      tokenHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + consumerSessionLifetime.absoluteMs),
      ip: audit.ip,
      userAgent: audit.userAgent?.slice(0, 256) ?? null,
    });
    return { token, sessionId };
  }

  async function signIn(email: string, password: string, audit: AuditContext) {
    const found = await findConsumerByEmailKey(db, normalizeEmailKey(email));
    const valid = found?.passwordHash
      ? await verifyPassword(found.passwordHash, password)
      : await verifyAgainstDummy(password);
    const now = clock.now();
    if (!found || !valid || isTemporaryPasswordExpired(found, now)) {
      await recordFailure(
        audit,
        found?.id ?? null,
        found && valid ? 'temporary_password_expired' : 'invalid_credentials',
      );
      throw invalidConsumerCredentials();
    }
    const actor = { ...audit, actorType: 'consumer' as const, actorId: found.id };
    const outcome = await db.transaction(async (tx) => {
      // Re-read under a row lock: a suspension that commits first must win (SR-113).
      const consumer = await lockConsumer(tx, found.id);
      if (!consumer) return { kind: 'gone' } as const;
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
      const session = await openSession(tx, consumer.id, actor, now);
      await updateConsumer(tx, consumer.id, { lastSignInAt: now });
      await recordEvent(tx, actor, { action: 'consumer.sign_in', consumerId: consumer.id }, now);
      return {
        kind: 'signed-in',
        consumer: { ...consumer, lastSignInAt: now },
        ...session,
      } as const;
    });
    if (outcome.kind === 'gone') throw invalidConsumerCredentials();
    if (outcome.kind === 'suspended') {
      throw new AppError(
        403,
        'auth.account_suspended',
        'This account is suspended. Contact support.',
      );
    }
    return { token: outcome.token, profile: toConsumerProfile(outcome.consumer) };
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

  /**
   * Sets a new password. A restricted session (temporary password) needs no current password;
   * otherwise it must be given. Ends every other session and rotates this one (SR-31).
   */
  async function changePassword(
    auth: AuthenticatedConsumer,
    input: { currentPassword?: string | undefined; newPassword: string },
    audit: AuditContext,
  ) {
    const { consumer } = auth;
    if (!auth.passwordChangeRequired) {
      const currentValid =
        input.currentPassword !== undefined &&
        consumer.passwordHash !== null &&
        (await verifyPassword(consumer.passwordHash, input.currentPassword));
      if (!currentValid) {
        throw new AppError(
          400,
          'auth.wrong_password',
          'currentPassword: the current password is wrong',
          {
            details: {
              issues: [{ field: 'currentPassword', message: 'The current password is wrong' }],
            },
          },
        );
      }
    }
    const settings = await readSettings(db);
    checkPasswordPolicy(input.newPassword, {
      minLength: settings.passwordMinLength,
      email: consumer.email,
      firstName: consumer.firstName,
      lastName: consumer.lastName,
    });
    if (consumer.passwordHash && (await verifyPassword(consumer.passwordHash, input.newPassword))) {
      throw new AppError(
        400,
        'password.reused',
        'newPassword: choose a password you have not used here',
        {
          details: { issues: [{ field: 'newPassword', message: 'Choose a different password' }] },
        },
      );
    }
    const passwordHash = await hashPassword(input.newPassword);
    const now = clock.now();
    const actor = { ...audit, actorType: 'consumer' as const, actorId: consumer.id };
    return db.transaction(async (tx) => {
      await updateConsumer(tx, consumer.id, {
        passwordHash,
        mustChangePassword: false,
        passwordExpiresAt: null,
        updatedAt: now,
      });
      await deleteOtherConsumerSessions(tx, consumer.id, auth.sessionId);
      await deleteConsumerSession(tx, auth.sessionId);
      const session = await openSession(tx, consumer.id, actor, now);
      await recordEvent(
        tx,
        actor,
        {
          action: 'consumer.password_changed',
          consumerId: consumer.id,
          details: { wasTemporary: auth.passwordChangeRequired },
        },
        now,
      );
      const updated = { ...consumer, mustChangePassword: false, passwordExpiresAt: null };
      return { token: session.token, profile: toConsumerProfile(updated) };
    });
  }

  return { signIn, authenticate, signOut, changePassword };
}

export type ConsumerAuthService = ReturnType<typeof createConsumerAuthService>;
