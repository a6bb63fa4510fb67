import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const actorTypes = ['admin', 'consumer', 'system'] as const;
export type ActorType = (typeof actorTypes)[number];

/**
 * The event log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). `consumer_id` has
 * no foreign key on purpose: entries outlive the account they describe.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorType: text('actor_type', { enum: actorTypes }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    consumerId: uuid('consumer_id'),
    result: text('result').notNull().default('success'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
  },
  (t) => [
    index('events_occurred_idx').on(t.occurredAt.desc(), t.id.desc()),
    index('events_consumer_idx').on(t.consumerId, t.occurredAt.desc(), t.id.desc()),
  ],
);

export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
