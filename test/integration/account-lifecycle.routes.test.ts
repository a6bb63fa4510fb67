import { randomBytes, randomInt } from 'node:crypto';

import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CreateConsumerBody } from '../../src/contracts/consumers.js';
import type { EventItem } from '../../src/contracts/events.js';
import {
  adminIdOf,
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
  signInConsumer,
} from '../helpers/consumers.js';
import { columnsHolding } from '../helpers/database-scan.js';
import { queryRows } from '../helpers/database.js';
import { subjects, waitForMail } from '../helpers/mail-wait.js';
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
const unknownSignIn = (password: string) => signInConsumer(t, 'nobody.known@example.com', password);

const adminCall = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  id: string,
  path = '',
  payload?: object,
) =>
  t.request({
    method,
    url: `/api/admin/v1/consumers/${id}${path}`,
    headers: { cookie: admin },
    ...(payload ? { payload } : {}),
  });

const confirmEmail = (cookie: string, code: string) =>
  t.request({
    method: 'POST',
    url: '/api/v1/me/email-verification/confirm',
    headers: { cookie },
    payload: { code },
  });

async function eventsOf(consumerId: string, action?: string): Promise<EventItem[]> {
  const filter = action ? `&action=${action}` : '';
  const response = await t.request({
    method: 'GET',
    url: `/api/admin/v1/events?consumerId=${consumerId}${filter}&limit=100`,
    headers: { cookie: admin },
  });
  return response.json().items;
}

async function sessionRows(consumerId: string): Promise<number> {
  const rows = await queryRows(
    t.database,
    sql`select id from consumer_sessions where consumer_id = ${consumerId}`,
  );
  return rows.length;
}

async function openCodes(consumerId: string): Promise<number> {
  const rows = await queryRows(
    t.database,
    sql`select id from verification_codes
      where consumer_id = ${consumerId} and consumed_at is null and voided_at is null`,
  );
  return rows.length;
}

/** Signs in and returns the sign-in with the email-check code it mailed. */
async function signInOwingEmailCheck(email: string, password: string) {
  // The test clock stands still: a second later, this code is the newest one beyond doubt.
  t.clock.advance(1000);
  const from = smtp.received.length;
  const response = await signInConsumer(t, email, password);
  const mail = await waitForMail(smtp, { to: email, subject: subjects.emailCheck, from });
  return { response, cookie: cookieHeader(response), code: codeIn(mail, 8) };
}

/** A New consumer with a password of its own, whose first email-check mail has arrived. */
async function newConsumerWithPassword(input: Partial<CreateConsumerBody> = {}) {
  const created = await createSignedInConsumer(t, admin, { input });
  await waitForMail(smtp, { to: created.consumer.email, subject: subjects.emailCheck });
  return created;
}

/** Turns two-step on and signs in through the mailed sign-in code. */
async function signInWithTwoStep(consumerId: string, email: string, password: string) {
  await adminCall('PUT', consumerId, '/two-step', { enabled: true });
  const from = smtp.received.length;
  const started = await signInConsumer(t, email, password);
  const mail = await waitForMail(smtp, { to: email, subject: subjects.signInCode, from });
  return t.request({
    method: 'POST',
    url: '/api/v1/session/two-step',
    headers: { cookie: cookieHeader(started) },
    payload: { code: codeIn(mail, 6) },
  });
}

/** Gives a consumer another family name through the console's identity edit. */
async function renameConsumer(consumerId: string, lastName: string) {
  const current = await adminCall('GET', consumerId);
  const { firstName, country, version } = current.json();
  const response = await t.request({
    method: 'PATCH',
    url: `/api/admin/v1/consumers/${consumerId}/identity`,
    headers: { cookie: admin, 'if-match': `"${version}"` },
    payload: { firstName, lastName, country },
  });
  return { statusCode: response.statusCode, lastName };
}

