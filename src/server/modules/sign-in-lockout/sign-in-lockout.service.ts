import type { Queryable, Tx } from '../../../db/client.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { change } from '../events/events.view.js';
import {
  addFailure,
  hashSignInIdentifier,
  isLocked,
  refundAttempt,
  settleFailure,
  startAttempt,
} from './sign-in-lockout.policy.js';
import type { NextFailureState } from './sign-in-lockout.policy.js';
import {
  deleteExpiredFailureRows,
  deleteFailureRow,
  findLockEnd,
  lockExistingFailureRow,
  lockFailureRow,
  saveFailureState,
} from './sign-in-lockout.repository.js';

/**
 * Who is signing in: the normalized email is what is counted; the consumer, when one has that
 * address, is what the event log names.
 */
export interface SignInSubject {
  emailKey: string;
  consumerId: string | null;
}

const expiredRowsPerAttempt = 10;

/** The lock is the system's answer to the attempts, from the address that made them. */
async function writeLock(
  tx: Tx,
  subject: SignInSubject,
  audit: AuditContext,
  next: NextFailureState,
  now: Date,
) {
  await saveFailureState(tx, hashSignInIdentifier(subject.emailKey), next);
  const lockedUntil = next.lockedUntil ?? now;
  await recordEvent(
    tx,
    { ...audit, actorType: 'system', actorId: null },
    {
      action: 'consumer.sign_in_locked',
      consumerId: subject.consumerId,
      details: {
        changes: [change('signInLockedUntil', null, lockedUntil.toISOString())],
        lockMinutes: Math.round((lockedUntil.getTime() - now.getTime()) / 60_000),
      },
    },
    now,
  );
}

/**
 * Counts a sign-in attempt before its password is checked (SR-84, SR-86). 'locked' means: refuse
 * it as a wrong password, without checking anything.
 */
export async function startSignInAttempt(
  tx: Tx,
  subject: SignInSubject,
  audit: AuditContext,
  now: Date,
): Promise<'allowed' | 'locked'> {
  const identifierHash = hashSignInIdentifier(subject.emailKey);
  const verdict = startAttempt(await lockFailureRow(tx, identifierHash, now), now);
  if (verdict.kind === 'locked' && verdict.next) {
    await writeLock(tx, subject, audit, verdict.next, now);
  } else if (verdict.next) {
    await saveFailureState(tx, identifierHash, verdict.next);
  }
  await deleteExpiredFailureRows(tx, now, expiredRowsPerAttempt);
  return verdict.kind;
}

/** A counted attempt failed: locks when it was the tenth in a row (SR-85). */
export async function settleSignInFailure(
  tx: Tx,
  subject: SignInSubject,
  audit: AuditContext,
  now: Date,
): Promise<void> {
  const row = await lockExistingFailureRow(tx, hashSignInIdentifier(subject.emailKey));
  const next = settleFailure(row, now);
  if (next) await writeLock(tx, subject, audit, next, now);
}

/** A wrong emailed code: one more failure of the same count as wrong passwords (SR-23). */
export async function countSignInFailure(
  tx: Tx,
  subject: SignInSubject,
  audit: AuditContext,
  now: Date,
): Promise<void> {
  const identifierHash = hashSignInIdentifier(subject.emailKey);
  const next = addFailure(await lockFailureRow(tx, identifierHash, now), now);
  if (next && isLocked(next, now)) await writeLock(tx, subject, audit, next, now);
  else if (next) await saveFailureState(tx, identifierHash, next);
}

/** The password was right and a second step follows: the attempt was no failure. */
export async function refundSignInAttempt(tx: Tx, emailKey: string, now: Date): Promise<void> {
  const identifierHash = hashSignInIdentifier(emailKey);
  const next = refundAttempt(await lockExistingFailureRow(tx, identifierHash), now);
  if (next) await saveFailureState(tx, identifierHash, next);
}

/**
 * Forgets the failures and any lock: a completed sign-in, or an administrator's password reset
 * (SR-85). Lifting a lock that still held is logged, naming who lifted it.
 */
export async function clearSignInFailures(
  tx: Tx,
  subject: SignInSubject,
  audit: AuditContext,
  now: Date,
): Promise<void> {
  const removed = await deleteFailureRow(tx, hashSignInIdentifier(subject.emailKey));
  if (!removed?.lockedUntil || removed.lockedUntil <= now) return;
  await recordEvent(
    tx,
    audit,
    {
      action: 'consumer.sign_in_unlocked',
      consumerId: subject.consumerId,
      details: { changes: [change('signInLockedUntil', removed.lockedUntil.toISOString(), null)] },
    },
    now,
  );
}

/** When the lock on this address ends; null when sign-in is not locked (SR-49). */
export function findSignInLockEnd(db: Queryable, emailKey: string, now: Date) {
  return findLockEnd(db, hashSignInIdentifier(emailKey), now);
}
