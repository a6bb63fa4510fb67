import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ConsumerPage } from '../../src/contracts/consumers.js';
import { quadgramsOf } from '../../src/server/modules/consumers/consumers.search.js';
import { buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer } from '../helpers/consumers.js';
import { queryRows } from '../helpers/database.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

async function searchEmails(q: string): Promise<string[]> {
  const response = await t.request({
    method: 'GET',
    url: `/api/admin/v1/consumers/search?q=${encodeURIComponent(q)}`,
    headers: { cookie: admin },
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as ConsumerPage).items.map((item) => item.email);
}

describe('consumer_email_quadgrams()', () => {
  it('cuts an address exactly as the search does, so the index can answer every fragment', async () => {
    const samples = ['zoë.müller@example.com', 'a😀bcdé@x.io', 'abc', 'ab@c', 'aaaaaa@aaaa.aa'];

    for (const sample of samples) {
      const [row] = await queryRows<{ grams: string[] }>(
        t.database,
        sql`select consumer_email_quadgrams(${sample}) as grams`,
      );
      expect(new Set(row?.grams), sample).toEqual(new Set(quadgramsOf(sample)));
    }
  });
});

describe('GET /api/admin/v1/consumers/search by address fragment', () => {
  it('finds an address by a fragment of any length from three characters, in any case', async () => {
    const email = 'quillon.varga.77@fjordmail.example';
    await createConsumer(t, admin, { email });

    for (const fragment of ['llo', 'illon', 'ON.VARGA.77', 'fjordmail.exam', 'a.77@fjord']) {
      expect(await searchEmails(fragment), fragment).toContain(email);
    }
  });

  it('finds a fragment with accents and characters outside the BMP', async () => {
    const email = 'renée.😀smile@example.org';
    await createConsumer(t, admin, { email });

    expect(await searchEmails('renée.😀s')).toContain(email);
  });

  it('does not return an address holding every quadgram of the fragment but not the fragment', async () => {
    // "abcdbcde" cuts into abcd, bcdb, cdbc, dbcd and bcde: this address holds all five, apart.
    const decoy = 'abcdx.bcdbx.cdbcx.dbcdx.bcde@example.net';
    const match = 'zz.abcdbcde@example.net';
    await createConsumer(t, admin, { email: decoy });
    await createConsumer(t, admin, { email: match });

    const found = await searchEmails('abcdbcde');

    expect(found).toContain(match);
    expect(found).not.toContain(decoy);
  });
});

describe('GET /api/admin/v1/consumers/search pages', () => {
  async function searchPage(q: string, cursor?: string): Promise<ConsumerPage> {
    const query = new URLSearchParams({ q, limit: '2', ...(cursor ? { cursor } : {}) });
    const response = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/search?${query}`,
      headers: { cookie: admin },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('walks every match once, exact names first, and Previous returns the page before', async () => {
    const exact = ['Wendeline', 'Wendeline', 'Wendeline'];
    const longer = ['Wendelinetti', 'Wendelinez'];
    for (const lastName of [...longer, ...exact]) await createConsumer(t, admin, { lastName });

    const pages: ConsumerPage[] = [await searchPage('wendeline')];
    for (let cursor = pages[0]?.nextCursor; cursor; cursor = pages.at(-1)?.nextCursor) {
      pages.push(await searchPage('wendeline', cursor));
    }
    const names = pages.flatMap((page) => page.items.map((item) => item.lastName));
    const ids = pages.flatMap((page) => page.items.map((item) => item.id));
    const back = await searchPage('wendeline', pages[1]?.previousCursor ?? undefined);

    expect(names.slice(0, 3)).toEqual(exact);
    expect(new Set(names.slice(3))).toEqual(new Set(longer));
    expect(new Set(ids).size).toBe(5);
    expect(back.items.map((item) => item.id)).toEqual(pages[0]?.items.map((item) => item.id));
  });
});
