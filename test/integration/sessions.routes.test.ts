import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { changePassword, createConsumer, signInConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';
import { codeIn, startSmtpSink } from '../helpers/smtp-sink.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';

let t: TestApp;
let smtp: SmtpSink;
let admin: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({
    env: { PUBLIC_URL: 'https://id.example.com', SMTP_URL: smtp.url },
    routes: (app) => {
      // Someone logs whole headers by mistake: the redaction must still hide the cookie.
      app.get('/api/v1/test/log-headers', { config: { auth: 'public' } }, async (request) => {
        request.log.info({ headers: request.headers }, 'headers for debugging');
        return { logged: true };
      });
    },
  });
  admin = await t.signInAdmin();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const me = (cookie: string) => t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
const tokenOf = (response: LightMyRequestResponse) => response.cookies[0]?.value ?? '';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

async function signedInConsumer() {
  const { consumer, temporaryPassword } = await createConsumer(t, admin);
  const response = await signInConsumer(t, consumer.email, temporaryPassword);
  return { consumer, temporaryPassword, response, cookie: cookieHeader(response) };
}

async function rowsHolding(value: string): Promise<number> {
  const pattern = `%${value}%`;
  const [row] = await queryRows<{ total: number }>(
    t.database,
    sql`select (select count(*) from consumer_sessions s where s::text like ${pattern})
      + (select count(*) from admin_sessions s where s::text like ${pattern}) as total`,
  );
  return Number(row?.total ?? -1);
}

/** The code of the sign-in mail sent to `email`, once the relay has delivered it. */
async function signInCodeFor(email: string): Promise<string> {
  for (let count = 1; ; count += 1) {
    const mail = await smtp.waitFor(count);
    if (mail.to.includes(email) && mail.raw.includes('sign-in code')) return codeIn(mail, 6);
  }
}

describe('session tokens (SR-29)', () => {
  it('are 43 base64url characters stored only as their SHA-256', async () => {
    const { response } = await signedInConsumer();
    const token = tokenOf(response);
    const adminToken = admin.split('=')[1] ?? '';

    for (const value of [token, adminToken]) {
      expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await rowsHolding(value)).toBe(0);
    }
    const hashes = await queryRows<{ token_hash: string }>(
      t.database,
      sql`select token_hash from consumer_sessions where token_hash = ${sha256(token)}
        union all select token_hash from admin_sessions where token_hash = ${sha256(adminToken)}`,
    );
    expect(hashes).toHaveLength(2);
  });
});

describe('session cookies (SR-30)', () => {
  it('are __Host-, Secure, HttpOnly, Path=/, no Domain; Lax or Strict by audience', async () => {
    const { response } = await signedInConsumer();
    const adminSignIn = await t.request({
      method: 'POST',
      url: '/api/admin/v1/session',
      payload: { email: 'owner@example.com', password: 'a long owner passphrase' },
    });

    const [consumerCookie] = response.cookies;
    const [adminCookie] = adminSignIn.cookies;
    expect(consumerCookie?.name).toBe('__Host-gh_session');
    expect(adminCookie?.name).toBe('__Host-gh_admin');
    for (const cookie of [consumerCookie, adminCookie]) {
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/' });
      expect(cookie?.domain).toBeUndefined();
    }
    expect(consumerCookie?.sameSite).toBe('Lax');
    expect(adminCookie?.sameSite).toBe('Strict');
  });
});

