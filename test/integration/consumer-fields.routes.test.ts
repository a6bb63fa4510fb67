import { randomBytes } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CreateConsumerBody } from '../../src/contracts/consumers.js';
import { buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer } from '../helpers/consumers.js';
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
const unique = () => randomBytes(4).toString('hex');

function create(overrides: Partial<CreateConsumerBody>) {
  return t.request({
    method: 'POST',
    url: base,
    headers: { cookie: admin },
    payload: consumerInput(overrides),
  });
}

const get = (url: string) => t.request({ method: 'GET', url, headers: { cookie: admin } });

function fieldsOf(response: { json(): { error: { details?: { issues?: { field: string }[] } } } }) {
  return (response.json().error.details?.issues ?? []).map((issue) => issue.field);
}

/** An address of exactly `length` characters. */
function emailOfLength(length: number): string {
  const domain = `@${unique()}.example.com`;
  return 'a'.repeat(length - domain.length) + domain;
}

describe('field size limits (SR-72)', () => {
  it.each([
    ['firstName', 100],
    ['lastName', 100],
  ] as const)(
    '%s: %i characters are accepted, one more is refused naming it',
    async (field, max) => {
      const longest = await create({ [field]: `${unique()}${'é'.repeat(max - 8)}` });
      const tooLong = await create({ [field]: `${unique()}${'é'.repeat(max - 7)}` });

      expect(longest.statusCode).toBe(201);
      expect([...longest.json().consumer[field]]).toHaveLength(max);
      expect(tooLong.statusCode).toBe(400);
      expect(fieldsOf(tooLong)).toEqual([field]);
    },
  );

  it('email: 254 characters are accepted, 255 are refused naming it', async () => {
    const longest = await create({ email: emailOfLength(254) });
    const tooLong = await create({ email: emailOfLength(255) });

    expect(longest.statusCode).toBe(201);
    expect(tooLong.statusCode).toBe(400);
    expect(fieldsOf(tooLong)).toEqual(['email']);
  });

  it('phone: 32 typed characters are accepted, 33 are refused naming it', async () => {
    const spaced = (gaps: number) => `+44${' '.repeat(gaps)}20 7946 0958`;

    const longest = await create({ phone: spaced(17), country: 'GB' });
    const tooLong = await create({ phone: spaced(18), country: 'GB' });

    expect(spaced(17)).toHaveLength(32);
    expect(longest.statusCode).toBe(201);
    expect(longest.json().consumer.phone).toBe('+442079460958');
    expect(tooLong.statusCode).toBe(400);
    expect(fieldsOf(tooLong)).toEqual(['phone']);
  });

  it('search: a 200-character query is answered, 201 are refused', async () => {
    const longest = await get(`${base}/search?q=${'z'.repeat(200)}`);
    const tooLong = await get(`${base}/search?q=${'z'.repeat(201)}`);

    expect(longest.statusCode).toBe(200);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('validation.invalid_input');
  });

  it.each([`${base}?`, `${base}/search?q=zoe&`, '/api/admin/v1/events?'])(
    'a list page takes limit=100 and refuses limit=101 (%s)',
    async (url) => {
      const largest = await get(`${url}limit=100`);
      const tooLarge = await get(`${url}limit=101`);

      expect(largest.statusCode).toBe(200);
      expect(tooLarge.statusCode).toBe(400);
      expect(fieldsOf(tooLarge)).toEqual(['limit']);
    },
  );
});

describe('control characters in one-line fields (SR-74)', () => {
  it.each([
    ['a bell (C0)', 'Bob\u0007'],
    ['an escape (C0)', 'Bob\u001b[31m'],
    ['a tab', 'Bob\tSmith'],
    ['a next-line (C1)', 'Bob\u0085Smith'],
    ['a DEL', 'Bob\u007f'],
    ['a left-to-right isolate', 'Bob\u2066evil'],
    ['a right-to-left override', 'Bob\u202eevil'],
  ])('refuses %s in a name with 400 naming the field', async (_label, lastName) => {
    const response = await create({ lastName });

    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['lastName']);
  });

  it('refuses CR LF in an edited email, changing nothing', async () => {
    const { consumer } = await createConsumer(t, admin);

    const response = await t.request({
      method: 'PATCH',
      url: `${base}/${consumer.id}/coordinates`,
      headers: { cookie: admin, 'if-match': `"${consumer.version}"` },
      payload: { email: `${consumer.email}\r\nBcc: evil@example.com` },
    });

    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['email']);
    expect((await get(`${base}/${consumer.id}`)).json().email).toBe(consumer.email);
  });
});

