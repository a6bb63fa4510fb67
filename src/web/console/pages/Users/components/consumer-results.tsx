import { Box, Center, Loader, LoadingOverlay } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';

import type { ConsumerPage } from '../../../../../contracts/consumers.js';
import { ErrorAlert } from '../../../../ui/error-alert.js';
import { ConsumerTable } from './consumer-table.js';
import { Pager } from './pager.js';

interface ConsumerResultsProps {
  query: UseQueryResult<ConsumerPage>;
  onPage: (cursor: string) => void;
}

/** One page of consumers with its loading, error and empty states and the Previous/Next pager. */
export function ConsumerResults({ query, onPage }: ConsumerResultsProps) {
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const page = query.data;
  return (
    <Box pos="relative">
      <LoadingOverlay visible={query.isPlaceholderData} overlayProps={{ blur: 1 }} />
      <ConsumerTable consumers={page.items} />
      <Pager previousCursor={page.previousCursor} nextCursor={page.nextCursor} onPage={onPage} />
    </Box>
  );
}
