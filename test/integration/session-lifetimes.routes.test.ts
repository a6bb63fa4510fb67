import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createSignedInConsumer, signInConsumer } from '../helpers/consumers.js';
import type { ActiveTestConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

let t: TestApp;
let consumer: ActiveTestConsumer;

beforeAll(async () => {
  t = await buildTestApp();
  consumer = await createSignedInConsumer(t, await t.signInAdmin(), { activate: true });
});
afterAll(() => t.close());

const adminSession = (cookie: string) =>
  t.request({ method: 'GET', url: '/api/admin/v1/session', headers: { cookie } });
const consumerMe = (cookie: string) =>
  t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

async function freshConsumerSession(): Promise<string> {
  const response = await signInConsumer(t, consumer.consumer.email, consumer.password);
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return cookieHeader(response);
}

async function lastSeenOf(table: 'admin_sessions' | 'consumer_sessions', cookie: string) {
  const token = cookie.split('=')[1] ?? '';
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const [row] = await queryRows<{ last_seen_at: string | Date }>(
    t.database,
    sql`select last_seen_at from ${sql.identifier(table)} where token_hash = ${tokenHash}`,
  );
  return row ? new Date(row.last_seen_at).getTime() : null;
}

describe('console sessions: 30 minutes idle, 12 hours at most (SR-33)', () => {
  let admin: string;

  beforeEach(async () => {
    admin = await t.signInAdmin();
  });

  it('survive 29 idle minutes', async () => {
    t.clock.advance(29 * minute);

    expect((await adminSession(admin)).statusCode).toBe(200);
  });

  it('end after 31 idle minutes, and stay ended', async () => {
    t.clock.advance(31 * minute);

    const idle = await adminSession(admin);
    const again = await adminSession(admin);

    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('auth.unauthenticated');
    expect(again.statusCode).toBe(401);
  });

  it('end after 12 hours even when used every 10 minutes', async () => {
    for (let elapsed = 10; elapsed <= 710; elapsed += 10) {
      t.clock.advance(10 * minute);

      expect((await adminSession(admin)).statusCode, `${elapsed} min`).toBe(200);
    }
    t.clock.advance(11 * minute);

    expect((await adminSession(admin)).statusCode).toBe(401);
  });
});

describe('consumer sessions: 7 days idle, 30 days at most (SR-33)', () => {
  it('survive 7 days less a minute of idleness and end at 7 days and a minute', async () => {
    const kept = await freshConsumerSession();
    const dropped = await freshConsumerSession();

    t.clock.advance(7 * day - minute);
    const keptAnswer = await consumerMe(kept);
    t.clock.advance(2 * minute);
    const droppedAnswer = await consumerMe(dropped);

    expect(keptAnswer.statusCode).toBe(200);
    expect(droppedAnswer.statusCode).toBe(401);
  });

  it('end after 30 days even when used every 6 days', async () => {
    const cookie = await freshConsumerSession();

    for (let elapsed = 6; elapsed <= 24; elapsed += 6) {
      t.clock.advance(6 * day);

      expect((await consumerMe(cookie)).statusCode, `day ${elapsed}`).toBe(200);
    }
    t.clock.advance(6 * day - minute);
    expect((await consumerMe(cookie)).statusCode, '30 days less a minute').toBe(200);
    t.clock.advance(2 * minute);

    expect((await consumerMe(cookie)).statusCode).toBe(401);
  });
});

describe('last_seen_at is written at most once a minute (SR-33)', () => {
  it.each([
    ['console', 'admin_sessions', () => t.signInAdmin(), adminSession],
    ['consumer', 'consumer_sessions', freshConsumerSession, consumerMe],
  ] as const)(
    '%s: 100 requests in 50 s leave it alone; one after 61 s moves it',
    async (...args) => {
      const [, table, open, call] = args;
      const cookie = await open();
      const openedAt = await lastSeenOf(table, cookie);

      for (let request = 0; request < 100; request += 1) {
        t.clock.advance(500);
        expect((await call(cookie)).statusCode).toBe(200);
      }
      const afterBurst = await lastSeenOf(table, cookie);
      t.clock.advance(11 * second);
      await call(cookie);
      const afterMinute = await lastSeenOf(table, cookie);

      expect(openedAt).not.toBeNull();
      expect(afterBurst).toBe(openedAt);
      expect(afterMinute).toBe(t.clock.now().getTime());
    },
  );
});
