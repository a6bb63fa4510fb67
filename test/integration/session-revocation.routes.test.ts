import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventItem } from '../../src/contracts/events.js';
import {
  adminIdOf,
  buildTestApp,
  cookieHeader,
  fullAccessProbePath,
  registerFullAccessProbe,
} from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { changePassword, createSignedInConsumer, signInConsumer } from '../helpers/consumers.js';
import { mailsMatching, subjects, waitForMail } from '../helpers/mail-wait.js';
import { codeIn, startSmtpSink } from '../helpers/smtp-sink.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';

let t: TestApp;
let smtp: SmtpSink;
let admin: string;
let adminId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({
    env: { SMTP_URL: smtp.url },
    routes: registerFullAccessProbe,
  });
  admin = await t.signInAdmin();
  adminId = await adminIdOf(t, admin);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const me = (cookie: string) => t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
const projects = (cookie: string) =>
  t.request({ method: 'GET', url: fullAccessProbePath, headers: { cookie } });
const errorCode = (response: LightMyRequestResponse) => response.json().error.code;

const adminCall = (method: 'POST' | 'PUT' | 'DELETE', id: string, path = '', payload?: object) =>
  t.request({
    method,
    url: `/api/admin/v1/consumers/${id}${path}`,
    headers: { cookie: admin },
    ...(payload ? { payload } : {}),
  });

async function eventsOf(consumerId: string, action: string): Promise<EventItem[]> {
  const response = await t.request({
    method: 'GET',
    url: `/api/admin/v1/events?consumerId=${consumerId}&action=${action}&limit=100`,
    headers: { cookie: admin },
  });
  return response.json().items;
}

/** An active consumer signed in on two devices. */
async function consumerOnTwoDevices() {
  const signedIn = await createSignedInConsumer(t, admin, { activate: true });
  const other = await signInConsumer(t, signedIn.consumer.email, signedIn.password);
  return { ...signedIn, current: signedIn.cookie, other: cookieHeader(other) };
}

/** Turns two-step on and starts a sign-in that waits for its emailed code. */
async function pendingTwoStepSignIn(email: string, password: string, id: string) {
  await adminCall('PUT', id, '/two-step', { enabled: true });
  const from = smtp.received.length;
  const started = await signInConsumer(t, email, password);
  const mail = await waitForMail(smtp, { to: email, subject: subjects.signInCode, from });
  return { status: started.statusCode, challenge: cookieHeader(started), code: codeIn(mail, 6) };
}

const submitCode = (challenge: string, code: string) =>
  t.request({
    method: 'POST',
    url: '/api/v1/session/two-step',
    headers: { cookie: challenge },
    payload: { code },
  });

