import { isApiError } from '../../lib/api-client.js';

/** How the server issues a kind of emailed code; mirrors its verification rules. */
export interface CodeRules {
  digits: number;
  lifetimeMinutes: number;
  maxWrongTries: number;
}

export const signInCodeRules: CodeRules = { digits: 6, lifetimeMinutes: 10, maxWrongTries: 5 };
export const emailCheckCodeRules: CodeRules = { digits: 8, lifetimeMinutes: 60, maxWrongTries: 5 };

/** The server sends a new code no sooner than this after the last one. */
export const resendCooldownSeconds = 60;

/** "a 6-digit code", "an 8-digit code": the article follows how the number is spoken. */
export function digitCodePhrase(digits: number): string {
  const article = /^(8|11|18)$|^8\d$/.test(String(digits)) ? 'an' : 'a';
  return `${article} ${digits}-digit code`;
}

export type CodeInputCheck = { ok: true; code: string } | { ok: false; message: string };

/** Accepts the code as people copy it from an email: spaces and dashes are dropped. */
export function checkCodeInput(raw: string, digits: number): CodeInputCheck {
  const code = raw.replace(/[\s-]/g, '');
  if (code === '') return { ok: false, message: `Enter the ${digits}-digit code from the email.` };
  if (!/^\d+$/.test(code) || code.length !== digits) {
    return {
      ok: false,
      message: `The code is ${digits} digits long. Check the email and retype it.`,
    };
  }
  return { ok: true, code };
}

export interface RefusalContext {
  /** Wrong tries with the current code, the one just refused included. */
  wrongTries: number;
  rules: CodeRules;
  /** When the current code was sent (ms since epoch), when this page knows it. */
  sentAt: number | null;
  now: number;
}

// TODO(one refusal code for every reason): a `details.reason` on auth.invalid_code would replace
// the counting and clock-watching below.
/**
 * Why a code was refused, as far as this page can tell: the server answers the same for a wrong,
 * an expired and a used-up code, so the page counts tries and watches the clock itself.
 */
export function codeRefusalMessage({ wrongTries, rules, sentAt, now }: RefusalContext): string {
  if (wrongTries >= rules.maxWrongTries) {
    return 'This code no longer works after too many tries. Send a new code, then enter the new one.';
  }
  if (sentAt !== null && now - sentAt > rules.lifetimeMinutes * 60_000) {
    return 'This code has expired. Send a new code, then enter the new one.';
  }
  const left = rules.maxWrongTries - wrongTries;
  const tries = left === 1 ? '1 more try' : `${left} more tries`;
  return `That code is not right. Check the newest email and try again (${tries} with this code).`;
}

export function isCodeRefusal(error: unknown): boolean {
  return isApiError(error, 400) && error.code === 'auth.invalid_code';
}

/** Seconds the server asks to wait before another code, from its 429 answer. */
export function retryAfterSecondsOf(error: unknown): number | null {
  if (!isApiError(error, 429)) return null;
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : resendCooldownSeconds;
}

/** Why a resend must wait: the one-minute pause between codes, or the cap on codes sent. */
export function resendWaitNotice(error: unknown): string {
  if (isApiError(error, 429) && error.code === 'auth.code_limit') {
    return 'Several codes were sent recently, so to protect your account the next one must wait a little. Use the newest code you received, or ask again when the wait is over.';
  }
  return 'A code was sent moments ago. You can ask for another when the wait is over.';
}

/** "0:42" */
export function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

// TODO(no code timing in the API): the server could say when the current code expires and when a
// new one may be sent (202 body, GET /me); until then a reloaded page starts without a countdown
// and learns the wait from the 429 of its first resend.
// The email-check code goes out with the sign-in or the password change that precedes the check
// page; remembering when lets that page start its resend countdown without asking the server.
let emailCheckCodeSentAt: number | null = null;

export function noteEmailCheckCodeSent(at: number = Date.now()): void {
  emailCheckCodeSentAt = at;
}

export function lastEmailCheckCodeSentAt(): number | null {
  return emailCheckCodeSentAt;
}

export function forgetEmailCheckCode(): void {
  emailCheckCodeSentAt = null;
}
