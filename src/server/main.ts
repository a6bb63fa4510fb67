import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';

import { connectDatabase } from '../db/client.js';
import type { DatabaseHandle } from '../db/client.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import type { Config } from './config.js';
import { ensureFirstOwner } from './modules/admins/admin-auth.service.js';
import type { FirstOwnerOutcome } from './modules/admins/admin-auth.service.js';
import { systemClock } from './shared/clock.js';
import { generateTemporaryPassword } from './shared/tokens.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The generated owner's password is printed once, on the terminal, never into the JSON log. */
function announceOwner(outcome: FirstOwnerOutcome, url: string): void {
  if (outcome.kind !== 'generated') return;
  const lines = [
    '',
    '  ============================================================',
    '  Gatehouse created the first administrator (shown only once):',
    `    Console:   ${url}/admin`,
    `    Email:     ${outcome.email}`,
    `    Password:  ${outcome.password}`,
    '  Set ADMIN_EMAIL and ADMIN_PASSWORD to choose them yourself.',
    '  ============================================================',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = readConfig();
  const bootLog = pino({ level: config.LOG_LEVEL });
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    onPoolError: (error) => bootLog.error({ err: error }, 'database connection lost'),
  });
  let ready = false;
  const app = await buildApp({ config, database, isReady: () => ready });
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'fatal error, shutting down');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });

  // Liveness answers at once; readiness waits for the database and its migrations.
  await migrateWhenReachable(database, bootLog);
  const owner = await ensureFirstOwner(
    { db: database.db, clock: systemClock },
    { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
    generateTemporaryPassword,
  );
  if (owner.kind === 'created-from-environment') {
    app.log.info({ event: 'admin.created' }, 'first administrator created from ADMIN_EMAIL');
  }
  ready = true;
  app.log.info({ database: database.kind }, 'database ready, migrations applied');
  announceOwner(owner, config.PUBLIC_URL ?? `http://localhost:${config.PORT}`);
}

/** Retries with backoff (1 s doubling to 30 s) until PostgreSQL answers and migrations ran. */
async function migrateWhenReachable(database: DatabaseHandle, log: pino.Logger): Promise<void> {
  for (let delayMs = 1000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    try {
      await database.migrate();
      return;
    } catch (error) {
      log.error({ err: error, retryInMs: delayMs }, 'database not reachable yet');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

await main();
