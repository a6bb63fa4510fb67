import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { consumerInput } from '../helpers/factories.js';
import { codeIn, startSmtpSink } from '../helpers/smtp-sink.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';

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
  return { email: consumer.email as string, password: credentials.temporaryPassword as string };
}

const signIn = (email: string, password: string) =>
  t.request({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

const submitCode = (challenge: string, code: string) =>
  t.request({
    method: 'POST',
    url: '/api/v1/session/two-step',
    headers: { cookie: challenge },
    payload: { code },
  });

describe('two-step sign-in by emailed code', () => {
  it('a right password answers 202 and the mailed code opens the session', async () => {
    const { email, password } = await consumerWithTwoStep();
    const before = smtp.received.length;

    const first = await signIn(email, password);

    expect(first.statusCode).toBe(202);
    expect(first.cookies.map((c) => c.name)).not.toContain('gh_session');
    const mail = await smtp.waitFor(before + 1);
    expect(mail.to).toEqual([email]);
    const done = await submitCode(cookieHeader(first), codeIn(mail, 6));
    expect(done.statusCode).toBe(200);
    expect(done.cookies.map((c) => c.name)).toContain('gh_session');
    expect(t.logs()).not.toContain(codeIn(mail, 6));
  });

  it('five wrong codes void the code so the right one is refused afterwards', async () => {
    const { email, password } = await consumerWithTwoStep();
    const before = smtp.received.length;
    const first = await signIn(email, password);
    const code = codeIn(await smtp.waitFor(before + 1), 6);
    const wrong = code === '000000' ? '111111' : '000000';

    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await submitCode(cookieHeader(first), wrong)).statusCode).toBe(400);
    }
    const right = await submitCode(cookieHeader(first), code);

    expect(right.statusCode).toBe(400);
    expect(right.json().error.code).toBe('auth.invalid_code');
  });

  it('a used code is refused the second time and a resend waits 60 seconds', async () => {
    const { email, password } = await consumerWithTwoStep();
    const before = smtp.received.length;
    const first = await signIn(email, password);
    const challenge = cookieHeader(first);
    const code = codeIn(await smtp.waitFor(before + 1), 6);

    const tooSoon = await t.request({
      method: 'POST',
      url: '/api/v1/session/two-step/resend',
      headers: { cookie: challenge },
    });
    await submitCode(challenge, code);
    const reused = await submitCode(challenge, code);

    expect(tooSoon.statusCode).toBe(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    expect(reused.statusCode).toBe(400);
  });

  it('a code expires after 10 minutes', async () => {
    const { email, password } = await consumerWithTwoStep();
    const before = smtp.received.length;
    const first = await signIn(email, password);
    const code = codeIn(await smtp.waitFor(before + 1), 6);

    t.clock.advance(10 * 60_000 + 1000);
    const late = await submitCode(cookieHeader(first), code);

    expect(late.statusCode).toBe(400);
  });
});
