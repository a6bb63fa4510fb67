import { describe, expect, it } from 'vitest';

import type { EventRow } from '../../../db/schema/index.js';
import type { ListedEvent } from './events.repository.js';
import { change, toEventItem } from './events.view.js';

const consumerId = '0190a5c4-0000-7000-8000-000000000001';
const adminId = '0190a5c4-0000-7000-8000-000000000002';

function listed(event: Partial<EventRow>, labels: Partial<ListedEvent> = {}): ListedEvent {
  return {
    event: {
      id: '0190a5c4-0000-7000-8000-000000000099',
      occurredAt: new Date('2026-06-01T09:00:00Z'),
      actorType: 'admin',
      actorId: adminId,
      action: 'consumer.suspended',
      consumerId,
      result: 'success',
      details: {},
      ip: '203.0.113.9',
      userAgent: 'test',
      requestId: 'req-1',
      ...event,
    },
    adminEmail: 'owner@example.com',
    actorName: null,
    consumerName: { firstName: 'Zoë', lastName: 'Martin' },
    ...labels,
  };
}

describe('change()', () => {
  it('keeps before and after of a plain field', () => {
    expect(change('status', 'new', 'active')).toEqual({
      field: 'status',
      before: 'new',
      after: 'active',
    });
  });

  it('keeps only the name of a personal field (SR-102)', () => {
    expect(change('email', 'a@example.com', 'b@example.com')).toEqual({ field: 'email' });
  });
});

describe('toEventItem()', () => {
  it('labels the admin actor by email and the consumer by first name and name', () => {
    const item = toEventItem(listed({}));

    expect(item.actor).toEqual({ type: 'admin', id: adminId, label: 'owner@example.com' });
    expect(item.consumer).toEqual({ id: consumerId, label: 'Zoë Martin' });
    expect(item.actionLabel).toBe('Account suspended');
  });

  it('labels a consumer actor "Consumer" and the name, and the system "System"', () => {
    const name = { firstName: 'Ada', lastName: 'Byron' };
    const byConsumer = toEventItem(
      listed({ actorType: 'consumer', actorId: consumerId }, { actorName: name }),
    );
    const unknownConsumer = toEventItem(listed({ actorType: 'consumer', actorId: null }));
    const bySystem = toEventItem(listed({ actorType: 'system', actorId: null }));

    expect(byConsumer.actor.label).toBe('Consumer Ada Byron');
    expect(unknownConsumer.actor.label).toBe('Consumer');
    expect(bySystem.actor.label).toBe('System');
  });

  it('gives a deleted account a null label and an event without account a null consumer', () => {
    expect(toEventItem(listed({}, { consumerName: null })).consumer).toEqual({
      id: consumerId,
      label: null,
    });
    expect(toEventItem(listed({ consumerId: null })).consumer).toBeNull();
  });

  it('drops a personal value even when one was stored by mistake', () => {
    const details = {
      changes: [
        { field: 'phone', before: '+33612345678', after: '+33687654321' },
        { field: 'country', before: 'FR', after: 'BE' },
      ],
    };

    const item = toEventItem(listed({ action: 'consumer.coordinates_updated', details }));

    expect(item.changes).toEqual([
      { field: 'phone' },
      { field: 'country', before: 'FR', after: 'BE' },
    ]);
    expect(JSON.stringify(item)).not.toContain('+336');
  });

  it('reads the failure reason, and shows an unknown action or odd details as they are', () => {
    const failed = toEventItem(
      listed({ action: 'consumer.sign_in', result: 'failure', details: { reason: 'suspended' } }),
    );
    const odd = toEventItem(listed({ action: 'consumer.archived', details: { changes: 'all' } }));

    expect(failed).toMatchObject({ result: 'failure', reason: 'suspended', changes: [] });
    expect(odd).toMatchObject({ actionLabel: 'consumer.archived', reason: null, changes: [] });
  });
});
