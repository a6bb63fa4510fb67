import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

import { consumers } from './consumers.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const messageStatuses = ['pending', 'sending', 'sent', 'failed', 'expired'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * The outbox: a message is written in the transaction of the action that causes it and sent
 * afterwards by the delivery worker, so it is neither lost nor sent for a rolled-back action.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    consumerId: uuid('consumer_id').references(() => consumers.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email'] })
      .notNull()
      .default('email'),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    // Emptied once sent when it carries a code, so no secret stays readable at rest.
    body: text('body'),
    containsSecret: boolean('contains_secret').notNull().default(false),
    status: text('status', { enum: messageStatuses }).notNull().default('pending'),
    transport: text('transport'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull(),
    lockedUntil: timestamptz('locked_until'),
    // A code that expired before it could be sent is never delivered late.
    expiresAt: timestamptz('expires_at'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    index('messages_due_idx').on(t.status, t.nextAttemptAt),
    index('messages_created_idx').on(t.createdAt.desc().nullsFirst()),
    check(
      'messages_status_check',
      sql`${t.status} in ('pending', 'sending', 'sent', 'failed', 'expired')`,
    ),
  ],
);

export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
