import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createSignedInConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';
import { consumerInput } from '../helpers/factories.js';
import { codeIn, startSmtpSink } from '../helpers/smtp-sink.js';
import type { ReceivedMail, SmtpSink } from '../helpers/smtp-sink.js';

let t: TestApp;
let smtp: SmtpSink;
let admin: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
  admin = await t.signInAdmin();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const minute = 60_000;

/** Waits for the `count`-th mail to `email` and returns it. */
async function mailTo(email: string, count: number): Promise<ReceivedMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mine = smtp.received.filter((mail) => mail.to.includes(email));
    const mail = mine[count - 1];
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`only ${mine.length} of ${count} mails`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const mailsTo = (email: string) => smtp.received.filter((mail) => mail.to.includes(email)).length;

/** A consumer with two-step on; the notice of the change has arrived before anything else. */
async function consumerWithTwoStep() {
  const created = await t.request({
    method: 'POST',
    url: '/api/admin/v1/consumers',
    headers: { cookie: admin },
    payload: consumerInput(),
  });
  const { consumer, credentials } = created.json();
  await t.request({
    method: 'PUT',
    url: `/api/admin/v1/consumers/${consumer.id}/two-step`,
    headers: { cookie: admin },
    payload: { enabled: true },
  });
  await mailTo(consumer.email, 1);
  return {
    id: consumer.id as string,
    email: consumer.email as string,
    password: credentials.temporaryPassword as string,
  };
}

type Person = Awaited<ReturnType<typeof consumerWithTwoStep>>;

const signIn = (email: string, password: string) =>
  t.request({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

const submitCode = (challenge: string, code: string) =>
  t.request({
    method: 'POST',
    url: '/api/v1/session/two-step',
    headers: { cookie: challenge },
    payload: { code },
  });

const resend = (challenge: string) =>
  t.request({
    method: 'POST',
    url: '/api/v1/session/two-step/resend',
    headers: { cookie: challenge },
  });

/** Signs in with the password and reads the emailed code: the first step done. */
async function startSignIn(person: Person) {
  const before = mailsTo(person.email);
  const first = await signIn(person.email, person.password);
  expect(first.statusCode, first.body).toBe(202);
  const code = codeIn(await mailTo(person.email, before + 1), 6);
  return { first, challenge: cookieHeader(first), code };
}

/** Asks for a new code on the same challenge, a minute later, and reads it. */
async function resendCode(person: Person, challenge: string): Promise<string> {
  const before = mailsTo(person.email);
  t.clock.advance(minute + 1000);
  const response = await resend(challenge);
  expect(response.statusCode, response.body).toBe(200);
  return codeIn(await mailTo(person.email, before + 1), 6);
}

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

function expectInvalidCode(response: { statusCode: number; json(): unknown }) {
  expect(response.statusCode).toBe(400);
  expect((response.json() as { error: { code: string } }).error.code).toBe('auth.invalid_code');
}

async function countRows(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ total: number }>(t.database, query);
  return row?.total ?? 0;
}

describe('two-step sign-in by emailed code', () => {
  it('a right password answers 202 and the mailed code opens the session', async () => {
    const person = await consumerWithTwoStep();

    const { first, challenge, code } = await startSignIn(person);
    const done = await submitCode(challenge, code);

    expect(first.cookies.map((c) => c.name)).not.toContain('gh_session');
    expect(done.statusCode).toBe(200);
    expect(done.cookies.map((c) => c.name)).toContain('gh_session');
  });
});

describe('code storage (SR-16)', () => {
  it('keeps no plaintext code in the database, the answers or the logs', async () => {
    const person = await consumerWithTwoStep();

    const { first, challenge, code } = await startSignIn(person);
    const done = await submitCode(challenge, code);
    const rows = await queryRows<{ row: string }>(
      t.database,
      sql`select to_jsonb(v)::text as row from verification_codes v
          where consumer_id = ${person.id}`,
    );

    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).not.toContain(code);
    expect(first.body + done.body).not.toContain(code);
    expect(t.logs()).not.toContain(code);
  });
});

describe('code lifetime (SR-17)', () => {
  it('accepts a code at 9:59 and refuses a fresh one at 10:01 with auth.invalid_code', async () => {
    const person = await consumerWithTwoStep();
    const early = await startSignIn(person);
    t.clock.advance(9 * minute + 59_000);
    const inTime = await submitCode(early.challenge, early.code);

    t.clock.advance(2 * minute);
    const late = await startSignIn(person);
    t.clock.advance(10 * minute + 1000);
    const tooLate = await submitCode(late.challenge, late.code);

    expect(inTime.statusCode).toBe(200);
    expectInvalidCode(tooLate);
  });
});

describe('attempts per code (SR-18)', () => {
  it('five wrong codes void the code; a new code then works', async () => {
    const person = await consumerWithTwoStep();
    const { challenge, code } = await startSignIn(person);

    const wrong = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      wrong.push((await submitCode(challenge, wrongFor(code))).statusCode);
    }
    const right = await submitCode(challenge, code);
    const fresh = await resendCode(person, challenge);
    const accepted = await submitCode(challenge, fresh);

    expect(wrong).toEqual([400, 400, 400, 400, 400]);
    expectInvalidCode(right);
    expect(accepted.statusCode).toBe(200);
  });
});

