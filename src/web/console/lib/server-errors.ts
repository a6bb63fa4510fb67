import { isApiError, errorMessage } from '../../lib/api-client.js';
import { assignIssues } from '../../lib/use-form-state.js';
import type { FieldErrors } from '../../lib/use-form-state.js';

export interface FormFailure<Values> {
  fieldErrors: FieldErrors<Values>;
  /** Shown above the form when no field can carry it. */
  formError: string | null;
}

/** Places a refused save on the form: issues on their fields, a taken email on Email address. */
export function formFailureOf<Values>(
  error: unknown,
  fields: readonly (keyof Values & string)[],
): FormFailure<Values> {
  if (isApiError(error) && error.status < 500 && error.issues.length > 0) {
    const { errors, unmatched } = assignIssues<Values>(error.issues, fields);
    const formError =
      unmatched.length > 0 ? unmatched.map((issue) => issue.message).join(' ') : null;
    return { fieldErrors: errors, formError };
  }
  const emailField = fields.find((field) => field === 'email');
  if (isApiError(error, 409) && error.code === 'consumer.email_taken' && emailField) {
    const fieldErrors: FieldErrors<Values> = {};
    fieldErrors[emailField] = error.message;
    return { fieldErrors, formError: null };
  }
  return { fieldErrors: {}, formError: errorMessage(error) };
}
