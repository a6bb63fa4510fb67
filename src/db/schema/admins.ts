import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const adminRoles = ['owner', 'admin', 'viewer'] as const;
export type AdminRole = (typeof adminRoles)[number];

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const admins = pgTable(
  'admins',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: adminRoles }).notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastSignInAt: timestamptz('last_sign_in_at'),
  },
  (t) => [
    uniqueIndex('admins_email_key_unique').on(t.emailKey),
    check('admins_role_check', sql`${t.role} in ('owner', 'admin', 'viewer')`),
  ],
);

export type Admin = typeof admins.$inferSelect;