describe('single use (SR-19)', () => {
  it('refuses a used code the second time', async () => {
    const person = await consumerWithTwoStep();
    const { challenge, code } = await startSignIn(person);

    const first = await submitCode(challenge, code);
    const reused = await submitCode(challenge, code);

    expect(first.statusCode).toBe(200);
    expectInvalidCode(reused);
  });

  it('ten parallel submissions of the right code open exactly one session', async () => {
    const person = await consumerWithTwoStep();
    const { challenge, code } = await startSignIn(person);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => submitCode(challenge, code)),
    );

    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([200, ...new Array(9).fill(400)]);
    expect(
      await countRows(
        sql`select count(*)::int as total from consumer_sessions where consumer_id = ${person.id}`,
      ),
    ).toBe(1);
  });
});

describe('newest code only (SR-20)', () => {
  it('a resend voids the earlier code of the challenge', async () => {
    const person = await consumerWithTwoStep();
    const { challenge, code: codeA } = await startSignIn(person);
    const codeB = await resendCode(person, challenge);

    const withA = await submitCode(challenge, codeA);
    const withB = await submitCode(challenge, codeB);

    expectInvalidCode(withA);
    expect(withB.statusCode).toBe(200);
  });

  it('refuses a resend within 60 seconds with 429 and Retry-After', async () => {
    const person = await consumerWithTwoStep();
    const { challenge } = await startSignIn(person);

    t.clock.advance(59_000);
    const tooSoon = await resend(challenge);

    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error.code).toBe('auth.code_cooldown');
    expect(tooSoon.headers['retry-after']).toBe('1');
  });
});

describe('code bound to its challenge (SR-21)', () => {
  it('a code completes its own sign-in only, even with two devices signing in', async () => {
    const person = await consumerWithTwoStep();
    const one = await startSignIn(person);
    const two = await startSignIn(person);

    const crossed = await submitCode(two.challenge, one.code);
    const own = await submitCode(one.challenge, one.code);

    expectInvalidCode(crossed);
    expect(own.statusCode).toBe(200);
  });
});

describe('no bypass of the second step (SR-22)', () => {
  it('the challenge opens no account route, as a cookie or a header', async () => {
    const person = await consumerWithTwoStep();
    const { first } = await startSignIn(person);
    const token = first.cookies[0]?.value ?? '';
    const routes = t
      .routes()
      .filter((route) => route.auth === 'consumer' || route.auth === 'consumer-restricted');
    const attempts = [
      { cookie: cookieHeader(first) },
      { cookie: `gh_session=${token}` },
      { authorization: `Bearer ${token}` },
    ];

    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      for (const headers of attempts) {
        const response = await t.request({
          method: route.method as 'GET',
          url: route.url,
          headers,
        });

        const label = `${route.method} ${route.url} ${Object.keys(headers)[0]}`;
        expect(response.statusCode, label).toBe(401);
      }
    }
  });
});

describe('metered codes (usage_events)', () => {
  it('records one usage event per sign-in code sent, none for a refused resend', async () => {
    const person = await consumerWithTwoStep();
    const signInAt = t.clock.now();
    const { challenge } = await startSignIn(person);
    await resend(challenge);
    await resendCode(person, challenge);

    const usage = await queryRows<{ kind: string; at: string; units: number }>(
      t.database,
      sql`select kind, occurred_at as at, units from usage_events
          where consumer_id = ${person.id} order by occurred_at`,
    );

    expect(usage.map((row) => [row.kind, row.units])).toEqual([
      ['two_step_code_sent', 1],
      ['two_step_code_sent', 1],
    ]);
    expect(new Date(usage[0]?.at ?? 0).toISOString()).toBe(signInAt.toISOString());
  });
});

describe('the email check code (SR-18 to SR-20, SR-24)', () => {
  const requestCheck = (cookie: string) =>
    t.request({ method: 'POST', url: '/api/v1/me/email-verification', headers: { cookie } });
  const confirmCheck = (cookie: string, code: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/me/email-verification/confirm',
      headers: { cookie },
      payload: { code },
    });

  it('waits 60 s between codes, voids the older one, meters each and works once', async () => {
    const person = await createSignedInConsumer(t, admin);
    const email = person.consumer.email;
    const first = codeIn(await mailTo(email, 1), 8);

    t.clock.advance(59_000);
    const tooSoon = await requestCheck(person.cookie);
    t.clock.advance(2000);
    const again = await requestCheck(person.cookie);
    const second = codeIn(await mailTo(email, 2), 8);
    const withFirst = await confirmCheck(person.cookie, first);
    const withSecond = await confirmCheck(person.cookie, second);
    const reused = await confirmCheck(person.cookie, second);

    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error.code).toBe('auth.code_cooldown');
    expect(again.statusCode).toBe(200);
    expectInvalidCode(withFirst);
    expect(withSecond.statusCode).toBe(200);
    expect(withSecond.json().consumer.verificationRequired).toBe(false);
    expectInvalidCode(reused);
    const usage = await queryRows<{ kind: string }>(
      t.database,
      sql`select kind from usage_events where consumer_id = ${person.consumer.id}`,
    );
    expect(usage.map((row) => row.kind)).toEqual([
      'email_check_code_sent',
      'email_check_code_sent',
    ]);
  });
});
