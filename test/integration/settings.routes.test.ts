import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventPage } from '../../src/contracts/events.js';
import type { SettingsBody, SettingsView } from '../../src/contracts/settings.js';
import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { changePassword, createConsumer, signInConsumer } from '../helpers/consumers.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

const url = '/api/admin/v1/settings';

async function currentSettings(): Promise<SettingsView> {
  const response = await t.request({ method: 'GET', url, headers: { cookie: admin } });
  return response.json();
}

function putSettings(body: unknown, ifMatch?: string) {
  const headers: Record<string, string> = { cookie: admin };
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  return t.request({ method: 'PUT', url, headers, payload: body as Record<string, unknown> });
}

const bodyOf = ({ updatedAt: _updatedAt, version: _version, ...body }: SettingsView) => body;

/** Saves the current settings with `changes` applied, as the Settings page does. */
async function saveSettings(changes: Partial<SettingsBody>) {
  const current = await currentSettings();
  return putSettings({ ...bodyOf(current), ...changes }, `"${current.version}"`);
}

async function settingsEvents() {
  const response = await t.request({
    method: 'GET',
    url: '/api/admin/v1/events?action=settings.updated&limit=100',
    headers: { cookie: admin },
  });
  return (response.json() as EventPage).items;
}

describe('GET /api/admin/v1/settings', () => {
  it('answers 401 without an admin session', async () => {
    const get = await t.request({ method: 'GET', url });
    const put = await t.request({ method: 'PUT', url, payload: {} });

    expect(get.statusCode).toBe(401);
    expect(put.statusCode).toBe(401);
    expect(put.json().error.code).toBe('auth.unauthenticated');
  });

  it('returns the settings with their version as ETag', async () => {
    const response = await t.request({ method: 'GET', url, headers: { cookie: admin } });

    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(`"${response.json().version}"`);
    expect(response.json()).toMatchObject({
      globalProjectLimit: expect.any(Number),
      twoStepDefault: expect.any(Boolean),
      reverifyOnContactChange: expect.any(Boolean),
      protectedEmailPattern: expect.any(String),
      passwordMinLength: expect.any(Number),
    });
  });
});

describe('PUT /api/admin/v1/settings', () => {
  it('saves the whole object, bumps the version and logs before → after of each change', async () => {
    const before = await currentSettings();

    const response = await saveSettings({ globalProjectLimit: 9, passwordMinLength: 14 });
    const [logged] = await settingsEvents();

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ globalProjectLimit: 9, passwordMinLength: 14 });
    expect(response.json().version).toBe(before.version + 1);
    expect(response.headers.etag).toBe(`"${before.version + 1}"`);
    expect(logged).toMatchObject({
      actor: { type: 'admin', label: 'owner@example.com' },
      consumer: null,
      changes: [
        { field: 'globalProjectLimit', before: before.globalProjectLimit, after: 9 },
        { field: 'passwordMinLength', before: before.passwordMinLength, after: 14 },
      ],
    });
  });

  it('logs nothing and keeps the version when nothing changed', async () => {
    const before = await currentSettings();
    const eventsBefore = (await settingsEvents()).length;

    const response = await saveSettings({});

    expect(response.statusCode).toBe(200);
    expect(response.json().version).toBe(before.version);
    expect(await settingsEvents()).toHaveLength(eventsBefore);
  });

  it('answers 428 without If-Match and 412 with the current values for a stale version', async () => {
    const current = await currentSettings();
    await saveSettings({ twoStepDefault: !current.twoStepDefault });

    const missing = await putSettings(bodyOf(current));
    const stale = await putSettings(bodyOf(current), `"${current.version}"`);

    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('settings.version_required');
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('settings.version_mismatch');
    expect(stale.json().error.details.current.version).toBe(current.version + 1);
  });

  it('answers 400 naming each field out of range', async () => {
    const cases: [keyof SettingsBody, unknown][] = [
      ['globalProjectLimit', 10_001],
      ['globalProjectLimit', -1],
      ['globalProjectLimit', 2.5],
      ['passwordMinLength', 7],
      ['passwordMinLength', 129],
      ['twoStepDefault', 'yes'],
      ['protectedEmailPattern', ''],
    ];

    for (const [field, value] of cases) {
      const response = await saveSettings({ [field]: value });

      expect(response.statusCode, `${field} ${String(value)}`).toBe(400);
      expect(response.json().error.details.issues[0].field).toBe(field);
    }
  });

  it('refuses a pattern that does not compile or backtracks catastrophically, saving nothing', async () => {
    const before = await currentSettings();

    const broken = await saveSettings({ protectedEmailPattern: '^(qa_' });
    const redos = await saveSettings({ protectedEmailPattern: '^(a+)+$', globalProjectLimit: 1 });
    const overlapping = await saveSettings({ protectedEmailPattern: '^(a|a)*@x\\.dev$' });
    const after = await currentSettings();

    for (const response of [broken, redos, overlapping]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('settings.invalid_pattern');
      expect(response.json().error.details.issues).toEqual([
        { field: 'protectedEmailPattern', message: expect.any(String) },
      ]);
    }
    expect(after).toEqual(before);
  });
});

