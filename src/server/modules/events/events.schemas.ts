import { z } from 'zod';

import { eventActionSchema, eventValueSchema } from '../../../contracts/events.js';
import { actorTypes, adminRoles } from '../../../db/schema/index.js';
import { personalFields } from './events.view.js';

/** A changed field; a personal one keeps its name only (SR-102). */
const storedChangeSchema = z
  .strictObject({
    field: z.string().min(1).max(64),
    before: eventValueSchema.optional(),
    after: eventValueSchema.optional(),
  })
  .refine(
    (entry) => !personalFields.has(entry.field) || (!('before' in entry) && !('after' in entry)),
    { message: 'a personal field is stored without its values' },
  );

/**
 * The keys `details` may hold (SR-94): an event describes what changed and why, never a value
 * that is personal or secret. A new key is added here first, with a reason it is safe to keep.
 */
export const eventDetailsSchema = z.strictObject({
  changes: z.array(storedChangeSchema).optional(),
  /** Why an action failed, as a stable snake_case code. */
  reason: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .max(64)
    .optional(),
  endedSessions: z.number().int().min(0).optional(),
  /** Sign-ins still waiting for their emailed code that the action ended: a count. */
  endedChallenges: z.number().int().min(0).optional(),
  /** A suspension voided a temporary password not used yet: a flag, never the password. */
  voidedTemporaryPassword: z.literal(true).optional(),
  /** A sign-in completed by its emailed second step. */
  twoStep: z.boolean().optional(),
  /** A code sent again on the consumer's request. */
  resend: z.boolean().optional(),
  /** How long a sign-in lock lasts, in minutes: a length of time, nothing about the person. */
  lockMinutes: z.number().int().min(1).max(1440).optional(),
  /** The console account an `admin.created` event describes, and its role. */
  adminId: z.uuid().optional(),
  role: z.enum(adminRoles).optional(),
});

export type EventDetails = z.infer<typeof eventDetailsSchema>;

/** One row of the event log as it must be stored; a failure always says why. */
export const storedEventSchema = z
  .strictObject({
    id: z.uuid(),
    occurredAt: z.date(),
    actorType: z.enum(actorTypes),
    actorId: z.uuid().nullable(),
    action: eventActionSchema,
    consumerId: z.uuid().nullable(),
    result: z.enum(['success', 'failure']),
    details: eventDetailsSchema,
    ip: z.union([z.ipv4(), z.ipv6()]).nullable(),
    userAgent: z.string().max(256).nullable(),
    requestId: z.string().max(128).nullable(),
  })
  .refine((event) => event.result === 'success' || event.details.reason !== undefined, {
    message: 'a failure names its reason',
    path: ['details', 'reason'],
  })
  .refine((event) => event.actorType !== 'system' || event.actorId === null, {
    message: 'the system acts without an id',
    path: ['actorId'],
  });
