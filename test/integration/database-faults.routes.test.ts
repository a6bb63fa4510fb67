import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createTestDatabase } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { startTcpProxy, targetOf, throughProxy } from '../helpers/tcp-proxy.js';
import type { TcpProxy } from '../helpers/tcp-proxy.js';

// These faults need a PostgreSQL server to stop, cut and kill connections of; PGlite has no
// connections. CI sets DATABASE_URL, so they run there on every build.
const serverUrl = process.env.DATABASE_URL;

/** Polls `probe` until it says yes; fails after `limitMs`, so a hang is a failure, not a wait. */
async function eventually(probe: () => Promise<boolean>, limitMs: number, what: string) {
  const deadline = Date.now() + limitMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.skipIf(!serverUrl)('database outages and lost connections', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  const poolErrors: Error[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy(targetOf(database.url ?? ''));
    handle = await connectDatabase({
      databaseUrl: throughProxy(database.url ?? '', proxy),
      dataDir: 'unused',
      onPoolError: (error) => poolErrors.push(error),
    });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = await buildApp({ config, database: handle, startMailWorker: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await proxy?.close();
    await database?.drop();
  });

  /** A console read: its session lookup needs the database; 401 means the database answered. */
  const consoleRead = () =>
    app.inject({
      method: 'GET',
      url: '/api/admin/v1/consumers/counts',
      headers: { cookie: 'gh_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
  const answered = async () => (await consoleRead()).statusCode === 401;

  function expectUnavailable(response: LightMyRequestResponse) {
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('service.unavailable');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).not.toMatch(/ECONN|timeout|terminated|at /);
  }

  describe('DB outage fails fast, not hung (SR-120)', () => {
    it('sets statement and idle-in-transaction timeouts on every connection', async () => {
      const statement = await handle.db.execute(sql`show statement_timeout`);
      const idle = await handle.db.execute(sql`show idle_in_transaction_session_timeout`);

      expect(statement.rows[0]).toEqual({ statement_timeout: '5s' });
      expect(idle.rows[0]).toEqual({ idle_in_transaction_session_timeout: '10s' });
    });

    it.each([
      ['refused', 'refuse'],
      ['left unanswered', 'silent'],
    ] as const)(
      'answers 503 with Retry-After while connections are %s, then recovers',
      async (_label, mode) => {
        expect(await answered()).toBe(true);

        proxy.setMode(mode);
        proxy.cutAll();
        const during = await consoleRead();
        const ready = await app.inject({ method: 'GET', url: '/readyz' });
        const alive = await app.inject({ method: 'GET', url: '/healthz' });
        proxy.setMode('forward');

        expectUnavailable(during);
        expect(ready.statusCode).toBe(503);
        expect(alive.statusCode).toBe(200);
        await eventually(answered, 10_000, 'recovery after the database returned');
      },
    );
  });

  describe('killed connections do not crash the process (SR-121)', () => {
    /** Kills the app's backends: those named `gatehouse` that came through the app's proxy. */
    async function terminateAppConnections(): Promise<number> {
      const admin = new pg.Client({ connectionString: database.url ?? '' });
      await admin.connect();
      try {
        const result = await admin.query(
          `select count(*) filter (where pg_terminate_backend(pid)) as killed
           from pg_stat_activity
           where application_name = 'gatehouse' and datname = current_database()
             and client_port = any($1::int[])`,
          [proxy.upstreamPorts()],
        );
        return Number(result.rows[0]?.killed ?? 0);
      } finally {
        await admin.end();
      }
    }

    it('serves the next requests after its idle connections are terminated', async () => {
      await Promise.all(Array.from({ length: 4 }, consoleRead));
      const errorsBefore = poolErrors.length;

      const killed = await terminateAppConnections();
      // Each idle client reports its death on the pool, which drops it; then none is handed out.
      await eventually(
        async () => poolErrors.length >= errorsBefore + killed,
        10_000,
        'one pool error event per killed connection',
      );
      const after = await Promise.all(Array.from({ length: 6 }, consoleRead));

      expect(killed).toBeGreaterThan(0);
      expect(after.map((response) => response.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
    });

    it('answers requests in flight with 401 or 503, never 500, and then serves again', async () => {
      const inFlight = Array.from({ length: 8 }, consoleRead);

      const killed = await terminateAppConnections();
      const statuses = (await Promise.all(inFlight)).map((response) => response.statusCode);
      await eventually(answered, 10_000, 'serving again');
      const after = await Promise.all(Array.from({ length: 4 }, consoleRead));

      expect(killed).toBeGreaterThan(0);
      for (const status of statuses) expect([401, 503]).toContain(status);
      expect(after.map((response) => response.statusCode)).toEqual([401, 401, 401, 401]);
    });
  });

  describe('starts without a database and becomes ready when it arrives (SR-119)', () => {
    let child: ChildProcess | undefined;
    let startProxy: TcpProxy | undefined;
    afterAll(async () => {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child?.once('exit', resolve));
      }
      await startProxy?.close();
    });

    it('answers liveness at once, readiness 503 until PostgreSQL answers, then 200', async () => {
      startProxy = await startTcpProxy(targetOf(database.url ?? ''));
      startProxy.setMode('refuse');
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      let output = '';
      child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_URL: throughProxy(database.url ?? '', startProxy),
          ADMIN_EMAIL: 'owner@example.com',
          ADMIN_PASSWORD: 'a long owner passphrase',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      const status = async (path: string) => (await fetch(`${base}${path}`)).status;

      await eventually(async () => (await status('/healthz')) === 200, 60_000, 'liveness');
      const whileDown = await status('/readyz');
      const stillDown = await status('/readyz');
      startProxy.setMode('forward');
      await eventually(async () => (await status('/readyz')) === 200, 45_000, 'readiness');

      expect(whileDown, output).toBe(503);
      expect(stillDown, output).toBe(503);
      expect(child.exitCode, output).toBeNull();
    }, 120_000);
  });
});
