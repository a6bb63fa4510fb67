import { z } from 'zod';

import { consumerSchema } from './consumers.js';

export const twoStepBodySchema = z.strictObject({ enabled: z.boolean() });

export const projectLimitBodySchema = z.strictObject({
  projectLimit: z.number({ error: 'Project limit must be a whole number' }),
});

export const consumerSessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type ConsumerSessionView = z.infer<typeof consumerSessionSchema>;

export const consumerSessionsSchema = z.object({ items: z.array(consumerSessionSchema) });

export const passwordResetSchema = z.object({
  consumer: consumerSchema,
  credentials: z.object({ email: z.string(), temporaryPassword: z.string() }),
});
