import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';

import type { Queryable, Tx } from '../../../db/client.js';
import { signInFailures } from '../../../db/schema/index.js';
import type { SignInFailures } from '../../../db/schema/index.js';
import type { NextFailureState } from './sign-in-lockout.policy.js';

/**
 * The identifier's row, locked until the transaction ends, created when missing: concurrent
 * attempts on one identifier queue here, so each sees the count the previous one wrote.
 */
export async function lockFailureRow(
  tx: Tx,
  identifierHash: string,
  now: Date,
): Promise<SignInFailures> {
  // The no-op update takes the row lock in the same statement that inserts a missing row, with
  // no gap for a concurrent delete (a success resetting it) to slip into.
  const [row] = await tx
    .insert(signInFailures)
    .values({ identifierHash, updatedAt: now, expiresAt: now })
    .onConflictDoUpdate({
      target: signInFailures.identifierHash,
      set: { identifierHash: sql`excluded.identifier_hash` },
    })
    .returning();
  if (!row) throw new Error('upsert into sign_in_failures returned no row');
  return row;
}

/** The row locked for update, or null when the identifier has none. */
export async function lockExistingFailureRow(
  tx: Tx,
  identifierHash: string,
): Promise<SignInFailures | null> {
  const [row] = await tx
    .select()
    .from(signInFailures)
    .where(eq(signInFailures.identifierHash, identifierHash))
    .for('update');
  return row ?? null;
}

export async function saveFailureState(
  tx: Tx,
  identifierHash: string,
  state: NextFailureState,
): Promise<void> {
  await tx
    .update(signInFailures)
    .set(state)
    .where(eq(signInFailures.identifierHash, identifierHash));
}

/** Forgets the identifier's failures and lock; answers the lock end it had, if any. */
export async function deleteFailureRow(
  tx: Tx,
  identifierHash: string,
): Promise<{ lockedUntil: Date | null } | null> {
  const [row] = await tx
    .delete(signInFailures)
    .where(eq(signInFailures.identifierHash, identifierHash))
    .returning({ lockedUntil: signInFailures.lockedUntil });
  return row ?? null;
}

/** The end of the identifier's lock while it holds; null when not locked. */
export async function findLockEnd(
  db: Queryable,
  identifierHash: string,
  now: Date,
): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(
      and(eq(signInFailures.identifierHash, identifierHash), gt(signInFailures.lockedUntil, now)),
    )
    .limit(1);
  return row?.lockedUntil ?? null;
}

/**
 * Deletes a few forgotten rows. Rows only appear on failed attempts, so clearing a handful on
 * each keeps the table as small as the identifiers tried in the last day.
 */
export async function deleteExpiredFailureRows(tx: Tx, now: Date, limit: number): Promise<void> {
  const expired = tx
    .select({ identifierHash: signInFailures.identifierHash })
    .from(signInFailures)
    .where(lte(signInFailures.expiresAt, now))
    .limit(limit)
    .for('update', { skipLocked: true });
  await tx.delete(signInFailures).where(inArray(signInFailures.identifierHash, expired));
}
