import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';

import { consumerStatusSchema } from '../../../../../contracts/consumers.js';
import { eventFieldLabels } from '../../../../../contracts/events.js';
import type { EventChange, EventItem } from '../../../../../contracts/events.js';
import { countryName } from '../../../../lib/countries.js';
import { formatDateTime } from '../../../../lib/format.js';
import { statusLabel } from '../../../../ui/status-badge.js';
import { WideTable } from '../../../../ui/wide-table.js';

type EventValue = EventChange['before'];

function formatValue(field: string, value: EventValue): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = String(value);
  if (field === 'country') return countryName(text);
  if (field !== 'status') return text;
  // A status the badge knows reads as the guide writes it; another one (e.g. deleted) capitalised.
  const status = consumerStatusSchema.safeParse(text);
  return status.success ? statusLabel(status.data) : text.charAt(0).toUpperCase() + text.slice(1);
}

// A new temporary password is handed out (at creation or reset), never changed by anyone.
const withoutValues: Record<string, string> = { temporaryPassword: 'issued' };

/** "Status: New → Suspended"; a personal field only says that it changed. */
function describeChange({ field, before, after }: EventChange): string {
  const label = eventFieldLabels[field] ?? field;
  if (before === undefined && after === undefined) {
    return `${label} ${withoutValues[field] ?? 'changed'}`;
  }
  if (before === undefined) return `${label}: ${formatValue(field, after)}`;
  return `${label}: ${formatValue(field, before)} → ${formatValue(field, after)}`;
}

function ConsumerCell({ consumer }: { consumer: EventItem['consumer'] }) {
  if (!consumer) return <Text size="sm">—</Text>;
  if (consumer.label === null) {
    return (
      <Text size="sm" c="dimmed" title={consumer.id}>
        Deleted account
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/admin/users/${consumer.id}`} size="sm">
      {consumer.label}
    </Anchor>
  );
}

function ActionCell({ event }: { event: EventItem }) {
  return (
    <Stack gap={2}>
      <Text size="sm">{event.actionLabel}</Text>
      {event.result === 'failure' ? (
        <Badge color="red" variant="light" size="sm">
          {event.reason ? `Failed: ${event.reason.replaceAll('_', ' ')}` : 'Failed'}
        </Badge>
      ) : null}
    </Stack>
  );
}

export function EventTable({ events }: { events: EventItem[] }) {
  if (events.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        No result
      </Text>
    );
  }

  return (
    <WideTable minWidth={960}>
      <Table verticalSpacing="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Consumer</Table.Th>
            <Table.Th>IP address</Table.Th>
            <Table.Th>Before → after</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }} title={event.occurredAt}>
                {formatDateTime(event.occurredAt)}
              </Table.Td>
              <Table.Td>{event.actor.label}</Table.Td>
              <Table.Td>
                <ActionCell event={event} />
              </Table.Td>
              <Table.Td>
                <ConsumerCell consumer={event.consumer} />
              </Table.Td>
              <Table.Td>{event.ip ?? '—'}</Table.Td>
              <Table.Td>
                {event.changes.length === 0 ? (
                  '—'
                ) : (
                  <Stack gap={2}>
                    {event.changes.map((entry) => (
                      <Text size="sm" key={entry.field}>
                        {describeChange(entry)}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
