import { Alert, Button, Loader, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { ConsumerSessionView } from '../../../../../../contracts/account-security.js';
import { formatDateTime } from '../../../../../lib/format.js';
import { ErrorAlert } from '../../../../../ui/error-alert.js';
import { useConsumerAction, useConsumerSessions } from '../../../../hooks/use-account-security.js';
import { actionErrorMessage, guideText } from '../../../../lib/action-messages.js';
import { describeUserAgent } from '../../../../lib/user-agent.js';
import { SecuritySection } from './security-section.js';

function SessionsTable({ sessions }: { sessions: ConsumerSessionView[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device</Table.Th>
            <Table.Th>Browser</Table.Th>
            <Table.Th>IP address</Table.Th>
            <Table.Th>Signed in</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => {
            const { device, browser } = describeUserAgent(session.userAgent);
            return (
              <Table.Tr key={session.id}>
                <Table.Td title={session.userAgent ?? undefined}>{device}</Table.Td>
                <Table.Td>{browser}</Table.Td>
                <Table.Td>{session.ip ?? 'Unknown'}</Table.Td>
                <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Connection Session: the consumer's signed-in devices, and Log out to end them all. */
export function SessionsSection({ consumerId }: { consumerId: string }) {
  const sessions = useConsumerSessions(consumerId);
  const logOut = useConsumerAction(consumerId, 'sign-out-everywhere');
  const items = sessions.data?.items ?? [];
  // "Nothing to end" is shown by the empty list itself once it is fetched again.
  const refusal = logOut.isError && items.length > 0 ? actionErrorMessage(logOut.error) : null;

  const onLogOut = () =>
    logOut.mutate(undefined, {
      onSuccess: () =>
        notifications.show({
          color: 'green',
          message: 'The consumer is signed out of all their devices.',
        }),
    });

  return (
    <SecuritySection
      title="Connection Session"
      description="The devices where the consumer is signed in. Log out ends every session at once; they must sign in again."
      action={
        items.length > 0 ? (
          <Button variant="light" color="red" onClick={onLogOut} loading={logOut.isPending}>
            Log out
          </Button>
        ) : null
      }
    >
      {refusal ? (
        <Alert color="red" role="alert">
          {refusal}
        </Alert>
      ) : null}
      {sessions.isPending ? <Loader size="sm" aria-label="Loading sessions" /> : null}
      {sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : null}
      {sessions.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          {guideText.noActiveSession}
        </Text>
      ) : null}
      {items.length > 0 ? <SessionsTable sessions={items} /> : null}
    </SecuritySection>
  );
}
