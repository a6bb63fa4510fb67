import type { SettingsView } from '../../../contracts/settings.js';
import { AppError, fieldError } from '../../shared/errors.js';

export const settingsVersionRequired = () =>
  new AppError(
    428,
    'settings.version_required',
    'Send the If-Match header with the version you edited.',
  );

export const settingsVersionMismatch = (current: SettingsView) =>
  new AppError(
    412,
    'settings.version_mismatch',
    'The settings were changed meanwhile. Review the current values and save again.',
    { details: { current } },
  );

export const invalidProtectedPattern = (message: string) =>
  fieldError('protectedEmailPattern', message, 'settings.invalid_pattern');
