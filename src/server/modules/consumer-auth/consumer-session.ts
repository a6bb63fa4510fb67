import type { ConsumerProfile } from '../../../contracts/auth.js';
import type { Tx } from '../../../db/client.js';
import type { Consumer } from '../../../db/schema/index.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { AuditContext } from '../events/events.repository.js';
import { consumerSessionLifetime, issueSessionToken } from '../sessions/sessions.policy.js';
import { insertConsumerSession } from './consumer-sessions.repository.js';

export interface AuthenticatedConsumer {
  consumer: Consumer;
  sessionId: string;
  /** Temporary password or a required change: only the password change and sign-out work. */
  passwordChangeRequired: boolean;
  /** New or restored account: the email check comes before anything else. */
  verificationRequired: boolean;
}

/** The one answer for every failed sign-in, whatever the reason (SR-82). */
export const invalidConsumerCredentials = () =>
  new AppError(401, 'auth.invalid_credentials', 'Wrong email address or password.');

/** The session ended while the request ran: the answer of a request that brought none. */
export const sessionEnded = () => new AppError(401, 'auth.unauthenticated', 'Sign in to continue.');

export const accountSuspended = () =>
  new AppError(403, 'auth.account_suspended', 'This account is suspended. Contact support.');

/** A New account has not passed its email check; a restored one must pass it again. */
export function needsEmailCheck(consumer: Consumer): boolean {
  return consumer.status === 'new' || consumer.verificationRequired;
}

export function toConsumerProfile(consumer: Consumer): ConsumerProfile {
  return {
    id: consumer.id,
    firstName: consumer.firstName,
    lastName: consumer.lastName,
    email: consumer.email,
    passwordChangeRequired: consumer.mustChangePassword,
    verificationRequired: needsEmailCheck(consumer),
  };
}

/** Opens a session with a fresh random token; the caller sets it as the cookie (SR-31). */
export async function openConsumerSession(
  tx: Tx,
  consumerId: string,
  audit: AuditContext,
  now: Date,
): Promise<{ token: string; sessionId: string }> {
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
