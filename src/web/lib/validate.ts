import type { z } from 'zod';

import type { FieldErrors } from './use-form-state.js';

export type Validation<Data, Values> =
  { ok: true; data: Data } | { ok: false; errors: FieldErrors<Values> };

/** Checks form values with the shared contract schema, keeping the first message per field. */
export function validateForm<Schema extends z.ZodType, Values>(
  schema: Schema,
  input: unknown,
  fields: readonly (keyof Values & string)[],
): Validation<z.infer<Schema>, Values> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };

  const errors: FieldErrors<Values> = {};
  for (const issue of parsed.error.issues) {
    const field = fields.find((name) => name === issue.path[0]);
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}