describe('the services follow the settings', () => {
  it('new consumers get two-step validation by the default of the moment', async () => {
    await saveSettings({ twoStepDefault: true });
    const on = await createConsumer(t, admin);
    await saveSettings({ twoStepDefault: false });
    const off = await createConsumer(t, admin);

    expect(on.consumer.twoStepEnabled).toBe(true);
    expect(off.consumer.twoStepEnabled).toBe(false);
  });

  it('a changed email must be verified again only when re-verification is on', async () => {
    const editEmail = async (reverify: boolean) => {
      await saveSettings({ reverifyOnContactChange: reverify });
      const { consumer } = await createConsumer(t, admin);
      const id = consumer.id;
      // Stand-in for a passed email check: the flow itself is tested elsewhere.
      await t.database.handle.db.execute(
        sql`update consumers set email_verified_at = now() where id = ${id}`,
      );
      const response = await t.request({
        method: 'PATCH',
        url: `/api/admin/v1/consumers/${id}/coordinates`,
        headers: { cookie: admin, 'if-match': `"${consumer.version}"` },
        payload: { email: `new.${consumer.email}` },
      });
      return response.json().emailVerifiedAt;
    };

    expect(await editEmail(true)).toBeNull();
    expect(await editEmail(false)).not.toBeNull();
  });

  it('the protected pattern of the moment decides which accounts are protected, in any case', async () => {
    const { consumer } = await createConsumer(t, admin, { email: 'Tester.One@Example.org' });
    const suspend = () =>
      t.request({
        method: 'POST',
        url: `/api/admin/v1/consumers/${consumer.id}/suspend`,
        headers: { cookie: admin },
      });
    const record = async () => {
      const response = await t.request({
        method: 'GET',
        url: `/api/admin/v1/consumers/${consumer.id}`,
        headers: { cookie: admin },
      });
      return response.json() as { protected: boolean };
    };

    await saveSettings({ protectedEmailPattern: '^tester\\.[a-z]+@example\\.org$' });
    const shownProtected = await record();
    const refused = await suspend();
    await saveSettings({ protectedEmailPattern: '^[a-z0-9]{2}_[a-z0-9]{5}@owoxo\\.dev$' });
    const shownOrdinary = await record();
    const allowed = await suspend();

    expect(consumer.protected).toBe(false);
    expect(shownProtected.protected).toBe(true);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('consumer.protected');
    expect(shownOrdinary.protected).toBe(false);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().protected).toBe(false);
  });

  it('the minimum password length applies to the next password change', async () => {
    await saveSettings({ passwordMinLength: 20 });
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    const cookie = cookieHeader(await signInConsumer(t, consumer.email, temporaryPassword));

    const short = await changePassword(t, cookie, { newPassword: 'nineteen characters' });
    await saveSettings({ passwordMinLength: 12 });
    const accepted = await changePassword(t, cookie, { newPassword: 'nineteen characters' });

    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('password.too_short');
    expect(accepted.statusCode).toBe(200);
  });

  it('a consumer limit of 0 follows the global limit, and the view says where it comes from', async () => {
    await saveSettings({ globalProjectLimit: 4 });
    const { consumer } = await createConsumer(t, admin);
    const own = await t.request({
      method: 'PUT',
      url: `/api/admin/v1/consumers/${consumer.id}/project-limit`,
      headers: { cookie: admin },
      payload: { projectLimit: 8 },
    });

    expect(consumer).toMatchObject({
      projectLimit: 0,
      effectiveProjectLimit: 4,
      projectLimitSource: 'global',
    });
    expect(own.json()).toMatchObject({
      projectLimit: 8,
      effectiveProjectLimit: 8,
      projectLimitSource: 'consumer',
    });
  });
});
