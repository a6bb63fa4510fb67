import { Alert, Button, CopyButton, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';

import type { CreatedConsumer } from '../../../../../contracts/consumers.js';

interface CredentialsPanelProps {
  created: CreatedConsumer;
  onCreateAnother: () => void;
}

/** The one moment the temporary password is visible; it is held in memory only. */
export function CredentialsPanel({ created, onCreateAnother }: CredentialsPanelProps) {
  const { credentials, consumer } = created;

  return (
    <Paper withBorder p="lg" radius="md" maw={560}>
      <Stack>
        <Title order={2} size="h3">
          Login Credentials
        </Title>
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Important">
          The temporary password is shown only once. Copy it and pass it to the person securely;
          they must change it the first time they sign in.
        </Alert>
        <TextInput label="Email address" value={credentials.email} readOnly />
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            label="Password"
            value={credentials.temporaryPassword}
            readOnly
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={credentials.temporaryPassword} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCreateAnother}>
            Create another consumer
          </Button>
          <Button component={Link} to={`/admin/users/${consumer.id}`}>
            Open the record
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
