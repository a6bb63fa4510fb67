import { randomBytes } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  ConsumerCounts,
  ConsumerPage,
  ConsumerSummary,
  ConsumerView,
} from '../../src/contracts/consumers.js';
import { adminIdOf, buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer, forceActivate } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';
import { consumerInput } from '../helpers/factories.js';

const base = '/api/admin/v1/consumers';

let t: TestApp;
let admin: string;
let adminId: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
  adminId = await adminIdOf(t, admin);
});
afterAll(() => t.close());

const get = (url: string) => t.request({ method: 'GET', url, headers: { cookie: admin } });

async function listPage(query: Record<string, string | number> = {}): Promise<ConsumerPage> {
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]) => [key, String(value)]),
  );
  const response = await get(`${base}?${search}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function counts(): Promise<ConsumerCounts> {
  const response = await get(`${base}/counts`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function getOne(id: string): Promise<ConsumerView> {
  const response = await get(`${base}/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function edit(
  id: string,
  path: 'identity' | 'coordinates',
  payload: Record<string, string>,
  version?: number | string,
) {
  const ifMatch = version === undefined ? {} : { 'if-match': `"${version}"` };
  return t.request({
    method: 'PATCH',
    url: `${base}/${id}/${path}`,
    headers: { cookie: admin, ...ifMatch },
    payload,
  });
}

const idsOf = (items: { id: string }[]) => items.map((item) => item.id);

const fieldsOf = (body: { error: { details: { issues: { field: string }[] } } }) =>
  body.error.details.issues.map((issue) => issue.field);

interface EventRecord {
  id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  consumer_id: string | null;
  result: string;
  details: unknown;
}

function eventsOfConsumer(consumerId: string): Promise<EventRecord[]> {
  return queryRows<EventRecord>(
    t.database,
    sql`select id, actor_type, actor_id, action, consumer_id, result, details
      from events where consumer_id = ${consumerId} order by occurred_at, id`,
  );
}

async function totalEvents(): Promise<number> {
  const [row] = await queryRows<{ total: number | string }>(
    t.database,
    sql`select count(*) as total from events`,
  );
  return Number(row?.total ?? -1);
}

async function allConsumerIdsNewestFirst(status?: string): Promise<string[]> {
  const where = status ? sql`where status = ${status}` : sql``;
  const rows = await queryRows<{ id: string }>(
    t.database,
    sql`select id from consumers ${where} order by created_at desc, id desc`,
  );
  return rows.map((row) => row.id);
}

describe('GET /api/admin/v1/consumers', () => {
  it('lists consumers newest first', async () => {
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(60_000);
      created.push((await createConsumer(t, admin)).consumer.id);
    }

    const page = await listPage({ limit: 100 });

    expect(idsOf(page.items).slice(0, 3)).toEqual([...created].reverse());
    const times = page.items.map((item) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('returns summary rows only', async () => {
    await createConsumer(t, admin);

    const [item] = (await listPage({ limit: 1 })).items;

    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'country',
        'createdAt',
        'email',
        'firstName',
        'id',
        'lastName',
        'lastSignInAt',
        'phone',
        'status',
      ].sort(),
    );
  });

  it('pages with limit=2: nextCursor visits every row once, previousCursor goes back', async () => {
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1_000);
      await createConsumer(t, admin);
    }
    const expected = await allConsumerIdsNewestFirst();
    expect(expected.length).toBeGreaterThanOrEqual(5);

    const pages: ConsumerPage[] = [];
    let cursor: string | null = null;
    do {
      const page: ConsumerPage = await listPage(cursor ? { limit: 2, cursor } : { limit: 2 });
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.length).toBeLessThanOrEqual(2);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length <= expected.length);

    const visited = pages.flatMap((page) => idsOf(page.items));
    expect(visited).toEqual(expected);
    expect(new Set(visited).size).toBe(visited.length);
    expect(pages[0]?.previousCursor).toBeNull();
    expect(pages.at(-1)?.nextCursor).toBeNull();

    const [first, second] = pages;
    const back = await listPage({ limit: 2, cursor: second?.previousCursor ?? 'missing' });
    expect(idsOf(back.items)).toEqual(idsOf(first?.items ?? []));
    expect(back.previousCursor).toBeNull();
    expect(back.nextCursor).not.toBeNull();
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['valid base64 of junk JSON', Buffer.from('{"t":1}').toString('base64url')],
  ])('answers 400 naming cursor for a %s cursor', async (_label, cursor) => {
    const response = await get(`${base}?cursor=${encodeURIComponent(cursor)}`);

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.invalid_input');
    expect(fieldsOf(response.json())).toEqual(['cursor']);
  });
});

