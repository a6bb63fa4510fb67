import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createConsumersService } from '../../src/server/modules/consumers/consumers.service.js';
import { systemClock } from '../../src/server/shared/clock.js';
import { newId } from '../../src/server/shared/ids.js';
import { createTestDatabase, queryRows } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { consumerInput } from '../helpers/factories.js';
import { findFreePort, startServerProcess } from '../helpers/server-process.js';
import type { ServerProcess } from '../helpers/server-process.js';

const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) {
  // Two processes in turn on one PGlite folder would test PGlite's files after a kill, not us;
  // sign-in-lockout.routes.test.ts proves the same with a second app on one database.
  console.warn('SR-88 restart test skipped: it needs a PostgreSQL server in DATABASE_URL.');
}

describe.skipIf(!databaseUrl)('a sign-in lock across a server restart (SR-88)', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await findFreePort();
  });
  afterAll(async () => {
    await server?.kill();
    await database.drop();
  });

  const start = () =>
    startServerProcess(port, {
      DATABASE_URL: database.url ?? '',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    });

  const signIn = (running: ServerProcess, email: string, password: string) =>
    fetch(`${running.url}/api/v1/session`, {
      method: 'POST',
      headers: { origin: running.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      signal: AbortSignal.timeout(15_000),
    });

  it('refuses the right password after a restart until the lock ends', async () => {
    const consumers = createConsumersService({ db: database.handle.db, clock: systemClock });
    const { consumer, credentials } = await consumers.createConsumer(consumerInput(), {
      actorType: 'admin',
      actorId: newId(),
      ip: null,
      userAgent: null,
      requestId: null,
    });
    server = await start();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await signIn(server, consumer.email, `wrong guess ${attempt}`)).status).toBe(401);
    }

    await server.kill();
    server = await start();
    const locked = await signIn(server, consumer.email, credentials.temporaryPassword);
    // The server reads the system clock: the lock is made to end now rather than waited for.
    await queryRows(
      database,
      sql`update sign_in_failures set locked_until = now() - interval '1 second'`,
    );
    const unlocked = await signIn(server, consumer.email, credentials.temporaryPassword);

    expect(locked.status).toBe(401);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe(
      'auth.invalid_credentials',
    );
    expect(unlocked.status).toBe(200);
  });
});
