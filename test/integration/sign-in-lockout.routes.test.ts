import argon2 from 'argon2';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { normalizeEmailKey } from '../../src/server/modules/consumers/consumer-input.js';
import { hashSignInIdentifier } from '../../src/server/modules/sign-in-lockout/sign-in-lockout.policy.js';
import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createSignedInConsumer, signInConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';
import { columnsHolding } from '../helpers/database-scan.js';
import { subjects, waitForMail } from '../helpers/mail-wait.js';
import { codeIn, startSmtpSink } from '../helpers/smtp-sink.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';

const minute = 60_000;
const wrongPassword = 'certainly not the password';

let t: TestApp;
let smtp: SmtpSink;
let admin: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});
// Tests move the clock by up to an hour: each signs the administrator in afresh.
beforeEach(async () => {
  admin = await t.signInAdmin();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** What a client sees of an answer: status, body and which headers came back (SR-82). */
function seenByClient(response: LightMyRequestResponse) {
  return {
    status: response.statusCode,
    body: response.body,
    headers: Object.keys(response.headers).sort(),
  };
}

const errorCode = (response: LightMyRequestResponse) => response.json().error.code;

async function failureRow(email: string) {
  const [row] = await queryRows<{ failures: number; locked_until: string | null }>(
    t.database,
    sql`select failures, locked_until from sign_in_failures
      where identifier_hash = ${hashSignInIdentifier(normalizeEmailKey(email))}`,
  );
  return row ?? null;
}

const failureCount = async (email: string) => (await failureRow(email))?.failures ?? 0;

async function lockEnd(email: string): Promise<Date | null> {
  const lockedUntil = (await failureRow(email))?.locked_until;
  return lockedUntil ? new Date(lockedUntil) : null;
}

/** Sign-ins with a wrong password, one after the other; answers the last response. */
async function failSignIns(email: string, times: number): Promise<LightMyRequestResponse> {
  let last: LightMyRequestResponse | undefined;
  for (let attempt = 0; attempt < times; attempt += 1) {
    last = await signInConsumer(t, email, wrongPassword);
    expect(last.statusCode).toBe(401);
  }
  if (!last) throw new Error('no attempt made');
  return last;
}

const activeConsumer = () => createSignedInConsumer(t, admin, { activate: true });

const uniqueAddress = (name: string) =>
  `${name}.${Math.random().toString(36).slice(2, 10)}@example.com`;

async function eventsOf(consumerId: string, action: string) {
  return queryRows<{ actor_type: string; actor_id: string | null; details: unknown }>(
    t.database,
    sql`select actor_type, actor_id, details from events
      where consumer_id = ${consumerId} and action = ${action} order by occurred_at, id`,
  );
}

async function sessionCount(consumerId: string): Promise<number> {
  const rows = await queryRows(
    t.database,
    sql`select id from consumer_sessions where consumer_id = ${consumerId}`,
  );
  return rows.length;
}

describe('the failed sign-in counter (SR-84)', () => {
  it('counts per normalized address whatever the case, and a success resets it', async () => {
    const local = `alice.${Math.random().toString(36).slice(2, 10)}`;
    const { consumer, password } = await createSignedInConsumer(t, admin, {
      activate: true,
      input: { email: `${local}@x.io` },
    });

    await failSignIns(`${local.replace('a', 'A')}@X.io`, 3);
    await failSignIns(`${local}@x.io`, 2);
    const counted = await failureCount(consumer.email);
    const success = await signInConsumer(t, consumer.email, password);

    expect(counted).toBe(5);
    expect(success.statusCode).toBe(200);
    expect(await failureCount(consumer.email)).toBe(0);
  });

  it('locks an unknown address after 10 failures exactly as a real one', async () => {
    const real = await activeConsumer();
    const unknown = uniqueAddress('nobody');

    await failSignIns(unknown, 10);
    await failSignIns(real.consumer.email, 10);
    const unknownLocked = await signInConsumer(t, unknown, wrongPassword);
    const realLocked = await signInConsumer(t, real.consumer.email, real.password);

    expect(unknownLocked.statusCode).toBe(401);
    expect(errorCode(unknownLocked)).toBe('auth.invalid_credentials');
    expect(seenByClient(realLocked)).toEqual(seenByClient(unknownLocked));
    expect(await lockEnd(unknown)).toEqual(new Date(t.clock.now().getTime() + 15 * minute));
    expect(await lockEnd(real.consumer.email)).toEqual(await lockEnd(unknown));
  });

  it('keeps no unknown address in clear in the database', async () => {
    const unknown = uniqueAddress('never.stored');

    await failSignIns(unknown, 2);

    expect(await failureCount(unknown)).toBe(2);
    expect(await columnsHolding(t.database, unknown.split('@')[0] ?? unknown)).toEqual([]);
  });
});

describe('the temporary lock (SR-85)', () => {
  it('refuses the right password after 10 failures and accepts it at +15 minutes', async () => {
    const { consumer, password } = await activeConsumer();
    await failSignIns(consumer.email, 10);

    const locked = await signInConsumer(t, consumer.email, password);
    t.clock.advance(15 * minute - 1000);
    const stillLocked = await signInConsumer(t, consumer.email, password);
    t.clock.advance(1000);
    const unlocked = await signInConsumer(t, consumer.email, password);

    expect(locked.statusCode).toBe(401);
    expect(errorCode(locked)).toBe('auth.invalid_credentials');
    expect(locked.cookies).toEqual([]);
    expect(stillLocked.statusCode).toBe(401);
    expect(unlocked.statusCode).toBe(200);
  });

  it('logs the lock as the system, with its length, once', async () => {
    const { consumer } = await activeConsumer();

    await failSignIns(consumer.email, 12);

    const locks = await eventsOf(consumer.id, 'consumer.sign_in_locked');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actor_type: 'system', actor_id: null });
    expect(locks[0]?.details).toMatchObject({ lockMinutes: 15 });
  });

  it('locks for 30 minutes the next time within a day', async () => {
    const { consumer, password } = await activeConsumer();
    await failSignIns(consumer.email, 10);
    t.clock.advance(15 * minute);
    await failSignIns(consumer.email, 10);

    t.clock.advance(30 * minute - 1000);
    const stillLocked = await signInConsumer(t, consumer.email, password);
    t.clock.advance(1000);
    const unlocked = await signInConsumer(t, consumer.email, password);

    expect(stillLocked.statusCode).toBe(401);
    expect(unlocked.statusCode).toBe(200);
  });
});

