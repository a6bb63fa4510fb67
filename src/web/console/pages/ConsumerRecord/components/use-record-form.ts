import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { z } from 'zod';

import type { ConsumerView } from '../../../../../contracts/consumers.js';
import { useFormState } from '../../../../lib/use-form-state.js';
import { validateForm } from '../../../../lib/validate.js';
import { currentVersionOf } from '../../../lib/admin-api.js';
import { formFailureOf } from '../../../lib/server-errors.js';

export const staleRecordMessage =
  'This record was changed meanwhile. The current values are shown; review them and save again.';

type SaveMutation<Body> = UseMutationResult<
  ConsumerView,
  Error,
  { consumer: ConsumerView; body: Body }
>;

interface RecordFormOptions<Values extends Record<string, string>, Schema extends z.ZodType> {
  consumer: ConsumerView;
  toValues: (consumer: ConsumerView) => Values;
  toInput: (values: Values) => unknown;
  schema: Schema;
  fields: readonly (keyof Values & string)[];
  save: SaveMutation<z.infer<Schema>>;
  onSaved: () => void;
}

/**
 * One edit of a consumer's record, made against the version shown. When someone else saved first
 * (412) the form takes the current values and says so, and the next save uses that version.
 */
export function useRecordForm<Values extends Record<string, string>, Schema extends z.ZodType>(
  options: RecordFormOptions<Values, Schema>,
) {
  const { consumer, toValues, toInput, schema, fields, save, onSaved } = options;
  const form = useFormState<Values>(toValues(consumer));
  const [notice, setNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const onError = (error: unknown) => {
    const current = currentVersionOf(error);
    if (current) {
      form.reset(toValues(current));
      setNotice(staleRecordMessage);
      return;
    }
    const failure = formFailureOf<Values>(error, fields);
    form.setErrors(failure.fieldErrors);
    setFormError(failure.formError);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = validateForm<Schema, Values>(schema, toInput(form.values), fields);
    if (!checked.ok) return form.setErrors(checked.errors);

    save.mutate(
      { consumer, body: checked.data },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Modifications saved successfully' });
          onSaved();
        },
        onError,
      },
    );
  };

  return { form, notice, formError, submit, pending: save.isPending };
}
