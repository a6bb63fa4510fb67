import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';

import { eventActionOptions } from '../../../../../contracts/events.js';
import { noEventFilters } from '../../../lib/events-api.js';
import type { EventFilters } from '../../../lib/events-api.js';
import { ConsumerFilter } from './consumer-filter.js';

export interface AdminOption {
  value: string;
  label: string;
}

interface EventFiltersProps {
  filters: EventFilters;
  admins: AdminOption[];
  consumerLabel: string | null;
  errors: Partial<Record<keyof EventFilters, string>>;
  onChange: (next: EventFilters) => void;
}

/** Consumer, administrator, action and date range; each change applies at once. */
export function EventFiltersBar(props: EventFiltersProps) {
  const { filters, admins, consumerLabel, errors, onChange } = props;
  const set = (key: keyof EventFilters) => (value: string | null) =>
    onChange({ ...filters, [key]: value ?? '' });
  const hasFilter = Object.values(filters).some((value) => value !== '');

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="md">
        <ConsumerFilter
          value={filters.consumerId}
          knownLabel={consumerLabel}
          onChange={set('consumerId')}
        />
        <Select
          label="Administrator"
          placeholder="Any administrator"
          data={admins}
          value={filters.adminId || null}
          onChange={set('adminId')}
          clearable
          error={errors.adminId}
        />
        <Select
          label="Action"
          placeholder="Any action"
          data={eventActionOptions}
          value={filters.action || null}
          onChange={set('action')}
          searchable
          clearable
          nothingFoundMessage="No action matches"
          error={errors.action}
        />
        <TextInput
          label="From"
          type="date"
          value={filters.from}
          onChange={(event) => set('from')(event.currentTarget.value)}
          error={errors.from}
        />
        <TextInput
          label="To"
          type="date"
          value={filters.to}
          onChange={(event) => set('to')(event.currentTarget.value)}
          error={errors.to}
        />
      </SimpleGrid>
      {hasFilter ? (
        <Group justify="flex-end">
          <Button variant="subtle" size="xs" onClick={() => onChange(noEventFilters)}>
            Clear filters
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
