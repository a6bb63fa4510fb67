import diagnostics from 'node:diagnostics_channel';
import { Writable } from 'node:stream';

import type {
  FastifyInstance,
  FastifySchema,
  InjectOptions,
  LightMyRequestResponse,
} from 'fastify';
import { pino } from 'pino';

import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { ensureFirstOwner } from '../../src/server/modules/admins/admin-auth.service.js';
import type { RouteAuth } from '../../src/server/plugins/auth.js';
import { loggerOptions } from '../../src/server/plugins/logging.js';
import { ManualClock } from '../../src/server/shared/clock.js';
import { createTestDatabase } from './database.js';
import type { TestDatabase } from './database.js';
import { assertNoEventFaults, findEventFaults } from './event-audit.js';
import { LeakWatch } from './leak-watch.js';

export const adminEmail = 'owner@example.com';
export const adminPassword = 'a long owner passphrase';

/** A route as it was registered: what the inventory tests iterate. */
export interface RegisteredRoute {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
  schema: FastifySchema | undefined;
}

export interface TestAppOptions {
  /** Environment variables on top of the test defaults. */
  env?: NodeJS.ProcessEnv;
  /** Registers test-only routes after the real ones and before the app is ready. */
  routes?: (app: FastifyInstance) => void;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  /** Every log line the app wrote, as text: tests grep it for secrets. */
  logs(): string;
  /** Every route the app registered, in registration order. */
  routes(): RegisteredRoute[];
  /** A same-origin request, as the browser sends it. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  signInAdmin(): Promise<string>;
  /**
   * Closes the app and drops its database. Throws when an issued token or temporary password
   * reached the logs, a JSON response carried a secret-looking key (SR-39, SR-103), or an event
   * row breaks the event schema or holds an issued secret (SR-94, SR-95).
   */
  close(): Promise<void>;
}

const initialization = diagnostics.channel('fastify.initialization');

/**
 * Builds the app and records its routes: Fastify announces each new instance on the
 * `fastify.initialization` channel, early enough to add an onRoute hook before any route exists.
 */
async function buildRecordingRoutes(
  options: Parameters<typeof buildApp>[0],
  routes: RegisteredRoute[],
): Promise<FastifyInstance> {
  const onInitialization = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        routes.push({ method, url: route.url, auth: route.config?.auth, schema: route.schema });
      }
    });
  };
  initialization.subscribe(onInitialization);
  // buildApp creates its Fastify instance before its first await, so unsubscribing right after
  // the call cannot miss it, nor catch another test app built meanwhile.
  const building = buildApp(options);
  initialization.unsubscribe(onInitialization);
  return building;
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
  const config = loadConfig({
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    // Every test request comes from one loopback address: the per-address send limit would
    // couple unrelated tests. The SR-24 tests set it back to the real value.
    CODE_SENDS_PER_ADDRESS: '1000',
    ...options.env,
  });
  let captured = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured += chunk.toString();
      done();
    },
  });
  const logOptions = loggerOptions(config);
  const logger = pino(typeof logOptions === 'object' ? logOptions : {}, sink);
  await ensureFirstOwner(
    { db: database.handle.db, clock },
    { email: adminEmail, password: adminPassword },
    () => 'unused',
  );
  const routes: RegisteredRoute[] = [];
  const app = await buildRecordingRoutes(
    { config, database: database.handle, clock, logger },
    routes,
  );
  try {
    options.routes?.(app);
    await app.ready();
  } catch (error) {
    await app.close();
    await database.drop();
    throw error;
  }

  const watch = new LeakWatch();
  const request = async (injectOptions: InjectOptions) => {
    const response = await app.inject({
      ...injectOptions,
      headers: { 'sec-fetch-site': 'same-origin', ...injectOptions.headers },
    });
    watch.observe(typeof injectOptions.url === 'string' ? injectOptions.url : '', response);
    return response;
  };

  return {
    app,
    database,
    clock,
    logs: () => captured,
    routes: () => [...routes],
    request,
    async signInAdmin() {
      const response = await request({
        method: 'POST',
        url: '/api/admin/v1/session',
        payload: { email: adminEmail, password: adminPassword },
      });
      if (response.statusCode !== 200) throw new Error(`admin sign-in failed: ${response.body}`);
      return cookieHeader(response);
    },
    async close() {
      await app.close();
      let eventFaults: string[];
      try {
        eventFaults = await findEventFaults(database, watch.issuedSecrets());
      } finally {
        await database.drop();
      }
      watch.assertNoLeaks(captured);
      assertNoEventFaults(eventFaults);
    },
  };
}

/** The `name=value` pairs of a response's Set-Cookie headers, ready for a Cookie header. */
export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** The id of the administrator a console cookie belongs to, as the session route reports it. */
export async function adminIdOf(t: TestApp, adminCookie: string): Promise<string> {
  const session = await t.request({
    method: 'GET',
    url: '/api/admin/v1/session',
    headers: { cookie: adminCookie },
  });
  return session.json().admin.id;
}

/** A stand-in full-access account route: a restricted session must be refused there. */
export const fullAccessProbePath = '/api/v1/test/projects';

export function registerFullAccessProbe(app: FastifyInstance): void {
  app.get(fullAccessProbePath, { config: { auth: 'consumer' } }, async () => ({ items: [] }));
}
