import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const consumerStatuses = ['new', 'active', 'suspended'] as const;
export type ConsumerStatus = (typeof consumerStatuses)[number];

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const consumers = pgTable(
  'consumers',
  {
    id: uuid('id').primaryKey(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    // Folded copies (lower case, accents removed) used by search; written by the service.
    firstNameKey: text('first_name_key').notNull(),
    lastNameKey: text('last_name_key').notNull(),
    email: text('email').notNull(),
    // NFKC + lower-cased address: the uniqueness key, so case and Unicode variants count as one.
    emailKey: text('email_key').notNull(),
    phone: text('phone'),
    country: text('country').notNull(),
    status: text('status', { enum: consumerStatuses }).notNull().default('new'),
    statusBeforeSuspension: text('status_before_suspension', { enum: consumerStatuses }),
    emailVerifiedAt: timestamptz('email_verified_at'),
    phoneVerifiedAt: timestamptz('phone_verified_at'),
    verificationRequired: boolean('verification_required').notNull().default(false),
    passwordHash: text('password_hash'),
    passwordExpiresAt: timestamptz('password_expires_at'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    twoStepEnabled: boolean('two_step_enabled').notNull().default(false),
    projectLimit: integer('project_limit').notNull().default(0),
    lastSignInAt: timestamptz('last_sign_in_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('consumers_email_key_unique').on(t.emailKey),
    // NULLS FIRST is what a plain `order by created_at desc` means: an index with another null
    // order cannot serve that scan, and the list would sort the whole table.
    index('consumers_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('consumers_status_created_idx').on(
      t.status,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('consumers_last_name_key_idx').on(t.lastNameKey.op('text_pattern_ops')),
    index('consumers_first_name_key_idx').on(t.firstNameKey.op('text_pattern_ops')),
    index('consumers_email_key_trgm_idx').using('gin', t.emailKey.op('gin_trgm_ops')),
    // Address fragments of four characters or more are looked up here (see consumers.search.ts);
    // consumer_email_quadgrams() is created by migration 0006.
    index('consumers_email_key_quadgram_idx').using(
      'gin',
      sql`consumer_email_quadgrams(${t.emailKey})`,
    ),
    index('consumers_phone_idx').on(t.phone),
    index('consumers_phone_reversed_idx').using('btree', sql`reverse(${t.phone}) text_pattern_ops`),
    check('consumers_status_check', sql`${t.status} in ('new', 'active', 'suspended')`),
    check('consumers_project_limit_check', sql`${t.projectLimit} between 0 and 10000`),
  ],
);

export type Consumer = typeof consumers.$inferSelect;
export type NewConsumer = typeof consumers.$inferInsert;

/** Per-status row counts kept by statement triggers, so filter counts never scan the table. */
export const consumerStatusCounts = pgTable('consumer_status_counts', {
  status: text('status').primaryKey(),
  total: integer('total').notNull().default(0),
});
