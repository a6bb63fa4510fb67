import { and, asc, count, desc, eq, gt, gte, inArray, lte, min, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Queryable, Tx } from '../../../db/client.js';
import { admins, consumers, events } from '../../../db/schema/index.js';
import type { ActorType, EventRow } from '../../../db/schema/index.js';
import { newId } from '../../shared/ids.js';
import type { PageCursor } from '../../shared/pagination.js';
import type { EventDetails } from './events.view.js';

/** Who acted and from where: every service call that changes something receives one. */
export interface AuditContext {
  actorType: ActorType;
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface EventInput {
  action: string;
  consumerId?: string | null;
  result?: 'success' | 'failure';
  /** Field names and reasons only: never secrets, never personal values (SR-95, SR-102). */
  details?: EventDetails;
}

export const systemAudit: AuditContext = {
  actorType: 'system',
  actorId: null,
  ip: null,
  userAgent: null,
  requestId: null,
};

/** Appends one event-log row inside the caller's transaction, so it commits with the change. */
export async function recordEvent(
  tx: Tx,
  audit: AuditContext,
  input: EventInput,
  occurredAt: Date,
): Promise<void> {
  await tx.insert(events).values({
    id: newId(),
    occurredAt,
    actorType: audit.actorType,
    actorId: audit.actorId,
    action: input.action,
    consumerId: input.consumerId ?? null,
    result: input.result ?? 'success',
    details: input.details ?? {},
    ip: audit.ip,
    userAgent: audit.userAgent?.slice(0, 256) ?? null,
    requestId: audit.requestId,
  });
}

export interface EventFilter {
  consumerId?: string | undefined;
  /** Events an administrator did. */
  adminId?: string | undefined;
  action?: string | undefined;
  /** Inclusive bounds. */
  from?: Date | undefined;
  to?: Date | undefined;
}

/** An event with what its labels need: the admin's email, the consumers' names when they exist. */
export interface ListedEvent {
  event: EventRow;
  adminEmail: string | null;
  actorName: PersonName | null;
  consumerName: PersonName | null;
}

export interface PersonName {
  firstName: string;
  lastName: string;
}

const actorConsumers = alias(consumers, 'actor_consumers');
const targetConsumers = alias(consumers, 'target_consumers');

function filterConditions(filter: EventFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.consumerId) conditions.push(eq(events.consumerId, filter.consumerId));
  if (filter.adminId) {
    conditions.push(eq(events.actorType, 'admin'), eq(events.actorId, filter.adminId));
  }
  if (filter.action) conditions.push(eq(events.action, filter.action));
  if (filter.from) conditions.push(gte(events.occurredAt, filter.from));
  if (filter.to) conditions.push(lte(events.occurredAt, filter.to));
  return conditions;
}

function keysetCondition(cursor: PageCursor): SQL {
  const position = sql`(${events.occurredAt}, ${events.id})`;
  const anchor = sql`(${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
  return cursor.direction === 'previous'
    ? sql`${position} > ${anchor}`
    : sql`${position} < ${anchor}`;
}

const nameOf = (firstName: string | null, lastName: string | null): PersonName | null =>
  firstName !== null && lastName !== null ? { firstName, lastName } : null;

/**
 * One keyset page of the log, newest first, read in the cursor's direction; fetches limit + 1
 * rows to learn whether more follow. Never OFFSET: each filter has an index in this order.
 */
export async function listEvents(
  db: Queryable,
  filter: EventFilter,
  cursor: PageCursor | null,
  limit: number,
): Promise<ListedEvent[]> {
  const backwards = cursor?.direction === 'previous';
  const conditions = filterConditions(filter);
  if (cursor) conditions.push(keysetCondition(cursor));
  const rows = await db
    .select({
      event: events,
      adminEmail: admins.email,
      actorFirstName: actorConsumers.firstName,
      actorLastName: actorConsumers.lastName,
      consumerFirstName: targetConsumers.firstName,
      consumerLastName: targetConsumers.lastName,
    })
    .from(events)
    .leftJoin(admins, and(eq(events.actorType, 'admin'), eq(admins.id, events.actorId)))
    .leftJoin(
      actorConsumers,
      and(eq(events.actorType, 'consumer'), eq(actorConsumers.id, events.actorId)),
    )
    .leftJoin(targetConsumers, eq(targetConsumers.id, events.consumerId))
    .where(and(...conditions))
    .orderBy(
      ...(backwards
        ? [asc(events.occurredAt), asc(events.id)]
        : [desc(events.occurredAt), desc(events.id)]),
    )
    .limit(limit + 1);
  return rows.map((row) => ({
    event: row.event,
    adminEmail: row.adminEmail,
    actorName: nameOf(row.actorFirstName, row.actorLastName),
    consumerName: nameOf(row.consumerFirstName, row.consumerLastName),
  }));
}

export interface RecentCount {
  count: number;
  /** When the oldest counted event happened; null when none. */
  oldest: Date | null;
}

/** How many events of these actions a consumer, or an address, caused since a moment. */
export async function countRecentEvents(
  db: Queryable,
  key: { consumerId: string } | { ip: string },
  actions: readonly string[],
  since: Date,
): Promise<RecentCount> {
  const who = 'consumerId' in key ? eq(events.consumerId, key.consumerId) : eq(events.ip, key.ip);
  const [row] = await db
    .select({ count: count(), oldest: min(events.occurredAt) })
    .from(events)
    .where(and(who, inArray(events.action, [...actions]), gt(events.occurredAt, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}
