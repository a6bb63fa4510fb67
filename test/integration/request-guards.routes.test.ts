import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { RegisteredRoute, TestApp } from '../helpers/build-app.js';
import { createConsumer, signInConsumer } from '../helpers/consumers.js';
import { consumerInput } from '../helpers/factories.js';

const publicOrigin = 'https://id.example.com';
let t: TestApp;
let admin: string;
let consumer: string;

beforeAll(async () => {
  t = await buildTestApp({
    env: { PUBLIC_URL: publicOrigin },
    routes: (app) => {
      app.get('/api/v1/test/explode', { config: { auth: 'public' } }, async () => {
        throw new Error('SELECT secret FROM admins');
      });
    },
  });
  admin = await t.signInAdmin();
  const created = await createConsumer(t, admin);
  consumer = cookieHeader(
    await signInConsumer(t, created.consumer.email, created.temporaryPassword),
  );
});
afterAll(() => t.close());

/** A create request with exactly the given headers: no same-origin default. */
function createWith(headers: Record<string, string>, email = consumerInput().email) {
  return t.app.inject({
    method: 'POST',
    url: '/api/admin/v1/consumers',
    headers: { cookie: admin, host: 'gatehouse.test', ...headers },
    payload: consumerInput({ email }),
  });
}

async function consumerExists(email: string): Promise<boolean> {
  const response = await t.request({
    method: 'GET',
    url: `/api/admin/v1/consumers/search?q=${encodeURIComponent(email)}`,
    headers: { cookie: admin },
  });
  return response.json().items.length > 0;
}

describe('cross-site writes (SR-60, SR-63)', () => {
  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['neither header', {}],
    ['cross-site even with our Origin', { 'sec-fetch-site': 'cross-site', origin: publicOrigin }],
  ])('refuse a cookie-authenticated write with %s, changing nothing', async (_label, headers) => {
    const email = consumerInput().email;

    const response = await createWith(headers, email);

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('request.cross_site');
    expect(await consumerExists(email)).toBe(false);
  });

  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['the Origin of the host it was sent to', { origin: 'http://gatehouse.test' }],
    ['the configured PUBLIC_URL origin', { origin: publicOrigin }],
  ])('accept a write with %s', async (_label, headers) => {
    const response = await createWith(headers);

    expect(response.statusCode).toBe(201);
  });

  it('refuse a cross-site sign-in (login CSRF) before checking the password', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'someone@example.com', password: 'whatever it is' },
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('request.cross_site');
    expect(response.cookies).toEqual([]);
  });

  it('leave reads alone: a cross-site GET is answered', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/admin/v1/consumers/counts',
      headers: { cookie: admin, 'sec-fetch-site': 'cross-site' },
    });

    expect(response.statusCode).toBe(200);
  });
});

describe('write routes (SR-61)', () => {
  const writes = () =>
    t
      .routes()
      .filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))
      .filter((route) => route.url.startsWith('/api/'));
  const cookieFor = (route: RegisteredRoute) => (route.auth === 'admin' ? admin : consumer);

  it.each([
    ['text/plain', 'email=a@b.io'],
    ['application/x-www-form-urlencoded', 'email=a%40b.io'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
    ],
  ])('answer 415 to a %s body on every one of them', async (contentType, payload) => {
    const routes = writes();

    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) {
      const response = await t.request({
        method: route.method as 'POST',
        url: route.url.replace(':consumerId', '0190a5c4-0000-7000-8000-000000000001'),
        headers: { cookie: cookieFor(route), 'content-type': contentType, 'if-match': '"1"' },
        payload,
      });

      expect(response.statusCode, `${route.method} ${route.url}`).toBe(415);
    }
  });
});

describe('unexpected errors (SR-68)', () => {
  it('answer 500 internal_error with a request id and no internals', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/test/explode' });

    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const { error } = response.json();
    expect(error.code).toBe('internal_error');
    expect(response.body).not.toContain('SELECT');
    expect(response.body).not.toContain('at ');
    expect(response.body).not.toContain('.ts');
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'requestId']);
  });

  it('log the stack under the same request id', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/test/explode' });

    const requestId = response.json().error.requestId;
    const line = t
      .logs()
      .split('\n')
      .find((entry) => entry.includes(requestId) && entry.includes('SELECT secret'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}').err.stack).toContain('at ');
  });
});

const consumersUrl = '/api/admin/v1/consumers';
const rawCreate = (payload: string | Buffer, contentType = 'application/json') =>
  t.request({
    method: 'POST',
    url: consumersUrl,
    headers: { cookie: admin, 'content-type': contentType },
    payload,
  });
