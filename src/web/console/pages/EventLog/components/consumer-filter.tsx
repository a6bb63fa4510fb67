import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { fullName } from '../../../../lib/format.js';
import { useConsumerSearch } from '../../../hooks/use-consumers.js';
import { getConsumer } from '../../../lib/admin-api.js';
import { consumerKeys } from '../../../lib/query-keys.js';

interface ConsumerFilterProps {
  value: string;
  /** A label for the chosen consumer when it cannot be loaded (e.g. a deleted account). */
  knownLabel: string | null;
  onChange: (consumerId: string) => void;
}

/** Picks one consumer by typing a name, email or phone; the search runs on the server. */
export function ConsumerFilter({ value, knownLabel, onChange }: ConsumerFilterProps) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const results = useConsumerSearch(query, null);
  const chosen = useQuery({
    queryKey: consumerKeys.record(value),
    queryFn: () => getConsumer(value),
    enabled: value !== '',
    retry: false,
  });

  const options = (results.data?.items ?? []).map((consumer) => ({
    value: consumer.id,
    label: `${fullName(consumer)} · ${consumer.email}`,
  }));
  if (value && !options.some((option) => option.value === value)) {
    const label = chosen.data
      ? `${fullName(chosen.data)} · ${chosen.data.email}`
      : (knownLabel ?? `Account ${value.slice(0, 8)}`);
    options.unshift({ value, label });
  }

  return (
    <Select
      label="Consumer"
      placeholder="Type a name or email"
      data={options}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={query ? 'No result' : 'Type to search'}
      clearable
      autoComplete="off"
    />
  );
}
