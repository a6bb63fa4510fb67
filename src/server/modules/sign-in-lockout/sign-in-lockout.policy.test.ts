import { describe, expect, it } from 'vitest';

import {
  addFailure,
  hashSignInIdentifier,
  lockLengthMs,
  refundAttempt,
  settleFailure,
  startAttempt,
} from './sign-in-lockout.policy.js';
import type { FailureState } from './sign-in-lockout.policy.js';

const minute = 60_000;
const day = 24 * 60 * minute;
const start = new Date('2026-06-01T09:00:00Z');
const at = (offsetMs: number) => new Date(start.getTime() + offsetMs);

/** Ten attempts started and failed one after the other, from `state`, at `now`. */
function failTenTimes(state: FailureState | null, now: Date): FailureState {
  let current = state;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const verdict = startAttempt(current, now);
    if (verdict.kind !== 'allowed') throw new Error(`attempt ${attempt + 1} was refused`);
    current = settleFailure(verdict.next, now) ?? verdict.next;
  }
  if (!current) throw new Error('no state');
  return current;
}

describe('startAttempt() and settleFailure() (SR-84, SR-85)', () => {
  it('count each attempt and lock at the tenth failure for 15 minutes', () => {
    const locked = failTenTimes(null, start);

    expect(locked.lockedUntil).toEqual(at(15 * minute));
    expect(locked.failures).toBe(0);
    expect(startAttempt(locked, at(15 * minute - 1)).kind).toBe('locked');
    expect(startAttempt(locked, at(15 * minute)).kind).toBe('allowed');
  });

  it('leave the lock as it is while it holds: an attempt neither counts nor extends it', () => {
    const locked = failTenTimes(null, start);

    const verdict = startAttempt(locked, at(5 * minute));

    expect(verdict).toEqual({ kind: 'locked', next: null });
    expect(settleFailure(locked, at(5 * minute))).toBeNull();
    expect(addFailure(locked, at(5 * minute))).toBeNull();
  });

  it('refuse the eleventh attempt started before any of ten has failed, and lock with it', () => {
    let state: FailureState | null = null;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const verdict = startAttempt(state, start);
      if (verdict.kind !== 'allowed') throw new Error('refused too early');
      state = verdict.next;
    }

    const eleventh = startAttempt(state, start);

    expect(eleventh.kind).toBe('locked');
    expect(eleventh.next?.lockedUntil).toEqual(at(15 * minute));
  });

  it('double the lock each time within a day of the last one, up to a day', () => {
    const lengths: number[] = [];
    let state: FailureState | null = null;
    let now = start;
    for (let lock = 0; lock < 9; lock += 1) {
      state = failTenTimes(state, now);
      const lockedUntil = state.lockedUntil ?? now;
      lengths.push((lockedUntil.getTime() - now.getTime()) / minute);
      now = lockedUntil;
    }

    expect(lengths).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
  });

  it('start again at 15 minutes when the last lock ended more than a day ago', () => {
    const first = failTenTimes(failTenTimes(null, start), at(15 * minute));

    const later = failTenTimes(first, at(45 * minute + day + 1));

    expect(first.lockStreak).toBe(2);
    expect(later.lockStreak).toBe(1);
    expect(later.lockedUntil).toEqual(at(45 * minute + day + 1 + 15 * minute));
  });

  it('forget failures a day after the last attempt', () => {
    const nine = startAttempt(null, start);
    let state = nine.next;
    for (let attempt = 1; attempt < 9; attempt += 1) state = startAttempt(state, start).next;

    const next = startAttempt(state, at(day));

    expect(state?.failures).toBe(9);
    expect(next.kind).toBe('allowed');
    expect(next.next?.failures).toBe(1);
  });
});

describe('addFailure() and refundAttempt() (SR-23)', () => {
  it('count a wrong code as a failure, the tenth locking', () => {
    let state: FailureState | null = null;
    for (let code = 0; code < 9; code += 1) state = addFailure(state, start);

    const tenth = addFailure(state, start);

    expect(state?.failures).toBe(9);
    expect(state?.lockedUntil).toBeNull();
    expect(tenth?.lockedUntil).toEqual(at(15 * minute));
  });

  it('give back an attempt whose password was right, never below zero', () => {
    const counted = startAttempt(null, start).next;

    const refunded = refundAttempt(counted, start);

    expect(counted?.failures).toBe(1);
    expect(refunded?.failures).toBe(0);
    expect(refundAttempt(refunded ?? null, start)).toBeNull();
  });
});

describe('lockLengthMs()', () => {
  it('is 15 minutes for the first lock and never more than a day', () => {
    expect(lockLengthMs(1)).toBe(15 * minute);
    expect(lockLengthMs(2)).toBe(30 * minute);
    expect(lockLengthMs(40)).toBe(day);
  });
});

describe('hashSignInIdentifier()', () => {
  it('gives a hex digest that does not contain the address', () => {
    const hash = hashSignInIdentifier('alice@x.io');

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('alice');
    expect(hashSignInIdentifier('alice@x.io')).toBe(hash);
  });
});
