import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { listEvents } from '../lib/events-api.js';
import type { EventFilters } from '../lib/events-api.js';
import { eventKeys } from '../lib/query-keys.js';

export function useEventPage(filters: EventFilters, cursor: string | null) {
  return useQuery({
    queryKey: eventKeys.page(filters, cursor),
    queryFn: () => listEvents(filters, cursor),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
