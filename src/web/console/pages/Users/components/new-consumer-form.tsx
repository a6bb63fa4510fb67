import { Alert, Button, Group, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';

import { createConsumerBodySchema } from '../../../../../contracts/consumers.js';
import type { CreatedConsumer } from '../../../../../contracts/consumers.js';
import { useFormState } from '../../../../lib/use-form-state.js';
import { validateForm } from '../../../../lib/validate.js';
import { CountrySelect } from '../../../../ui/country-select.js';
import { CoordinatesFields } from '../../../components/coordinates-fields.js';
import type { CoordinatesValues } from '../../../components/coordinates-fields.js';
import { NameFields } from '../../../components/identity-fields.js';
import type { IdentityValues } from '../../../components/identity-fields.js';
import { useCreateConsumer } from '../../../hooks/use-consumers.js';
import { formFailureOf } from '../../../lib/server-errors.js';

type NewConsumerValues = IdentityValues & CoordinatesValues;

const fields = ['firstName', 'lastName', 'email', 'phone', 'country'] as const;
const empty: NewConsumerValues = { firstName: '', lastName: '', email: '', phone: '', country: '' };

export function NewConsumerForm({ onCreated }: { onCreated: (created: CreatedConsumer) => void }) {
  const form = useFormState<NewConsumerValues>(empty);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateConsumer();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const { values } = form;
    const input = { ...values, phone: values.phone.trim() || undefined };
    const checked = validateForm<typeof createConsumerBodySchema, NewConsumerValues>(
      createConsumerBodySchema,
      input,
      fields,
    );
    if (!checked.ok) return form.setErrors(checked.errors);

    create.mutate(checked.data, {
      onSuccess: onCreated,
      onError: (error) => {
        const failure = formFailureOf<NewConsumerValues>(error, fields);
        form.setErrors(failure.fieldErrors);
        setFormError(failure.formError);
      },
    });
  };

  return (
    <Paper withBorder p="lg" radius="md" maw={560}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {formError ? (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          ) : null}
          <NameFields values={form.values} errors={form.errors} onChange={form.setField} />
          <CoordinatesFields values={form.values} errors={form.errors} onChange={form.setField} />
          <CountrySelect
            value={form.values.country}
            onChange={(code) => form.setField('country', code)}
            error={form.errors.country}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Register
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
