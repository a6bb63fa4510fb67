import { Alert, Button, Group, Text } from '@mantine/core';

import { errorMessage } from '../lib/api-client.js';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

/** A failed load: the server's message for refusals, a generic one otherwise. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  return (
    <Alert color="red" role="alert">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
