import { generateSessionToken, hashToken } from '../../shared/tokens.js';

export interface SessionLifetime {
  idleMs: number;
  absoluteMs: number;
}

const minute = 60_000;
const day = 24 * 60 * minute;

/** Console sessions: 30 minutes idle, 12 hours at most (SR-33). */
export const adminSessionLifetime: SessionLifetime = {
  idleMs: 30 * minute,
  absoluteMs: 12 * 60 * minute,
};

/** Consumer sessions: 7 days idle, 30 days at most (SR-33). */
export const consumerSessionLifetime: SessionLifetime = { idleMs: 7 * day, absoluteMs: 30 * day };

/** `last_seen_at` is written at most once a minute per session, so reads stay reads. */
const touchIntervalMs = minute;

interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

export function isSessionExpired(
  session: SessionTimes,
  lifetime: SessionLifetime,
  now: Date,
): boolean {
  const idleUntil = session.lastSeenAt.getTime() + lifetime.idleMs;
  return now.getTime() >= session.expiresAt.getTime() || now.getTime() >= idleUntil;
}

export function shouldTouchSession(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= touchIntervalMs;
}

export interface IssuedToken {
  token: string;
  tokenHash: string;
}

/** A fresh random token for every sign-in; only its hash is stored. */
export function issueSessionToken(): IssuedToken {
  const token = generateSessionToken();
  return { token, tokenHash: hashToken(token) };
}
