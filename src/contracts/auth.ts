import { z } from 'zod';

export const signInBodySchema = z.strictObject({
  email: z.string().trim().min(1, 'Email address is required').max(254),
  // The upper bound is checked before any hashing runs (SR-07).
  password: z.string().min(1, 'Password is required').max(1024),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const adminProfileSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'admin', 'viewer']),
});
export type AdminProfile = z.infer<typeof adminProfileSchema>;

export const consumerProfileSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  /** True while the session may only change the password or sign out. */
  passwordChangeRequired: z.boolean(),
  /** True until the email check is passed (new account, or after a restore). */
  verificationRequired: z.boolean(),
});
export type ConsumerProfile = z.infer<typeof consumerProfileSchema>;

export const changePasswordBodySchema = z.strictObject({
  // Not asked when the session was opened with a temporary password: that sign-in just proved it.
  currentPassword: z.string().min(1, 'Current password is required').max(1024).optional(),
  newPassword: z.string().min(1, 'New password is required').max(1024),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** Sign-in answer when two-step validation is on: the code went to the account's address. */
export const twoStepRequiredSchema = z.object({
  twoStepRequired: z.literal(true),
  /** The address the code went to, partly hidden. */
  sentTo: z.string(),
});

export const codeBodySchema = z.strictObject({
  code: z.string().trim().min(1, 'Code is required').max(16, 'Code is at most 16 characters'),
});

export const codeSentSchema = z.object({ sentTo: z.string() });
