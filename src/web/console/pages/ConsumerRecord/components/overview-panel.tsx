import {
  Badge,
  Button,
  DataList,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  useMatches,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import type { ConsumerView } from '../../../../../contracts/consumers.js';
import { countryName } from '../../../../lib/countries.js';
import { formatDateTime, formatPhone } from '../../../../lib/format.js';
import { StatusBadge } from '../../../../ui/status-badge.js';
import { VerifiedBadge } from '../../../../ui/verified-badge.js';
import { guideText } from '../../../lib/action-messages.js';
import { CoordinatesModal } from './coordinates-modal.js';
import { IdentityModal } from './identity-modal.js';

interface SectionProps {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}

// A long address has no spaces to break at; without this it runs past the card on a phone.
const wrappingValues = { itemValue: { minWidth: 0, overflowWrap: 'anywhere' } } as const;

function Section({ title, action, children }: SectionProps) {
  const labelWidth = useMatches({ base: 120, sm: 170 });
  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      <DataList labelWidth={labelWidth} styles={wrappingValues}>
        {children}
      </DataList>
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** Only the lifecycle action that applies: Restore for a suspended account, else Suspend. */
function StatusAction({ consumer }: { consumer: ConsumerView }) {
  const suspended = consumer.status === 'suspended';
  return (
    <Button
      component={Link}
      to={`/admin/users/${consumer.id}/${suspended ? 'restore' : 'suspend'}`}
      variant="light"
      color={suspended ? undefined : 'red'}
      size="xs"
    >
      {suspended ? 'Restore the user' : 'Suspend the user'}
    </Button>
  );
}

/** Identity, Coordinates and Account summary, with the two edit forms. */
export function OverviewPanel({ consumer }: { consumer: ConsumerView }) {
  const [identityOpen, identity] = useDisclosure(false);
  const [coordinatesOpen, coordinates] = useDisclosure(false);

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section
          title="Identity"
          action={
            <Button variant="light" size="xs" onClick={identity.open}>
              Modify the identity
            </Button>
          }
        >
          <Row label="First name">{consumer.firstName}</Row>
          <Row label="Name">{consumer.lastName}</Row>
          <Row label="Country">{countryName(consumer.country)}</Row>
        </Section>
        <Section
          title="Coordinates"
          action={
            <Button variant="light" size="xs" onClick={coordinates.open}>
              Edit Coordinates
            </Button>
          }
        >
          <Row label="Email address">
            <Group gap="xs">
              <Text size="sm">{consumer.email}</Text>
              <VerifiedBadge verifiedAt={consumer.emailVerifiedAt} />
            </Group>
          </Row>
          <Row label="Phone number">
            {consumer.phone ? (
              <Group gap="xs">
                <Text size="sm">{formatPhone(consumer.phone)}</Text>
                <VerifiedBadge verifiedAt={consumer.phoneVerifiedAt} />
              </Group>
            ) : (
              'None'
            )}
          </Row>
        </Section>
      </SimpleGrid>
      <Section title="Account" action={<StatusAction consumer={consumer} />}>
        <Row label="Status">
          <StatusBadge status={consumer.status} />
        </Row>
        {consumer.protected ? <Row label="Protection">{guideText.protectedAccount}</Row> : null}
        {consumer.verificationRequired ? (
          <Row label="Verification">Must verify the account again at the next sign-in</Row>
        ) : null}
        <Row label="Two-step validation">
          <Badge color={consumer.twoStepEnabled ? 'green' : 'gray'} variant="light">
            {consumer.twoStepEnabled ? 'On' : 'Off'}
          </Badge>
        </Row>
        <Row label="New password">
          {consumer.mustChangePassword ? 'Required at the next sign-in' : 'Not required'}
        </Row>
        <Row label="Created">{formatDateTime(consumer.createdAt)}</Row>
        <Row label="Last sign-in">
          {consumer.lastSignInAt ? formatDateTime(consumer.lastSignInAt) : 'Never'}
        </Row>
        {consumer.signInLockedUntil ? (
          <Row label="Sign-in locked until">
            <Text size="sm" c="red">
              {formatDateTime(consumer.signInLockedUntil)}
            </Text>
          </Row>
        ) : null}
      </Section>

      <IdentityModal consumer={consumer} opened={identityOpen} onClose={identity.close} />
      <CoordinatesModal consumer={consumer} opened={coordinatesOpen} onClose={coordinates.close} />
    </Stack>
  );
}
