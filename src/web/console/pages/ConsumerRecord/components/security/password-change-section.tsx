import { Alert, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { ConsumerView } from '../../../../../../contracts/consumers.js';
import { useConsumerAction } from '../../../../hooks/use-account-security.js';
import { actionErrorMessage, guideText } from '../../../../lib/action-messages.js';
import { SecuritySection } from './security-section.js';

/** Require a new password: once on, the card says so instead of offering Activate again. */
export function PasswordChangeSection({ consumer }: { consumer: ConsumerView }) {
  const activate = useConsumerAction(consumer.id, 'require-password-change');
  const alreadyOn = consumer.mustChangePassword;
  // An "already on" refusal is shown by the card itself once the record is fetched again.
  const refusal = activate.isError && !alreadyOn ? actionErrorMessage(activate.error) : null;

  const onActivate = () =>
    activate.mutate(undefined, {
      onSuccess: () =>
        notifications.show({
          color: 'green',
          message: 'The consumer must set a new password at their next sign-in.',
        }),
    });

  return (
    <SecuritySection
      title="Require a new password"
      description="At their next sign-in the consumer must choose a new password before they can continue. Their current password is not changed."
      action={
        alreadyOn ? null : (
          <Button variant="light" onClick={onActivate} loading={activate.isPending}>
            Activate
          </Button>
        )
      }
    >
      {alreadyOn ? (
        <Text size="sm" fw={500} role="status">
          {guideText.alreadyRequired}
        </Text>
      ) : null}
      {refusal ? (
        <Alert color="red" role="alert">
          {refusal}
        </Alert>
      ) : null}
    </SecuritySection>
  );
}
