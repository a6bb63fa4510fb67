import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { consumerInput } from '../helpers/factories.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

async function create(overrides = {}) {
  return t.request({
    method: 'POST',
    url: '/api/admin/v1/consumers',
    headers: { cookie: admin },
    payload: consumerInput(overrides),
  });
}

describe('POST /api/admin/v1/consumers', () => {
  it('creates a new consumer and returns the temporary password once', async () => {
    const response = await create({ phone: '06 12 34 56 78', country: 'FR' });

    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.consumer.status).toBe('new');
    expect(body.consumer.phone).toBe('+33612345678');
    expect(body.consumer.mustChangePassword).toBe(true);
    expect(body.credentials.temporaryPassword).toMatch(/^[23456789A-HJ-NP-Z]{16}$/);
    const again = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/${body.consumer.id}`,
      headers: { cookie: admin },
    });
    expect(again.body).not.toContain(body.credentials.temporaryPassword);
    expect(t.logs()).not.toContain(body.credentials.temporaryPassword);
  });

  it('answers 409 consumer.email_taken for an address differing only by case', async () => {
    const first = await create({ email: 'Case.Test@Example.com' });
    const second = await create({ email: ' case.test@EXAMPLE.com ' });

    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('consumer.email_taken');
  });

  it('answers 400 naming each bad field', async () => {
    const response = await create({ firstName: '', email: 'a@@x', country: 'XX' });

    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'email', 'country']));
  });
});

describe('GET /api/admin/v1/consumers/search', () => {
  it('finds a consumer by folded name, email fragment and phone in several forms', async () => {
    const created = (await create({ firstName: 'Zoë', phone: '+33 6 98 76 54 32' })).json();
    const id = created.consumer.id;
    const local = created.consumer.email.split('@')[0];
    const queries = [
      'zoe ' + created.consumer.lastName.slice(0, 9),
      local.slice(2),
      '+33 6 98 76 54 32',
      '06 98 76 54 32',
      '698765432',
    ];

    for (const q of queries) {
      const response = await t.request({
        method: 'GET',
        url: `/api/admin/v1/consumers/search?q=${encodeURIComponent(q)}`,
        headers: { cookie: admin },
      });
      expect(response.statusCode, q).toBe(200);
      expect(
        response.json().items.map((c: { id: string }) => c.id),
        q,
      ).toContain(id);
    }
  });
});
