import { and, desc, eq, isNull, sql } from 'drizzle-orm';

import type { Queryable, Tx } from '../../../db/client.js';
import { usageEvents, verificationCodes } from '../../../db/schema/index.js';
import type { CodePurpose, VerificationCode } from '../../../db/schema/index.js';
import { newId } from '../../shared/ids.js';

export interface NewCode {
  consumerId: string;
  purpose: CodePurpose;
  destination: string;
  challengeHash: string | null;
  codeSalt: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Voids the open codes this one replaces: only the newest code is valid (SR-20). A sign-in code
 * replaces only its own challenge's, so a second device signing in does not void the first
 * device's code (SR-21); an email check replaces the consumer's earlier ones.
 */
export async function replaceOpenCodes(tx: Tx, code: NewCode): Promise<void> {
  const scope = code.challengeHash
    ? eq(verificationCodes.challengeHash, code.challengeHash)
    : eq(verificationCodes.consumerId, code.consumerId);
  await tx
    .update(verificationCodes)
    .set({ voidedAt: code.createdAt, outcome: 'replaced' })
    .where(
      and(
        scope,
        eq(verificationCodes.purpose, code.purpose),
        isNull(verificationCodes.consumedAt),
        isNull(verificationCodes.voidedAt),
      ),
    );
  await tx.insert(verificationCodes).values({ id: newId(), ...code });
}

// Codes issued in the same millisecond tie on created_at: the id breaks the tie, as ids are
// UUIDv7, ordered by creation within a process (shared/ids.ts).
const newestFirst = [desc(verificationCodes.createdAt), desc(verificationCodes.id)] as const;

export async function findLatestCode(
  db: Queryable,
  consumerId: string,
  purpose: CodePurpose,
): Promise<VerificationCode | null> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(
      and(eq(verificationCodes.consumerId, consumerId), eq(verificationCodes.purpose, purpose)),
    )
    .orderBy(...newestFirst)
    .limit(1);
  return row ?? null;
}

export async function findCodeByChallenge(
  db: Queryable,
  challengeHash: string,
): Promise<VerificationCode | null> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(eq(verificationCodes.challengeHash, challengeHash))
    .orderBy(...newestFirst)
    .limit(1);
  return row ?? null;
}

/** Locks an open code so two submissions of it cannot both succeed (SR-19). */
export async function lockOpenCode(tx: Tx, id: string): Promise<VerificationCode | null> {
  const [row] = await tx
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.id, id),
        isNull(verificationCodes.consumedAt),
        isNull(verificationCodes.voidedAt),
      ),
    )
    .for('update');
  return row ?? null;
}

export async function recordWrongAttempt(tx: Tx, id: string, voidAt: Date | null) {
  await tx
    .update(verificationCodes)
    .set({
      attempts: sql`${verificationCodes.attempts} + 1`,
      ...(voidAt ? { voidedAt: voidAt, outcome: 'too_many_attempts' } : {}),
    })
    .where(eq(verificationCodes.id, id));
}

export async function markCodeConsumed(tx: Tx, id: string, at: Date) {
  await tx
    .update(verificationCodes)
    .set({ consumedAt: at, outcome: 'verified' })
    .where(eq(verificationCodes.id, id));
}

/** Voids the open codes of a consumer (of one purpose, if given); answers how many. */
export async function voidConsumerCodes(
  tx: Tx,
  consumerId: string,
  at: Date,
  outcome: string,
  purpose?: CodePurpose,
): Promise<number> {
  const voided = await tx
    .update(verificationCodes)
    .set({ voidedAt: at, outcome })
    .where(
      and(
        eq(verificationCodes.consumerId, consumerId),
        purpose ? eq(verificationCodes.purpose, purpose) : undefined,
        isNull(verificationCodes.consumedAt),
        isNull(verificationCodes.voidedAt),
      ),
    )
    .returning({ id: verificationCodes.id });
  return voided.length;
}

export async function recordUsage(tx: Tx, kind: string, consumerId: string, at: Date) {
  await tx.insert(usageEvents).values({ id: newId(), kind, consumerId, occurredAt: at, units: 1 });
}
