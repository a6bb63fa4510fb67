import type { EventPage, eventListQuerySchema } from '../../../contracts/events.js';
import type { Database } from '../../../db/client.js';
import { fieldError } from '../../shared/errors.js';
import { buildPage, decodeCursor } from '../../shared/pagination.js';
import { listEvents } from './events.repository.js';
import type { EventFilter } from './events.repository.js';
import { toEventItem } from './events.view.js';
import type { z } from 'zod';

export interface EventsDeps {
  db: Database;
}

export type EventListRequest = z.output<typeof eventListQuerySchema>;

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 60 * 60 * 1000;

/** A date alone is a whole UTC day: as a lower bound its first instant, as an upper its last. */
export function resolveBound(value: string, bound: 'from' | 'to'): Date {
  const instant = new Date(dateOnly.test(value) ? `${value}T00:00:00.000Z` : value);
  return bound === 'to' && dateOnly.test(value) ? new Date(instant.getTime() + dayMs - 1) : instant;
}

/** Turns the query's date range into bounds, refusing an end before the start. */
export function resolveRange(from: string | undefined, to: string | undefined) {
  const range = {
    from: from === undefined ? undefined : resolveBound(from, 'from'),
    to: to === undefined ? undefined : resolveBound(to, 'to'),
  };
  if (range.from && range.to && range.from > range.to) {
    throw fieldError('to', 'The end date must not be before the start date');
  }
  return range;
}

export function createEventsService({ db }: EventsDeps) {
  async function listPage(request: EventListRequest): Promise<EventPage> {
    const cursor = decodeCursor(request.cursor);
    const filter: EventFilter = {
      consumerId: request.consumerId,
      adminId: request.adminId,
      action: request.action,
      ...resolveRange(request.from, request.to),
    };
    const rows = await listEvents(db, filter, cursor, request.limit);
    const positioned = rows.map((row) => ({
      row,
      createdAt: row.event.occurredAt,
      id: row.event.id,
      rank: 0,
    }));
    const page = buildPage(positioned, request.limit, cursor);
    return { ...page, items: page.items.map((item) => toEventItem(item.row)) };
  }

  return { listPage };
}

export type EventsService = ReturnType<typeof createEventsService>;
