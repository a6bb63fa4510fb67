import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link, useLocation, useNavigate } from 'react-router';

import type { ConsumerSummary } from '../../../../../contracts/consumers.js';
import { countryName } from '../../../../lib/countries.js';
import { formatDateTime, formatPhone, fullName } from '../../../../lib/format.js';
import { StatusBadge } from '../../../../ui/status-badge.js';
import { WideTable } from '../../../../ui/wide-table.js';

/** Where the record's "back" link returns: this list, with its filter and page. */
export interface RecordLinkState {
  back: string;
}

export function ConsumerTable({ consumers }: { consumers: ConsumerSummary[] }) {
  const navigate = useNavigate();
  const location = useLocation();
  const state: RecordLinkState = { back: `${location.pathname}${location.search}` };

  if (consumers.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        No result
      </Text>
    );
  }

  return (
    <WideTable minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email address</Table.Th>
            <Table.Th>Phone number</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {consumers.map((consumer) => {
            const to = `/admin/users/${consumer.id}`;
            return (
              <Table.Tr
                key={consumer.id}
                onClick={() => void navigate(to, { state })}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td fw={500}>{fullName(consumer)}</Table.Td>
                <Table.Td>{consumer.email}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {consumer.phone ? formatPhone(consumer.phone) : '—'}
                </Table.Td>
                <Table.Td>{countryName(consumer.country)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={consumer.status} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(consumer.createdAt)}
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    component={Link}
                    to={to}
                    state={state}
                    size="xs"
                    variant="light"
                    onClick={(event) => event.stopPropagation()}
                  >
                    Details
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
