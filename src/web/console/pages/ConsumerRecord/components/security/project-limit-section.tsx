import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { FormEvent } from 'react';

import type { ConsumerView } from '../../../../../../contracts/consumers.js';
import { useSetProjectLimit } from '../../../../hooks/use-account-security.js';
import { guideText } from '../../../../lib/action-messages.js';
import { formFailureOf } from '../../../../lib/server-errors.js';
import { WholeNumberInput } from '../../../../../ui/whole-number-input.js';
import { SecuritySection } from './security-section.js';

const maxProjectLimit = 10_000;
const rangeMessage = `Enter a whole number from 0 to ${maxProjectLimit.toLocaleString('en-US')}`;

/** The typed text as a limit, or null when it is not a whole number in range. */
function parseLimit(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const limit = Number(text);
  return limit <= maxProjectLimit ? limit : null;
}

function LimitInEffect({ consumer }: { consumer: ConsumerView }) {
  const limit = consumer.effectiveProjectLimit;
  const source =
    consumer.projectLimitSource === 'consumer'
      ? 'set for this consumer; it overrides the global limit'
      : 'the global limit from Settings, since this consumer’s own limit is 0';
  return (
    <Text size="sm">
      In effect:{' '}
      <strong>{limit === 1 ? '1 project' : `${limit.toLocaleString('en-US')} projects`}</strong>,{' '}
      {source}.
    </Text>
  );
}

export function ProjectLimitSection({ consumer }: { consumer: ConsumerView }) {
  const [value, setValue] = useState(String(consumer.projectLimit));
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSetProjectLimit(consumer.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const limit = parseLimit(value);
    if (limit === null) return setError(rangeMessage);

    save.mutate(limit, {
      onSuccess: () => notifications.show({ color: 'green', message: guideText.changesSaved }),
      onError: (failure) => {
        const placed = formFailureOf<{ projectLimit: string }>(failure, ['projectLimit']);
        setError(placed.fieldErrors.projectLimit ?? null);
        setFormError(placed.formError);
      },
    });
  };

  return (
    <SecuritySection
      title="Project limit"
      description="The most projects this consumer may own. It overrides the global limit; 0 makes the consumer follow the global limit from Settings."
    >
      <LimitInEffect consumer={consumer} />
      <form onSubmit={submit} noValidate>
        {formError ? (
          <Alert color="red" role="alert" mb="sm">
            {formError}
          </Alert>
        ) : null}
        <Group align="flex-start" wrap="nowrap">
          <WholeNumberInput
            label="Maximum number of projects"
            description="A whole number from 0 to 10,000."
            value={value}
            onChange={(next) => {
              setValue(next);
              setError(null);
            }}
            error={error}
            style={{ flex: 1, maxWidth: 240 }}
          />
          <Button type="submit" loading={save.isPending} mt={46}>
            Save
          </Button>
        </Group>
      </form>
    </SecuritySection>
  );
}
