import { Alert, Button, CopyButton, Group, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

import { useResetPassword } from '../../../../hooks/use-account-security.js';
import { actionErrorMessage } from '../../../../lib/action-messages.js';
import { SecuritySection } from './security-section.js';

function TemporaryPassword({ password, onDone }: { password: string; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Important">
        Copy the password before leaving the page; it isn&apos;t shown again. The consumer must
        change it at their next sign-in.
      </Alert>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label="Password"
          value={password}
          readOnly
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={password} timeout={2000}>
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
      <Group justify="flex-end">
        <Button variant="subtle" size="xs" onClick={onDone}>
          Done, hide the password
        </Button>
      </Group>
    </Stack>
  );
}

/** A new temporary password, held in memory only while this card shows it. */
export function PasswordResetSection({ consumerId }: { consumerId: string }) {
  const reset = useResetPassword(consumerId);
  const password = reset.data?.credentials.temporaryPassword;

  return (
    <SecuritySection
      title="Reset the password"
      description="Generates a new temporary password and signs the consumer out everywhere. They must change it at their next sign-in."
      action={
        <Button variant="light" onClick={() => reset.mutate()} loading={reset.isPending}>
          Reset
        </Button>
      }
    >
      {reset.isError ? (
        <Alert color="red" role="alert">
          {actionErrorMessage(reset.error)}
        </Alert>
      ) : null}
      {password ? <TemporaryPassword password={password} onDone={reset.reset} /> : null}
    </SecuritySection>
  );
}
