import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { admins } from './admins.js';
import { consumers } from './consumers.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const consumerSessions = pgTable(
  'consumer_sessions',
  {
    id: uuid('id').primaryKey(),
    consumerId: uuid('consumer_id')
      .notNull()
      .references(() => consumers.id, { onDelete: 'cascade' }),
    // SHA-256 of the cookie value, hex; the token itself is never stored.
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('consumer_sessions_token_hash_unique').on(t.tokenHash),
    index('consumer_sessions_consumer_idx').on(t.consumerId),
  ],
);

export const adminSessions = pgTable(
  'admin_sessions',
  {
    id: uuid('id').primaryKey(),
    adminId: uuid('admin_id')
      .notNull()
      .references(() => admins.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('admin_sessions_token_hash_unique').on(t.tokenHash),
    index('admin_sessions_admin_idx').on(t.adminId),
  ],
);

export type ConsumerSession = typeof consumerSessions.$inferSelect;
export type AdminSession = typeof adminSessions.$inferSelect;
