import { Select } from '@mantine/core';
import type { OptionsFilter } from '@mantine/core';
import { useState } from 'react';
import type { FocusEvent } from 'react';

import { chooseCountryMessage } from '../../contracts/consumers.js';
import { countryOptions, findCountries, resolveCountry } from '../lib/countries.js';

interface CountrySelectProps {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}

const filterCountries: OptionsFilter = ({ search }) => findCountries(search);

/**
 * The "Countries" list: English names shown, ISO alpha-2 codes stored. Names, aliases ("UK")
 * and codes find a country; Enter takes the first one listed. Leaving the field keeps what the
 * typed text names, or clears the field with its usual message, never the earlier country.
 */
export function CountrySelect({ value, onChange, error }: CountrySelectProps) {
  const [unresolved, setUnresolved] = useState(false);

  const choose = (code: string) => {
    setUnresolved(false);
    onChange(code);
  };

  // Read before React re-renders: Select has already put the earlier country's name back.
  const settleTypedText = (event: FocusEvent<HTMLInputElement>) => {
    const typed = event.currentTarget.value;
    if (!typed.trim() && !value) return;
    const code = resolveCountry(typed);
    if (code) {
      if (code !== value) choose(code);
      return;
    }
    onChange('');
    setUnresolved(true);
  };

  return (
    <Select
      label="Countries"
      placeholder="Choose a country"
      data={countryOptions}
      filter={filterCountries}
      value={value || null}
      onChange={(code) => choose(code ?? '')}
      onBlur={settleTypedText}
      error={error ?? (unresolved ? chooseCountryMessage : undefined)}
      searchable
      selectFirstOptionOnChange
      allowDeselect={false}
      nothingFoundMessage="No country matches"
      autoComplete="off"
      required
    />
  );
}