describe('filters and counts', () => {
  it('filter=new returns only new consumers, filter=activated only active ones', async () => {
    const fresh = (await createConsumer(t, admin)).consumer;
    const activated = (await createConsumer(t, admin)).consumer;
    await forceActivate(t, admin, activated.id);

    const newPage = await listPage({ filter: 'new', limit: 100 });
    const activePage = await listPage({ filter: 'activated', limit: 100 });
    const allPage = await listPage({ filter: 'all', limit: 100 });

    expect(newPage.items.length).toBeGreaterThan(0);
    expect(newPage.items.every((item: ConsumerSummary) => item.status === 'new')).toBe(true);
    expect(idsOf(newPage.items)).toContain(fresh.id);
    expect(idsOf(newPage.items)).not.toContain(activated.id);
    expect(idsOf(newPage.items)).toEqual(await allConsumerIdsNewestFirst('new'));

    expect(activePage.items.every((item: ConsumerSummary) => item.status === 'active')).toBe(true);
    expect(idsOf(activePage.items)).toContain(activated.id);
    expect(idsOf(activePage.items)).not.toContain(fresh.id);
    expect(idsOf(activePage.items)).toEqual(await allConsumerIdsNewestFirst('active'));

    expect(idsOf(allPage.items)).toEqual(expect.arrayContaining([fresh.id, activated.id]));
  });

  it('counts move by exactly one after a create, then after an activation', async () => {
    const before = await counts();
    const totals = await queryRows<{ status: string; total: number | string }>(
      t.database,
      sql`select status, count(*) as total from consumers group by status`,
    );
    const ofStatus = (status: string) =>
      Number(totals.find((row) => row.status === status)?.total ?? 0);
    expect(before).toEqual({
      all: totals.reduce((sum, row) => sum + Number(row.total), 0),
      new: ofStatus('new'),
      activated: ofStatus('active'),
    });

    const { consumer } = await createConsumer(t, admin);
    const afterCreate = await counts();
    expect(afterCreate).toEqual({
      all: before.all + 1,
      new: before.new + 1,
      activated: before.activated,
    });

    await forceActivate(t, admin, consumer.id);
    const afterActivation = await counts();
    expect(afterActivation).toEqual({
      all: before.all + 1,
      new: before.new,
      activated: before.activated + 1,
    });
  });
});

describe('concurrent create', () => {
  it('accepts one of two simultaneous creates differing only by case, 409 for the other', async () => {
    const unique = randomBytes(4).toString('hex');
    const emails = [`Race.${unique}@Example.com`, `race.${unique}@EXAMPLE.COM`];

    const responses = await Promise.all(
      emails.map((email) =>
        t.request({
          method: 'POST',
          url: base,
          headers: { cookie: admin },
          payload: consumerInput({ email }),
        }),
      ),
    );

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 409]);
    const refused = responses.find((response) => response.statusCode === 409);
    expect(refused?.json().error.code).toBe('consumer.email_taken');
    const rows = await queryRows<{ id: string }>(
      t.database,
      sql`select id from consumers where lower(email) = ${`race.${unique}@example.com`}`,
    );
    const accepted = responses.find((response) => response.statusCode === 201);
    expect(idsOf(rows)).toEqual([accepted?.json().consumer.id]);
  });
});

interface EditCase {
  path: 'identity' | 'coordinates';
  first: Record<string, string>;
  second: Record<string, string>;
}

