import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { consumerInput } from '../helpers/factories.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

async function createConsumer(overrides = {}) {
  const response = await t.request({
    method: 'POST',
    url: '/api/admin/v1/consumers',
    headers: { cookie: admin },
    payload: consumerInput(overrides),
  });
  return response.json() as {
    consumer: { id: string; email: string };
    credentials: { temporaryPassword: string };
  };
}

async function signIn(email: string, password: string) {
  return t.request({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
}

const action = (id: string, path: string) =>
  t.request({
    method: 'POST',
    url: `/api/admin/v1/consumers/${id}/${path}`,
    headers: { cookie: admin },
  });

describe('console account actions', () => {
  it('POST …/suspend ends live sessions and voids the temporary password (SR-45)', async () => {
    const { consumer, credentials } = await createConsumer();
    const session = cookieHeader(await signIn(consumer.email, credentials.temporaryPassword));

    const suspended = await action(consumer.id, 'suspend');

    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', protected: false });
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } });
    expect(me.statusCode).toBe(401);
    const again = await signIn(consumer.email, credentials.temporaryPassword);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('auth.invalid_credentials');
  });

  it('POST …/restore returns the account to its earlier state and asks for verification', async () => {
    const { consumer } = await createConsumer();
    await action(consumer.id, 'force-activation');
    await action(consumer.id, 'suspend');

    const restored = await action(consumer.id, 'restore');

    expect(restored.json()).toMatchObject({ status: 'active', verificationRequired: true });
    expect((await action(consumer.id, 'restore')).json().error.code).toBe('consumer.not_suspended');
  });

  it('POST …/force-activation answers 409 when the account is already active', async () => {
    const { consumer } = await createConsumer();

    const first = await action(consumer.id, 'force-activation');
    const second = await action(consumer.id, 'force-activation');

    expect(first.json().status).toBe('active');
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('consumer.already_activated');
  });

  it('protected test accounts cannot be suspended or deleted: 422, unchanged, nothing logged', async () => {
    const { consumer } = await createConsumer({ email: 'Qa_Te5t1@OWOXO.dev' });
    const activated = await action(consumer.id, 'force-activation');

    const suspend = await action(consumer.id, 'suspend');
    const remove = await t.request({
      method: 'DELETE',
      url: `/api/admin/v1/consumers/${consumer.id}`,
      headers: { cookie: admin },
    });

    expect(suspend.statusCode).toBe(422);
    expect(suspend.json().error.code).toBe('consumer.protected');
    expect(remove.statusCode).toBe(422);
    expect(remove.json().error.code).toBe('consumer.protected');
    const after = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/${consumer.id}`,
      headers: { cookie: admin },
    });
    expect(after.json()).toMatchObject({
      status: 'active',
      version: activated.json().version,
      protected: true,
    });
    const logged = await t.request({
      method: 'GET',
      url: `/api/admin/v1/events?consumerId=${consumer.id}&limit=100`,
      headers: { cookie: admin },
    });
    const actions = logged.json().items.map((event: { action: string }) => event.action);
    expect(actions).toEqual(['consumer.force_activated', 'consumer.created']);
  });

  it('a protected test account cannot have its address moved out of the pattern: 422 on email', async () => {
    const { consumer } = await createConsumer({ email: 'zz_zzzzz@owoxo.dev', phone: '' });
    const editCoordinates = (email: string, version: number) =>
      t.request({
        method: 'PATCH',
        url: `/api/admin/v1/consumers/${consumer.id}/coordinates`,
        headers: { cookie: admin, 'if-match': `"${version}"` },
        payload: { email, phone: '' },
      });

    const leaving = await editCoordinates('unprotected.now@example.com', 1);
    const staying = await editCoordinates('ZZ_yyyyy@owoxo.dev', 1);
    const remove = await t.request({
      method: 'DELETE',
      url: `/api/admin/v1/consumers/${consumer.id}`,
      headers: { cookie: admin },
    });

    expect(leaving.statusCode).toBe(422);
    expect(leaving.json().error).toMatchObject({
      code: 'consumer.protected',
      details: { issues: [{ field: 'email' }] },
    });
    expect(staying.statusCode, staying.body).toBe(200);
    expect(staying.json()).toMatchObject({ email: 'ZZ_yyyyy@owoxo.dev', version: 2 });
    expect(remove.statusCode).toBe(422);
  });

  it('POST …/password-reset issues a new temporary password and ends sessions', async () => {
    const { consumer, credentials } = await createConsumer();
    const session = cookieHeader(await signIn(consumer.email, credentials.temporaryPassword));

    const reset = await action(consumer.id, 'password-reset');

    const fresh = reset.json().credentials.temporaryPassword;
    expect(fresh).not.toBe(credentials.temporaryPassword);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } });
    expect(me.statusCode).toBe(401);
    expect((await signIn(consumer.email, credentials.temporaryPassword)).statusCode).toBe(401);
    expect((await signIn(consumer.email, fresh)).statusCode).toBe(200);
    expect(t.logs()).not.toContain(fresh);
  });

  it('DELETE …/:id removes the account so its address signs in like an unknown one', async () => {
    const { consumer, credentials } = await createConsumer();

    const removed = await t.request({
      method: 'DELETE',
      url: `/api/admin/v1/consumers/${consumer.id}`,
      headers: { cookie: admin },
    });

    expect(removed.statusCode).toBe(204);
    const get = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/${consumer.id}`,
      headers: { cookie: admin },
    });
    expect(get.statusCode).toBe(404);
    const signInAfter = await signIn(consumer.email, credentials.temporaryPassword);
    const unknown = await signIn('nobody@example.com', credentials.temporaryPassword);
    expect(signInAfter.statusCode).toBe(401);
    expect(signInAfter.body).toBe(unknown.body);
  });

  it('PUT …/project-limit refuses values outside 0 to 10,000 with a field error', async () => {
    const { consumer } = await createConsumer();
    const put = (projectLimit: unknown) =>
      t.request({
        method: 'PUT',
        url: `/api/admin/v1/consumers/${consumer.id}/project-limit`,
        headers: { cookie: admin },
        payload: { projectLimit },
      });

    const tooLarge = await put(10_001);
    const fraction = await put(2.5);
    const ok = await put(7);

    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().error.details.issues[0].field).toBe('projectLimit');
    expect(fraction.statusCode).toBe(400);
    expect(ok.json().projectLimit).toBe(7);
  });
});