describe('a silent lock (SR-86)', () => {
  it('answers 50 attempts as a wrong password, without argon2, the end unmoved', async () => {
    const { consumer, password } = await activeConsumer();
    const wrong = await failSignIns(consumer.email, 10);
    const end = await lockEnd(consumer.email);
    const verify = vi.spyOn(argon2, 'verify');

    const answers = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      t.clock.advance(10_000);
      const guess = attempt % 2 === 0 ? password : `${wrongPassword} ${attempt}`;
      answers.push(seenByClient(await signInConsumer(t, consumer.email, guess)));
    }

    expect(end).not.toBeNull();
    expect(verify).not.toHaveBeenCalled();
    expect(await lockEnd(consumer.email)).toEqual(end);
    for (const answer of answers) expect(answer).toEqual(seenByClient(wrong));
  });
});

describe('parallel attempts (SR-84, SR-86)', () => {
  it('are each counted', async () => {
    const { consumer } = await activeConsumer();

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => signInConsumer(t, consumer.email, wrongPassword)),
    );

    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(8).fill(401));
    expect(await failureCount(consumer.email)).toBe(8);
  });

  it('get ten passwords checked at most, then the lock', async () => {
    const { consumer } = await activeConsumer();
    const verify = vi.spyOn(argon2, 'verify');

    const answers = await Promise.all(
      Array.from({ length: 25 }, () => signInConsumer(t, consumer.email, wrongPassword)),
    );

    expect(verify).toHaveBeenCalledTimes(10);
    expect(await lockEnd(consumer.email)).not.toBeNull();
    for (const answer of answers) expect(seenByClient(answer)).toEqual(seenByClient(answers[0]!));
  });

  it('with the right password do not get past a lock', async () => {
    const { consumer, password } = await activeConsumer();
    await failSignIns(consumer.email, 10);
    const before = await sessionCount(consumer.id);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => signInConsumer(t, consumer.email, password)),
    );

    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(10).fill(401));
    expect(await sessionCount(consumer.id)).toBe(before);
  });
});

