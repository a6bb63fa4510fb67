import { randomBytes } from 'node:crypto';

import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventRow } from '../../src/db/schema/index.js';
import {
  adminEmail,
  adminIdOf,
  adminPassword,
  buildTestApp,
  cookieHeader,
} from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer, createSignedInConsumer } from '../helpers/consumers.js';
import type { ActiveTestConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';
import { consumerInput } from '../helpers/factories.js';
import { codeIn, startSmtpSink } from '../helpers/smtp-sink.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';

let t: TestApp;
let smtp: SmtpSink;
let admin: string;
let adminId: string;

// Real SMTP: a code mail's body is erased once sent, so the secrets scan (SR-95) sees what a
// production database keeps.
beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
  admin = await t.signInAdmin();
  adminId = await adminIdOf(t, admin);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const minute = 60_000;
const consumerPassword = `CANARY-PW-${randomBytes(6).toString('hex')} orchard`;
/** Every secret the flows below handled: none may be stored or logged (SR-95). */
const handledSecrets = new Set<string>([consumerPassword]);
const handledCodes = new Set<string>();

async function send(options: InjectOptions): Promise<LightMyRequestResponse> {
  const response = await t.request(options);
  for (const cookie of response.cookies) if (cookie.value) handledSecrets.add(cookie.value);
  const temporary = /"temporaryPassword":"([^"]+)"/.exec(response.body)?.[1];
  if (temporary) handledSecrets.add(temporary);
  return response;
}

