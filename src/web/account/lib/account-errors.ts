import { errorMessage, isApiError } from '../../lib/api-client.js';

const suspendedText =
  'This account is suspended, so it cannot be used to sign in for now. If you think this is a mistake, please contact support.';

function minutesOf(seconds: unknown): number {
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : 15;
}

/** The account app's wording for refusals that need more care than the server's short message. */
export function accountErrorText(error: unknown): string {
  if (isApiError(error, 401)) return 'Wrong email address or password.';
  if (isApiError(error, 403) && error.code === 'auth.account_suspended') return suspendedText;
  if (isApiError(error, 429) && error.code === 'auth.code_limit') {
    const minutes = minutesOf(error.details.retryAfterSeconds);
    const when = minutes === 1 ? 'a minute' : `${minutes} minutes`;
    return `Several sign-in codes were requested recently. To keep accounts safe, please try again in ${when}.`;
  }
  return errorMessage(error);
}
