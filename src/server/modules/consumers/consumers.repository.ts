import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

import type { Database, Queryable, Tx } from '../../../db/client.js';
import { consumerStatusCounts, consumers, settings } from '../../../db/schema/index.js';
import type { Consumer, ConsumerStatus, NewConsumer } from '../../../db/schema/index.js';
import type { PageCursor } from '../../shared/pagination.js';
import type { BindValue, SearchQuery } from './consumers.search.js';
import type { ViewSettings } from './consumers.view.js';

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
 * A consumer with the settings its view needs, in one round trip: the record is the console's
 * most frequent read.
 */
export async function findConsumerWithViewSettings(
  db: Queryable,
  id: string,
): Promise<{ consumer: Consumer; settings: ViewSettings } | null> {
  const [row] = await db
    .select({
      consumer: consumers,
      settings: {
        globalProjectLimit: settings.globalProjectLimit,
        protectedEmailPattern: settings.protectedEmailPattern,
      },
    })
    .from(consumers)
    .innerJoin(settings, eq(settings.id, 1))
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

type Direction = PageCursor['direction'];

/** Rows past the anchor in reading order: older ones reading on, newer ones reading back. */
function pastAnchor(direction: Direction, anchor: SQL): SQL {
  const position = sql`(${consumers.createdAt}, ${consumers.id})`;
  return direction === 'previous' ? sql`${position} > ${anchor}` : sql`${position} < ${anchor}`;
}

function dateOrder(direction: Direction | null) {
  return direction === 'previous'
    ? [asc(consumers.createdAt), asc(consumers.id)]
    : [desc(consumers.createdAt), desc(consumers.id)];
}

export interface ListOptions {
  status: ConsumerStatus | null;
  cursor: PageCursor | null;
  limit: number;
}

interface ListShape {
  filtered: boolean;
  direction: Direction | null;
}

function prepareListRead(db: Database, { filtered, direction }: ListShape) {
  const byStatus = filtered ? eq(consumers.status, sql.placeholder('status')) : undefined;
  const [createdAt, id] = [sql.placeholder('createdAt'), sql.placeholder('id')];
  const anchor = sql`(${createdAt}::timestamptz, ${id}::uuid)`;
  return db
    .select(summaryColumns)
    .from(consumers)
    .where(and(byStatus, direction ? pastAnchor(direction, anchor) : undefined))
    .orderBy(...dateOrder(direction))
    .limit(sql.placeholder('limit'))
    .prepare(`consumers_list_${filtered ? 'status' : 'all'}_${direction ?? 'first'}`);
}

export type ConsumerListReader = (options: ListOptions) => Promise<RankedConsumer[]>;

/**
 * The directory's list reads (the console's busiest) as named prepared statements, one per shape:
 * PostgreSQL plans each once per connection instead of on every request, and no SQL is rebuilt.
 * Same order and `limit + 1` contract as the search pages.
 */
export function prepareConsumerLists(db: Database): ConsumerListReader {
  const reads = new Map<string, ReturnType<typeof prepareListRead>>();
  return async ({ status, cursor, limit }) => {
    const shape = { filtered: status !== null, direction: cursor?.direction ?? null };
    const key = `${shape.filtered}:${shape.direction}`;
    let read = reads.get(key);
    if (!read) {
      read = prepareListRead(db, shape);
      reads.set(key, read);
    }
    const rows = await read.execute({
      status,
      createdAt: cursor?.createdAt,
      id: cursor?.id,
      limit: limit + 1,
    });
    return rows.map((row) => ({ ...row, rank: 0 }));
  };
}

function searchCursorCondition(rank: SQL, direction: Direction, bind: BindValue): SQL {
  const anchor = sql`(${bind('cursorCreatedAt')}::timestamptz, ${bind('cursorId')}::uuid)`;
  const cursorRank = sql`${bind('cursorRank')}::integer`;
  const pastRank =
    direction === 'previous' ? sql`${rank} < ${cursorRank}` : sql`${rank} > ${cursorRank}`;
  const withinRank = pastAnchor(direction, anchor);
  return sql`(${pastRank} or (${rank} = ${cursorRank} and ${withinRank}))`;
}

/**
 * One keyset page of search results ordered by (rank, created_at desc, id desc); never OFFSET, so
 * a deep page costs what the first does. Fetches limit + 1 rows to learn whether more follow.
 */
function searchRead(
  db: Database,
  search: SearchQuery,
  direction: Direction | null,
  bind: BindValue,
) {
  const { where, rank } = search.criteria(bind);
  // Ordered by the selected column's name: the rank expression is computed once per row.
  const rankColumn = sql.identifier('rank');
  return db
    .select({ ...summaryColumns, rank: sql<number>`${rank}`.mapWith(Number).as('rank') })
    .from(consumers)
    .where(and(where, direction ? searchCursorCondition(rank, direction, bind) : undefined))
    .orderBy(direction === 'previous' ? desc(rankColumn) : asc(rankColumn), ...dateOrder(direction))
    .limit(sql.placeholder('limit'));
}

export type ConsumerSearchReader = (
  search: SearchQuery,
  cursor: PageCursor | null,
  limit: number,
) => Promise<RankedConsumer[]>;

/**
 * Search pages as named prepared statements, one per search shape and reading direction (see
 * SearchQuery); a search whose plan must see its values runs unprepared.
 */
export function prepareConsumerSearches(db: Database): ConsumerSearchReader {
  const reads = new Map<string, ReturnType<typeof prepareSearchRead>>();
  function prepareSearchRead(search: SearchQuery, direction: Direction | null, name: string) {
    return searchRead(db, search, direction, (value) => sql.placeholder(value)).prepare(name);
  }
  return async (search, cursor, limit) => {
    const direction = cursor?.direction ?? null;
    const values = {
      ...search.values,
      cursorCreatedAt: cursor?.createdAt,
      cursorId: cursor?.id,
      cursorRank: cursor?.rank,
      limit: limit + 1,
    };
    if (search.shape === null) {
      const inline = (value: string) => sql.param(values[value as keyof typeof values]);
      return searchRead(db, search, direction, inline).execute(values);
    }
    const name = `consumers_search_${search.shape}_${direction ?? 'first'}`;
    let read = reads.get(name);
    if (!read) {
      read = prepareSearchRead(search, direction, name);
      reads.set(name, read);
    }
    return read.execute(values);
  };
}

/** Removes the account for good; sessions go with it (foreign keys cascade). */
export async function deleteConsumerRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(consumers).where(eq(consumers.id, id));
}
