import { describe, expect, it } from 'vitest';

import { AppError } from './errors.js';
import { buildPage, decodeCursor, encodeCursor } from './pagination.js';
import type { PageCursor } from './pagination.js';

const row = (index: number) => ({
  id: `0190a5c4-0000-7000-8000-${String(index).padStart(12, '0')}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 100 - index)),
  rank: 0,
});

function invalidCursorCode(raw: string): string | null {
  try {
    decodeCursor(raw);
    return null;
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : 'unexpected';
  }
}

describe('encodeCursor() and decodeCursor()', () => {
  it('round-trip a position and a direction', () => {
    const cursor: PageCursor = { ...row(3), rank: 2, direction: 'previous' };

    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('read no cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('answer 400 validation.invalid_input for anything that is not one of our cursors', () => {
    const forged = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');

    expect(invalidCursorCode('not a cursor')).toBe('400 validation.invalid_input');
    expect(
      invalidCursorCode(forged({ t: '2026-01-01T00:00:00.000Z', i: "1' or '1", r: 0, d: 'n' })),
    ).toBe('400 validation.invalid_input');
    expect(invalidCursorCode(forged({ t: 'yesterday', i: row(1).id, r: 0, d: 'n' }))).toBe(
      '400 validation.invalid_input',
    );
    expect(
      invalidCursorCode(forged({ t: row(1).createdAt.toISOString(), i: row(1).id, r: 0, d: 'x' })),
    ).toBe('400 validation.invalid_input');
  });
});

describe('buildPage()', () => {
  it('gives the first page a next cursor only, from limit + 1 rows', () => {
    const rows = [1, 2, 3, 4].map(row);

    const page = buildPage(rows, 3, null);

    expect(page.items.map((item) => item.id)).toEqual([1, 2, 3].map((index) => row(index).id));
    expect(decodeCursor(page.nextCursor ?? undefined)).toMatchObject({
      id: row(3).id,
      direction: 'next',
    });
    expect(page.previousCursor).toBeNull();
  });

  it('gives the last page reached forwards a previous cursor only', () => {
    const cursor: PageCursor = { ...row(3), direction: 'next' };

    const page = buildPage([4, 5].map(row), 3, cursor);

    expect(page.nextCursor).toBeNull();
    expect(decodeCursor(page.previousCursor ?? undefined)).toMatchObject({
      id: row(4).id,
      direction: 'previous',
    });
  });

  it('puts rows read backwards back in display order', () => {
    const cursor: PageCursor = { ...row(7), direction: 'previous' };

    const page = buildPage([6, 5, 4, 3].map(row), 3, cursor);

    expect(page.items.map((item) => item.id)).toEqual([4, 5, 6].map((index) => row(index).id));
    expect(decodeCursor(page.previousCursor ?? undefined)).toMatchObject({ id: row(4).id });
    expect(decodeCursor(page.nextCursor ?? undefined)).toMatchObject({ id: row(6).id });
  });

  it('ends the backwards walk at the first page', () => {
    const cursor: PageCursor = { ...row(4), direction: 'previous' };

    const page = buildPage([3, 2, 1].map(row), 3, cursor);

    expect(page.items.map((item) => item.id)).toEqual([1, 2, 3].map((index) => row(index).id));
    expect(page.previousCursor).toBeNull();
  });

  it('answers an empty page with no cursors', () => {
    expect(buildPage([], 20, null)).toEqual({ items: [], nextCursor: null, previousCursor: null });
  });
});
