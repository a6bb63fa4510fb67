import { and, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';

import type { Queryable, Tx } from '../../../db/client.js';
import { messages } from '../../../db/schema/index.js';
import type { Message } from '../../../db/schema/index.js';
import { newId } from '../../shared/ids.js';
import { renderMail } from './mail.templates.js';
import type { MailTemplate } from './mail.templates.js';

export interface OutgoingMail {
  consumerId: string | null;
  recipient: string;
  mail: MailTemplate;
  /** For codes: past this moment the message is dropped instead of sent late. */
  expiresAt?: Date | null;
}

/** Writes a message into the outbox inside the caller's transaction. */
export async function enqueueMail(tx: Tx, outgoing: OutgoingMail, now: Date): Promise<void> {
  const rendered = renderMail(outgoing.mail);
  await tx.insert(messages).values({
    id: newId(),
    consumerId: outgoing.consumerId,
    recipient: outgoing.recipient,
    template: outgoing.mail.template,
    subject: rendered.subject,
    body: rendered.body,
    containsSecret: rendered.containsSecret,
    nextAttemptAt: now,
    expiresAt: outgoing.expiresAt ?? null,
    createdAt: now,
  });
}

/** How long a worker owns a claimed message before another may take it over. */
const claimLeaseMs = 60_000;

/**
 * Claims due messages for one worker. SKIP LOCKED lets any number of processes share the queue;
 * a message whose worker died is claimable again once its lease runs out.
 */
export async function claimDueMessages(db: Queryable, now: Date, limit: number) {
  const due = or(
    and(eq(messages.status, 'pending'), lte(messages.nextAttemptAt, now)),
    and(eq(messages.status, 'sending'), lt(messages.lockedUntil, now)),
  );
  const claimable = db
    .select({ id: messages.id })
    .from(messages)
    .where(due)
    .orderBy(messages.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(messages)
    .set({
      status: 'sending',
      attempts: sql`${messages.attempts} + 1`,
      lockedUntil: new Date(now.getTime() + claimLeaseMs),
    })
    .where(inArray(messages.id, claimable))
    .returning();
}

export async function markMessageSent(
  db: Queryable,
  message: Message,
  at: Date,
  transport: string,
) {
  await db
    .update(messages)
    .set({
      status: 'sent',
      sentAt: at,
      transport,
      lockedUntil: null,
      lastError: null,
      // The development mailbox is the only reader of a sent code; real mail keeps none.
      body: message.containsSecret && transport !== 'mailbox' ? null : message.body,
    })
    .where(eq(messages.id, message.id));
}

export async function markMessageRetry(db: Queryable, id: string, next: Date, error: string) {
  await db
    .update(messages)
    .set({ status: 'pending', nextAttemptAt: next, lockedUntil: null, lastError: error })
    .where(eq(messages.id, id));
}

export async function markMessageFinal(
  db: Queryable,
  message: Message,
  status: 'failed' | 'expired',
  error: string | null,
) {
  await db
    .update(messages)
    .set({
      status,
      lockedUntil: null,
      lastError: error,
      body: message.containsSecret ? null : message.body,
    })
    .where(eq(messages.id, message.id));
}

export async function listRecentMessages(db: Queryable, limit: number): Promise<Message[]> {
  return db.select().from(messages).orderBy(desc(messages.createdAt)).limit(limit);
}
