import { sql } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer, createSignedInConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';
import { consumerInput } from '../helpers/factories.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

const base = '/api/admin/v1/consumers';

/** Fields only a dedicated endpoint (or nobody) may change, with a value of the right type. */
const guardedFields: Record<string, unknown> = {
  id: '0190a5c4-0000-7000-8000-0000000000ff',
  status: 'active',
  state: 'active',
  emailVerified: true,
  emailVerifiedAt: '2026-01-01T00:00:00.000Z',
  phoneVerifiedAt: '2026-01-01T00:00:00.000Z',
  verificationRequired: false,
  password: 'an admin-chosen password',
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  mustChangePassword: false,
  twoStepEnabled: true,
  projectLimit: 50,
  role: 'owner',
  lastSignInAt: '2026-01-01T00:00:00.000Z',
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  version: 99,
};

const edits = {
  identity: { firstName: 'Ada', lastName: 'Byron', country: 'GB' },
  coordinates: { email: 'ada.byron@example.com', phone: '+44 20 7946 0958' },
} as const;

async function storedRow(id: string): Promise<Record<string, unknown>> {
  const [row] = await queryRows<Record<string, unknown>>(
    t.database,
    sql`select * from consumers where id = ${id}`,
  );
  return row ?? {};
}

async function eventCount(id: string): Promise<number> {
  const [row] = await queryRows<{ total: number | string }>(
    t.database,
    sql`select count(*) as total from events where consumer_id = ${id}`,
  );
  return Number(row?.total ?? -1);
}

function patch(id: string, path: keyof typeof edits, payload: Record<string, unknown>) {
  return t.request({
    method: 'PATCH',
    url: `${base}/${id}/${path}`,
    headers: { cookie: admin, 'if-match': '"1"' },
    payload,
  });
}

describe('write allowlists (SR-54, SR-14)', () => {
  it.each(Object.keys(edits) as (keyof typeof edits)[])(
    'PATCH …/%s answers 400 to each guarded field and leaves the row as it was',
    async (path) => {
      const { consumer } = await createConsumer(t, admin);
      const before = await storedRow(consumer.id);
      const eventsBefore = await eventCount(consumer.id);

      for (const [field, value] of Object.entries(guardedFields)) {
        const response = await patch(consumer.id, path, { ...edits[path], [field]: value });

        expect(response.statusCode, field).toBe(400);
        expect(response.json().error.code, field).toBe('validation.invalid_input');
      }

      expect(await storedRow(consumer.id)).toEqual(before);
      expect(await eventCount(consumer.id)).toBe(eventsBefore);
    },
  );

  it('PATCH …/identity refuses the coordinates and …/coordinates refuses the identity', async () => {
    const { consumer } = await createConsumer(t, admin);
    const before = await storedRow(consumer.id);

    const identity = await patch(consumer.id, 'identity', {
      ...edits.identity,
      email: 'taken.over@example.com',
    });
    const coordinates = await patch(consumer.id, 'coordinates', {
      ...edits.coordinates,
      firstName: 'Mallory',
    });

    expect(identity.statusCode).toBe(400);
    expect(coordinates.statusCode).toBe(400);
    expect(await storedRow(consumer.id)).toEqual(before);
  });

  it('POST /consumers answers 400 to each guarded field and creates nobody', async () => {
    for (const [field, value] of Object.entries(guardedFields)) {
      const input = consumerInput();

      const response = await t.request({
        method: 'POST',
        url: base,
        headers: { cookie: admin },
        payload: { ...input, [field]: value },
      });

      expect(response.statusCode, field).toBe(400);
      const rows = await queryRows(
        t.database,
        sql`select id from consumers where email = ${input.email}`,
      );
      expect(rows, field).toEqual([]);
    }
  });

  it('POST /api/v1/me/password refuses a consumer id or account flag beside the password', async () => {
    const active = await createSignedInConsumer(t, admin);
    const other = await createConsumer(t, admin);

    for (const extra of [
      { consumerId: other.consumer.id },
      { id: other.consumer.id },
      { mustChangePassword: false },
      { email: 'someone.else@example.com' },
    ]) {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: { cookie: active.cookie },
        payload: {
          currentPassword: active.password,
          newPassword: 'a different quiet orchard',
          ...extra,
        },
      });

      expect(response.statusCode, Object.keys(extra)[0]).toBe(400);
    }
    const unchanged = await t.request({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: active.consumer.email, password: active.password },
    });
    expect(unchanged.statusCode).toBe(200);
  });

  it('no console route takes a password in its body: admins never choose one (SR-14)', () => {
    const adminBodies = t
      .routes()
      .filter((route) => route.auth === 'admin' && route.schema?.body)
      .map((route) => ({
        route: `${route.method} ${route.url}`,
        keys: Object.keys(shapeOf(route.schema?.body)),
      }));

    expect(adminBodies.length).toBeGreaterThanOrEqual(5);
    for (const { route, keys } of adminBodies) {
      expect(keys.length, route).toBeGreaterThan(0);
      expect(
        keys.filter((key) => passwordLikeKey.test(key)),
        route,
      ).toEqual([]);
    }
  });
});