describe.each<EditCase>([
  {
    path: 'identity',
    first: { firstName: 'Anaïs', lastName: 'Dupont', country: 'BE' },
    second: { firstName: 'Léa', lastName: 'Durand', country: 'CH' },
  },
  {
    path: 'coordinates',
    first: {
      email: `first.${randomBytes(4).toString('hex')}@example.com`,
      phone: '06 11 22 33 44',
    },
    second: {
      email: `second.${randomBytes(4).toString('hex')}@example.com`,
      phone: '06 55 66 77 88',
    },
  },
])('PATCH /:consumerId/$path optimistic concurrency (SR-108)', ({ path, first, second }) => {
  const valuesOf = (view: ConsumerView) =>
    path === 'identity'
      ? { firstName: view.firstName, lastName: view.lastName, country: view.country }
      : { email: view.email, phone: view.phone };
  const expectedOf = (payload: Record<string, string>) =>
    path === 'identity'
      ? payload
      : { email: payload.email, phone: `+33${(payload.phone ?? '').replaceAll(' ', '').slice(1)}` };

  it('answers 428 without If-Match and changes nothing', async () => {
    const { consumer } = await createConsumer(t, admin);
    const totalBefore = await totalEvents();

    const response = await edit(consumer.id, path, first);

    expect(response.statusCode).toBe(428);
    expect(response.json().error.code).toBe('consumer.version_required');
    const after = await getOne(consumer.id);
    expect(after.version).toBe(consumer.version);
    expect(valuesOf(after)).toEqual(valuesOf(consumer));
    expect(await totalEvents()).toBe(totalBefore);
  });

  it('saves with the current version, then 412 with the current record for a stale one', async () => {
    const { consumer } = await createConsumer(t, admin);
    const initial = await get(`${base}/${consumer.id}`);
    expect(initial.headers.etag).toBe(`"${consumer.version}"`);

    const saved = await edit(consumer.id, path, first, consumer.version);
    expect(saved.statusCode, saved.body).toBe(200);
    const savedView: ConsumerView = saved.json();
    expect(savedView.version).toBe(consumer.version + 1);
    expect(saved.headers.etag).toBe(`"${consumer.version + 1}"`);
    expect(valuesOf(savedView)).toEqual(expectedOf(first));

    const totalBeforeStale = await totalEvents();
    const stale = await edit(consumer.id, path, second, consumer.version);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('consumer.version_mismatch');
    const current: ConsumerView = stale.json().error.details.current;
    expect(current.id).toBe(consumer.id);
    expect(current.version).toBe(savedView.version);
    expect(valuesOf(current)).toEqual(expectedOf(first));
    expect(await getOne(consumer.id)).toEqual(savedView);
    expect(await totalEvents()).toBe(totalBeforeStale);

    const again = await edit(consumer.id, path, second, current.version);
    expect(again.statusCode, again.body).toBe(200);
    const againView: ConsumerView = again.json();
    expect(againView.version).toBe(current.version + 1);
    expect(again.headers.etag).toBe(`"${current.version + 1}"`);
    expect(valuesOf(againView)).toEqual(expectedOf(second));
    const reread = await get(`${base}/${consumer.id}`);
    expect(reread.headers.etag).toBe(`"${againView.version}"`);
    expect(valuesOf(reread.json())).toEqual(expectedOf(second));
  });

  it('lets exactly one of eight parallel saves of one version win, with one event', async () => {
    const { consumer } = await createConsumer(t, admin);
    const eventsBefore = (await eventsOfConsumer(consumer.id)).length;
    const payloads = Array.from({ length: 8 }, (_, index) =>
      path === 'identity'
        ? { ...first, lastName: `Racer-${index}` }
        : { ...first, email: `racer.${index}.${randomBytes(4).toString('hex')}@example.com` },
    );

    const responses = await Promise.all(
      payloads.map((payload) => edit(consumer.id, path, payload, consumer.version)),
    );

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
    const winner = responses.findIndex((response) => response.statusCode === 200);
    const stored = await getOne(consumer.id);
    expect(stored.version).toBe(consumer.version + 1);
    expect(stored).toEqual(responses[winner]?.json());
    expect(valuesOf(stored)).toEqual(expectedOf(payloads[winner] ?? {}));
    expect((await eventsOfConsumer(consumer.id)).length).toBe(eventsBefore + 1);
  });
});

