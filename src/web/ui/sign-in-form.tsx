import { Alert, Button, Container, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';

import { errorMessage, isApiError } from '../lib/api-client.js';
import { PasswordField } from './password-field.js';

interface SignInFormProps {
  title: string;
  pending: boolean;
  error: unknown;
  onSubmit: (credentials: { email: string; password: string }) => void;
  /** Wording for a refused sign-in; by default the generic text (401) or the server's message. */
  errorText?: (error: unknown) => string;
}

/** Never says which of the two was wrong, so the form does not reveal which addresses exist. */
function signInErrorText(error: unknown): string {
  return isApiError(error, 401) ? 'Wrong email address or password.' : errorMessage(error);
}

export function SignInForm({
  title,
  pending,
  error,
  onSubmit,
  errorText = signInErrorText,
}: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const filled = email.trim() !== '' && password !== '';
    setMissing(!filled);
    if (filled) onSubmit({ email: email.trim(), password });
  };
  const alertText = missing
    ? 'Enter your email address and password.'
    : error
      ? errorText(error)
      : null;

  return (
    <Container size={420} py={80}>
      <Title order={1} ta="center" mb="lg">
        {title}
      </Title>
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            {alertText ? (
              <Alert color="red" role="alert">
                {alertText}
              </Alert>
            ) : null}
            <TextInput
              label="Email address"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              required
            />
            <PasswordField
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              required
            />
            <Button type="submit" loading={pending} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
