import { z } from 'zod';

/** Shapes shared by the server routes and the web app, so both validate with one set of rules. */

export const consumerStatusSchema = z.enum(['new', 'active', 'suspended']);
export type ConsumerStatus = z.infer<typeof consumerStatusSchema>;

export const consumerFilterSchema = z.enum(['all', 'new', 'activated']);
export type ConsumerFilter = z.infer<typeof consumerFilterSchema>;

// The schemas bound types and sizes (SR-72); the service checks the meaning of each field and
// reports every wrong field at once.
const personName = (label: string) =>
  z.string({ error: `${label} is required` }).max(200, `${label} must be at most 100 characters`);

export const chooseCountryMessage = 'Countries: choose a country from the list';

export const countryCodeSchema = z
  .string({ error: chooseCountryMessage })
  .max(8, chooseCountryMessage);

export const emailInputSchema = z
  .string({ error: 'Email address is required' })
  .max(320, 'Email address must be at most 254 characters');

export const phoneInputSchema = z
  .string({ error: 'Phone number must be text' })
  .trim()
  .max(32, 'Phone number must be at most 32 characters');

export const createConsumerBodySchema = z.strictObject({
  firstName: personName('First name'),
  lastName: personName('Name'),
  email: emailInputSchema,
  phone: phoneInputSchema.optional(),
  country: countryCodeSchema,
});
export type CreateConsumerBody = z.infer<typeof createConsumerBodySchema>;

export const updateIdentityBodySchema = z.strictObject({
  firstName: personName('First name'),
  lastName: personName('Name'),
  country: countryCodeSchema,
});
export type UpdateIdentityBody = z.infer<typeof updateIdentityBodySchema>;

export const updateCoordinatesBodySchema = z.strictObject({
  email: emailInputSchema,
  phone: phoneInputSchema.optional(),
});
export type UpdateCoordinatesBody = z.infer<typeof updateCoordinatesBodySchema>;

export const consumerSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  country: z.string(),
  status: consumerStatusSchema,
  emailVerifiedAt: z.iso.datetime().nullable(),
  phoneVerifiedAt: z.iso.datetime().nullable(),
  verificationRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  twoStepEnabled: z.boolean(),
  projectLimit: z.number().int(),
  /** The limit in force: the consumer's own, or the global one of Settings when that is 0. */
  effectiveProjectLimit: z.number().int(),
  projectLimitSource: z.enum(['consumer', 'global']),
  lastSignInAt: z.iso.datetime().nullable(),
  /** End of a lock after repeated failed sign-ins (SR-85), while it holds; else null. */
  signInLockedUntil: z.iso.datetime().nullable(),
  /** A test account of the Settings pattern: Suspend and Delete refuse it. */
  protected: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
});
export type ConsumerView = z.infer<typeof consumerSchema>;

/**
 * One row of a list or search page: what the table shows, no more. A page carries no settings
 * and no security flags, so it costs one query and stays small; the record has the rest.
 */
export const consumerSummarySchema = consumerSchema.pick({
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  country: true,
  status: true,
  lastSignInAt: true,
  createdAt: true,
});
export type ConsumerSummary = z.infer<typeof consumerSummarySchema>;

export const consumerPageSchema = z.object({
  items: z.array(consumerSummarySchema),
  /** Opaque cursor of the next (older) page, null on the last page. */
  nextCursor: z.string().nullable(),
  /** Opaque cursor of the previous (newer) page, null on the first page. */
  previousCursor: z.string().nullable(),
});
export type ConsumerPage = z.infer<typeof consumerPageSchema>;

export const consumerCountsSchema = z.object({
  all: z.number().int(),
  new: z.number().int(),
  activated: z.number().int(),
});
export type ConsumerCounts = z.infer<typeof consumerCountsSchema>;

export const createdConsumerSchema = z.object({
  consumer: consumerSchema,
  credentials: z.object({ email: z.string(), temporaryPassword: z.string() }),
});
export type CreatedConsumer = z.infer<typeof createdConsumerSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
