import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventPage } from '../../src/contracts/events.js';
import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer } from '../helpers/consumers.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';

let t: TestApp;
let smtp: SmtpSink;
let admin: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // The real per-address limit: these tests choose each request's address themselves.
  t = await buildTestApp({ env: { SMTP_URL: smtp.url, CODE_SENDS_PER_ADDRESS: '5' } });
  admin = await t.signInAdmin();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const minute = 60_000;
let nextAddress = 1;
/** A fresh client address, so only the limit a test is about can be reached. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

async function consumerWithTwoStep() {
  const { consumer, temporaryPassword } = await createConsumer(t, admin);
  await t.request({
    method: 'PUT',
    url: `/api/admin/v1/consumers/${consumer.id}/two-step`,
    headers: { cookie: admin },
    payload: { enabled: true },
  });
  return { id: consumer.id, email: consumer.email, password: temporaryPassword };
}

const signIn = (email: string, password: string, remoteAddress: string) =>
  t.request({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email, password },
    remoteAddress,
  });

const resend = (challenge: string, remoteAddress: string) =>
  t.request({
    method: 'POST',
    url: '/api/v1/session/two-step/resend',
    headers: { cookie: challenge },
    remoteAddress,
  });

/**
 * Code mails to `email` the SMTP server received, once `expected` of them arrived and no more
 * came. The notice that two-step was turned on is not a code mail.
 */
async function codeMailsTo(email: string, expected: number): Promise<number> {
  const received = () =>
    smtp.received.filter((mail) => mail.to.includes(email) && /sign-in code/.test(mail.raw)).length;
  const deadline = Date.now() + 10_000;
  while (received() < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await t.app.mailWorker.runOnce();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return received();
}

describe('code email send limits (SR-24)', () => {
  it('five code emails per consumer in 15 minutes, then 429 with Retry-After', async () => {
    const person = await consumerWithTwoStep();
    const first = await signIn(person.email, person.password, freshAddress());
    const challenge = cookieHeader(first);
    const resends = [];
    for (let count = 0; count < 4; count += 1) {
      t.clock.advance(minute + 1000);
      resends.push(await resend(challenge, freshAddress()));
    }

    t.clock.advance(minute + 1000);
    const refused = await resend(challenge, freshAddress());

    expect(first.statusCode).toBe(202);
    expect(resends.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('auth.code_limit');
    // The oldest of the five leaves the window 15 minutes after it was sent.
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBe(15 * 60 - 5 * 61);
    expect(await codeMailsTo(person.email, 5)).toBe(5);

    t.clock.advance(retryAfter * 1000);
    const again = await resend(challenge, freshAddress());
    expect(again.statusCode).toBe(200);
  });

  it('five code emails per client address in 15 minutes, then 429 at the sign-in', async () => {
    const address = freshAddress();
    const people = [];
    for (let count = 0; count < 6; count += 1) people.push(await consumerWithTwoStep());

    const answers = [];
    for (const person of people) {
      answers.push(await signIn(person.email, person.password, address));
    }
    const elsewhere = await signIn(
      people[5]?.email ?? '',
      people[5]?.password ?? '',
      freshAddress(),
    );

    expect(answers.map((response) => response.statusCode)).toEqual([202, 202, 202, 202, 202, 429]);
    expect(Number(answers[5]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(await codeMailsTo(people[5]?.email ?? '', 1)).toBe(1);
    expect(elsewhere.statusCode).toBe(202);
    const log = await t.request({
      method: 'GET',
      url: `/api/admin/v1/events?consumerId=${people[5]?.id}&action=consumer.sign_in`,
      headers: { cookie: await t.signInAdmin() },
    });
    expect((log.json() as EventPage).items[0]).toMatchObject({
      result: 'failure',
      reason: 'code_limit',
      ip: address,
    });
  });
});
