import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Platform-wide settings: exactly one row, id 1. */
export const settings = pgTable(
  'settings',
  {
    id: integer('id').primaryKey().default(1),
    globalProjectLimit: integer('global_project_limit').notNull().default(3),
    twoStepDefault: boolean('two_step_default').notNull().default(false),
    reverifyOnContactChange: boolean('reverify_on_contact_change').notNull().default(false),
    protectedEmailPattern: text('protected_email_pattern')
      .notNull()
      .default('^[a-z0-9]{2}_[a-z0-9]{5}@owoxo\\.dev$'),
    passwordMinLength: integer('password_min_length').notNull().default(12),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    // Optimistic concurrency for the console's Settings page (If-Match / ETag).
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('settings_single_row', sql`${t.id} = 1`),
    check('settings_password_min_length', sql`${t.passwordMinLength} between 8 and 128`),
  ],
);

export type Settings = typeof settings.$inferSelect;
