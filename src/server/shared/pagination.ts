import { z } from 'zod';

import { AppError } from './errors.js';

/** Where a keyset page starts: the row it continues from, and which way it reads. */
export interface PageCursor {
  createdAt: Date;
  id: string;
  /** Search pages order by relevance first; plain lists leave it 0. */
  rank: number;
  direction: 'next' | 'previous';
}

const cursorPayload = z.object({
  t: z.iso.datetime(),
  i: z.uuid(),
  r: z.number().int().min(0).max(9),
  d: z.enum(['n', 'p']),
});

/** Cursors are opaque to clients: base64url of a small JSON payload. */
export function encodeCursor(cursor: PageCursor): string {
  const payload = {
    t: cursor.createdAt.toISOString(),
    i: cursor.id,
    r: cursor.rank,
    d: cursor.direction === 'next' ? 'n' : 'p',
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): PageCursor | null {
  if (!raw) return null;
  try {
    const payload = cursorPayload.parse(JSON.parse(Buffer.from(raw, 'base64url').toString()));
    return {
      createdAt: new Date(payload.t),
      id: payload.i,
      rank: payload.r,
      direction: payload.d === 'n' ? 'next' : 'previous',
    };
  } catch {
    throw new AppError(400, 'validation.invalid_input', 'cursor: is not a valid page cursor', {
      details: { issues: [{ field: 'cursor', message: 'is not a valid page cursor' }] },
    });
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  previousCursor: string | null;
}

interface Positioned {
  createdAt: Date;
  id: string;
  rank: number;
}

/**
 * Turns `limit + 1` rows fetched in the cursor's direction into a page in display order, with
 * the cursors that continue it either way.
 */
export function buildPage<T extends Positioned>(
  rows: T[],
  limit: number,
  cursor: PageCursor | null,
): Page<T> {
  const hasMore = rows.length > limit;
  const fetched = rows.slice(0, limit);
  const readingBackwards = cursor?.direction === 'previous';
  const items = readingBackwards ? fetched.reverse() : fetched;
  const first = items[0];
  const last = items.at(-1);
  const hasNewer = readingBackwards ? hasMore : cursor !== null;
  const hasOlder = readingBackwards ? true : hasMore;
  return {
    items,
    nextCursor: hasOlder && last ? encodeCursor({ ...last, direction: 'next' }) : null,
    previousCursor: hasNewer && first ? encodeCursor({ ...first, direction: 'previous' }) : null,
  };
}
