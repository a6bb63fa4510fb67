import argon2 from 'argon2';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { adminEmail, buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer, createSignedInConsumer, signInConsumer } from '../helpers/consumers.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());
// One test moves the clock past a day, which ends console sessions: each test signs in afresh.
beforeEach(async () => {
  admin = await t.signInAdmin();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** What a client can observe of a failure: status, body and which headers came back. */
function observable(response: LightMyRequestResponse) {
  return {
    status: response.statusCode,
    body: response.body,
    headers: Object.keys(response.headers).sort(),
  };
}

const adminAction = (id: string, path: string, method: 'POST' | 'DELETE' = 'POST') =>
  t.request({
    method,
    url: `/api/admin/v1/consumers/${id}${path}`,
    headers: { cookie: admin },
  });

/** The algorithm and cost of a PHC hash string, e.g. `argon2id m=19456 t=2 p=1`. */
function costOf(hash: string): string {
  const [, algorithm = '', , parameters = ''] = hash.split('$');
  const cost = Object.fromEntries(parameters.split(',').map((pair) => pair.split('=')));
  return `${algorithm} m=${cost.m} t=${cost.t} p=${cost.p}`;
}

describe('POST /api/v1/session failures (SR-82, SR-86)', () => {
  it('look the same whatever the reason', async () => {
    const active = await createSignedInConsumer(t, admin, { activate: true });
    const pending = await createSignedInConsumer(t, admin);
    const suspended = await createSignedInConsumer(t, admin, { activate: true });
    const deleted = await createSignedInConsumer(t, admin, { activate: true });
    const expired = await createConsumer(t, admin);
    const locked = await createSignedInConsumer(t, admin, { activate: true });
    await adminAction(suspended.consumer.id, '/suspend');
    await adminAction(deleted.consumer.id, '', 'DELETE');
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    // Locked after the clock moved: ten failures lock it for 15 minutes (SR-85).
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await signInConsumer(t, locked.consumer.email, `wrong guess ${attempt}`);
    }

    const failures = {
      'unknown email': await signInConsumer(t, 'nobody.here@example.com', 'any password 123'),
      'wrong password': await signInConsumer(t, active.consumer.email, 'not my password 1'),
      'pending, wrong password': await signInConsumer(t, pending.consumer.email, 'wrong one 12'),
      'suspended, wrong password': await signInConsumer(t, suspended.consumer.email, 'wrong 123'),
      'deleted, right password': await signInConsumer(t, deleted.consumer.email, deleted.password),
      'expired temporary password': await signInConsumer(
        t,
        expired.consumer.email,
        expired.temporaryPassword,
      ),
      'locked, right password': await signInConsumer(t, locked.consumer.email, locked.password),
    };

    const reference = observable(failures['unknown email']);
    expect(reference.status).toBe(401);
    expect(JSON.parse(reference.body).error.code).toBe('auth.invalid_credentials');
    expect(reference.headers).not.toContain('set-cookie');
    for (const [reason, response] of Object.entries(failures)) {
      expect(observable(response), reason).toEqual(reference);
    }
  });

  it('differ only once the password was right: a suspended account says so', async () => {
    const suspended = await createSignedInConsumer(t, admin, { activate: true });
    await adminAction(suspended.consumer.id, '/suspend');

    const response = await signInConsumer(t, suspended.consumer.email, suspended.password);

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.account_suspended');
    expect(response.cookies).toEqual([]);
  });
});

describe('POST /api/admin/v1/session failures (SR-82)', () => {
  it('look the same for an unknown email and a wrong password', async () => {
    const signIn = (email: string) =>
      t.request({
        method: 'POST',
        url: '/api/admin/v1/session',
        payload: { email, password: 'not the owner password' },
      });

    const unknown = await signIn('nobody.here@example.com');
    const wrong = await signIn(adminEmail);

    expect(unknown.statusCode).toBe(401);
    expect(observable(wrong)).toEqual(observable(unknown));
  });
});

describe('sign-in timing (SR-83)', () => {
  it('runs one argon2 verification for an unknown email, as for a known one', async () => {
    await signInConsumer(t, 'warm.up@example.com', 'warm up the dummy');
    const verify = vi.spyOn(argon2, 'verify');

    await signInConsumer(t, 'nobody.here@example.com', 'any password 123');

    expect(verify).toHaveBeenCalledTimes(1);
  });

  // Equal work rather than a stopwatch: each path runs one verification at the same cost, which
  // is what dominates a sign-in; wall-clock medians would be flaky on a shared two-core machine.
  it('verifies once at the same argon2 cost for an unknown email and a wrong password', async () => {
    const known = await createSignedInConsumer(t, admin, { activate: true });
    await signInConsumer(t, 'warm.up@example.com', 'warm up the dummy');
    const verify = vi.spyOn(argon2, 'verify');

    const unknown = await signInConsumer(t, 'nobody.at.all@example.com', 'wrong password 1');
    const unknownCalls = verify.mock.calls.map(([hash]) => costOf(hash));
    verify.mockClear();
    const wrong = await signInConsumer(t, known.consumer.email, 'wrong password 1');
    const wrongCalls = verify.mock.calls.map(([hash]) => costOf(hash));

    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknownCalls).toHaveLength(1);
    expect(wrongCalls).toHaveLength(1);
    expect(unknownCalls[0]).toEqual(wrongCalls[0]);
    expect(unknownCalls[0]).toMatch(/^argon2id m=\d+ t=\d+ p=\d+$/);
  });
});
