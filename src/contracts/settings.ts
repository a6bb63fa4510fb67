import { z } from 'zod';

export const maxGlobalProjectLimit = 10_000;
export const passwordMinLengthBounds = { min: 8, max: 128 } as const;

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be from ${min} to ${max}`)
    .max(max, `${label} must be from ${min} to ${max}`);

/**
 * The whole settings object, as PUT takes it. The server also checks that the pattern compiles
 * as a JavaScript regular expression and cannot backtrack catastrophically; it is matched
 * against email addresses case-insensitively.
 */
const settingsFields = {
  /** Most projects one consumer may own when the consumer's own limit is 0. */
  globalProjectLimit: wholeNumber('Global project limit', 0, maxGlobalProjectLimit),
  /** Two-step validation on or off for accounts created from now on. */
  twoStepDefault: z.boolean({ error: 'Two-step default must be true or false' }),
  /** A changed email or phone must be verified again. */
  reverifyOnContactChange: z.boolean({ error: 'Re-verification must be true or false' }),
  protectedEmailPattern: z
    .string({ error: 'Protected pattern is required' })
    .min(1, 'Protected pattern is required')
    .max(200, 'Protected pattern must be at most 200 characters'),
  passwordMinLength: wholeNumber(
    'Minimum password length',
    passwordMinLengthBounds.min,
    passwordMinLengthBounds.max,
  ),
};

export const settingsBodySchema = z.strictObject(settingsFields);
export type SettingsBody = z.infer<typeof settingsBodySchema>;

/** GET and PUT answer this; the ETag header carries `version` too, for If-Match. */
export const settingsSchema = z.object({
  ...settingsFields,
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
});
export type SettingsView = z.infer<typeof settingsSchema>;
