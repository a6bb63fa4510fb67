import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventItem, EventPage } from '../../src/contracts/events.js';
import { insertAdmin } from '../../src/server/modules/admins/admins.repository.js';
import { sqlState } from '../../src/server/shared/db-errors.js';
import { newId } from '../../src/server/shared/ids.js';
import { hashPassword } from '../../src/server/shared/passwords.js';
import { adminIdOf, buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import {
  createConsumer,
  createSignedInConsumer,
  forceActivate,
  signInConsumer,
} from '../helpers/consumers.js';
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

function listEvents(query: Record<string, string | number> = {}, cookie = admin) {
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]) => [key, String(value)]),
  );
  return t.request({ method: 'GET', url: `/api/admin/v1/events?${search}`, headers: { cookie } });
}

async function eventsOf(query: Record<string, string | number>): Promise<EventItem[]> {
  const response = await listEvents({ limit: 100, ...query });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as EventPage).items;
}

const adminAction = (id: string, path: string, method: 'POST' | 'PUT' | 'DELETE' = 'POST') =>
  t.request({ method, url: `/api/admin/v1/consumers/${id}${path}`, headers: { cookie: admin } });

/** A second console account, to tell administrators apart. */
async function signInOtherAdmin(): Promise<{ id: string; cookie: string }> {
  const id = newId();
  const email = `second.${id.slice(-6)}@example.com`;
  const password = 'another long passphrase';
  const passwordHash = await hashPassword(password);
  await t.database.handle.db.transaction((tx) =>
    insertAdmin(tx, {
      id,
      email,
      emailKey: email,
      name: 'Second',
      role: 'admin',
      passwordHash,
      createdAt: t.clock.now(),
    }),
  );
  const response = await t.request({
    method: 'POST',
    url: '/api/admin/v1/session',
    payload: { email, password },
  });
  return { id, cookie: cookieHeader(response) };
}

