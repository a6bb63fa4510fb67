import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useSearchParams } from 'react-router';

import type { EventItem } from '../../../../contracts/events.js';
import { isApiError } from '../../../lib/api-client.js';
import { ErrorAlert } from '../../../ui/error-alert.js';
import { PageLoader } from '../../../ui/page-loader.js';
import { useAdminSession } from '../../hooks/use-admin-session.js';
import { useEventPage } from '../../hooks/use-events.js';
import type { EventFilters } from '../../lib/events-api.js';
import { Pager } from '../Users/components/pager.js';
import { EventFiltersBar } from './components/event-filters.js';
import type { AdminOption } from './components/event-filters.js';
import { EventTable } from './components/event-table.js';

const filterKeys = ['consumerId', 'adminId', 'action', 'from', 'to'] as const;

function filtersOf(params: URLSearchParams): EventFilters {
  const read = (key: keyof EventFilters) => params.get(key) ?? '';
  return {
    consumerId: read('consumerId'),
    adminId: read('adminId'),
    action: read('action'),
    from: read('from'),
    to: read('to'),
  };
}

// TODO(no admin list API): offer every administrator once the server lists them; until then the
// filter knows the signed-in one, those seen on the page and the one named in the URL.
/** The signed-in administrator, those seen on this page, and the one filtered on. */
function adminOptionsOf(
  me: { id: string; email: string } | null | undefined,
  events: EventItem[],
  chosen: string,
): AdminOption[] {
  const options = new Map<string, string>();
  if (me) options.set(me.id, `${me.email} (you)`);
  for (const { actor } of events) {
    if (actor.type === 'admin' && actor.id && !options.has(actor.id)) {
      options.set(actor.id, actor.label);
    }
  }
  if (chosen && !options.has(chosen)) options.set(chosen, `Administrator ${chosen.slice(0, 8)}`);
  return [...options].map(([value, label]) => ({ value, label }));
}

/** Refused filters (e.g. an end date before the start) are shown on their field. */
function filterErrorsOf(error: unknown): Partial<Record<keyof EventFilters, string>> {
  if (!isApiError(error) || error.status >= 500) return {};
  const errors: Partial<Record<keyof EventFilters, string>> = {};
  for (const issue of error.issues) {
    const key = filterKeys.find((name) => name === issue.field);
    if (key) errors[key] = issue.message;
  }
  return errors;
}

/** Event log: who did what to which account, newest first; filters and page live in the URL. */
export function EventLogPage() {
  useDocumentTitle('Event log · Gatehouse console');
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const cursor = params.get('cursor');
  const page = useEventPage(filters, cursor);
  const session = useAdminSession();

  const applyFilters = (next: EventFilters) =>
    setParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value !== '')));
  const openPage = (next: string) => {
    const updated = new URLSearchParams(params);
    updated.set('cursor', next);
    setParams(updated);
  };

  const events = page.data?.items ?? [];
  const fieldErrors = filterErrorsOf(page.error);
  const consumerLabel =
    events.find((event) => event.consumer?.id === filters.consumerId)?.consumer?.label ?? null;

  return (
    <Stack gap="lg">
      <Title order={1}>Event log</Title>
      <Text c="dimmed" size="sm" mt={-8}>
        Who did what to which account, and when. Entries are never changed or removed.
      </Text>
      <EventFiltersBar
        filters={filters}
        admins={adminOptionsOf(session.data, events, filters.adminId)}
        consumerLabel={consumerLabel}
        errors={fieldErrors}
        onChange={applyFilters}
      />
      {page.isPending ? <PageLoader /> : null}
      {page.isError && Object.keys(fieldErrors).length === 0 ? (
        <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />
      ) : null}
      {page.data && !page.isError ? (
        <>
          <EventTable events={events} />
          <Pager
            previousCursor={page.data.previousCursor}
            nextCursor={page.data.nextCursor}
            onPage={openPage}
          />
        </>
      ) : null}
    </Stack>
  );
}
