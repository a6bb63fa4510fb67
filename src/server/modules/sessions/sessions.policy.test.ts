import { describe, expect, it } from 'vitest';

import { hashToken } from '../../shared/tokens.js';
import {
  adminSessionLifetime,
  consumerSessionLifetime,
  isSessionExpired,
  issueSessionToken,
  shouldTouchSession,
} from './sessions.policy.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const start = new Date('2026-06-01T09:00:00Z');
const at = (offsetMs: number) => new Date(start.getTime() + offsetMs);

function session(lifetime: { absoluteMs: number }, lastSeenOffsetMs = 0) {
  return { lastSeenAt: at(lastSeenOffsetMs), expiresAt: at(lifetime.absoluteMs) };
}

describe('session lifetimes', () => {
  it('are 30 minutes idle and 12 hours absolute for the console', () => {
    expect(adminSessionLifetime).toEqual({ idleMs: 30 * minute, absoluteMs: 12 * hour });
  });

  it('are 7 days idle and 30 days absolute for consumers', () => {
    expect(consumerSessionLifetime).toEqual({ idleMs: 7 * day, absoluteMs: 30 * day });
  });
});

describe('isSessionExpired()', () => {
  it('ends a console session idle for 30 minutes, not one idle for 29', () => {
    const idle = session(adminSessionLifetime);

    expect(isSessionExpired(idle, adminSessionLifetime, at(29 * minute))).toBe(false);
    expect(isSessionExpired(idle, adminSessionLifetime, at(30 * minute))).toBe(true);
  });

  it('ends a session at its absolute limit however recently it was used', () => {
    const busy = session(adminSessionLifetime, 12 * hour - minute);

    expect(isSessionExpired(busy, adminSessionLifetime, at(12 * hour - 1))).toBe(false);
    expect(isSessionExpired(busy, adminSessionLifetime, at(12 * hour))).toBe(true);
  });

  it('keeps a consumer session for 7 days of idleness', () => {
    const idle = session(consumerSessionLifetime);

    expect(isSessionExpired(idle, consumerSessionLifetime, at(7 * day - minute))).toBe(false);
    expect(isSessionExpired(idle, consumerSessionLifetime, at(7 * day))).toBe(true);
  });
});

describe('shouldTouchSession()', () => {
  it('writes last_seen_at at most once a minute', () => {
    const fresh = session(adminSessionLifetime);

    expect(shouldTouchSession(fresh, at(59_999))).toBe(false);
    expect(shouldTouchSession(fresh, at(minute))).toBe(true);
  });
});

describe('issueSessionToken()', () => {
  it('keeps only the hash of the token it hands out', () => {
    const issued = issueSessionToken();

    expect(issued.tokenHash).toBe(hashToken(issued.token));
    expect(issued.tokenHash).not.toContain(issued.token);
  });
});
