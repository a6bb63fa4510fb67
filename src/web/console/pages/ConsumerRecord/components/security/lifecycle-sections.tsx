import { Button, Text } from '@mantine/core';
import { Link } from 'react-router';

import type { ConsumerView } from '../../../../../../contracts/consumers.js';
import { guideText } from '../../../../lib/action-messages.js';
import { SecuritySection } from './security-section.js';

const actionPath = (consumer: ConsumerView, action: string) =>
  `/admin/users/${consumer.id}/${action}`;

function forceActivationNote(consumer: ConsumerView): string | null {
  if (consumer.status === 'active') return guideText.alreadyActivated;
  if (consumer.status === 'suspended') return 'Restore the account before activating it.';
  return null;
}

export function ForceActivationSection({ consumer }: { consumer: ConsumerView }) {
  const note = forceActivationNote(consumer);
  return (
    <SecuritySection
      title="Force account activation"
      description="Activates a New account right away, without waiting for the email or phone check."
      action={
        note ? null : (
          <Button component={Link} to={actionPath(consumer, 'force-activation')} variant="light">
            Force activation
          </Button>
        )
      }
    >
      {note ? (
        <Text size="sm" fw={500} role="status">
          {note}
        </Text>
      ) : null}
    </SecuritySection>
  );
}

export function DeleteSection({ consumer }: { consumer: ConsumerView }) {
  return (
    <SecuritySection
      title="Delete the account"
      description="Removes the account for good; there is no restore. Suspend it instead if you might need it back."
      borderColor="red"
      action={
        <Button component={Link} to={actionPath(consumer, 'delete')} color="red" variant="light">
          Delete
        </Button>
      }
    />
  );
}
