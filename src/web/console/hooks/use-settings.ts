import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { SettingsBody } from '../../../contracts/settings.js';
import { consumerKeys, eventKeys, settingsKey } from '../lib/query-keys.js';
import { currentSettingsOf, getSettings, updateSettings } from '../lib/settings-api.js';

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: getSettings });
}

/** Saving changes what records show (the project limit in effect) and adds a log entry. */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: SettingsBody }) =>
      updateSettings(version, body),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      void queryClient.invalidateQueries({ queryKey: consumerKeys.all });
      void queryClient.invalidateQueries({ queryKey: eventKeys.all });
    },
    onError: (error) => {
      const current = currentSettingsOf(error);
      if (current) queryClient.setQueryData(settingsKey, current);
    },
  });
}
