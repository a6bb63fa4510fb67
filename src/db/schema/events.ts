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
  (t) => {
    // DESC NULLS FIRST is what `order by … desc` means, so the planner reads these indexes in
    // list order (forwards for older pages, backwards for newer) instead of sorting.
    // Built afresh for each index: drizzle keeps the order on the column object it returns.
    const newestFirst = () => [t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()] as const;
    return [
      index('events_occurred_idx').on(...newestFirst()),
      index('events_consumer_idx').on(t.consumerId, ...newestFirst()),
      // One index per filter of the Event log, each in list order, so a filtered page is an
      // index range scan; the address one also serves the per-address send limit (SR-24).
      index('events_action_idx').on(t.action, ...newestFirst()),
      index('events_actor_idx').on(t.actorId, ...newestFirst()),
      index('events_ip_idx').on(t.ip, t.occurredAt.desc().nullsFirst()),
    ];
  },
);

export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
