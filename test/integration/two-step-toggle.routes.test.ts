import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventPage } from '../../src/contracts/events.js';
import { adminIdOf, buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer, createSignedInConsumer, signInConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';

let t: TestApp;
let admin: string;
let adminId: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
  adminId = await adminIdOf(t, admin);
});
afterAll(() => t.close());

const setTwoStep = (id: string, enabled: boolean) =>
  t.request({
    method: 'PUT',
    url: `/api/admin/v1/consumers/${id}/two-step`,
    headers: { cookie: admin },
    payload: { enabled },
  });

async function eventsOf(id: string, action: string) {
  const response = await t.request({
    method: 'GET',
    url: `/api/admin/v1/events?consumerId=${id}&action=${action}`,
    headers: { cookie: admin },
  });
  return (response.json() as EventPage).items;
}

interface QueuedNotice {
  subject: string;
  body: string | null;
  contains_secret: boolean;
}

const noticesTo = (id: string) =>
  queryRows<QueuedNotice>(
    t.database,
    sql`select subject, body, contains_secret from messages
        where consumer_id = ${id} and template = 'two_step_notice' order by created_at`,
  );

const sessionsOf = async (id: string) => {
  const [row] = await queryRows<{ total: number }>(
    t.database,
    sql`select count(*)::int as total from consumer_sessions where consumer_id = ${id}`,
  );
  return row?.total ?? 0;
};

const whoAmI = (cookie: string) =>
  t.request({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

describe('PUT /api/admin/v1/consumers/:consumerId/two-step (SR-26)', () => {
  it('saves for an unverified email, with one event and one notice', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);

    const saved = await setTwoStep(consumer.id, true);

    expect(saved.statusCode).toBe(200);
    expect(saved.json().twoStepEnabled).toBe(true);
    const logged = await eventsOf(consumer.id, 'consumer.two_step_enabled');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actor: { type: 'admin', id: adminId },
      consumer: { id: consumer.id },
      result: 'success',
      changes: [{ field: 'twoStep', before: false, after: true }],
    });
    const notices = await noticesTo(consumer.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.contains_secret).toBe(false);
    expect(notices[0]?.body).not.toMatch(/\d{6}/);
    expect(notices[0]?.body).not.toContain(temporaryPassword);
    expect((await signInConsumer(t, consumer.email, temporaryPassword)).statusCode).toBe(202);
  });

  it('turning it off logs and notifies too, and the next sign-in needs no code', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    await setTwoStep(consumer.id, true);

    const saved = await setTwoStep(consumer.id, false);

    expect(saved.statusCode).toBe(200);
    expect(saved.json().twoStepEnabled).toBe(false);
    expect(await eventsOf(consumer.id, 'consumer.two_step_disabled')).toHaveLength(1);
    expect((await noticesTo(consumer.id)).map((notice) => notice.subject)).toEqual([
      'Two-step verification is on',
      'Two-step verification is off',
    ]);
    expect((await signInConsumer(t, consumer.email, temporaryPassword)).statusCode).toBe(200);
  });

  it('saving the same choice again still saves, logs and notifies', async () => {
    const { consumer } = await createConsumer(t, admin);
    await setTwoStep(consumer.id, true);

    const again = await setTwoStep(consumer.id, true);

    expect(again.statusCode).toBe(200);
    expect(await eventsOf(consumer.id, 'consumer.two_step_enabled')).toHaveLength(2);
    expect(await noticesTo(consumer.id)).toHaveLength(2);
  });

  it('neither opens nor ends a session: a signed-in device stays signed in', async () => {
    const person = await createSignedInConsumer(t, admin, { activate: true });
    const before = await sessionsOf(person.consumer.id);

    await setTwoStep(person.consumer.id, true);
    const afterEnabling = await sessionsOf(person.consumer.id);
    await setTwoStep(person.consumer.id, false);
    const afterDisabling = await sessionsOf(person.consumer.id);

    expect(before).toBe(1);
    expect([afterEnabling, afterDisabling]).toEqual([1, 1]);
    expect((await whoAmI(person.cookie)).statusCode).toBe(200);
  });

  it('answers 404 consumer.not_found for an unknown id, logging and mailing nothing', async () => {
    const unknown = '0190a5c4-0000-7000-8000-0000000000ff';

    const response = await setTwoStep(unknown, true);

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('consumer.not_found');
    expect(await eventsOf(unknown, 'consumer.two_step_enabled')).toHaveLength(0);
    expect(await noticesTo(unknown)).toHaveLength(0);
  });
});