// A password (or its hash, hint or question) as a value; `passwordMinLength` is a policy.
const passwordLikeKey = /^(new|current|temporary)?password$|hash|secret|hint|question/i;

/** The keys a zod object schema lists; the body schemas are all plain objects. */
function shapeOf(schema: unknown): Record<string, unknown> {
  const shape = (schema as ZodType & { shape?: Record<string, unknown> }).shape;
  return shape ?? {};
}

describe('no silent type coercion in bodies (SR-71)', () => {
  it('PUT …/two-step answers 400 to "false", "true", 0 and null, and keeps the flag', async () => {
    const { consumer } = await createConsumer(t, admin);
    const before = await storedRow(consumer.id);

    for (const enabled of ['false', 'true', 0, 1, null]) {
      const response = await t.request({
        method: 'PUT',
        url: `${base}/${consumer.id}/two-step`,
        headers: { cookie: admin },
        payload: { enabled },
      });

      expect(response.statusCode, String(enabled)).toBe(400);
      expect(response.json().error.code, String(enabled)).toBe('validation.invalid_input');
    }
    expect(await storedRow(consumer.id)).toEqual(before);
  });

  it('PUT …/project-limit answers 400 to "3" and keeps the limit', async () => {
    const { consumer } = await createConsumer(t, admin);
    const before = await storedRow(consumer.id);

    for (const projectLimit of ['3', '0', ' 3 ', [3], true]) {
      const response = await t.request({
        method: 'PUT',
        url: `${base}/${consumer.id}/project-limit`,
        headers: { cookie: admin },
        payload: { projectLimit },
      });

      expect(response.statusCode, JSON.stringify(projectLimit)).toBe(400);
      expect(response.json().error.code).toBe('validation.invalid_input');
    }
    expect(await storedRow(consumer.id)).toEqual(before);
  });

  it('PUT /settings answers 400 to numbers and flags written as strings', async () => {
    const current = await t.request({
      method: 'GET',
      url: '/api/admin/v1/settings',
      headers: { cookie: admin },
    });
    const { updatedAt: _updatedAt, version, ...settings } = current.json();

    for (const [field, value] of Object.entries({
      globalProjectLimit: '3',
      twoStepDefault: 'true',
      reverifyOnContactChange: 'false',
      passwordMinLength: '12',
    })) {
      const response = await t.request({
        method: 'PUT',
        url: '/api/admin/v1/settings',
        headers: { cookie: admin, 'if-match': `"${version}"` },
        payload: { ...settings, [field]: value },
      });

      expect(response.statusCode, field).toBe(400);
    }
    const after = await t.request({
      method: 'GET',
      url: '/api/admin/v1/settings',
      headers: { cookie: admin },
    });
    expect(after.json()).toEqual(current.json());
  });

  it('a name given as a number is refused, not turned into text', async () => {
    const input = consumerInput();

    const response = await t.request({
      method: 'POST',
      url: base,
      headers: { cookie: admin },
      payload: { ...input, lastName: 12345 },
    });

    expect(response.statusCode).toBe(400);
    const rows = await queryRows(
      t.database,
      sql`select id from consumers where email = ${input.email}`,
    );
    expect(rows).toEqual([]);
  });
});
