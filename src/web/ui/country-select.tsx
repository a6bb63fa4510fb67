import { Select } from '@mantine/core';

import { countryOptions } from '../lib/countries.js';

interface CountrySelectProps {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}

/** The "Countries" list: English names shown, ISO alpha-2 codes stored. */
export function CountrySelect({ value, onChange, error }: CountrySelectProps) {
  return (
    <Select
      label="Countries"
      placeholder="Choose a country"
      data={countryOptions}
      value={value || null}
      onChange={(code) => onChange(code ?? '')}
      error={error}
      searchable
      nothingFoundMessage="No country matches"
      autoComplete="off"
      required
    />
  );
}
