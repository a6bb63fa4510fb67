import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';

import type { ConsumerView } from '../../../../../contracts/consumers.js';
import { fullName } from '../../../../lib/format.js';
import { StatusBadge } from '../../../../ui/status-badge.js';
import { guideText } from '../../../lib/action-messages.js';
import type { ActionDefinition } from './what-happens.js';

interface ConfirmationLayoutProps {
  consumer: ConsumerView;
  definition: ActionDefinition;
  recordPath: string;
  error: string | null;
  pending: boolean;
  onConfirm: () => void;
}

function ProtectedNotice() {
  return (
    <Alert color="orange" icon={<IconLock size={18} />} title={guideText.protectedAccount}>
      Its address matches the Protected test accounts pattern of Settings, so the account cannot be
      suspended or deleted.
    </Alert>
  );
}

/** A confirmation page: who, What happens?, then the guide's button or why it cannot apply. */
export function ConfirmationLayout(props: ConfirmationLayoutProps) {
  const { consumer, definition, recordPath, error, pending, onConfirm } = props;
  // The server refuses anyway (422); saying it first spares the admin a click that cannot work.
  const blocked = definition.refusesProtected && consumer.protected;
  const refusal = blocked ? null : definition.refusal(consumer);

  return (
    <Stack gap="lg" maw={720}>
      <Anchor component={Link} to={recordPath} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {fullName(consumer)}
        </Group>
      </Anchor>
      <Title order={1}>{definition.title}</Title>
      <Group gap="sm">
        <Text fw={500}>{fullName(consumer)}</Text>
        <Text c="dimmed" size="sm">
          {consumer.email}
        </Text>
        <StatusBadge status={consumer.status} />
      </Group>
      <Paper withBorder p="lg" radius="md">
        <Title order={2} size="h4" mb="sm">
          What happens?
        </Title>
        <List spacing="xs" size="sm">
          {definition.whatHappens(consumer).map((item, index) => (
            <List.Item key={index}>{item}</List.Item>
          ))}
        </List>
      </Paper>
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      {blocked && !error ? <ProtectedNotice /> : null}
      {refusal && !error ? (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} role="status">
          {refusal}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button component={Link} to={recordPath} variant="default">
          Cancel
        </Button>
        {refusal ? null : (
          <Button
            color={definition.danger ? 'red' : undefined}
            onClick={onConfirm}
            loading={pending}
            disabled={blocked}
          >
            {definition.button}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