describe('wrong second-step codes (SR-23)', () => {
  it('5 wrong codes on one challenge and 5 on another lock the account', async () => {
    const { consumer, password } = await activeConsumer();
    const enabled = await t.request({
      method: 'PUT',
      url: `/api/admin/v1/consumers/${consumer.id}/two-step`,
      headers: { cookie: admin },
      payload: { enabled: true },
    });
    expect(enabled.statusCode).toBe(200);

    const counts: number[] = [];
    for (let challenge = 0; challenge < 2; challenge += 1) {
      t.clock.advance(minute);
      const from = smtp.received.length;
      const first = await signInConsumer(t, consumer.email, password);
      expect(first.statusCode, first.body).toBe(202);
      const mail = await waitForMail(smtp, {
        to: consumer.email,
        subject: subjects.signInCode,
        from,
      });
      const wrongCode = codeIn(mail, 6) === '000000' ? '111111' : '000000';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const answer = await t.request({
          method: 'POST',
          url: '/api/v1/session/two-step',
          headers: { cookie: cookieHeader(first) },
          payload: { code: wrongCode },
        });
        expect(answer.statusCode).toBe(400);
        expect(errorCode(answer)).toBe('auth.invalid_code');
      }
      counts.push(await failureCount(consumer.email));
    }
    const locked = await signInConsumer(t, consumer.email, password);

    expect(counts[0]).toBe(5);
    expect(await lockEnd(consumer.email)).toEqual(new Date(t.clock.now().getTime() + 15 * minute));
    expect(locked.statusCode).toBe(401);
    expect(errorCode(locked)).toBe('auth.invalid_credentials');
  });
});

describe("an administrator's view and reset of a lock (SR-85, SR-49)", () => {
  it('the record shows the lock; Reset the password lifts it and logs who did', async () => {
    const { consumer } = await activeConsumer();
    await failSignIns(consumer.email, 10);
    const end = await lockEnd(consumer.email);

    const record = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/${consumer.id}`,
      headers: { cookie: admin },
    });
    const reset = await t.request({
      method: 'POST',
      url: `/api/admin/v1/consumers/${consumer.id}/password-reset`,
      headers: { cookie: admin },
    });
    const signIn = await signInConsumer(
      t,
      consumer.email,
      reset.json().credentials.temporaryPassword,
    );

    expect(record.json().signInLockedUntil).toBe(end?.toISOString());
    expect(reset.statusCode).toBe(200);
    expect(reset.json().consumer.signInLockedUntil).toBeNull();
    expect(signIn.statusCode).toBe(200);
    const unlocks = await eventsOf(consumer.id, 'consumer.sign_in_unlocked');
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0]?.actor_type).toBe('admin');
  });

  it('the record of an account that is not locked says so with null', async () => {
    const { consumer } = await activeConsumer();
    await failSignIns(consumer.email, 9);

    const record = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/${consumer.id}`,
      headers: { cookie: admin },
    });

    expect(record.json().signInLockedUntil).toBeNull();
  });
});

describe('a lock kept in PostgreSQL (SR-88)', () => {
  it('holds in a second app on the same database, as after a restart, until it ends', async () => {
    const { consumer, password } = await activeConsumer();
    await failSignIns(consumer.email, 10);
    const second = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
      database: t.database.handle,
      clock: t.clock,
      logger: pino({ level: 'silent' }),
      startMailWorker: false,
    });
    const signInThere = () =>
      second.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'sec-fetch-site': 'same-origin' },
        payload: { email: consumer.email, password },
      });

    try {
      const locked = await signInThere();
      t.clock.advance(15 * minute);
      const unlocked = await signInThere();

      expect(locked.statusCode).toBe(401);
      expect(locked.json().error.code).toBe('auth.invalid_credentials');
      expect(unlocked.statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});
