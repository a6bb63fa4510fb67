import { TextInput } from '@mantine/core';

import type { FieldErrors } from '../../lib/use-form-state.js';
import { CountrySelect } from '../../ui/country-select.js';

export type IdentityValues = {
  firstName: string;
  lastName: string;
  country: string;
};

interface IdentityFieldsProps {
  values: IdentityValues;
  errors: FieldErrors<IdentityValues>;
  onChange: (field: keyof IdentityValues, value: string) => void;
}

/** First name and Name. */
export function NameFields({ values, errors, onChange }: IdentityFieldsProps) {
  return (
    <>
      <TextInput
        label="First name"
        value={values.firstName}
        onChange={(event) => onChange('firstName', event.currentTarget.value)}
        error={errors.firstName}
        autoComplete="off"
        required
      />
      <TextInput
        label="Name"
        value={values.lastName}
        onChange={(event) => onChange('lastName', event.currentTarget.value)}
        error={errors.lastName}
        autoComplete="off"
        required
      />
    </>
  );
}

/** First name, Name and Countries, as the identity form asks them. */
export function IdentityFields({ values, errors, onChange }: IdentityFieldsProps) {
  return (
    <>
      <NameFields values={values} errors={errors} onChange={onChange} />
      <CountrySelect
        value={values.country}
        onChange={(code) => onChange('country', code)}
        error={errors.country}
      />
    </>
  );
}
