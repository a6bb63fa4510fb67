import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp, cookieHeader } from '../helpers/build-app.js';
import type { RegisteredRoute, TestApp } from '../helpers/build-app.js';
import { createConsumer, createSignedInConsumer } from '../helpers/consumers.js';
import type { ActiveTestConsumer } from '../helpers/consumers.js';
import { consumerInput } from '../helpers/factories.js';

let t: TestApp;
let admin: string;
let consumer: ActiveTestConsumer;

beforeAll(async () => {
  t = await buildTestApp({
    routes: (app) => {
      app.get('/api/v1/test/explode', { config: { auth: 'public' } }, async () => {
        throw new Error('forced failure');
      });
    },
  });
  admin = await t.signInAdmin();
  consumer = await createSignedInConsumer(t, admin);
});
afterAll(() => t.close());

const label = (route: RegisteredRoute) => `${route.method} ${route.url}`;
const isSignOut = (route: RegisteredRoute) =>
  route.method === 'DELETE' && route.url.endsWith('/session');

function expectSecurityHeaders(response: LightMyRequestResponse, where: string): void {
  const headers = response.headers;
  const hsts = String(headers['strict-transport-security']);
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1]), where).toBeGreaterThanOrEqual(31_536_000);
  expect(hsts, where).toContain('includeSubDomains');
  const csp = String(headers['content-security-policy']);
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp, `${where}: ${directive}`).toContain(directive);
  }
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(headers['x-powered-by'], where).toBeUndefined();
  expect(headers.server, where).toBeUndefined();
}

describe('security headers (SR-66)', () => {
  it('are sent by every registered route, answered without a session', async () => {
    const routes = t.routes().filter((route) => !route.url.includes('/test/'));

    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const url = route.url
        .replace(':consumerId', '0190a5c4-0000-7000-8000-000000000001')
        .replace('*', 'index.html');
      const response = await t.request({ method: route.method as 'GET', url });

      expectSecurityHeaders(response, `${label(route)} → ${response.statusCode}`);
    }
  });

  it('are sent with a 404, a 405-like miss, a 400 and a 500', async () => {
    const responses = await Promise.all([
      t.request({ method: 'GET', url: '/api/v1/nothing-here' }),
      t.request({ method: 'PUT', url: '/api/v1/nothing-here', payload: {} }),
      t.request({ method: 'POST', url: '/api/v1/session', payload: { email: 1 } }),
      t.request({ method: 'GET', url: '/api/v1/test/explode' }),
    ]);

    expect(responses.map((response) => response.statusCode)).toEqual([404, 404, 400, 500]);
    for (const response of responses) expectSecurityHeaders(response, String(response.statusCode));
  });

  it('are sent with the web app page', async () => {
    const response = await t.request({ method: 'GET', url: '/admin/users' });

    expectSecurityHeaders(response, `GET /admin/users → ${response.statusCode}`);
  });
});

describe('Cache-Control: no-store (SR-67)', () => {
  async function readAs(route: RegisteredRoute, id: string) {
    const cookie = route.auth === 'admin' ? admin : consumer.cookie;
    const url = route.url.replace(':consumerId', id);
    return t.request({
      method: 'GET',
      url: route.url.endsWith('/search') ? `${url}?q=zoe` : url,
      headers: { cookie },
    });
  }

  it('is sent with every authenticated read', async () => {
    const { consumer: target } = await createConsumer(t, admin);
    const routes = t
      .routes()
      .filter((route) => route.method === 'GET' && route.auth && route.auth !== 'public');

    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) {
      const response = await readAs(route, target.id);

      expect(response.statusCode, label(route)).toBe(200);
      expect(response.headers['cache-control'], label(route)).toBe('no-store');
    }
  });

  it('is sent with every authenticated answer, whatever the method and status', async () => {
    // Own sessions: the sign-out routes among these end the session they are called with.
    const adminCookie = await t.signInAdmin();
    const consumerSignIn = await t.request({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: consumer.consumer.email, password: consumer.password },
    });
    const consumerCookie = cookieHeader(consumerSignIn);
    const routes = t
      .routes()
      .filter((route) => route.auth && route.auth !== 'public' && route.method !== 'HEAD')
      .sort((a, b) => Number(isSignOut(a)) - Number(isSignOut(b)));
    const statuses = new Set<number>();

    expect(routes.filter((route) => route.method !== 'GET').length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const response = await t.request({
        method: route.method as 'POST',
        url: route.url.replace(':consumerId', '0190a5c4-0000-7000-8000-000000000001'),
        headers: {
          cookie: route.auth === 'admin' ? adminCookie : consumerCookie,
          'if-match': '"1"',
        },
        ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
      });
      statuses.add(response.statusCode);

      expect(response.statusCode, label(route)).not.toBe(401);
      expect(response.headers['cache-control'], label(route)).toBe('no-store');
    }
    expect([...statuses].some((status) => status >= 400)).toBe(true);
  });

  it('is sent with both responses that carry a temporary password', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/admin/v1/consumers',
      headers: { cookie: admin },
      payload: consumerInput(),
    });
    const id = created.json().consumer.id;
    const reset = await t.request({
      method: 'POST',
      url: `/api/admin/v1/consumers/${id}/password-reset`,
      headers: { cookie: admin },
    });

    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(reset.statusCode).toBe(200);
    expect(reset.json().credentials.temporaryPassword).toEqual(expect.any(String));
    expect(reset.headers['cache-control']).toBe('no-store');
  });

  it('is sent with a 412 that carries the current record', async () => {
    const { consumer: target } = await createConsumer(t, admin);

    const response = await t.request({
      method: 'PATCH',
      url: `/api/admin/v1/consumers/${target.id}/identity`,
      headers: { cookie: admin, 'if-match': '"99"' },
      payload: { firstName: 'Ada', lastName: 'Byron', country: 'GB' },
    });

    expect(response.statusCode).toBe(412);
    expect(response.json().error.details.current.id).toBe(target.id);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('is sent with both sign-in answers, which carry a profile', async () => {
    const adminSignIn = await t.request({
      method: 'POST',
      url: '/api/admin/v1/session',
      payload: { email: 'owner@example.com', password: 'a long owner passphrase' },
    });
    const consumerSignIn = await t.request({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: consumer.consumer.email, password: consumer.password },
    });

    expect(adminSignIn.headers['cache-control']).toBe('no-store');
    expect(consumerSignIn.headers['cache-control']).toBe('no-store');
  });
});
