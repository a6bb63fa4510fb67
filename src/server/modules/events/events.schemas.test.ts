import { describe, expect, it } from 'vitest';

import type { EventRow } from '../../../db/schema/index.js';
import { storedEventSchema } from './events.schemas.js';

function row(overrides: Partial<EventRow> = {}): EventRow {
  return {
    id: '0190a5c4-0000-7000-8000-000000000099',
    occurredAt: new Date('2026-06-01T09:00:00Z'),
    actorType: 'admin',
    actorId: '0190a5c4-0000-7000-8000-000000000002',
    action: 'consumer.coordinates_updated',
    consumerId: '0190a5c4-0000-7000-8000-000000000001',
    result: 'success',
    details: { changes: [{ field: 'email' }, { field: 'country', before: 'FR', after: 'BE' }] },
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0',
    requestId: 'req-1',
    ...overrides,
  };
}

const fieldsAt = (candidate: EventRow) =>
  storedEventSchema.safeParse(candidate).error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('storedEventSchema (SR-94)', () => {
  it('accepts a well-formed row, and a failure that says why', () => {
    const failure = row({
      action: 'consumer.sign_in',
      actorType: 'consumer',
      result: 'failure',
      details: { reason: 'invalid_credentials' },
    });

    expect(fieldsAt(row())).toEqual([]);
    expect(fieldsAt(failure)).toEqual([]);
  });

  it('refuses a details key that is not on the allowlist', () => {
    expect(fieldsAt(row({ details: { email: 'a@example.com' } }))).toEqual(['details']);
  });

  it('refuses the value of a personal field (SR-102)', () => {
    const details = { changes: [{ field: 'phone', before: '+33612345678', after: null }] };

    expect(fieldsAt(row({ details }))).toEqual(['details.changes.0']);
  });

  it('refuses an unknown action, a failure without reason and a long user agent', () => {
    expect(fieldsAt(row({ action: 'consumer.teleported' }))).toEqual(['action']);
    expect(fieldsAt(row({ result: 'failure', details: {} }))).toEqual(['details.reason']);
    expect(fieldsAt(row({ userAgent: 'x'.repeat(257) }))).toEqual(['userAgent']);
  });

  it('refuses a system event that names an actor, and an address that is not one', () => {
    expect(fieldsAt(row({ actorType: 'system' }))).toEqual(['actorId']);
    expect(fieldsAt(row({ ip: 'somewhere' }))).toEqual(['ip']);
  });
});
