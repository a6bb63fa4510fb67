import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

import type { Queryable, Tx } from '../../../db/client.js';
import { consumerStatusCounts, consumers, settings } from '../../../db/schema/index.js';
import type { Consumer, ConsumerStatus, NewConsumer } from '../../../db/schema/index.js';
import type { PageCursor } from '../../shared/pagination.js';

export async function insertConsumer(tx: Tx, values: NewConsumer): Promise<Consumer> {
  const [row] = await tx.insert(consumers).values(values).returning();
  if (!row) throw new Error('insert into consumers returned no row');
  return row;
}

export async function findConsumerById(db: Queryable, id: string): Promise<Consumer | null> {
  const [row] = await db.select().from(consumers).where(eq(consumers.id, id)).limit(1);
  return row ?? null;
}

/**
 * A consumer with the global project limit its view needs, in one round trip: the record is
 * the console's most frequent read.
 */
export async function findConsumerWithGlobalLimit(
  db: Queryable,
  id: string,
): Promise<{ consumer: Consumer; globalProjectLimit: number } | null> {
  const globalProjectLimit = sql<number>`(
    select ${settings.globalProjectLimit} from ${settings} where ${settings.id} = 1
  )`.mapWith(Number);
  const [row] = await db
    .select({ consumer: consumers, globalProjectLimit })
    .from(consumers)
    .where(eq(consumers.id, id))
    .limit(1);
  return row ?? null;
}

export async function findConsumerByEmailKey(
  db: Queryable,
  emailKey: string,
): Promise<Consumer | null> {
  const [row] = await db.select().from(consumers).where(eq(consumers.emailKey, emailKey)).limit(1);
  return row ?? null;
}

/** Compare-and-set on `version`: null when the row moved on (or is gone) meanwhile (SR-108). */
export async function updateConsumerAtVersion(
  tx: Tx,
  id: string,
  expectedVersion: number,
  changes: Partial<NewConsumer>,
): Promise<Consumer | null> {
  const [row] = await tx
    .update(consumers)
    .set({ ...changes, version: sql`${consumers.version} + 1` })
    .where(and(eq(consumers.id, id), eq(consumers.version, expectedVersion)))
    .returning();
  return row ?? null;
}

export async function updateConsumer(
  db: Queryable,
  id: string,
  changes: Partial<NewConsumer>,
): Promise<void> {
  await db.update(consumers).set(changes).where(eq(consumers.id, id));
}

export type StatusCounts = Record<ConsumerStatus, number>;

export async function readStatusCounts(db: Queryable): Promise<StatusCounts> {
  const rows = await db.select().from(consumerStatusCounts);
  const counts: StatusCounts = { new: 0, active: 0, suspended: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as ConsumerStatus] = row.total;
  }
  return counts;
}

/** The columns a list row shows (see consumerSummarySchema); lists read nothing more. */
const summaryColumns = {
  id: consumers.id,
  firstName: consumers.firstName,
  lastName: consumers.lastName,
  email: consumers.email,
  phone: consumers.phone,
  country: consumers.country,
  status: consumers.status,
  lastSignInAt: consumers.lastSignInAt,
  createdAt: consumers.createdAt,
};

export type ConsumerSummaryRow = Pick<Consumer, keyof typeof summaryColumns>;

export interface RankedConsumer extends ConsumerSummaryRow {
  rank: number;
}

interface KeysetQuery {
  where: SQL | undefined;
  /** Relevance (0 best) for search pages; plain lists order by date alone. */
  rank: SQL | null;
  cursor: PageCursor | null;
  limit: number;
}

function keysetCondition(rank: SQL | null, cursor: PageCursor): SQL {
  const position = sql`(${consumers.createdAt}, ${consumers.id})`;
  const anchor = sql`(${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
  const backwards = cursor.direction === 'previous';
  const withinRank = backwards ? sql`${position} > ${anchor}` : sql`${position} < ${anchor}`;
  if (!rank) return withinRank;
  const pastRank = backwards ? sql`${rank} < ${cursor.rank}` : sql`${rank} > ${cursor.rank}`;
  return sql`(${pastRank} or (${rank} = ${cursor.rank} and ${withinRank}))`;
}

/**
 * Reads one keyset page ordered by (rank, created_at desc, id desc); never OFFSET, so a deep page
 * costs what the first does. Fetches limit + 1 rows to learn whether more follow.
 */
async function readKeysetPage(db: Queryable, query: KeysetQuery): Promise<RankedConsumer[]> {
  const { cursor, rank } = query;
  const backwards = cursor?.direction === 'previous';
  const where = and(query.where, cursor ? keysetCondition(rank, cursor) : undefined);
  const byDate = backwards
    ? [asc(consumers.createdAt), asc(consumers.id)]
    : [desc(consumers.createdAt), desc(consumers.id)];
  const rankExpression = rank ?? sql`0`;
  const rows = await db
    .select({ ...summaryColumns, rank: sql<number>`${rankExpression}`.mapWith(Number) })
    .from(consumers)
    .where(where)
    .orderBy(...(rank ? [backwards ? desc(rank) : asc(rank)] : []), ...byDate)
    .limit(query.limit + 1);
  return rows;
}

export interface ListOptions {
  status: ConsumerStatus | null;
  cursor: PageCursor | null;
  limit: number;
}

export function listConsumers(db: Queryable, options: ListOptions): Promise<RankedConsumer[]> {
  return readKeysetPage(db, {
    where: options.status ? eq(consumers.status, options.status) : undefined,
    rank: null,
    cursor: options.cursor,
    limit: options.limit,
  });
}

export interface SearchCriteria {
  where: SQL;
  rank: SQL;
}

export function searchConsumers(
  db: Queryable,
  criteria: SearchCriteria,
  cursor: PageCursor | null,
  limit: number,
): Promise<RankedConsumer[]> {
  return readKeysetPage(db, { ...criteria, cursor, limit });
}

/** Removes the account for good; sessions go with it (foreign keys cascade). */
export async function deleteConsumerRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(consumers).where(eq(consumers.id, id));
}
