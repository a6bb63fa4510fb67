import { createHash } from 'node:crypto';

const minute = 60 * 1000;
const day = 24 * 60 * minute;

/** Consecutive failures that lock an identifier (SR-85). */
export const failuresBeforeLock = 10;
export const firstLockMs = 15 * minute;
export const longestLockMs = day;
/** A lock starting within this time of the previous one's end lasts twice as long. */
export const lockStreakWindowMs = day;
/** A row with no attempt and no lock for this long is forgotten. */
export const forgetAfterMs = day;

/** What the database keeps about one identifier. */
export interface FailureState {
  failures: number;
  lockedUntil: Date | null;
  lockStreak: number;
  expiresAt: Date;
}

/** A state to write, with the time it was decided. */
export interface NextFailureState extends FailureState {
  updatedAt: Date;
}

export type AttemptVerdict =
  { kind: 'allowed'; next: NextFailureState } | { kind: 'locked'; next: NextFailureState | null };

const freshState = (now: Date): FailureState => ({
  failures: 0,
  lockedUntil: null,
  lockStreak: 0,
  expiresAt: now,
});

/**
 * The row's key: an unknown address must not stay in the database in clear, so only a digest
 * of the email key is stored (the prefix keeps it apart from other digests of the same text).
 */
export function hashSignInIdentifier(emailKey: string): string {
  // TODO(no server secret yet): use an HMAC once the config has a key; a plain digest lets
  // someone holding the table confirm a guessed address for the day a row lives.
  return createHash('sha256').update(`sign-in:${emailKey}`).digest('hex');
}

export function isLocked(state: FailureState | null, now: Date): boolean {
  return state !== null && state.lockedUntil !== null && state.lockedUntil > now;
}

/** The state in force: an expired row counts as none. */
function currentState(state: FailureState | null, now: Date): FailureState {
  return state && state.expiresAt > now ? state : freshState(now);
}

/** 15 minutes, doubling with each lock of a streak, at most a day. */
export function lockLengthMs(streak: number): number {
  return Math.min(firstLockMs * 2 ** Math.max(streak - 1, 0), longestLockMs);
}

function withTimes(state: Omit<FailureState, 'expiresAt'>, now: Date): NextFailureState {
  const lastMoment = Math.max(now.getTime(), state.lockedUntil?.getTime() ?? 0);
  return { ...state, updatedAt: now, expiresAt: new Date(lastMoment + forgetAfterMs) };
}

function lockFrom(state: FailureState, now: Date): NextFailureState {
  const continues =
    state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime() - lockStreakWindowMs;
  const lockStreak = (continues ? state.lockStreak : 0) + 1;
  const lockedUntil = new Date(now.getTime() + lockLengthMs(lockStreak));
  return withTimes({ failures: 0, lockedUntil, lockStreak }, now);
}

/**
 * An attempt is counted before its password is checked, so parallel attempts cannot get past
 * the tenth: one that finds ten attempts already counted (their outcome still unknown) locks
 * instead. While locked nothing changes: the lock is not extended.
 */
export function startAttempt(state: FailureState | null, now: Date): AttemptVerdict {
  if (isLocked(state, now)) return { kind: 'locked', next: null };
  const current = currentState(state, now);
  if (current.failures >= failuresBeforeLock) {
    return { kind: 'locked', next: lockFrom(current, now) };
  }
  return { kind: 'allowed', next: withTimes({ ...current, failures: current.failures + 1 }, now) };
}

/** A counted attempt failed: the tenth in a row locks; null when nothing changes. */
export function settleFailure(state: FailureState | null, now: Date): NextFailureState | null {
  if (isLocked(state, now)) return null;
  const current = currentState(state, now);
  return current.failures >= failuresBeforeLock ? lockFrom(current, now) : null;
}

/** A failure that was not counted in advance (a wrong emailed code): counts and settles it. */
export function addFailure(state: FailureState | null, now: Date): NextFailureState | null {
  if (isLocked(state, now)) return null;
  const current = currentState(state, now);
  const failures = current.failures + 1;
  return failures >= failuresBeforeLock
    ? lockFrom(current, now)
    : withTimes({ ...current, failures }, now);
}

/** A counted attempt proved the password and a code follows: the attempt was no failure. */
export function refundAttempt(state: FailureState | null, now: Date): NextFailureState | null {
  if (isLocked(state, now)) return null;
  const current = currentState(state, now);
  if (current.failures === 0) return null;
  return withTimes({ ...current, failures: current.failures - 1 }, now);
}
