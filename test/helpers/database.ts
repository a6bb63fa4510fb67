import { randomBytes } from 'node:crypto';

import type { SQL } from 'drizzle-orm';
import pg from 'pg';

import { openDatabase } from '../../src/db/client.js';
import type { DatabaseHandle } from '../../src/db/client.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database per test file: a new database on the server named by DATABASE_URL
 * (CI), or an in-memory PGlite when none is given.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, url: null, drop: () => handle.close() };
  }
  const name = `gh_test_${randomBytes(6).toString('hex')}`;
  await runOnServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Runs a query on a test database; both drivers answer with `rows`. */
export async function queryRows<T>(database: TestDatabase, query: SQL): Promise<T[]> {
  const result = await database.handle.db.execute(query);
  return result.rows as T[];
}

async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
