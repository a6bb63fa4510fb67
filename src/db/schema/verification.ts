import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { consumers } from './consumers.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const codePurposes = ['activation', 'two_step'] as const;
export type CodePurpose = (typeof codePurposes)[number];

/**
 * One-time codes sent by email: the email check that activates an account (or re-verifies it
 * after a restore) and the second step of a sign-in. Only a salted hash of the code is kept.
 */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey(),
    consumerId: uuid('consumer_id')
      .notNull()
      .references(() => consumers.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: codePurposes }).notNull(),
    channel: text('channel', { enum: ['email'] })
      .notNull()
      .default('email'),
    // The address the code went to: it proves that address and no other.
    destination: text('destination').notNull(),
    // For a sign-in's second step: hash of the challenge cookie the code is bound to.
    challengeHash: text('challenge_hash'),
    codeSalt: text('code_salt').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    consumedAt: timestamptz('consumed_at'),
    voidedAt: timestamptz('voided_at'),
    outcome: text('outcome'),
  },
  (t) => [
    index('verification_codes_consumer_idx').on(
      t.consumerId,
      t.purpose,
      t.createdAt.desc().nullsFirst(),
    ),
    index('verification_codes_challenge_idx').on(t.challengeHash),
    index('verification_codes_created_idx').on(t.createdAt.desc().nullsFirst()),
    check('verification_codes_purpose_check', sql`${t.purpose} in ('activation', 'two_step')`),
  ],
);

export type VerificationCode = typeof verificationCodes.$inferSelect;

/** Metered actions for Usage & billing, e.g. one row per second-step code sent. */
export const usageEvents = pgTable(
  'usage_events',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    consumerId: uuid('consumer_id'),
    occurredAt: timestamptz('occurred_at').notNull(),
    units: integer('units').notNull().default(1),
  },
  (t) => [index('usage_events_kind_time_idx').on(t.kind, t.occurredAt)],
);
