import type { Consumer, Settings } from '../../../db/schema/index.js';
import type { ConsumerSummary, ConsumerView } from '../../../contracts/consumers.js';
import { isProtectedAccount } from '../account-security/protected-accounts.js';
import type { ConsumerSummaryRow } from './consumers.repository.js';

export type { ConsumerSummary, ConsumerView };

/** What a consumer's view reads from Settings. */
export type ViewSettings = Pick<Settings, 'globalProjectLimit' | 'protectedEmailPattern'>;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * The public shape of a consumer: no hash, no internal keys (SR-103). The global project limit
 * of Settings gives the limit in force when the consumer's own is 0, and its pattern tells a
 * protected test account; the sign-in lock, kept per address apart from the row, is read by the
 * caller.
 */
export function toConsumerView(
  consumer: Consumer,
  { globalProjectLimit, protectedEmailPattern }: ViewSettings,
  signInLockedUntil: Date | null,
): ConsumerView {
  return {
    id: consumer.id,
    firstName: consumer.firstName,
    lastName: consumer.lastName,
    email: consumer.email,
    phone: consumer.phone,
    country: consumer.country,
    status: consumer.status,
    emailVerifiedAt: iso(consumer.emailVerifiedAt),
    phoneVerifiedAt: iso(consumer.phoneVerifiedAt),
    verificationRequired: consumer.verificationRequired,
    mustChangePassword: consumer.mustChangePassword,
    twoStepEnabled: consumer.twoStepEnabled,
    projectLimit: consumer.projectLimit,
    effectiveProjectLimit: consumer.projectLimit || globalProjectLimit,
    projectLimitSource: consumer.projectLimit === 0 ? 'global' : 'consumer',
    lastSignInAt: iso(consumer.lastSignInAt),
    signInLockedUntil: iso(signInLockedUntil),
    protected: isProtectedAccount(consumer.email, protectedEmailPattern),
    createdAt: consumer.createdAt.toISOString(),
    updatedAt: consumer.updatedAt.toISOString(),
    version: consumer.version,
  };
}

export function toConsumerSummary(row: ConsumerSummaryRow): ConsumerSummary {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    country: row.country,
    status: row.status,
    lastSignInAt: iso(row.lastSignInAt),
    createdAt: row.createdAt.toISOString(),
  };
}

// Personal values stay out of the append-only log (deletion must be able to forget a person):
// for these fields an event records that they changed, not what they were.
const personalFields = new Set(['firstName', 'lastName', 'email', 'phone']);

const editableFields = ['firstName', 'lastName', 'email', 'phone', 'country'] as const;
type Comparable = Pick<Consumer, (typeof editableFields)[number]>;

/** Event details for an edit: each changed field, with before → after where not personal. */
export function describeChanges(before: Comparable, after: Comparable) {
  const changes = editableFields
    .filter((field) => before[field] !== after[field])
    .map((field) =>
      personalFields.has(field)
        ? { field }
        : { field, before: before[field] ?? null, after: after[field] ?? null },
    );
  return { changes };
}
