import { Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';

import { ErrorAlert } from '../../../ui/error-alert.js';
import { PageLoader } from '../../../ui/page-loader.js';
import { useSettings } from '../../hooks/use-settings.js';
import { SettingsForm } from './components/settings-form.js';

/** Settings: the platform-wide rules, saved all together against the version shown. */
export function SettingsPage() {
  useDocumentTitle('Settings · Gatehouse console');
  const settings = useSettings();

  return (
    <Stack gap="lg">
      <Title order={1}>Settings</Title>
      {settings.isPending ? <PageLoader /> : null}
      {settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : null}
      {settings.isSuccess ? <SettingsForm settings={settings.data} /> : null}
    </Stack>
  );
}