describe('admin "reset password" (SR-11)', () => {
  it('ends both sessions and a waiting sign-in, kills the old password, mails one notice and logs one event', async () => {
    const { consumer, password, current, other } = await consumerOnTwoDevices();
    const waiting = await pendingTwoStepSignIn(consumer.email, password, consumer.id);
    const from = smtp.received.length;

    const reset = await adminCall('POST', consumer.id, '/password-reset');

    expect(waiting.status).toBe(202);
    expect(reset.statusCode).toBe(200);
    const temporaryPassword = reset.json().credentials.temporaryPassword;
    expect((await me(current)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
    const late = await submitCode(waiting.challenge, waiting.code);
    expect(late.statusCode).toBe(400);
    expect(errorCode(late)).toBe('auth.invalid_code');
    const oldPassword = await signInConsumer(t, consumer.email, password);
    const unknown = await signInConsumer(t, 'nobody.at.all@example.com', password);
    expect(oldPassword.statusCode).toBe(401);
    expect(oldPassword.body).toBe(unknown.body);
    const notice = await waitForMail(smtp, {
      to: consumer.email,
      subject: subjects.passwordReset,
      from,
    });
    await t.app.mailWorker.runOnce();
    expect(mailsMatching(smtp, { to: consumer.email, subject: subjects.passwordReset })).toEqual([
      notice,
    ]);
    expect(notice.raw).not.toContain(temporaryPassword);
    const events = await eventsOf(consumer.id, 'consumer.password_reset');
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toMatchObject({ type: 'admin', id: adminId });
  });
});

describe('admin "force password change" (SR-12)', () => {
  it('restricts every open session; the change through one of them ends the others', async () => {
    const { consumer, password, current, other } = await consumerOnTwoDevices();

    const forced = await adminCall('POST', consumer.id, '/require-password-change');
    const currentRefused = await projects(current);
    const otherRefused = await projects(other);
    const sameOldPassword = await signInConsumer(t, consumer.email, password);
    const changed = await changePassword(t, current, { newPassword: 'a brand new lantern 42' });

    expect(forced.json().mustChangePassword).toBe(true);
    for (const refused of [currentRefused, otherRefused]) {
      expect(refused.statusCode).toBe(403);
      expect(errorCode(refused)).toBe('auth.password_change_required');
    }
    expect(sameOldPassword.statusCode).toBe(200);
    expect(sameOldPassword.json().consumer.passwordChangeRequired).toBe(true);
    expect(changed.statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(cookieHeader(sameOldPassword))).statusCode).toBe(401);
    expect((await projects(cookieHeader(changed))).statusCode).toBe(200);
  });
});

describe('admin "sign out all devices" (SR-35)', () => {
  it('ends three devices and a waiting sign-in with one event; a new sign-in still works', async () => {
    const { consumer, password, current, other } = await consumerOnTwoDevices();
    const third = cookieHeader(await signInConsumer(t, consumer.email, password));
    const waiting = await pendingTwoStepSignIn(consumer.email, password, consumer.id);

    const response = await adminCall('POST', consumer.id, '/sign-out-everywhere');
    const nothingLeft = await adminCall('POST', consumer.id, '/sign-out-everywhere');

    expect(response.statusCode).toBe(200);
    for (const device of [current, other, third]) expect((await me(device)).statusCode).toBe(401);
    expect(errorCode(await submitCode(waiting.challenge, waiting.code))).toBe('auth.invalid_code');
    expect(nothingLeft.statusCode).toBe(409);
    expect(errorCode(nothingLeft)).toBe('consumer.no_active_session');
    expect(await eventsOf(consumer.id, 'consumer.sessions_ended')).toHaveLength(1);
    const again = await pendingTwoStepSignIn(consumer.email, password, consumer.id);
    const signedIn = await submitCode(again.challenge, again.code);
    expect(signedIn.statusCode).toBe(200);
    expect((await projects(cookieHeader(signedIn))).statusCode).toBe(200);
  });
});

type SessionFate = 'kept' | 'restricted' | 'ended';

interface RevocationCase {
  trigger: string;
  /** Runs the trigger; answers the cookie the acting session holds afterwards. */
  run(subject: Awaited<ReturnType<typeof consumerOnTwoDevices>>): Promise<string>;
  current: SessionFate;
  other: SessionFate;
}

// Not rows here: "email change verified" (consumers cannot change their email yet) and an admin
// role change (console sessions, SR-55).
const revocationMatrix: RevocationCase[] = [
  {
    trigger: 'consumer changes password',
    run: async ({ current, password }) => {
      const changed = await changePassword(t, current, {
        currentPassword: password,
        newPassword: 'a different quiet harbour',
      });
      return cookieHeader(changed);
    },
    current: 'kept',
    other: 'ended',
  },
  {
    trigger: 'admin resets password',
    run: async ({ consumer, current }) => {
      await adminCall('POST', consumer.id, '/password-reset');
      return current;
    },
    current: 'ended',
    other: 'ended',
  },
  {
    trigger: 'admin force-change',
    run: async ({ consumer, current }) => {
      await adminCall('POST', consumer.id, '/require-password-change');
      return current;
    },
    current: 'restricted',
    other: 'restricted',
  },
  {
    trigger: 'suspend',
    run: async ({ consumer, current }) => {
      await adminCall('POST', consumer.id, '/suspend');
      return current;
    },
    current: 'ended',
    other: 'ended',
  },
  {
    trigger: 'delete',
    run: async ({ consumer, current }) => {
      await adminCall('DELETE', consumer.id);
      return current;
    },
    current: 'ended',
    other: 'ended',
  },
  {
    trigger: 'admin "sign out all"',
    run: async ({ consumer, current }) => {
      await adminCall('POST', consumer.id, '/sign-out-everywhere');
      return current;
    },
    current: 'ended',
    other: 'ended',
  },
];

/** What a session's next requests show: full access, only the restricted routes, or nothing. */
async function fateOf(cookie: string): Promise<SessionFate> {
  const [who, full] = await Promise.all([me(cookie), projects(cookie)]);
  if (who.statusCode === 401) return 'ended';
  return full.statusCode === 200 ? 'kept' : 'restricted';
}

describe('automatic revocation matrix (SR-36)', () => {
  for (const row of revocationMatrix) {
    it(`${row.trigger}: acting session ${row.current}, other session ${row.other}`, async () => {
      const subject = await consumerOnTwoDevices();

      const current = await row.run(subject);

      expect({ current: await fateOf(current), other: await fateOf(subject.other) }).toEqual({
        current: row.current,
        other: row.other,
      });
    });
  }
});
