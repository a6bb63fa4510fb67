import { Alert, Badge, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { FormEvent } from 'react';

import type { ConsumerView } from '../../../../../../contracts/consumers.js';
import { useSetTwoStep } from '../../../../hooks/use-account-security.js';
import { actionErrorMessage, guideText } from '../../../../lib/action-messages.js';
import { SecuritySection } from './security-section.js';

type Choice = 'on' | 'off';

interface TwoStepFormProps {
  consumer: ConsumerView;
  onClose: () => void;
}

function TwoStepForm({ consumer, onClose }: TwoStepFormProps) {
  const [choice, setChoice] = useState<Choice>(consumer.twoStepEnabled ? 'on' : 'off');
  const save = useSetTwoStep(consumer.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(choice === 'on', {
      onSuccess: () => {
        notifications.show({ color: 'green', message: guideText.changesSaved });
        onClose();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {save.isError ? (
          <Alert color="red" role="alert">
            {actionErrorMessage(save.error)}
          </Alert>
        ) : null}
        <Radio.Group
          label="Second code at sign-in"
          description="When activated, a code sent by email must follow the password at each sign-in."
          value={choice}
          onChange={(value) => setChoice(value === 'on' ? 'on' : 'off')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="on" label="Activate" />
            <Radio value="off" label="Deactivate" />
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TwoStepSection({ consumer }: { consumer: ConsumerView }) {
  const [opened, { open, close }] = useDisclosure(false);
  const on = consumer.twoStepEnabled;

  return (
    <SecuritySection
      title="Two-step verification"
      description="A second code, sent by email, is asked after the password at sign-in. Each code sent counts in Usage & billing."
      action={
        <Button variant="light" onClick={open}>
          Two-step validation
        </Button>
      }
    >
      <Group gap="xs">
        <Text size="sm">Currently:</Text>
        <Badge color={on ? 'green' : 'gray'} variant="light">
          {on ? 'On' : 'Off'}
        </Badge>
      </Group>
      <Modal opened={opened} onClose={close} title="Two-step validation" size="md">
        <TwoStepForm consumer={consumer} onClose={close} />
      </Modal>
    </SecuritySection>
  );
}
