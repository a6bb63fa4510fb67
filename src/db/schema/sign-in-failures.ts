import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Failed sign-in attempts per identifier and the lock they lead to (SR-84, SR-85). Keyed by a
 * hash of the normalized email, not by consumer: unknown addresses are counted too, and none is
 * kept in clear. A row is forgotten at `expires_at`, a day after its last attempt or lock.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    // SHA-256 of the email key, hex.
    identifierHash: text('identifier_hash').primaryKey(),
    // Attempts since the last completed sign-in or the last lock.
    failures: integer('failures').notNull().default(0),
    // End of the current or the last lock.
    lockedUntil: timestamptz('locked_until'),
    // Locks in a row, each starting within a day of the previous one's end: sets the length.
    lockStreak: integer('lock_streak').notNull().default(0),
    updatedAt: timestamptz('updated_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [
    index('sign_in_failures_expires_idx').on(t.expiresAt),
    check('sign_in_failures_counts_check', sql`${t.failures} >= 0 and ${t.lockStreak} >= 0`),
  ],
);

export type SignInFailures = typeof signInFailures.$inferSelect;
