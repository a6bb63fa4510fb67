import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { buildTestApp } from '../helpers/build-app.js';
import type { RegisteredRoute, TestApp } from '../helpers/build-app.js';
import { createConsumer, createSignedInConsumer } from '../helpers/consumers.js';
import type { ActiveTestConsumer } from '../helpers/consumers.js';
import { consumerInput } from '../helpers/factories.js';

let t: TestApp;
let admin: string;
let consumer: ActiveTestConsumer;
let existingId: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signInAdmin();
  consumer = await createSignedInConsumer(t, admin);
  existingId = (await createConsumer(t, admin)).consumer.id;
});
afterAll(() => t.close());

const apiRoutes = () =>
  t.routes().filter((route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'));
const routesFor = (...auth: string[]) =>
  apiRoutes().filter((route) => auth.includes(route.auth ?? ''));
const concrete = (route: RegisteredRoute, id = '0190a5c4-0000-7000-8000-000000000001') =>
  route.url.replace(':consumerId', id);
const label = (route: RegisteredRoute) => `${route.method} ${route.url}`;
const tokenOf = (cookie: string) => cookie.split('=')[1] ?? '';
const cookieFor = (route: RegisteredRoute) => (route.auth === 'admin' ? admin : consumer.cookie);

/** A valid body for every route that takes one: the tests below fail for a route not listed. */
function validBody(route: RegisteredRoute): Record<string, unknown> | undefined {
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/admin/v1/session': { email: 'nobody@example.com', password: 'not the password' },
    'POST /api/v1/session': { email: 'nobody@example.com', password: 'not the password' },
    'POST /api/admin/v1/consumers': { ...consumerInput() },
    'PATCH /api/admin/v1/consumers/:consumerId/identity': {
      firstName: 'Ada',
      lastName: 'Byron',
      country: 'GB',
    },
    'PATCH /api/admin/v1/consumers/:consumerId/coordinates': { email: 'ada@example.com' },
    'POST /api/v1/me/password': { newPassword: 'another quiet orchard' },
    'POST /api/v1/session/two-step': { code: '123456' },
    'POST /api/v1/me/email-verification/confirm': { code: '12345678' },
    'PUT /api/admin/v1/consumers/:consumerId/two-step': { enabled: false },
    'PUT /api/admin/v1/consumers/:consumerId/project-limit': { projectLimit: 3 },
    'PUT /api/admin/v1/settings': {
      globalProjectLimit: 3,
      twoStepDefault: false,
      reverifyOnContactChange: false,
      protectedEmailPattern: '^[a-z0-9]{2}_[a-z0-9]{5}@owoxo\\.dev$',
      passwordMinLength: 12,
    },
  };
  return bodies[label(route)];
}

describe('route inventory (SR-50, SR-70)', () => {
  it('declares config.auth on every route but the API documentation', () => {
    const undeclared = t.routes().filter((route) => route.auth === undefined);

    expect(undeclared.length).toBeGreaterThan(0);
    for (const route of undeclared) expect(route.url).toMatch(/^\/api\/docs/);
    for (const route of undeclared) expect(['GET', 'HEAD']).toContain(route.method);
  });

  it('refuses to start when a route does not declare config.auth', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, database: t.database.handle });

    const register = () => app.get('/api/v1/unguarded', async () => ({ open: true }));

    expect(register).toThrow(/does not declare config\.auth/);
    await app.close();
  });

  it('declares params and response schemas wherever a route takes or returns data', () => {
    const routes = apiRoutes().filter((route) => route.method !== 'HEAD');

    for (const route of routes) {
      if (route.url.includes(':')) expect(route.schema?.params, label(route)).toBeDefined();
      if (route.schema?.body) {
        expect(validBody(route), `add ${label(route)} to validBody()`).toBeDefined();
      }
      // Sign-out answers 204 without a body; every other route lists what it returns.
      if (route.method !== 'DELETE') expect(route.schema?.response, label(route)).toBeDefined();
    }
  });

  const writes = () =>
    apiRoutes().filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method));

  it('answers 400 to an unknown body property on every write route, bodiless ones too', async () => {
    const routes = writes();

    expect(routes.filter((route) => !route.schema?.body).length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const response = await t.request({
        method: route.method as 'POST',
        url: concrete(route, existingId),
        headers: { cookie: cookieFor(route), 'if-match': '"1"' },
        payload: { ...validBody(route), unexpected: true },
      });

      expect(response.statusCode, label(route)).toBe(400);
      expect(response.json().error.code, label(route)).toBe('validation.invalid_input');
    }
    const untouched = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/${existingId}`,
      headers: { cookie: admin },
    });
    expect(untouched.json()).toMatchObject({ status: 'new', version: 1 });
  });

  it('answers 400 to an unknown query parameter on every route', async () => {
    const routes = apiRoutes().filter((route) => route.method !== 'HEAD');

    for (const route of routes) {
      const query = route.schema?.querystring ? 'q=zoe&unexpected=1' : 'unexpected=1';
      const response = await t.request({
        method: route.method as 'GET',
        url: `${concrete(route, existingId)}?${query}`,
        headers: { cookie: cookieFor(route), 'if-match': '"1"' },
        payload: validBody(route),
      });

      expect(response.statusCode, label(route)).toBe(400);
      expect(response.json().error.code, label(route)).toBe('validation.invalid_input');
    }
    const me = await t.request({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: consumer.cookie },
    });
    expect(me.statusCode).toBe(200);
  });
});

describe('console routes (SR-52)', () => {
  it('live under /api/admin/v1 and account routes under /api/v1', () => {
    for (const route of routesFor('admin')) expect(route.url).toMatch(/^\/api\/admin\/v1\//);
    for (const route of routesFor('consumer', 'consumer-restricted')) {
      expect(route.url).toMatch(/^\/api\/v1\//);
    }
  });

  it('answer 401 auth.unauthenticated without an admin session, whatever the body', async () => {
    const routes = routesFor('admin');

    expect(routes.filter((route) => route.method !== 'HEAD').length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const response = await t.request({ method: route.method as 'GET', url: concrete(route) });

      expect(response.statusCode, label(route)).toBe(401);
      if (route.method !== 'HEAD') {
        expect(response.json().error.code, label(route)).toBe('auth.unauthenticated');
      }
    }
  });

  it('answer 401 to a consumer session, under either cookie name', async () => {
    const token = tokenOf(consumer.cookie);
    const cookies = [consumer.cookie, `gh_admin=${token}`];

    for (const route of routesFor('admin')) {
      for (const cookie of cookies) {
        const response = await t.request({
          method: route.method as 'GET',
          url: concrete(route),
          headers: { cookie },
        });

        expect(response.statusCode, `${label(route)} with ${cookie.split('=')[0]}`).toBe(401);
      }
    }
  });
});

describe('account routes (SR-52, SR-10)', () => {
  it('answer 401 to an admin session, under either cookie name', async () => {
    const token = tokenOf(admin);
    const cookies = [admin, `gh_session=${token}`];
    const routes = routesFor('consumer', 'consumer-restricted');

    expect(routes.length).toBeGreaterThanOrEqual(3);
    for (const route of routes) {
      for (const cookie of cookies) {
        const response = await t.request({
          method: route.method as 'GET',
          url: concrete(route),
          headers: { cookie },
          payload: validBody(route),
        });

        expect(response.statusCode, `${label(route)} with ${cookie.split('=')[0]}`).toBe(401);
      }
    }
  });

  it('let a restricted session reach only who-am-I, change-password, email check and sign-out', () => {
    const restricted = routesFor('consumer-restricted')
      .filter((route) => route.method !== 'HEAD')
      .map(label);

    expect(restricted.sort()).toEqual([
      'DELETE /api/v1/session',
      'GET /api/v1/me',
      'POST /api/v1/me/email-verification',
      'POST /api/v1/me/email-verification/confirm',
      'POST /api/v1/me/password',
    ]);
  });
});
