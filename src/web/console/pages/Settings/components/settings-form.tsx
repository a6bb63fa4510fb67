import { Alert, Button, Group, Paper, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { FormEvent } from 'react';

import { settingsBodySchema } from '../../../../../contracts/settings.js';
import type { SettingsBody, SettingsView } from '../../../../../contracts/settings.js';
import type { FieldErrors } from '../../../../lib/use-form-state.js';
import { validateForm } from '../../../../lib/validate.js';
import { useUpdateSettings } from '../../../hooks/use-settings.js';
import { guideText } from '../../../lib/action-messages.js';
import { formFailureOf } from '../../../lib/server-errors.js';
import { currentSettingsOf } from '../../../lib/settings-api.js';
import { WholeNumberInput } from '../../../../ui/whole-number-input.js';

interface SettingsValues {
  globalProjectLimit: string;
  twoStepDefault: boolean;
  reverifyOnContactChange: boolean;
  protectedEmailPattern: string;
  passwordMinLength: string;
}

const fields = [
  'globalProjectLimit',
  'twoStepDefault',
  'reverifyOnContactChange',
  'protectedEmailPattern',
  'passwordMinLength',
] as const;

const staleMessage =
  'The settings were changed meanwhile. The current values are shown; review them and save again.';

const toValues = (settings: SettingsView): SettingsValues => ({
  globalProjectLimit: String(settings.globalProjectLimit),
  twoStepDefault: settings.twoStepDefault,
  reverifyOnContactChange: settings.reverifyOnContactChange,
  protectedEmailPattern: settings.protectedEmailPattern,
  passwordMinLength: String(settings.passwordMinLength),
});

/** Numbers typed as text: an empty field stays missing so the schema names it. */
const toNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));

const toInput = (values: SettingsValues) => ({
  ...values,
  globalProjectLimit: toNumber(values.globalProjectLimit),
  passwordMinLength: toNumber(values.passwordMinLength),
});

export function SettingsForm({ settings }: { settings: SettingsView }) {
  const [values, setValues] = useState(() => toValues(settings));
  const [errors, setErrors] = useState<FieldErrors<SettingsValues>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const save = useUpdateSettings();

  const setField = <Key extends keyof SettingsValues>(key: Key, value: SettingsValues[Key]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const onError = (error: unknown) => {
    const current = currentSettingsOf(error);
    if (current) {
      setValues(toValues(current));
      setErrors({});
      return setNotice(staleMessage);
    }
    const failure = formFailureOf<SettingsValues>(error, fields);
    setErrors(failure.fieldErrors);
    setFormError(failure.formError);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setFormError(null);
    const checked = validateForm<typeof settingsBodySchema, SettingsValues>(
      settingsBodySchema,
      toInput(values),
      fields,
    );
    if (!checked.ok) return setErrors(checked.errors);

    const body: SettingsBody = checked.data;
    save.mutate(
      { version: settings.version, body },
      {
        onSuccess: () => notifications.show({ color: 'green', message: guideText.changesSaved }),
        onError,
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md" maw={640}>
      <form onSubmit={submit} noValidate>
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
          <WholeNumberInput
            label="Global project limit"
            description="The most projects a consumer may own when their own limit is 0. From 0 to 10,000."
            value={values.globalProjectLimit}
            onChange={(next) => setField('globalProjectLimit', next)}
            error={errors.globalProjectLimit}
            styles={{ wrapper: { maxWidth: 240 } }}
          />
          <Switch
            label="Two-step verification by default for new accounts"
            description="Accounts created from now on ask for a code sent by email at sign-in."
            checked={values.twoStepDefault}
            onChange={(event) => setField('twoStepDefault', event.currentTarget.checked)}
            error={errors.twoStepDefault}
          />
          <Switch
            label="Verify a changed email or phone again"
            description="After an email address or phone number changes, the consumer must verify it again."
            checked={values.reverifyOnContactChange}
            onChange={(event) => setField('reverifyOnContactChange', event.currentTarget.checked)}
            error={errors.reverifyOnContactChange}
          />
          <TextInput
            label="Protected test accounts pattern"
            description="A regular expression matched against email addresses in any case. Matching accounts cannot be suspended or deleted."
            value={values.protectedEmailPattern}
            onChange={(event) => setField('protectedEmailPattern', event.currentTarget.value)}
            error={errors.protectedEmailPattern}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            autoComplete="off"
            spellCheck={false}
          />
          <WholeNumberInput
            label="Minimum password length"
            description="From 8 to 128 characters; applies to passwords chosen from now on."
            value={values.passwordMinLength}
            onChange={(next) => setField('passwordMinLength', next)}
            error={errors.passwordMinLength}
            styles={{ wrapper: { maxWidth: 240 } }}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
