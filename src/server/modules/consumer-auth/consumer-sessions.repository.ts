import { and, desc, eq, ne } from 'drizzle-orm';

import type { Queryable, Tx } from '../../../db/client.js';
import { consumerSessions, consumers } from '../../../db/schema/index.js';
import type { Consumer, ConsumerSession } from '../../../db/schema/index.js';

export interface ConsumerSessionInput {
  id: string;
  consumerId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function insertConsumerSession(tx: Tx, input: ConsumerSessionInput): Promise<void> {
  await tx.insert(consumerSessions).values({ ...input, lastSeenAt: input.createdAt });
}

export async function findConsumerSessionByTokenHash(
  db: Queryable,
  tokenHash: string,
): Promise<{ session: ConsumerSession; consumer: Consumer } | null> {
  const [row] = await db
    .select({ session: consumerSessions, consumer: consumers })
    .from(consumerSessions)
    .innerJoin(consumers, eq(consumers.id, consumerSessions.consumerId))
    .where(eq(consumerSessions.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

export async function touchConsumerSession(db: Queryable, id: string, at: Date): Promise<void> {
  await db.update(consumerSessions).set({ lastSeenAt: at }).where(eq(consumerSessions.id, id));
}

/** Ends one session; false when it had already ended. */
export async function deleteConsumerSession(db: Queryable, id: string): Promise<boolean> {
  const removed = await db
    .delete(consumerSessions)
    .where(eq(consumerSessions.id, id))
    .returning({ id: consumerSessions.id });
  return removed.length > 0;
}

export async function deleteOtherConsumerSessions(
  tx: Tx,
  consumerId: string,
  keepSessionId: string,
): Promise<void> {
  await tx
    .delete(consumerSessions)
    .where(
      and(eq(consumerSessions.consumerId, consumerId), ne(consumerSessions.id, keepSessionId)),
    );
}

/** Locks the consumer row so a sign-in and a state change cannot interleave (SR-113). */
export async function lockConsumer(tx: Tx, id: string): Promise<Consumer | null> {
  const [row] = await tx.select().from(consumers).where(eq(consumers.id, id)).for('update');
  return row ?? null;
}

/** Ends every session of a consumer at once; the count says whether there was any. */
export async function deleteAllConsumerSessions(tx: Tx, consumerId: string): Promise<number> {
  const removed = await tx
    .delete(consumerSessions)
    .where(eq(consumerSessions.consumerId, consumerId))
    .returning({ id: consumerSessions.id });
  return removed.length;
}

export async function listConsumerSessions(
  db: Queryable,
  consumerId: string,
): Promise<ConsumerSession[]> {
  return db
    .select()
    .from(consumerSessions)
    .where(eq(consumerSessions.consumerId, consumerId))
    .orderBy(desc(consumerSessions.lastSeenAt));
}
