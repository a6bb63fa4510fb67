import { useCallback, useState } from 'react';

import type { FieldIssue } from './api-client.js';

export type FieldErrors<Values> = Partial<Record<keyof Values & string, string>>;

/** Values and per-field errors of one small form; editing a field clears its error. */
export function useFormState<Values extends Record<string, string>>(initial: Values) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors<Values>>({});

  const setField = useCallback(<Key extends keyof Values & string>(key: Key, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  }, []);

  const reset = useCallback((next: Values) => {
    setValues(next);
    setErrors({});
  }, []);

  return { values, errors, setField, setErrors, reset };
}

/** Turns issues into field errors for the named fields; returns the issues no field took. */
export function assignIssues<Values>(
  issues: FieldIssue[],
  fields: readonly (keyof Values & string)[],
): { errors: FieldErrors<Values>; unmatched: FieldIssue[] } {
  const errors: FieldErrors<Values> = {};
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    const field = fields.find((name) => name === issue.field);
    if (field && !errors[field]) errors[field] = issue.message;
    else if (!field) unmatched.push(issue);
  }
  return { errors, unmatched };
}