describe('GET /api/admin/v1/events', () => {
  it('answers 401 auth.unauthenticated without an admin session', async () => {
    const response = await t.request({ method: 'GET', url: '/api/admin/v1/events' });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('auth.unauthenticated');
  });

  it('lists newest first with actor, consumer and before → after of a suspension', async () => {
    const { consumer } = await createConsumer(t, admin);
    await forceActivate(t, admin, consumer.id);
    await adminAction(consumer.id, '/suspend');

    const [suspended, activated, created] = await eventsOf({ consumerId: consumer.id });

    expect([suspended?.action, activated?.action, created?.action]).toEqual([
      'consumer.suspended',
      'consumer.force_activated',
      'consumer.created',
    ]);
    expect(suspended).toMatchObject({
      actor: { type: 'admin', id: adminId, label: 'owner@example.com' },
      actionLabel: 'Account suspended',
      consumer: { id: consumer.id, label: `${consumer.firstName} ${consumer.lastName}` },
      result: 'success',
      reason: null,
      ip: '127.0.0.1',
      changes: [{ field: 'status', before: 'active', after: 'suspended' }],
    });
    expect(activated?.changes).toContainEqual({ field: 'status', before: 'new', after: 'active' });
  });

  it('shows project limit and two-step changes as before → after', async () => {
    const { consumer } = await createConsumer(t, admin);
    await t.request({
      method: 'PUT',
      url: `/api/admin/v1/consumers/${consumer.id}/project-limit`,
      headers: { cookie: admin },
      payload: { projectLimit: 5 },
    });
    await t.request({
      method: 'PUT',
      url: `/api/admin/v1/consumers/${consumer.id}/two-step`,
      headers: { cookie: admin },
      payload: { enabled: true },
    });

    const [twoStep, limit] = await eventsOf({ consumerId: consumer.id });

    expect(limit?.changes).toEqual([{ field: 'projectLimit', before: 0, after: 5 }]);
    expect(twoStep?.changes).toEqual([{ field: 'twoStep', before: false, after: true }]);
  });

  it('names the changed personal fields without their values (SR-102)', async () => {
    const { consumer } = await createConsumer(t, admin);
    const newEmail = `moved.${newId().slice(-8)}@example.com`;
    await t.request({
      method: 'PATCH',
      url: `/api/admin/v1/consumers/${consumer.id}/coordinates`,
      headers: { cookie: admin, 'if-match': `"${consumer.version}"` },
      payload: { email: newEmail, phone: consumer.phone ?? '' },
    });

    const response = await listEvents({
      consumerId: consumer.id,
      action: 'consumer.coordinates_updated',
    });
    const stored = await queryRows<{ details: unknown }>(
      t.database,
      sql`select details from events where consumer_id = ${consumer.id}`,
    );

    expect(response.json().items[0].changes).toEqual([{ field: 'email' }]);
    expect(stored.map((row) => row.details)).toContainEqual({ changes: [{ field: 'email' }] });
    expect(response.body).not.toContain(newEmail);
    expect(response.body).not.toContain(consumer.email);
    expect(JSON.stringify(stored)).not.toContain(newEmail);
    expect(JSON.stringify(stored)).not.toContain(consumer.email);
  });

  it('keeps a deleted account’s entries, with no label for the account', async () => {
    const { consumer } = await createConsumer(t, admin);
    await adminAction(consumer.id, '', 'DELETE');

    const [deleted] = await eventsOf({ consumerId: consumer.id });

    expect(deleted?.action).toBe('consumer.deleted');
    expect(deleted?.consumer).toEqual({ id: consumer.id, label: null });
    expect(deleted?.changes).toEqual([{ field: 'status', before: 'new', after: 'deleted' }]);
  });

  it('pages through more than one page with next and previous cursors, never repeating', async () => {
    const { consumer } = await createConsumer(t, admin);
    for (const limit of [1, 2, 3, 4, 5, 6, 7]) {
      await t.request({
        method: 'PUT',
        url: `/api/admin/v1/consumers/${consumer.id}/project-limit`,
        headers: { cookie: admin },
        payload: { projectLimit: limit },
      });
    }
    const filter = { consumerId: consumer.id, limit: 3 };

    const first = (await listEvents(filter)).json() as EventPage;
    const second = (await listEvents({ ...filter, cursor: first.nextCursor ?? '' })).json();
    const third = (await listEvents({ ...filter, cursor: second.nextCursor ?? '' })).json();
    const back = (await listEvents({ ...filter, cursor: second.previousCursor ?? '' })).json();

    const ids = [first, second, third].flatMap((page: EventPage) => page.items.map((e) => e.id));
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    expect(first.previousCursor).toBeNull();
    expect(third.items).toHaveLength(2);
    expect(third.nextCursor).toBeNull();
    expect(third.items.at(-1)?.action).toBe('consumer.created');
    expect(back.items.map((e: EventItem) => e.id)).toEqual(first.items.map((e) => e.id));
    expect(first.items[0]?.changes).toEqual([{ field: 'projectLimit', before: 6, after: 7 }]);
  });

  it('filters by administrator and by action', async () => {
    const other = await signInOtherAdmin();
    const { consumer } = await createConsumer(t, other.cookie);

    const byOther = await eventsOf({ adminId: other.id });
    const byOwner = await eventsOf({ adminId, action: 'consumer.created' });
    const signIns = await eventsOf({ action: 'admin.sign_in' });

    expect(byOther.map((e) => e.action).sort()).toEqual(['admin.sign_in', 'consumer.created']);
    expect(byOther.every((e) => e.actor.id === other.id)).toBe(true);
    expect(byOwner.map((e) => e.consumer?.id)).not.toContain(consumer.id);
    expect(byOwner.every((e) => e.action === 'consumer.created')).toBe(true);
    expect(signIns.map((e) => e.actor.id)).toEqual(expect.arrayContaining([adminId, other.id]));
  });

  it('filters by date range, a date alone covering its whole day', async () => {
    t.clock.set(new Date('2026-07-10T23:50:00Z'));
    admin = await t.signInAdmin();
    const { consumer } = await createConsumer(t, admin);
    t.clock.set(new Date('2026-07-11T00:10:00Z'));
    await adminAction(consumer.id, '/force-activation');
    const base = { consumerId: consumer.id };

    const tenth = await eventsOf({ ...base, from: '2026-07-10', to: '2026-07-10' });
    const eleventh = await eventsOf({ ...base, from: '2026-07-11' });
    const both = await eventsOf({ ...base, from: '2026-07-10T23:45:00Z', to: '2026-07-11' });

    expect(tenth.map((e) => e.action)).toEqual(['consumer.created']);
    expect(eleventh.map((e) => e.action)).toEqual(['consumer.force_activated']);
    expect(both).toHaveLength(2);
  });

  it('answers 400 naming the field for a range that ends before it starts, or a bad filter', async () => {
    const reversed = await listEvents({ from: '2026-06-02', to: '2026-06-01' });
    const badAction = await listEvents({ action: 'consumer.teleported' });
    const badDate = await listEvents({ from: 'yesterday' });
    const badCursor = await listEvents({ cursor: 'not-a-cursor' });

    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details.issues).toEqual([
      { field: 'to', message: expect.any(String) },
    ]);
    for (const [field, response] of [
      ['action', badAction],
      ['from', badDate],
      ['cursor', badCursor],
    ] as const) {
      expect(response.statusCode, field).toBe(400);
      expect(response.json().error.code, field).toBe('validation.invalid_input');
      expect(response.json().error.details.issues[0].field, field).toBe(field);
    }
  });
});

