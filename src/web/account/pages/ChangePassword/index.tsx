import { Alert, Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';

import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { PasswordField } from '../../../ui/password-field.js';
import {
  useAccountSession,
  useChangePassword,
  useSignOut,
} from '../../hooks/use-account-session.js';

const passwordHint = 'At least 12 characters. Avoid common passwords and your name or email.';

/** The server's reason for refusing the new password, or null when it was not about the field. */
function newPasswordErrorOf(error: unknown): string | null {
  if (!isApiError(error, 400)) return null;
  return error.issues.find((issue) => issue.field === 'newPassword')?.message ?? error.message;
}

/** Shown on every route while the session was opened with a temporary password. */
export function ChangePasswordPage() {
  useDocumentTitle('Change password · Gatehouse');
  const navigate = useNavigate();
  const change = useChangePassword();
  const signOut = useSignOut();
  const email = useAccountSession().data?.email ?? '';
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const matches = newPassword === confirmation;
    setMismatch(!matches);
    if (!matches) return;
    // No current password: signing in with the temporary one just proved it.
    change.mutate({ newPassword }, { onSuccess: () => void navigate('/', { replace: true }) });
  };

  const fieldError = newPasswordErrorOf(change.error);
  const formError = change.isError && fieldError === null ? errorMessage(change.error) : null;

  return (
    <Container size={440} py={80}>
      <Title order={1} ta="center" mb="xs">
        Change password
      </Title>
      <Text ta="center" mb="lg">
        Choose a new password before you continue.
      </Text>
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <form onSubmit={submit} noValidate>
          {/* Lets password managers file the new password under the right account. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={email}
            readOnly
            hidden
          />
          <Stack>
            {formError ? (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            ) : null}
            <PasswordField
              label="New password"
              description={passwordHint}
              autoComplete="new-password"
              value={newPassword}
              onChange={(event) => {
                setNewPassword(event.currentTarget.value);
                change.reset();
              }}
              error={fieldError}
              required
            />
            <PasswordField
              label="Confirm new password"
              autoComplete="new-password"
              value={confirmation}
              onChange={(event) => {
                setConfirmation(event.currentTarget.value);
                setMismatch(false);
              }}
              error={mismatch ? 'The passwords do not match.' : null}
              required
            />
            <Button type="submit" loading={change.isPending} fullWidth>
              Change password
            </Button>
            <Button
              variant="subtle"
              color="gray"
              onClick={() => signOut.mutate()}
              loading={signOut.isPending}
            >
              Sign out
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
