import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import { faker } from '@faker-js/faker';
import { sql } from 'drizzle-orm';

import { openDatabase, type Database } from '../src/db/client.js';
import { hashPassword } from '../src/server/shared/passwords.js';
import { createConsumerFactory } from './seed/consumer-factory.js';
import { seedEmailDomains } from './seed/emails.js';
import { loadWithInserts } from './seed/load-pglite.js';
import { loadWithCopy } from './seed/load-postgres.js';
import { seedOrigins } from './seed/origins.js';
import { createProgressReporter, formatCount, ratePerSecond } from './seed/progress.js';

const usage = 'usage: npm run seed -- --consumers N [--seed S]';

interface SeedOptions {
  consumers: number;
  seed: number | undefined;
}

function parsePositiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1)
    throw new Error(`--${name} must be a whole number ≥ 1`);
  return parsed;
}

function parseSeedOptions(argv: string[]): SeedOptions {
  const { values } = parseArgs({
    args: argv,
    options: { consumers: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const consumers = parsePositiveInteger(values.consumers, 'consumers');
  if (consumers === undefined) throw new Error('--consumers is required');
  return { consumers, seed: parsePositiveInteger(values.seed, 'seed') };
}

/** The highest counter already used by seeded addresses, so a second run cannot collide. */
async function findLastSeedCounter(db: Database): Promise<number> {
  const result = await db.execute<{ last: string | number | null }>(sql`
    select max(substring(split_part(email_key, '@', 1) from '[0-9]+$')::bigint) as last
    from consumers
    where split_part(email_key, '@', 2) in ${seedEmailDomains}`);
  return Number(result.rows[0]?.last ?? 0);
}

async function seed(options: SeedOptions): Promise<void> {
  const started = performance.now();
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const dataDir = process.env.DATA_DIR?.trim() || './data';
  const handle = await openDatabase({ databaseUrl, dataDir });
  console.log(`seeding ${formatCount(options.consumers)} consumers into ${handle.kind}`);

  const firstCounter = (await findLastSeedCounter(handle.db)) + 1;
  // One argon2id hash of a random secret nobody keeps, shared by every seeded row: seeded people
  // cannot sign in, and hashing a million passwords one by one would take hours.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const load = {
    total: options.consumers,
    build: createConsumerFactory({
      total: options.consumers,
      firstCounter,
      passwordHash,
      now: new Date(),
    }),
    onProgress: createProgressReporter(options.consumers, 'consumers'),
  };

  if (handle.kind === 'postgres' && databaseUrl) {
    await handle.close();
    await loadWithCopy(databaseUrl, load);
  } else {
    await loadWithInserts(handle.db, load);
    await handle.close();
  }

  const elapsed = performance.now() - started;
  const rate = formatCount(ratePerSecond(options.consumers, elapsed));
  console.log(
    `seeded ${options.consumers} consumers in ${(elapsed / 1000).toFixed(1)} s (${rate}/s)`,
  );
}

async function main(): Promise<void> {
  let options: SeedOptions;
  try {
    options = parseSeedOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  if (options.seed !== undefined) {
    faker.seed(options.seed);
    seedOrigins(options.seed);
  }
  await seed(options);
}

await main();
