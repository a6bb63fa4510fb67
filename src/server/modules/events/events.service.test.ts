import { describe, expect, it } from 'vitest';

import { AppError } from '../../shared/errors.js';
import { resolveBound, resolveRange } from './events.service.js';

describe('resolveBound()', () => {
  it('reads a date alone as the first or the last instant of that UTC day', () => {
    expect(resolveBound('2026-06-01', 'from').toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(resolveBound('2026-06-01', 'to').toISOString()).toBe('2026-06-01T23:59:59.999Z');
  });

  it('keeps a date-time as the instant it names, offset included', () => {
    expect(resolveBound('2026-06-01T10:00:00+02:00', 'to').toISOString()).toBe(
      '2026-06-01T08:00:00.000Z',
    );
  });
});

describe('resolveRange()', () => {
  it('accepts one day as both bounds, or either bound alone', () => {
    expect(resolveRange('2026-06-01', '2026-06-01').from?.toISOString()).toBe(
      '2026-06-01T00:00:00.000Z',
    );
    expect(resolveRange(undefined, '2026-06-01').from).toBeUndefined();
    expect(resolveRange('2026-06-01', undefined).to).toBeUndefined();
  });

  it('refuses an end before the start with a field error on `to`', () => {
    const refuse = () => resolveRange('2026-06-02T00:00:00Z', '2026-06-01T23:59:59Z');

    expect(refuse).toThrow(AppError);
    try {
      refuse();
    } catch (error) {
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).details).toEqual({
        issues: [{ field: 'to', message: expect.any(String) }],
      });
    }
  });
});
