import argon2 from 'argon2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  buildTestApp,
  cookieHeader,
  fullAccessProbePath,
  registerFullAccessProbe,
} from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import {
  changePassword,
  createConsumer,
  createSignedInConsumer,
  forceActivate,
  signInConsumer,
} from '../helpers/consumers.js';

const day = 24 * 60 * 60 * 1000;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp({
    routes: registerFullAccessProbe,
  });
});
afterAll(() => t.close());
// Some tests move the clock by days, which ends console sessions: each test signs in afresh.
beforeEach(async () => {
  admin = await t.signInAdmin();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const projects = (cookie: string) =>
  t.request({ method: 'GET', url: fullAccessProbePath, headers: { cookie } });
const errorCode = (response: { json(): { error: { code: string } } }) => response.json().error.code;

describe('the temporary password (SR-08, SR-09, SR-10)', () => {
  it('opens a restricted session that gets 403 auth.password_change_required elsewhere', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);

    const signIn = await signInConsumer(t, consumer.email, temporaryPassword);
    const cookie = cookieHeader(signIn);
    const refused = await projects(cookie);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().consumer.passwordChangeRequired).toBe(true);
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('auth.password_change_required');
    expect(me.statusCode).toBe(200);
  });

  it('stops working once the new password is set, and the new one works everywhere', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    await forceActivate(t, admin, consumer.id);
    const restricted = cookieHeader(await signInConsumer(t, consumer.email, temporaryPassword));

    const changed = await changePassword(t, restricted, { newPassword: 'a quiet orchard at dawn' });
    const oldAgain = await signInConsumer(t, consumer.email, temporaryPassword);
    const fresh = await signInConsumer(t, consumer.email, 'a quiet orchard at dawn');

    expect(changed.statusCode).toBe(200);
    expect(changed.json().consumer.passwordChangeRequired).toBe(false);
    expect((await projects(cookieHeader(changed))).statusCode).toBe(200);
    expect(oldAgain.statusCode).toBe(401);
    expect(errorCode(oldAgain)).toBe('auth.invalid_credentials');
    expect(fresh.statusCode).toBe(200);
    expect((await projects(cookieHeader(fresh))).statusCode).toBe(200);
  });

  it('cannot be chosen as the new password', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    const restricted = cookieHeader(await signInConsumer(t, consumer.email, temporaryPassword));

    const response = await changePassword(t, restricted, { newPassword: temporaryPassword });

    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('password.reused');
    expect((await projects(restricted)).statusCode).toBe(403);
  });

  it('expires after 24 hours with the generic failure', async () => {
    const early = await createConsumer(t, admin);
    const late = await createConsumer(t, admin);

    t.clock.advance(day - 60_000);
    const inTime = await signInConsumer(t, early.consumer.email, early.temporaryPassword);
    t.clock.advance(61_000);
    const tooLate = await signInConsumer(t, late.consumer.email, late.temporaryPassword);

    expect(inTime.statusCode).toBe(200);
    expect(inTime.json().consumer.passwordChangeRequired).toBe(true);
    expect(tooLate.statusCode).toBe(401);
    expect(errorCode(tooLate)).toBe('auth.invalid_credentials');
  });
});

describe('POST /api/v1/me/password (SR-01, SR-02, SR-03)', () => {
  it('answers 400 naming the rule for a short, long, common or personal password', async () => {
    const email = `alice.smith.${Date.now()}@example.com`;
    const { consumer, temporaryPassword } = await createConsumer(t, admin, { email });
    const cookie = cookieHeader(await signInConsumer(t, consumer.email, temporaryPassword));
    const cases = {
      'password.too_short': 'eleven char',
      'password.too_long': 'q'.repeat(257),
      'password.common': 'password1234',
      'password.contains_identifier': `${email.split('@')[0]}2024`,
      'password.is_email': email,
    };

    for (const [code, newPassword] of Object.entries(cases)) {
      const response = await changePassword(t, cookie, { newPassword });

      expect(response.statusCode, code).toBe(400);
      expect(errorCode(response), code).toBe(code);
    }
  });

  it('accepts 12, 64 and 128 characters, each one then signing in', async () => {
    const active = await createSignedInConsumer(t, admin, { activate: true });
    let current = active.password;
    let cookie = active.cookie;

    for (const length of [12, 64, 128]) {
      const chosen = 'river-stone '.repeat(11).padEnd(length, 'x').slice(0, length);
      const changed = await changePassword(t, cookie, {
        currentPassword: current,
        newPassword: chosen,
      });
      const signIn = await signInConsumer(t, active.consumer.email, chosen);

      expect([...chosen], String(length)).toHaveLength(length);
      expect(changed.statusCode, String(length)).toBe(200);
      expect(signIn.statusCode, String(length)).toBe(200);
      current = chosen;
      cookie = cookieHeader(changed);
    }
  });

  it('accepts 256 characters and checks all of them at sign-in', async () => {
    const long = 'abcdefghij'.repeat(25) + 'klmnop';
    const { consumer } = await createSignedInConsumer(t, admin, { password: long });

    const whole = await signInConsumer(t, consumer.email, long);
    const first72 = await signInConsumer(t, consumer.email, long.slice(0, 72));

    expect(long).toHaveLength(256);
    expect(whole.statusCode).toBe(200);
    expect(first72.statusCode).toBe(401);
  });

  it('accepts spaces and other scripts, and a decomposed "é" signs in', async () => {
    const chosen = 'caf\u00e9 пароль 我的 long enough';
    const { consumer } = await createSignedInConsumer(t, admin, { password: chosen });

    const response = await signInConsumer(t, consumer.email, chosen.normalize('NFD'));

    expect(chosen.normalize('NFD')).not.toBe(chosen);
    expect(response.statusCode).toBe(200);
  });
});