describe('sign-in outcomes in the event log (SR-92)', () => {
  it('records success, wrong password, suspended and a wrong second-step code', async () => {
    const person = await createSignedInConsumer(t, admin, { activate: true });
    const id = person.consumer.id;
    await signInConsumer(t, person.consumer.email, 'not the password at all');
    await t.request({
      method: 'PUT',
      url: `/api/admin/v1/consumers/${id}/two-step`,
      headers: { cookie: admin },
      payload: { enabled: true },
    });
    const challenge = cookieHeader(await signInConsumer(t, person.consumer.email, person.password));
    await t.request({
      method: 'POST',
      url: '/api/v1/session/two-step',
      headers: { cookie: challenge },
      payload: { code: '000000' },
    });
    await adminAction(id, '/suspend');
    await signInConsumer(t, person.consumer.email, person.password);

    const outcomes = (await eventsOf({ consumerId: id }))
      .filter((e) => e.action === 'consumer.sign_in' || e.action === 'consumer.two_step')
      .map((e) => [e.action, e.result, e.reason, e.actor.type]);

    expect(outcomes).toEqual([
      ['consumer.sign_in', 'failure', 'suspended', 'consumer'],
      ['consumer.two_step', 'failure', 'invalid_code', 'consumer'],
      ['consumer.sign_in', 'failure', 'invalid_credentials', 'consumer'],
      ['consumer.sign_in', 'success', null, 'consumer'],
    ]);
  });

  it('labels a consumer actor with the consumer’s name', async () => {
    const person = await createSignedInConsumer(t, admin, { activate: true });

    const [changed] = await eventsOf({
      consumerId: person.consumer.id,
      action: 'consumer.password_changed',
    });

    expect(changed?.actor).toEqual({
      type: 'consumer',
      id: person.consumer.id,
      label: `Consumer ${person.consumer.firstName} ${person.consumer.lastName}`,
    });
    expect(changed?.changes).toEqual([
      { field: 'password' },
      { field: 'mustChangePassword', before: true, after: false },
    ]);
  });
});

describe('the events table (SR-96)', () => {
  it('has an index in list order for each filter, so a page is an index scan', async () => {
    const filters = {
      events_consumer_idx: sql`consumer_id = ${newId()}`,
      events_actor_idx: sql`actor_type = 'admin' and actor_id = ${adminId}`,
      events_action_idx: sql`action = 'consumer.created'`,
      events_occurred_idx: sql`occurred_at >= now() - interval '1 day'`,
    };

    for (const [index, where] of Object.entries(filters)) {
      const plan = await t.database.handle.db.transaction(async (tx) => {
        // Tiny test tables make a scan and a sort cheapest; forbid both, so the plan shows
        // whether an index can serve the filter and the order at once.
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_sort = off`);
        const result = await tx.execute(
          sql`explain select id from events where ${where}
              order by occurred_at desc, id desc limit 21`,
        );
        return JSON.stringify(result.rows);
      });

      expect(plan, index).toContain(index);
      expect(plan, index).not.toMatch(/\bSort\b/);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE by SQL with insufficient_privilege', async () => {
    await createConsumer(t, admin);
    const [before] = await queryRows<{ total: number }>(
      t.database,
      sql`select count(*)::int as total from events`,
    );
    const statements = [
      sql`update events set action = 'consumer.forged'`,
      sql`delete from events`,
      sql`truncate events`,
    ];

    for (const statement of statements) {
      const refusal = await t.database.handle.db.execute(statement).then(
        () => 'accepted',
        (failure: unknown) => sqlState(failure),
      );
      expect(refusal).toBe('42501');
    }
    const [after] = await queryRows<{ total: number; forged: number }>(
      t.database,
      sql`select count(*)::int as total,
                 count(*) filter (where action = 'consumer.forged')::int as forged from events`,
    );
    expect(after).toEqual({ total: before?.total, forged: 0 });
  });
});