async function mailedCode(email: string, digits: 6 | 8): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mail = smtp.received.filter((received) => received.to.includes(email)).at(-1);
    const code =
      mail && new RegExp(`code is \\d{${digits}}\\b`).test(mail.raw) && codeIn(mail, digits);
    if (code && !handledCodes.has(code)) {
      handledCodes.add(code);
      return code;
    }
    if (Date.now() > deadline) throw new Error(`no new code mailed to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const signedIn = (options: { activate?: boolean } = { activate: true }) =>
  createSignedInConsumer(t, admin, { password: consumerPassword, ...options });

async function withTwoStep(): Promise<ActiveTestConsumer> {
  const person = await signedIn();
  await send({
    method: 'PUT',
    url: `/api/admin/v1/consumers/${person.consumer.id}/two-step`,
    headers: { cookie: admin },
    payload: { enabled: true },
  });
  return person;
}

const signIn = (email: string, password = consumerPassword) =>
  send({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

async function twoStepChallenge(person: ActiveTestConsumer) {
  t.clock.advance(minute + 1000);
  const first = await signIn(person.consumer.email);
  return { challenge: cookieHeader(first), code: await mailedCode(person.consumer.email, 6) };
}

interface Arranged {
  request: InjectOptions;
  /** The account the event must name; `reply` takes it from the answer (a created account). */
  consumerId: string | null | 'reply';
  /** The actor the event must name: the admin by default. */
  actorId?: string | null;
}

interface Scenario {
  /** `METHOD /url` of the route, as registered. */
  route: string;
  name: string;
  action: string;
  result: 'success' | 'failure';
  status: number;
  arrange(): Promise<Arranged>;
}

const adminRequest = (
  method: InjectOptions['method'],
  url: string,
  extra: Partial<InjectOptions> = {},
) => ({ method, url, headers: { cookie: admin, ...extra.headers }, payload: extra.payload });

const onConsumer = (
  route: string,
  action: string,
  request: (id: string, version: number) => InjectOptions,
  setUp: () => Promise<{ id: string; version: number }> = async () =>
    (await createConsumer(t, admin)).consumer,
): Scenario => ({
  route,
  name: action,
  action,
  result: 'success',
  status: route.startsWith('DELETE') ? 204 : 200,
  async arrange() {
    const { id, version } = await setUp();
    return { request: request(id, version), consumerId: id };
  },
});

const base = '/api/admin/v1/consumers';

/** One entry per way a write route can end: the console's actions and every sign-in outcome. */
const scenarios: Scenario[] = [
  {
    route: 'POST /api/admin/v1/session',
    name: 'admin sign-in',
    action: 'admin.sign_in',
    result: 'success',
    status: 200,
    arrange: async () => ({
      request: {
        method: 'POST',
        url: '/api/admin/v1/session',
        payload: { email: adminEmail, password: adminPassword },
      },
      consumerId: null,
    }),
  },
  {
    route: 'POST /api/admin/v1/session',
    name: 'admin sign-in with a wrong password',
    action: 'admin.sign_in',
    result: 'failure',
    status: 401,
    arrange: async () => ({
      request: {
        method: 'POST',
        url: '/api/admin/v1/session',
        payload: { email: adminEmail, password: 'not the owner passphrase' },
      },
      consumerId: null,
    }),
  },
  {
    route: 'DELETE /api/admin/v1/session',
    name: 'admin sign-out',
    action: 'admin.sign_out',
    result: 'success',
    status: 204,
    arrange: async () => ({
      request: {
        method: 'DELETE',
        url: '/api/admin/v1/session',
        headers: { cookie: await t.signInAdmin() },
      },
      consumerId: null,
    }),
  },
  {
    route: 'POST /api/admin/v1/consumers',
    name: 'create a consumer',
    action: 'consumer.created',
    result: 'success',
    status: 201,
    arrange: async () => ({
      request: adminRequest('POST', base, { payload: consumerInput() }),
      consumerId: 'reply',
    }),
  },
  onConsumer(
    'PATCH /api/admin/v1/consumers/:consumerId/identity',
    'consumer.identity_updated',
    (id, version) =>
      adminRequest('PATCH', `${base}/${id}/identity`, {
        headers: { 'if-match': `"${version}"` },
        payload: { firstName: 'Ada', lastName: 'Byron', country: 'GB' },
      }),
  ),
  onConsumer(
    'PATCH /api/admin/v1/consumers/:consumerId/coordinates',
    'consumer.coordinates_updated',
    (id, version) =>
      adminRequest('PATCH', `${base}/${id}/coordinates`, {
        headers: { 'if-match': `"${version}"` },
        payload: { email: consumerInput().email },
      }),
  ),
  onConsumer('POST /api/admin/v1/consumers/:consumerId/suspend', 'consumer.suspended', (id) =>
    adminRequest('POST', `${base}/${id}/suspend`),
  ),
  onConsumer(
    'POST /api/admin/v1/consumers/:consumerId/restore',
    'consumer.restored',
    (id) => adminRequest('POST', `${base}/${id}/restore`),
    async () => {
      const { consumer } = await createConsumer(t, admin);
      await send(adminRequest('POST', `${base}/${consumer.id}/suspend`));
      return consumer;
    },
  ),
  onConsumer(
    'POST /api/admin/v1/consumers/:consumerId/force-activation',
    'consumer.force_activated',
    (id) => adminRequest('POST', `${base}/${id}/force-activation`),
  ),
  onConsumer(
    'POST /api/admin/v1/consumers/:consumerId/require-password-change',
    'consumer.password_change_required',
    (id) => adminRequest('POST', `${base}/${id}/require-password-change`),
    async () => (await signedIn()).consumer,
  ),
  onConsumer(
    'POST /api/admin/v1/consumers/:consumerId/sign-out-everywhere',
    'consumer.sessions_ended',
    (id) => adminRequest('POST', `${base}/${id}/sign-out-everywhere`),
    async () => (await signedIn()).consumer,
  ),
  onConsumer(
    'POST /api/admin/v1/consumers/:consumerId/password-reset',
    'consumer.password_reset',
    (id) => adminRequest('POST', `${base}/${id}/password-reset`),
  ),
  onConsumer(
    'PUT /api/admin/v1/consumers/:consumerId/two-step',
    'consumer.two_step_enabled',
    (id) => adminRequest('PUT', `${base}/${id}/two-step`, { payload: { enabled: true } }),
  ),
  onConsumer(
    'PUT /api/admin/v1/consumers/:consumerId/two-step',
    'consumer.two_step_disabled',
    (id) => adminRequest('PUT', `${base}/${id}/two-step`, { payload: { enabled: false } }),
  ),
  onConsumer(
    'PUT /api/admin/v1/consumers/:consumerId/project-limit',
    'consumer.project_limit_changed',
    (id) => adminRequest('PUT', `${base}/${id}/project-limit`, { payload: { projectLimit: 3 } }),
  ),
  onConsumer('DELETE /api/admin/v1/consumers/:consumerId', 'consumer.deleted', (id) =>
    adminRequest('DELETE', `${base}/${id}`),
  ),
  {
    route: 'PUT /api/admin/v1/settings',
    name: 'change the settings',
    action: 'settings.updated',
    result: 'success',
    status: 200,
    async arrange() {
      const current = await send(adminRequest('GET', '/api/admin/v1/settings'));
      const { updatedAt: _updatedAt, version, ...fields } = current.json();
      return {
        request: adminRequest('PUT', '/api/admin/v1/settings', {
          headers: { 'if-match': `"${version}"` },
          payload: { ...fields, globalProjectLimit: fields.globalProjectLimit + 1 },
        }),
        consumerId: null,
      };
    },
  },
  ...consumerScenarios(),
];

function consumerScenarios(): Scenario[] {
  const asConsumer = (arranged: Omit<Arranged, 'actorId'>, id: string | null): Arranged => ({
    ...arranged,
    actorId: id,
  });
  const signInScenario = (
    name: string,
    result: Scenario['result'],
    status: number,
    setUp: () => Promise<{ email: string; id: string | null; password?: string }>,
    action = 'consumer.sign_in',
  ): Scenario => ({
    route: 'POST /api/v1/session',
    name,
    action,
    result,
    status,
    async arrange() {
      const { email, id, password } = await setUp();
      const request = {
        method: 'POST' as const,
        url: '/api/v1/session',
        payload: { email, password: password ?? consumerPassword },
      };
      return asConsumer({ request, consumerId: id }, id);
    },
  });
  const person = async () => {
    const { consumer } = await signedIn();
    return { email: consumer.email, id: consumer.id };
  };
  return [
    signInScenario('consumer sign-in', 'success', 200, person),
    signInScenario('consumer sign-in with a wrong password', 'failure', 401, async () => ({
      ...(await person()),
      password: 'not the password at all',
    })),
    signInScenario('sign-in with an unknown email', 'failure', 401, async () => ({
      email: consumerInput().email,
      id: null,
    })),
    signInScenario('sign-in of a suspended account', 'failure', 403, async () => {
      const found = await person();
      await send(adminRequest('POST', `${base}/${found.id}/suspend`));
      return found;
    }),
    signInScenario(
      'right password with two-step on: a code is sent',
      'success',
      202,
      async () => {
        const { consumer } = await withTwoStep();
        return { email: consumer.email, id: consumer.id };
      },
      'consumer.two_step_code_sent',
    ),
    {
      route: 'POST /api/v1/session/two-step',
      name: 'second step with the right code',
      action: 'consumer.sign_in',
      result: 'success',
      status: 200,
      async arrange() {
        const found = await withTwoStep();
        const { challenge, code } = await twoStepChallenge(found);
        const request = {
          method: 'POST' as const,
          url: '/api/v1/session/two-step',
          headers: { cookie: challenge },
          payload: { code },
        };
        return asConsumer({ request, consumerId: found.consumer.id }, found.consumer.id);
      },
    },
    {
      route: 'POST /api/v1/session/two-step',
      name: 'second step with a wrong code',
      action: 'consumer.two_step',
      result: 'failure',
      status: 400,
      async arrange() {
        const found = await withTwoStep();
        const { challenge, code } = await twoStepChallenge(found);
        const request = {
          method: 'POST' as const,
          url: '/api/v1/session/two-step',
          headers: { cookie: challenge },
          payload: { code: code === '000000' ? '111111' : '000000' },
        };
        return asConsumer({ request, consumerId: found.consumer.id }, found.consumer.id);
      },
    },
    {
      route: 'POST /api/v1/session/two-step/resend',
      name: 'a new sign-in code',
      action: 'consumer.two_step_code_sent',
      result: 'success',
      status: 200,
      async arrange() {
        const found = await withTwoStep();
        const { challenge } = await twoStepChallenge(found);
        t.clock.advance(minute + 1000);
        const request = {
          method: 'POST' as const,
          url: '/api/v1/session/two-step/resend',
          headers: { cookie: challenge },
        };
        return asConsumer({ request, consumerId: found.consumer.id }, found.consumer.id);
      },
    },
    ...signedInScenarios(asConsumer),
  ];
}

function signedInScenarios(
  asConsumer: (arranged: Omit<Arranged, 'actorId'>, id: string | null) => Arranged,
): Scenario[] {
  const scenario = (
    route: string,
    action: string,
    result: Scenario['result'],
    status: number,
    options: { activate: boolean; payload?: (code: string) => object; owesCode?: boolean },
  ): Scenario => ({
    route,
    name: `${action} ${result}`,
    action,
    result,
    status,
    async arrange() {
      const found = await signedIn({ activate: options.activate });
      const code = options.owesCode ? await mailedCode(found.consumer.email, 8) : '';
      t.clock.advance(minute + 1000);
      const [method, url] = route.split(' ') as ['POST' | 'DELETE', string];
      const request = {
        method,
        url,
        headers: { cookie: found.cookie },
        payload: options.payload?.(code),
      };
      return asConsumer({ request, consumerId: found.consumer.id }, found.consumer.id);
    },
  });
  return [
    scenario('DELETE /api/v1/session', 'consumer.sign_out', 'success', 204, { activate: true }),
    scenario('POST /api/v1/me/password', 'consumer.password_changed', 'success', 200, {
      activate: true,
      payload: () => ({
        currentPassword: consumerPassword,
        newPassword: 'a louder orchard at noon',
      }),
    }),
    scenario('POST /api/v1/me/email-verification', 'consumer.email_check_sent', 'success', 200, {
      activate: false,
    }),
    scenario(
      'POST /api/v1/me/email-verification/confirm',
      'consumer.email_verified',
      'success',
      200,
      { activate: false, owesCode: true, payload: (code) => ({ code }) },
    ),
    scenario('POST /api/v1/me/email-verification/confirm', 'consumer.email_check', 'failure', 400, {
      activate: false,
      owesCode: true,
      payload: (code) => ({ code: code === '00000000' ? '11111111' : '00000000' }),
    }),
  ];
}

async function eventIds(): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(t.database, sql`select id from events`);
  return new Set(rows.map((row) => row.id));
}

async function eventsSince(known: Set<string>): Promise<EventRow[]> {
  const rows = await t.database.handle.db.query.events.findMany();
  return rows.filter((row) => !known.has(row.id));
}

describe('the event vocabulary (SR-92)', () => {
  it('has a scenario for every write route of the console and the account API', () => {
    const writeRoutes = t
      .routes()
      .filter((route) => route.url.startsWith('/api/'))
      .filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))
      .map((route) => `${route.method} ${route.url}`);

    const covered = new Set(scenarios.map((scenario) => scenario.route));

    expect([...new Set(writeRoutes)].filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s writes exactly one event of its action, with actor, account, result and address',
    async (_name, scenario) => {
      const arranged = await scenario.arrange();
      const known = await eventIds();

      const response = await send(arranged.request);

      expect(response.statusCode, response.body).toBe(scenario.status);
      const fresh = await eventsSince(known);
      const matching = fresh.filter((event) => event.action === scenario.action);
      expect(matching, JSON.stringify(fresh.map((event) => event.action))).toHaveLength(1);
      const consumerId =
        arranged.consumerId === 'reply' ? response.json().consumer.id : arranged.consumerId;
      const isConsumerRoute = scenario.route.includes(' /api/v1/');
      expect(matching[0]).toMatchObject({
        actorType: isConsumerRoute ? 'consumer' : 'admin',
        actorId: arranged.actorId === undefined ? adminId : arranged.actorId,
        consumerId,
        result: scenario.result,
        ip: '127.0.0.1',
        requestId: expect.any(String),
      });
    },
  );
});

describe('an event commits with its change (SR-93)', () => {
  it('a refused event insert fails the action and leaves the account unchanged', async () => {
    const person = await signedIn();
    await t.database.handle.db.execute(sql`
      create function test_refuse_event() returns trigger language plpgsql as $$
      begin raise exception 'test: event refused'; end $$`);
    await t.database.handle.db.execute(sql`
      create trigger test_refuse_suspension before insert on events for each row
      when (new.action = 'consumer.suspended') execute function test_refuse_event()`);

    let suspend: LightMyRequestResponse;
    try {
      suspend = await send(adminRequest('POST', `${base}/${person.consumer.id}/suspend`));
    } finally {
      await t.database.handle.db.execute(sql`drop trigger test_refuse_suspension on events`);
      await t.database.handle.db.execute(sql`drop function test_refuse_event()`);
    }

    expect(suspend.statusCode).toBe(500);
    expect(suspend.json().error.code).toBe('internal_error');
    const record = await send(adminRequest('GET', `${base}/${person.consumer.id}`));
    expect(record.json().status).toBe('active');
    const me = await send({ method: 'GET', url: '/api/v1/me', headers: { cookie: person.cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('a change the database refuses leaves no event', async () => {
    const taken = (await createConsumer(t, admin)).consumer;
    const { consumer } = await createConsumer(t, admin);
    const known = await eventIds();

    const clash = await send(
      adminRequest('PATCH', `${base}/${consumer.id}/coordinates`, {
        headers: { 'if-match': `"${consumer.version}"` },
        payload: { email: taken.email },
      }),
    );

    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('consumer.email_taken');
    expect(await eventsSince(known)).toEqual([]);
  });
});

describe('no secret in any table or log (SR-95)', () => {
  it('holds none of the passwords, codes and tokens the flows above handled', async () => {
    const deadline = Date.now() + 10_000;
    const unsent = sql`select count(*)::int as total from messages
                       where contains_secret and body is not null`;
    while ((await queryRows<{ total: number }>(t.database, unsent))[0]?.total !== 0) {
      if (Date.now() > deadline) throw new Error('code mails were not delivered');
      await t.app.mailWorker.runOnce();
    }
    const tables = await queryRows<{ name: string }>(
      t.database,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    let stored = '';
    for (const { name } of tables) {
      const rows = await queryRows<{ row: string }>(
        t.database,
        sql`select to_jsonb(x)::text as row from ${sql.identifier(name)} x`,
      );
      stored += rows.map((row) => row.row).join('\n');
    }

    expect(handledCodes.size).toBeGreaterThanOrEqual(4);
    expect(handledSecrets.size).toBeGreaterThan(10);
    for (const secret of handledSecrets) {
      expect(stored.includes(secret), 'a password or token is stored').toBe(false);
      expect(t.logs().includes(secret), 'a password or token is logged').toBe(false);
    }
    for (const code of handledCodes) {
      const alone = new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);
      expect(alone.test(stored), 'a code is stored').toBe(false);
      expect(alone.test(t.logs()), 'a code is logged').toBe(false);
    }
  });
});
