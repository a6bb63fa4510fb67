import { errorMessage, isApiError } from '../../lib/api-client.js';

/** Messages the user guide spells out; the console shows these words whatever the server says. */
export const guideText = {
  protectedAccount: 'This test account is protected',
  alreadyActivated: "The user's account is already activated",
  alreadyRequired: 'This option is already activated',
  noActiveSession: 'No active session',
  changesSaved: 'Changes saved successfully',
} as const;

const byCode: Record<string, string> = {
  'consumer.protected': guideText.protectedAccount,
  'consumer.already_activated': guideText.alreadyActivated,
  'consumer.password_change_already_required': guideText.alreadyRequired,
  'consumer.no_active_session': guideText.noActiveSession,
};

/** The text for a refused or failed action on a consumer's record. */
export function actionErrorMessage(error: unknown): string {
  if (isApiError(error) && error.status < 500) return byCode[error.code] ?? error.message;
  return errorMessage(error);
}
