import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

import type { ConsumerProfile } from '../../../../contracts/auth.js';
import { errorMessage } from '../../../lib/api-client.js';
import { fullName } from '../../../lib/format.js';
import { useSignOut } from '../../hooks/use-account-session.js';

export function HomePage({ consumer }: { consumer: ConsumerProfile }) {
  useDocumentTitle('Your account · Gatehouse');
  const signOut = useSignOut();

  return (
    <Container size={520} py={80}>
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <Stack>
          <Title order={1} size="h2">
            Signed in as {fullName(consumer)}
          </Title>
          <Text c="dimmed">{consumer.email}</Text>
          {signOut.isError ? (
            <Text c="red" size="sm" role="alert">
              {errorMessage(signOut.error)}
            </Text>
          ) : null}
          <Button
            variant="default"
            onClick={() => signOut.mutate()}
            loading={signOut.isPending}
            style={{ alignSelf: 'flex-start' }}
          >
            Sign out
          </Button>
        </Stack>
      </Paper>
    </Container>
  );
}
