import { Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';

import { consumerFilterSchema } from '../../../../../contracts/consumers.js';
import type { ConsumerFilter } from '../../../../../contracts/consumers.js';
import { useConsumerCounts, useConsumerList } from '../../../hooks/use-consumers.js';
import { ConsumerResults } from './consumer-results.js';
import { FilterCards } from './filter-cards.js';

/** Every account newest first, narrowed by the filter cards; filter and page live in the URL. */
export function OverviewTab() {
  const [params, setParams] = useSearchParams();
  const filter = consumerFilterSchema.catch('all').parse(params.get('filter') ?? 'all');
  const cursor = params.get('cursor');
  const counts = useConsumerCounts();
  const list = useConsumerList(filter, cursor);

  const selectFilter = (next: ConsumerFilter) => setParams({ tab: 'overview', filter: next });
  const openPage = (next: string) => setParams({ tab: 'overview', filter, cursor: next });

  return (
    <Stack gap="lg">
      <FilterCards active={filter} counts={counts.data} onSelect={selectFilter} />
      <ConsumerResults query={list} onPage={openPage} />
    </Stack>
  );
}