describe('oversize passwords (SR-07)', () => {
  it('answers 413 to a 1 MB password without hashing', async () => {
    const hash = vi.spyOn(argon2, 'hash');
    const verify = vi.spyOn(argon2, 'verify');

    const response = await signInConsumer(t, 'someone@example.com', 'x'.repeat(1024 * 1024));

    // No stopwatch (flaky on a shared machine): the spies prove no hashing work was done.
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('request.body_too_large');
    expect(hash).not.toHaveBeenCalled();
    expect(verify).not.toHaveBeenCalled();
  });

  it('answers 400 to an over-long password at sign-in and at change, without hashing', async () => {
    const active = await createSignedInConsumer(t, admin);
    const hash = vi.spyOn(argon2, 'hash');
    const verify = vi.spyOn(argon2, 'verify');

    const signIn = await signInConsumer(t, active.consumer.email, 'x'.repeat(1025));
    const change = await changePassword(t, active.cookie, {
      currentPassword: active.password,
      newPassword: 'y'.repeat(257),
    });

    expect(signIn.statusCode).toBe(400);
    expect(change.statusCode).toBe(400);
    expect(errorCode(change)).toBe('password.too_long');
    expect(hash).not.toHaveBeenCalled();
    expect(verify).not.toHaveBeenCalled();
  });
});

describe('passwords do not expire by age (SR-14)', () => {
  it('lets a consumer whose password is two years old sign in', async () => {
    const { consumer, password } = await createSignedInConsumer(t, admin);

    t.clock.advance(2 * 365 * day);
    const response = await signInConsumer(t, consumer.email, password);

    expect(response.statusCode).toBe(200);
    expect(response.json().consumer.passwordChangeRequired).toBe(false);
  });
});

describe('restricted sessions (SR-10)', () => {
  const consumerRoutes = () =>
    t
      .routes()
      .filter((route) => route.auth === 'consumer' || route.auth === 'consumer-restricted')
      .filter((route) => route.method !== 'HEAD')
      // Sign-out last: it ends the session the other calls use.
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

  /** Each route called once; an empty body, so no call changes the password. */
  async function refusalsFor(cookie: string): Promise<Record<string, string | null>> {
    const refusals: Record<string, string | null> = {};
    for (const route of consumerRoutes()) {
      const response = await t.request({
        method: route.method as 'GET',
        url: route.url,
        headers: { cookie },
        ...(route.method === 'POST' ? { payload: {} } : {}),
      });
      const code = response.statusCode === 403 ? errorCode(response) : null;
      refusals[`${route.method} ${route.url}`] = code;
    }
    return refusals;
  }

  const expected = (restrictedCode: string | null) =>
    Object.fromEntries(
      consumerRoutes().map((route) => [
        `${route.method} ${route.url}`,
        route.auth === 'consumer' ? restrictedCode : null,
      ]),
    );

  it('refuse every consumer route but the allowed few, opened with a temporary password', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    await forceActivate(t, admin, consumer.id);
    const cookie = cookieHeader(await signInConsumer(t, consumer.email, temporaryPassword));

    const refusals = await refusalsFor(cookie);

    expect(consumerRoutes().filter((route) => route.auth === 'consumer').length).toBeGreaterThan(0);
    expect(refusals).toEqual(expected('auth.password_change_required'));
  });

  it('apply to live sessions once an admin requires a new password, until it is chosen', async () => {
    const active = await createSignedInConsumer(t, admin, { activate: true });

    const required = await t.request({
      method: 'POST',
      url: `/api/admin/v1/consumers/${active.consumer.id}/require-password-change`,
      headers: { cookie: admin },
    });
    const whileRequired = await refusalsFor(active.cookie);
    const restricted = cookieHeader(
      await signInConsumer(t, active.consumer.email, active.password),
    );
    const changed = await changePassword(t, restricted, {
      currentPassword: active.password,
      newPassword: 'another quiet orchard at dusk',
    });
    const afterChange = await refusalsFor(cookieHeader(changed));

    expect(required.statusCode).toBe(200);
    expect(whileRequired).toEqual(expected('auth.password_change_required'));
    expect(changed.statusCode).toBe(200);
    expect(changed.json().consumer.passwordChangeRequired).toBe(false);
    expect(afterChange).toEqual(expected(null));
  });
});
