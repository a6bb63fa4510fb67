import { Alert, Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

interface RecordFormLayoutProps {
  notice: string | null;
  formError: string | null;
  pending: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
}

/** The frame both record edit forms share: messages on top, Cancel and Register below. */
export function RecordFormLayout(props: RecordFormLayoutProps) {
  const { notice, formError, pending, onSubmit, onCancel, children } = props;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {notice ? (
          <Alert color="yellow" role="alert">
            {notice}
          </Alert>
        ) : null}
        {formError ? (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        ) : null}
        {children}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Register
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
