import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { getTableColumns, getTableName } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { consumers } from '../../src/db/schema/consumers.js';
import type { SeedConsumer } from './consumer-factory.js';

export interface LoadOptions {
  total: number;
  build: (index: number) => SeedConsumer;
  onProgress: (done: number) => void;
}

const columns = Object.entries(getTableColumns(consumers)).map(([key, column]) => ({
  key: key as keyof SeedConsumer,
  name: column.name,
}));

// Each COPY is one statement, so the status-count trigger's transition table holds one chunk only.
const rowsPerCopy = 100_000;
const rowsPerWrite = 1_000;

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format: backslash escapes for the delimiter, line breaks and itself. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value).replace(/[\\\t\n\r]/g, (character) => copyEscapes[character] ?? character);
}

function copyLine(row: SeedConsumer): string {
  return `${columns.map(({ key }) => copyField(row[key])).join('\t')}\n`;
}

function* copyText(options: LoadOptions, from: number, to: number): Generator<string> {
  for (let start = from; start < to; start += rowsPerWrite) {
    const end = Math.min(to, start + rowsPerWrite);
    let text = '';
    for (let index = start; index < end; index += 1) text += copyLine(options.build(index));
    yield text;
    options.onProgress(end);
  }
}

function copyStatement(client: pg.Client): string {
  const columnList = columns.map(({ name }) => client.escapeIdentifier(name)).join(', ');
  return `COPY ${client.escapeIdentifier(getTableName(consumers))} (${columnList}) FROM STDIN`;
}

/**
 * Streams the rows into PostgreSQL with COPY, in one transaction: a failed load leaves nothing
 * behind. Rows are built while PostgreSQL consumes the previous ones, so memory stays flat.
 */
export async function loadWithCopy(databaseUrl: string, options: LoadOptions): Promise<void> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'gatehouse-seed',
  });
  await client.connect();
  try {
    await client.query('BEGIN');
    const statement = copyStatement(client);
    for (let from = 0; from < options.total; from += rowsPerCopy) {
      const to = Math.min(options.total, from + rowsPerCopy);
      await pipeline(Readable.from(copyText(options, from, to)), client.query(copyFrom(statement)));
    }
    await client.query('COMMIT');
    // VACUUM as well as ANALYZE: it merges the trigram index's pending list (about 400 pages
    // after a bulk load, read by every search until then) and marks pages all-visible.
    await client.query(`VACUUM (ANALYZE) ${client.escapeIdentifier(getTableName(consumers))}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