describe('email and phone normalisation and uniqueness (SR-73)', () => {
  it('answers 409 consumer.email_taken to " a@X.io " once "A@x.io" exists', async () => {
    const domain = `${unique()}.io`;
    const first = await create({ email: `A@${domain}` });

    const second = await create({ email: ` a@${domain.toUpperCase()} ` });

    expect(first.statusCode).toBe(201);
    expect(first.json().consumer.email).toBe(`A@${domain}`);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('consumer.email_taken');
  });

  it('stores an address without the spaces typed around it', async () => {
    const email = `trimmed.${unique()}@example.com`;

    const response = await create({ email: `  ${email}\u0020` });

    expect(response.statusCode).toBe(201);
    expect(response.json().consumer.email).toBe(email);
  });

  it.each(['a@@x.io', '@x.io', 'a@x', 'a b@x.io', 'a@x..io', 'a@.x.io', 'ax.io'])(
    'answers 400 naming email for %s',
    async (email) => {
      const response = await create({ email });

      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation.invalid_input');
      expect(fieldsOf(response)).toEqual(['email']);
    },
  );

  it('answers 409 when an edit moves onto another consumer’s address in another case', async () => {
    const taken = await createConsumer(t, admin);
    const { consumer } = await createConsumer(t, admin);

    const response = await t.request({
      method: 'PATCH',
      url: `${base}/${consumer.id}/coordinates`,
      headers: { cookie: admin, 'if-match': `"${consumer.version}"` },
      payload: { email: taken.consumer.email.toUpperCase() },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('consumer.email_taken');
    expect((await get(`${base}/${consumer.id}`)).json().email).toBe(consumer.email);
  });

  it('keeps the rule in the database: a second row with the same key is refused', async () => {
    const first = await createConsumer(t, admin);
    const second = await createConsumer(t, admin);

    const copyKey = queryRows(
      t.database,
      sql`update consumers set email_key = (select email_key from consumers
        where id = ${first.consumer.id}) where id = ${second.consumer.id}`,
    );

    await expect(copyKey).rejects.toThrow();
  });

  it('frees the address of a deleted consumer for a new account with a new id', async () => {
    const { consumer } = await createConsumer(t, admin);
    await t.request({
      method: 'DELETE',
      url: `${base}/${consumer.id}`,
      headers: { cookie: admin },
    });

    const again = await create({ email: consumer.email.toUpperCase() });

    expect(again.statusCode).toBe(201);
    expect(again.json().consumer.id).not.toBe(consumer.id);
  });

  it.each([
    ['+44 20 7946 0958', 'GB', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['(020) 7946-0958', 'GB', '+442079460958'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
  ])('stores the phone %s (%s) as E.164 %s', async (phone, country, e164) => {
    const response = await create({ phone, country });

    expect(response.statusCode).toBe(201);
    expect(response.json().consumer.phone).toBe(e164);
  });

  it.each(['+44 20 7946', '12345', '+44 20 7946 0958 ext'])(
    'answers 400 naming phone for %s',
    async (phone) => {
      const response = await create({ phone, country: 'GB' });

      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['phone']);
    },
  );
});

describe('search input is data, not SQL (SR-78)', () => {
  const search = async (q: string) => {
    const response = await get(`${base}/search?q=${encodeURIComponent(q)}&limit=100`);
    expect(response.statusCode, q).toBe(200);
    return response.json().items as { id: string; lastName: string }[];
  };

  it("answers ' OR 1=1 -- with no rows and no error", async () => {
    await createConsumer(t, admin);

    expect(await search("' OR 1=1 --")).toEqual([]);
    expect(await search("zoe' OR '1'='1")).toEqual([]);
  });

  it.each(['%', '_'])('matches %s literally, not as a LIKE wildcard', async (wildcard) => {
    await createConsumer(t, admin);
    const { consumer } = await createConsumer(t, admin, { lastName: `${wildcard}Pct${unique()}` });

    const items = await search(wildcard);

    expect(items.map((item) => item.id)).toContain(consumer.id);
    for (const item of items) expect(item.lastName.startsWith(wildcard), item.lastName).toBe(true);
  });
});
