import { Writable } from 'node:stream';

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';

import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { ensureFirstOwner } from '../../src/server/modules/admins/admin-auth.service.js';
import { loggerOptions } from '../../src/server/plugins/logging.js';
import { ManualClock } from '../../src/server/shared/clock.js';
import { createTestDatabase } from './database.js';
import type { TestDatabase } from './database.js';

export const adminEmail = 'owner@example.com';
export const adminPassword = 'a long owner passphrase';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  /** Every log line the app wrote, as text: tests grep it for secrets. */
  logs(): string;
  /** A same-origin request, as the browser sends it. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  signInAdmin(): Promise<string>;
  close(): Promise<void>;
}

export async function buildTestApp(environment: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
  const config = loadConfig({ LOG_LEVEL: 'info', NODE_ENV: 'test', ...environment });
  let captured = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured += chunk.toString();
      done();
    },
  });
  const options = loggerOptions(config);
  const logger = pino(typeof options === 'object' ? options : {}, sink);
  await ensureFirstOwner(
    { db: database.handle.db, clock },
    { email: adminEmail, password: adminPassword },
    () => 'unused',
  );
  const app = await buildApp({ config, database: database.handle, clock, logger });
  await app.ready();

  const request = (options: InjectOptions) =>
    app.inject({ ...options, headers: { 'sec-fetch-site': 'same-origin', ...options.headers } });

  return {
    app,
    database,
    clock,
    logs: () => captured,
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
      await database.drop();
    },
  };
}

/** The `name=value` pairs of a response's Set-Cookie headers, ready for a Cookie header. */
export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}
