import { Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';

import type { ConsumerCounts, ConsumerFilter } from '../../../../../contracts/consumers.js';

const cards: { filter: ConsumerFilter; label: string }[] = [
  { filter: 'all', label: 'All users' },
  { filter: 'new', label: 'New' },
  { filter: 'activated', label: 'Activated' },
];

interface FilterCardsProps {
  active: ConsumerFilter;
  counts: ConsumerCounts | undefined;
  onSelect: (filter: ConsumerFilter) => void;
}

export function FilterCards({ active, counts, onSelect }: FilterCardsProps) {
  return (
    <SimpleGrid cols={3} spacing={{ base: 'xs', sm: 'md' }}>
      {cards.map(({ filter, label }) => {
        const selected = filter === active;
        return (
          <UnstyledButton key={filter} onClick={() => onSelect(filter)} aria-pressed={selected}>
            <Paper
              withBorder
              p="md"
              radius="md"
              bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
              style={{
                borderColor: selected ? 'var(--mantine-primary-color-filled)' : undefined,
                borderWidth: selected ? 2 : undefined,
              }}
            >
              <Text
                size="sm"
                fw={600}
                c={selected ? 'var(--mantine-primary-color-filled)' : 'dimmed'}
              >
                {label}
              </Text>
              <Text size="xl" fw={700}>
                {counts ? counts[filter].toLocaleString('en-GB') : '–'}
              </Text>
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