describe('session fixation (SR-31)', () => {
  it('never adopts a cookie sent with the sign-in', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);

    const response = await t.request({
      method: 'POST',
      url: '/api/v1/session',
      headers: { cookie: '__Host-gh_session=attacker-chosen-value' },
      payload: { email: consumer.email, password: temporaryPassword },
    });

    expect(response.statusCode).toBe(200);
    expect(tokenOf(response)).not.toBe('attacker-chosen-value');
    expect((await me('__Host-gh_session=attacker-chosen-value')).statusCode).toBe(401);
  });

  it("leaves another person's planted session pointing at that person", async () => {
    const planted = await signedInConsumer();
    const victim = await createConsumer(t, admin);

    const response = await t.request({
      method: 'POST',
      url: '/api/v1/session',
      headers: { cookie: planted.cookie },
      payload: { email: victim.consumer.email, password: victim.temporaryPassword },
    });

    expect(tokenOf(response)).not.toBe(tokenOf(planted.response));
    expect((await me(planted.cookie)).json().consumer.id).toBe(planted.consumer.id);
    expect((await me(cookieHeader(response))).json().consumer.id).toBe(victim.consumer.id);
  });

  it('issues a new token when the password changes and ends the old one', async () => {
    const { cookie } = await signedInConsumer();

    const changed = await changePassword(t, cookie, { newPassword: 'a quiet orchard at dawn' });

    expect(changed.statusCode).toBe(200);
    expect(cookieHeader(changed)).not.toBe(cookie);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await me(cookieHeader(changed))).statusCode).toBe(200);
  });

  it('issues a session token unlike the challenge when the second step completes', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    await t.request({
      method: 'PUT',
      url: `/api/admin/v1/consumers/${consumer.id}/two-step`,
      headers: { cookie: admin },
      payload: { enabled: true },
    });

    const first = await signInConsumer(t, consumer.email, temporaryPassword);
    const challenge = first.cookies.find((cookie) => cookie.name === '__Host-gh_challenge');
    const code = await signInCodeFor(consumer.email);
    const challengeAsSession = await me(`__Host-gh_session=${challenge?.value}`);
    const done = await t.request({
      method: 'POST',
      url: '/api/v1/session/two-step',
      headers: { cookie: cookieHeader(first) },
      payload: { code },
    });
    const session = done.cookies.find((cookie) => cookie.name === '__Host-gh_session');

    expect(first.statusCode).toBe(202);
    expect(challenge?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challengeAsSession.statusCode).toBe(401);
    expect(done.statusCode).toBe(200);
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session?.value).not.toBe(challenge?.value);
    expect((await me(`__Host-gh_session=${session?.value}`)).statusCode).toBe(200);
  });
});

describe('server-side sessions (SR-32)', () => {
  it('end as soon as their row is deleted', async () => {
    const { consumer, cookie } = await signedInConsumer();
    const adminCookie = await t.signInAdmin();
    const adminToken = adminCookie.split('=')[1] ?? '';

    await queryRows(
      t.database,
      sql`delete from consumer_sessions where consumer_id = ${consumer.id}`,
    );
    await queryRows(
      t.database,
      sql`delete from admin_sessions where token_hash = ${sha256(adminToken)}`,
    );

    expect((await me(cookie)).statusCode).toBe(401);
    const console = await t.request({
      method: 'GET',
      url: '/api/admin/v1/session',
      headers: { cookie: adminCookie },
    });
    expect(console.statusCode).toBe(401);
  });
});

describe('sign-out (SR-34)', () => {
  it('deletes the session, clears the cookie and asks the browser to forget', async () => {
    const { consumer, cookie } = await signedInConsumer();

    const response = await t.request({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie },
    });

    expect(response.statusCode).toBe(204);
    expect(response.headers['clear-site-data']).toBe('"cookies", "storage"');
    expect(response.cookies[0]).toMatchObject({ name: '__Host-gh_session', value: '' });
    expect(new Date(response.cookies[0]?.expires ?? Date.now()).getTime()).toBeLessThan(Date.now());
    expect((await me(cookie)).statusCode).toBe(401);
    const rows = await queryRows(
      t.database,
      sql`select id from consumer_sessions where consumer_id = ${consumer.id}`,
    );
    expect(rows).toEqual([]);
  });

  it('ends a console session the same way', async () => {
    const cookie = await t.signInAdmin();

    const response = await t.request({
      method: 'DELETE',
      url: '/api/admin/v1/session',
      headers: { cookie },
    });
    const after = await t.request({
      method: 'GET',
      url: '/api/admin/v1/session',
      headers: { cookie },
    });

    expect(response.statusCode).toBe(204);
    expect(response.headers['clear-site-data']).toBe('"cookies", "storage"');
    expect(after.statusCode).toBe(401);
  });

  it('cannot be triggered by a GET', async () => {
    const { cookie } = await signedInConsumer();

    const response = await t.request({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie },
    });

    expect(response.statusCode).toBe(404);
    expect((await me(cookie)).statusCode).toBe(200);
  });
});

describe('tokens outside cookies (SR-39)', () => {
  it('are not accepted from the query string', async () => {
    const { response } = await signedInConsumer();
    const token = tokenOf(response);

    for (const name of ['sid', 'token', 'session', '__Host-gh_session']) {
      const attempt = await t.request({ method: 'GET', url: `/api/v1/me?${name}=${token}` });

      expect(attempt.statusCode, name).toBe(401);
    }
  });

  it('are redacted when headers are logged', async () => {
    const { cookie, response } = await signedInConsumer();

    await t.request({ method: 'GET', url: '/api/v1/test/log-headers', headers: { cookie } });

    const line = t
      .logs()
      .split('\n')
      .find((entry) => entry.includes('headers for debugging'));
    expect(JSON.parse(line ?? '{}').headers.cookie).toBe('[redacted]');
    expect(t.logs()).not.toContain(tokenOf(response));
  });
});
