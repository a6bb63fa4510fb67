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

/**
 * Claims due messages for one worker until `leaseMs` from now. SKIP LOCKED lets any number of
 * processes share the queue; a message whose worker died is claimable again once its lease runs
 * out. Each claim adds one to `attempts`, which then names the claim in the marks below.
 */
export async function claimDueMessages(db: Queryable, now: Date, limit: number, leaseMs: number) {
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
      lockedUntil: new Date(now.getTime() + leaseMs),
    })
    .where(inArray(messages.id, claimable))
    .returning();
}

/**
 * Matches the row only while it is still this claim's: a worker that outlived its lease must not
 * overwrite what the worker that took the message over decided.
 */
const stillClaimed = (message: Message) =>
  and(
    eq(messages.id, message.id),
    eq(messages.status, 'sending'),
    eq(messages.attempts, message.attempts),
  );

/** Each mark answers whether the claim still held, i.e. whether the row changed. */
async function updateClaimed(db: Queryable, message: Message, values: Partial<Message>) {
  const changed = await db
    .update(messages)
    .set(values)
    .where(stillClaimed(message))
    .returning({ id: messages.id });
  return changed.length > 0;
}

export function markMessageSent(db: Queryable, message: Message, at: Date, transport: string) {
  return updateClaimed(db, message, {
    status: 'sent',
    sentAt: at,
    transport,
    lockedUntil: null,
    lastError: null,
    // The development mailbox is the only reader of a sent code; real mail keeps none.
    body: message.containsSecret && transport !== 'mailbox' ? null : message.body,
  });
}

export function markMessageRetry(db: Queryable, message: Message, next: Date, error: string) {
  return updateClaimed(db, message, {
    status: 'pending',
    nextAttemptAt: next,
    lockedUntil: null,
    lastError: error,
  });
}

export function markMessageFinal(
  db: Queryable,
  message: Message,
  status: 'failed' | 'expired',
  error: string | null,
) {
  return updateClaimed(db, message, {
    status,
    lockedUntil: null,
    lastError: error,
    body: message.containsSecret ? null : message.body,
  });
}

export async function listRecentMessages(db: Queryable, limit: number): Promise<Message[]> {
  return db.select().from(messages).orderBy(desc(messages.createdAt)).limit(limit);
}