describe('a New account (SR-44)', () => {
  it('signs in to a session restricted to the email check until the mailed code is entered', async () => {
    const { consumer, password } = await newConsumerWithPassword();

    const signIn = await signInOwingEmailCheck(consumer.email, password);
    const refused = await projects(signIn.cookie);
    const who = await me(signIn.cookie);
    const confirmed = await confirmEmail(signIn.cookie, signIn.code);

    expect(signIn.response.statusCode).toBe(200);
    expect(signIn.response.json().consumer).toMatchObject({
      verificationRequired: true,
      passwordChangeRequired: false,
    });
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('auth.verification_required');
    expect(who.statusCode).toBe(200);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().consumer.verificationRequired).toBe(false);
    expect((await projects(signIn.cookie)).statusCode).toBe(200);
    expect((await adminCall('GET', consumer.id)).json().status).toBe('active');
  });

  it('keeps the restricted session to the check, the password change and sign-out', async () => {
    const { consumer, password } = await newConsumerWithPassword();
    const { cookie } = await signInOwingEmailCheck(consumer.email, password);

    const changed = await changePassword(t, cookie, {
      currentPassword: password,
      newPassword: 'a second calm meadow',
    });
    const fresh = cookieHeader(changed);
    const stillRefused = await projects(fresh);
    const signOut = await t.request({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: fresh },
    });

    expect(changed.statusCode).toBe(200);
    expect(stillRefused.statusCode).toBe(403);
    expect(errorCode(stillRefused)).toBe('auth.verification_required');
    expect(signOut.statusCode).toBe(204);
    expect((await me(fresh)).statusCode).toBe(401);
  });

  it('force activation opens every route at the next sign-in, with an event naming the admin', async () => {
    const { consumer, password } = await newConsumerWithPassword();

    const activated = await adminCall('POST', consumer.id, '/force-activation');
    const signIn = await signInConsumer(t, consumer.email, password);

    expect(activated.json()).toMatchObject({ status: 'active', verificationRequired: false });
    expect(signIn.json().consumer.verificationRequired).toBe(false);
    expect((await projects(cookieHeader(signIn))).statusCode).toBe(200);
    const events = await eventsOf(consumer.id, 'consumer.force_activated');
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toMatchObject({ type: 'admin', id: adminId });
  });
});

describe('a suspended account (SR-45)', () => {
  it('loses both sessions and its open codes; only a right password learns it is suspended', async () => {
    const { consumer, password, cookie } = await newConsumerWithPassword();
    const second = cookieHeader(await signInConsumer(t, consumer.email, password));
    const owedCodes = await openCodes(consumer.id);

    const suspended = await adminCall('POST', consumer.id, '/suspend');
    const wrong = await signInConsumer(t, consumer.email, 'not the right one 1');
    const unknown = await unknownSignIn('not the right one 1');
    const right = await signInConsumer(t, consumer.email, password);

    expect(suspended.json().status).toBe('suspended');
    expect(owedCodes).toBe(1);
    expect(await openCodes(consumer.id)).toBe(0);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(right.statusCode).toBe(403);
    expect(errorCode(right)).toBe('auth.account_suspended');
    expect(right.cookies).toEqual([]);
    expect(await sessionRows(consumer.id)).toBe(0);
  });

  it('voids a temporary password not used yet', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);

    await adminCall('POST', consumer.id, '/suspend');
    const whileSuspended = await signInConsumer(t, consumer.email, temporaryPassword);
    await adminCall('POST', consumer.id, '/restore');
    const afterRestore = await signInConsumer(t, consumer.email, temporaryPassword);

    const unknown = await unknownSignIn(temporaryPassword);
    expect(whileSuspended.body).toBe(unknown.body);
    expect(afterRestore.statusCode).toBe(401);
    expect(afterRestore.body).toBe(unknown.body);
  });
});

describe('restore (SR-46)', () => {
  it('returns an active account to active; the old cookie stays dead; the next sign-in owes a mailed code', async () => {
    const { consumer, password, cookie } = await createSignedInConsumer(t, admin, {
      activate: true,
    });
    await adminCall('POST', consumer.id, '/suspend');

    const restored = await adminCall('POST', consumer.id, '/restore');
    const signIn = await signInOwingEmailCheck(consumer.email, password);
    const refused = await projects(signIn.cookie);
    const confirmed = await confirmEmail(signIn.cookie, signIn.code);

    expect(restored.json()).toMatchObject({ status: 'active', verificationRequired: true });
    expect((await me(cookie)).statusCode).toBe(401);
    expect(signIn.response.json().consumer.verificationRequired).toBe(true);
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('auth.verification_required');
    expect(confirmed.statusCode).toBe(200);
    expect((await projects(signIn.cookie)).statusCode).toBe(200);
    expect((await adminCall('GET', consumer.id)).json()).toMatchObject({
      status: 'active',
      verificationRequired: false,
    });
  });

  it('returns a New account to New, still owing its email check', async () => {
    const { consumer, password } = await newConsumerWithPassword();
    await adminCall('POST', consumer.id, '/suspend');

    const restored = await adminCall('POST', consumer.id, '/restore');
    const signIn = await signInOwingEmailCheck(consumer.email, password);

    expect(restored.json()).toMatchObject({ status: 'new', verificationRequired: true });
    expect(errorCode(await projects(signIn.cookie))).toBe('auth.verification_required');
    expect((await confirmEmail(signIn.cookie, signIn.code)).statusCode).toBe(200);
    expect((await adminCall('GET', consumer.id)).json().status).toBe('active');
  });
});