describe('refused identity edits lose nothing', () => {
  it.each([
    ['an unknown country', { country: 'XX' }, 'country'],
    ['an empty first name', { firstName: '' }, 'firstName'],
  ])('answers 400 for %s and keeps record, version and log', async (_label, bad, field) => {
    const { consumer } = await createConsumer(t, admin);
    const eventsBefore = await eventsOfConsumer(consumer.id);
    const totalBefore = await totalEvents();

    const response = await edit(
      consumer.id,
      'identity',
      { firstName: 'Valid', lastName: 'Name', country: 'DE', ...bad },
      consumer.version,
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.invalid_input');
    expect(fieldsOf(response.json())).toEqual([field]);
    expect(await getOne(consumer.id)).toEqual(consumer);
    expect(await eventsOfConsumer(consumer.id)).toEqual(eventsBefore);
    expect(await totalEvents()).toBe(totalBefore);
  });
});

describe('event log', () => {
  it('a create writes one event by the admin, without the temporary password', async () => {
    const totalBefore = await totalEvents();

    const { consumer, temporaryPassword } = await createConsumer(t, admin);

    expect(await totalEvents()).toBe(totalBefore + 1);
    const rows = await eventsOfConsumer(consumer.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_type: 'admin',
      actor_id: adminId,
      action: 'consumer.created',
      consumer_id: consumer.id,
      result: 'success',
    });
    expect(JSON.stringify(rows)).not.toContain(temporaryPassword);
  });

  it('an identity edit writes one event by the admin for that consumer', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    const totalBefore = await totalEvents();

    const response = await edit(
      consumer.id,
      'identity',
      { firstName: 'Émile', lastName: consumer.lastName, country: 'BE' },
      consumer.version,
    );

    expect(response.statusCode, response.body).toBe(200);
    expect(await totalEvents()).toBe(totalBefore + 1);
    const rows = await eventsOfConsumer(consumer.id);
    expect(rows.map((row) => row.action)).toEqual([
      'consumer.created',
      'consumer.identity_updated',
    ]);
    expect(rows[1]).toMatchObject({
      actor_type: 'admin',
      actor_id: adminId,
      consumer_id: consumer.id,
      result: 'success',
    });
    expect(rows[1]?.details).toEqual({
      changes: [{ field: 'firstName' }, { field: 'country', before: 'FR', after: 'BE' }],
    });
    expect(JSON.stringify(rows)).not.toContain(temporaryPassword);
  });

  it('a coordinates edit writes one event by the admin for that consumer', async () => {
    const { consumer, temporaryPassword } = await createConsumer(t, admin);
    const totalBefore = await totalEvents();

    const response = await edit(
      consumer.id,
      'coordinates',
      { email: consumer.email, phone: '06 99 88 77 66' },
      consumer.version,
    );

    expect(response.statusCode, response.body).toBe(200);
    expect(await totalEvents()).toBe(totalBefore + 1);
    const rows = await eventsOfConsumer(consumer.id);
    expect(rows.map((row) => row.action)).toEqual([
      'consumer.created',
      'consumer.coordinates_updated',
    ]);
    expect(rows[1]).toMatchObject({ actor_type: 'admin', actor_id: adminId });
    expect(rows[1]?.details).toEqual({ changes: [{ field: 'phone' }] });
    expect(JSON.stringify(rows)).not.toContain(temporaryPassword);
  });
});

describe('GET /api/admin/v1/consumers/:consumerId', () => {
  it('answers 404 consumer.not_found for an unknown UUID', async () => {
    const response = await get(`${base}/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b`);

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('consumer.not_found');
  });

  it('answers 400 naming consumerId for an id that is not a UUID', async () => {
    const response = await get(`${base}/not-a-uuid`);

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.invalid_input');
    expect(fieldsOf(response.json())).toEqual(['consumerId']);
  });
});