const validJson = () => JSON.stringify(consumerInput());
/** A valid create body whose first name holds the given raw bytes. */
function withBytesInName(bytes: number[]): Buffer {
  const json = validJson();
  const at = json.indexOf('Zo');
  return Buffer.concat([
    Buffer.from(json.slice(0, at)),
    Buffer.from(bytes),
    Buffer.from(json.slice(at)),
  ]);
}
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('malformed requests (SR-72, SR-74, SR-75, SR-76)', () => {
  it.each<[string, () => Promise<{ statusCode: number }>, number]>([
    ['broken JSON', () => rawCreate('{"firstName":'), 400],
    ['an empty JSON body', () => rawCreate(''), 400],
    ['a JSON null', () => rawCreate('null'), 400],
    ['an XML body', () => rawCreate('<consumer/>', 'application/xml'), 415],
    ['invalid UTF-8', () => rawCreate(withBytesInName([0xff, 0xfe])), 400],
    ['a lone surrogate escape', () => rawCreate(validJson().replace('Zoë', 'Zo\\ud800')), 400],
    ['a duplicated key', () => rawCreate(validJson().replace('{', '{"country":"FR",')), 400],
    ['1,000-deep nesting', () => rawCreate(`{"firstName":${nested(1000)}}`), 400],
    ['30,000-deep nesting', () => rawCreate(nested(30_000)), 400],
    ['a huge number', () => rawCreate(`{"firstName":1e999999}`), 400],
    ['a 400-digit number', () => rawCreate(`{"firstName":${'9'.repeat(400)}}`), 400],
    [
      'a 65 KiB body',
      () => rawCreate(JSON.stringify({ ...consumerInput(), pad: 'x'.repeat(65 * 1024) })),
      413,
    ],
    ['__proto__', () => rawCreate('{"__proto__":{"isAdmin":true}}'), 400],
    ['constructor.prototype', () => rawCreate('{"constructor":{"prototype":{}}}'), 400],
    [
      'a nested __proto__',
      () => rawCreate(validJson().replace('{', '{"x":{"__proto__":{"a":1}},')),
      400,
    ],
  ])('answer %s with a 4xx, never a 5xx', async (_label, send, status) => {
    const response = await send();

    expect(response.statusCode).toBe(status);
  });

  it.each<[string, InjectOptions]>([
    [
      'a NUL in the sign-in email',
      {
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'a\u0000@x.io', password: 'whatever it is' },
      },
    ],
    [
      'a NUL in the console sign-in',
      {
        method: 'POST',
        url: '/api/admin/v1/session',
        payload: { email: 'a\u0000@x.io', password: 'whatever it is' },
      },
    ],
    ['a NUL in a search', { method: 'GET', url: `${consumersUrl}/search?q=ab%00cd` }],
    ['a NUL in a cursor', { method: 'GET', url: `${consumersUrl}?cursor=%00` }],
    [
      'a NUL in a name',
      { method: 'POST', url: consumersUrl, payload: consumerInput({ lastName: 'x\u0000y' }) },
    ],
    [
      'CR LF in a name',
      {
        method: 'POST',
        url: consumersUrl,
        payload: consumerInput({ lastName: 'Bob\r\nBcc: evil@x' }),
      },
    ],
    [
      'CR LF in an email',
      {
        method: 'POST',
        url: consumersUrl,
        payload: consumerInput({ email: 'bob@x.io\r\nBcc: evil@x.io' }),
      },
    ],
    [
      'a bidi override in a name',
      { method: 'POST', url: consumersUrl, payload: consumerInput({ lastName: 'Bob\u202Eevil' }) },
    ],
  ])('answer %s with 400', async (_label, options) => {
    const response = await t.request({ ...options, headers: { cookie: admin } });

    expect(response.statusCode).toBe(400);
  });

  it('read a broken escape in the query literally and refuse one in the path', async () => {
    const query = await t.request({
      method: 'GET',
      url: `${consumersUrl}/search?q=%E0%A4%A`,
      headers: { cookie: admin },
    });
    // Fastify answers a bad path itself, before hooks and the error handler; not watched for keys.
    const path = await t.app.inject({ method: 'GET', url: `${consumersUrl}/%E0%A4%A` });

    expect(query.statusCode).toBe(200);
    expect(query.json().items).toEqual([]);
    expect(path.statusCode).toBe(400);
  });

  it('keep serving after all of them', async () => {
    const response = await t.request({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(200);
  });
});
