import { settingsSchema } from '../../../contracts/settings.js';
import type { SettingsBody, SettingsView } from '../../../contracts/settings.js';
import { isApiError, requestJson } from '../../lib/api-client.js';

const path = '/api/admin/v1/settings';

export function getSettings() {
  return requestJson(path, settingsSchema);
}

/** Saved against the version the admin edited; a newer one answers 412 with the current values. */
export function updateSettings(version: number, body: SettingsBody) {
  return requestJson(path, settingsSchema, {
    method: 'PUT',
    body,
    headers: { 'If-Match': `"${version}"` },
  });
}

/** The settings as they are now, carried by a 412 version mismatch. */
export function currentSettingsOf(error: unknown): SettingsView | null {
  if (!isApiError(error, 412)) return null;
  const parsed = settingsSchema.safeParse(error.details.current);
  return parsed.success ? parsed.data : null;
}