describe('a deleted account (SR-47)', () => {
  it('signs in like an unknown email, is gone from the console and its sessions end', async () => {
    const { consumer, password, cookie } = await createSignedInConsumer(t, admin, {
      activate: true,
    });

    const removed = await adminCall('DELETE', consumer.id);
    const signIn = await signInConsumer(t, consumer.email, password);
    const unknown = await unknownSignIn(password);
    const get = await adminCall('GET', consumer.id);

    expect(removed.statusCode).toBe(204);
    expect(signIn.statusCode).toBe(401);
    expect(signIn.body).toBe(unknown.body);
    expect(signIn.cookies).toEqual([]);
    expect(get.statusCode).toBe(404);
    expect(errorCode(get)).toBe('consumer.not_found');
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('frees its address for a new account with a new id and nothing inherited', async () => {
    const { consumer, password } = await createSignedInConsumer(t, admin, { activate: true });
    await adminCall('PUT', consumer.id, '/two-step', { enabled: true });
    await adminCall('DELETE', consumer.id);

    const again = await t.request({
      method: 'POST',
      url: '/api/admin/v1/consumers',
      headers: { cookie: admin },
      payload: { firstName: 'Other', lastName: 'Person', email: consumer.email, country: 'BE' },
    });

    expect(again.statusCode).toBe(201);
    const fresh = again.json().consumer;
    expect(fresh.id).not.toBe(consumer.id);
    expect(fresh).toMatchObject({
      status: 'new',
      verificationRequired: false,
      emailVerifiedAt: null,
      lastSignInAt: null,
      mustChangePassword: true,
      twoStepEnabled: false,
      version: 1,
    });
    expect((await eventsOf(fresh.id)).map((event) => event.action)).toEqual(['consumer.created']);
    expect((await signInConsumer(t, consumer.email, password)).statusCode).toBe(401);
  });
});

describe('deletion removes personal data (SR-101)', () => {
  it('leaves the name, email and phone in no text or jsonb column, and the log keeps the id', async () => {
    const unique = randomBytes(5).toString('hex');
    const lastName = `Erasable${unique}`;
    const email = `erase.${unique}@example.com`;
    const phoneDigits = `612${randomInt(100_000, 1_000_000)}`;
    const { consumer, password } = await newConsumerWithPassword({
      lastName,
      email,
      phone: `0${phoneDigits}`,
      country: 'FR',
    });
    const { cookie, code } = await signInOwingEmailCheck(email, password);
    await confirmEmail(cookie, code);
    const twoStep = await signInWithTwoStep(consumer.id, email, password);
    const renamed = await renameConsumer(consumer.id, `Renamed${unique}`);
    await adminCall('POST', consumer.id, '/password-reset');
    await waitForMail(smtp, { to: email, subject: subjects.passwordReset });
    await adminCall('POST', consumer.id, '/suspend');
    const personal = [renamed.lastName, email, phoneDigits];
    const heldBefore = await Promise.all(
      personal.map((value) => columnsHolding(t.database, value)),
    );

    const removed = await adminCall('DELETE', consumer.id);

    expect(removed.statusCode).toBe(204);
    expect(twoStep.statusCode).toBe(200);
    expect(renamed.statusCode).toBe(200);
    expect(heldBefore.map((columns) => columns.length > 0)).toEqual([true, true, true]);
    for (const value of [...personal, lastName]) {
      expect(await columnsHolding(t.database, value), value).toEqual([]);
    }
    const events = await eventsOf(consumer.id);
    expect(events[0]).toMatchObject({
      action: 'consumer.deleted',
      actor: { type: 'admin', id: adminId },
      consumer: { id: consumer.id, label: null },
    });
    expect(events.length).toBeGreaterThan(5);
  });
});
