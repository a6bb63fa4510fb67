import { z } from 'zod';

/**
 * The event log as the console reads it. Every action the server records is listed here with
 * the label the Event log page shows, so the action filter can offer them in a select.
 */
export const eventActionLabels = {
  'consumer.created': 'Account created',
  'consumer.identity_updated': 'Identity modified',
  'consumer.coordinates_updated': 'Coordinates edited',
  'consumer.suspended': 'Account suspended',
  'consumer.restored': 'Account restored',
  'consumer.force_activated': 'Account activation forced',
  'consumer.deleted': 'Account deleted',
  'consumer.password_reset': 'Password reset',
  'consumer.password_change_required': 'New password required',
  'consumer.two_step_enabled': 'Two-step validation activated',
  'consumer.two_step_disabled': 'Two-step validation deactivated',
  'consumer.project_limit_changed': 'Project limit changed',
  'consumer.sessions_ended': 'Logged out of every device',
  'consumer.sign_in': 'Consumer sign-in',
  'consumer.sign_in_locked': 'Sign-in locked',
  'consumer.sign_in_unlocked': 'Sign-in unlocked',
  'consumer.two_step': 'Sign-in code checked',
  'consumer.two_step_code_sent': 'Sign-in code sent',
  'consumer.sign_out': 'Consumer sign-out',
  'consumer.password_changed': 'Password changed by the consumer',
  'consumer.email_check_sent': 'Email check code sent',
  'consumer.email_check': 'Email check code checked',
  'consumer.email_verified': 'Email address verified',
  'admin.sign_in': 'Administrator sign-in',
  'admin.sign_out': 'Administrator sign-out',
  'admin.created': 'Administrator created',
  'settings.updated': 'Settings changed',
  'message.failed': 'Message not delivered',
} as const;

export type EventAction = keyof typeof eventActionLabels;

const eventActionValues = Object.keys(eventActionLabels) as [EventAction, ...EventAction[]];

export const eventActionSchema = z.enum(eventActionValues, {
  error: 'action: choose an action from the list',
});

/** The options of the action filter, in the order above. */
export const eventActionOptions: { value: EventAction; label: string }[] = eventActionValues.map(
  (value) => ({ value, label: eventActionLabels[value] }),
);

/** Labels for the field names that `changes` may carry. */
export const eventFieldLabels: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Name',
  email: 'Email address',
  phone: 'Phone number',
  country: 'Countries',
  status: 'Status',
  twoStep: 'Two-step validation',
  projectLimit: 'Project limit',
  mustChangePassword: 'New password required',
  verificationRequired: 'Verification required',
  temporaryPassword: 'Temporary password',
  endedSessions: 'Sessions ended',
  signInLockedUntil: 'Sign-in locked until',
  globalProjectLimit: 'Global project limit',
  twoStepDefault: 'Two-step validation for new accounts',
  reverifyOnContactChange: 'Verify a changed email or phone again',
  protectedEmailPattern: 'Protected test-account pattern',
  passwordMinLength: 'Minimum password length',
};

/** A date (`2026-06-01`, the whole UTC day) or a date-time with an offset. */
const dateOrDateTime = (field: 'from' | 'to') =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: `${field}: enter a date such as 2026-06-01 or an ISO date-time`,
  });

export const eventListQuerySchema = z.strictObject({
  consumerId: z.uuid('consumerId must be a UUID').optional(),
  /** The administrator who acted. */
  adminId: z.uuid('adminId must be a UUID').optional(),
  action: eventActionSchema.optional(),
  /** Inclusive lower bound. */
  from: dateOrDateTime('from').optional(),
  /** Inclusive upper bound; a date alone includes that whole day. Must not be before `from`. */
  to: dateOrDateTime('to').optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type EventListQuery = z.input<typeof eventListQuerySchema>;

export const eventActorTypeSchema = z.enum(['admin', 'consumer', 'system']);

/** A value shown in a before → after pair; personal values are never sent (SR-102). */
export const eventValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One changed field. `before` and `after` are absent when the field is personal (first name,
 * name, email, phone): the log records that it changed, not what it was.
 */
export const eventChangeSchema = z.object({
  field: z.string(),
  before: eventValueSchema.optional(),
  after: eventValueSchema.optional(),
});
export type EventChange = z.infer<typeof eventChangeSchema>;

export const eventItemSchema = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  actor: z.object({
    type: eventActorTypeSchema,
    id: z.uuid().nullable(),
    /** The administrator's email, "Consumer" and the consumer's name, or "System". */
    label: z.string(),
  }),
  action: z.string(),
  /** The label of `action`, or the action itself for one this version does not know. */
  actionLabel: z.string(),
  /** The account concerned; `label` is null once the account is deleted. */
  consumer: z.object({ id: z.uuid(), label: z.string().nullable() }).nullable(),
  result: z.enum(['success', 'failure']),
  /** Why it failed (e.g. `invalid_credentials`, `suspended`, `invalid_code`), else null. */
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  changes: z.array(eventChangeSchema),
});
export type EventItem = z.infer<typeof eventItemSchema>;

export const eventPageSchema = z.object({
  items: z.array(eventItemSchema),
  /** Opaque cursor of the next (older) page, null on the last page. */
  nextCursor: z.string().nullable(),
  /** Opaque cursor of the previous (newer) page, null on the first page. */
  previousCursor: z.string().nullable(),
});
export type EventPage = z.infer<typeof eventPageSchema>;
