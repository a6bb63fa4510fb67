import { TextInput } from '@mantine/core';

import type { FieldErrors } from '../../lib/use-form-state.js';

export type CoordinatesValues = {
  email: string;
  phone: string;
};

interface CoordinatesFieldsProps {
  values: CoordinatesValues;
  errors: FieldErrors<CoordinatesValues>;
  onChange: (field: keyof CoordinatesValues, value: string) => void;
}

/** Email address and Phone number, as the creation and coordinates forms both ask them. */
export function CoordinatesFields({ values, errors, onChange }: CoordinatesFieldsProps) {
  return (
    <>
      <TextInput
        label="Email address"
        type="email"
        value={values.email}
        onChange={(event) => onChange('email', event.currentTarget.value)}
        error={errors.email}
        autoComplete="off"
        required
      />
      <TextInput
        label="Phone number"
        type="tel"
        description="Optional. International format, for example +33 6 12 34 56 78."
        value={values.phone}
        onChange={(event) => onChange('phone', event.currentTarget.value)}
        error={errors.phone}
        autoComplete="off"
      />
    </>
  );
}
