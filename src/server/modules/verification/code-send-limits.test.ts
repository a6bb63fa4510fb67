import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, queryRows } from '../../../../test/helpers/database.js';
import type { TestDatabase } from '../../../../test/helpers/database.js';
import { assertNoEventFaults, findEventFaults } from '../../../../test/helpers/event-audit.js';
import type { Consumer } from '../../../db/schema/index.js';
import { ManualClock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { insertConsumer } from '../consumers/consumers.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { defaultCodeSendLimits, sendCodeWithinLimits } from './verification.service.js';

let database: TestDatabase;
const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
const minute = 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  const faults = await findEventFaults(database);
  await database.drop();
  assertNoEventFaults(faults);
});

async function newConsumer(): Promise<Consumer> {
  const id = newId();
  const email = `limits.${id.slice(-12)}@example.com`;
  const now = clock.now();
  return database.handle.db.transaction((tx) =>
    insertConsumer(tx, {
      id,
      firstName: 'Zoë',
      firstNameKey: 'zoe',
      lastName: 'Martin',
      lastNameKey: 'martin',
      email,
      emailKey: email,
      country: 'FR',
      createdAt: now,
      updatedAt: now,
    }),
  );
}

const auditFrom = (consumer: Consumer, ip: string | null): AuditContext => ({
  actorType: 'consumer',
  actorId: consumer.id,
  ip,
  userAgent: null,
  requestId: null,
});

/** One code email, as a sign-in or a resend asks; answers the seconds to wait, 0 when sent. */
const send = (consumer: Consumer, ip: string | null) =>
  database.handle.db.transaction((tx) =>
    sendCodeWithinLimits(tx, {
      consumer,
      purpose: 'activation',
      audit: auditFrom(consumer, ip),
      now: clock.now(),
      limits: defaultCodeSendLimits,
    }),
  );

async function queuedMailsTo(consumer: Consumer): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    database,
    sql`select count(*)::int as total from messages where consumer_id = ${consumer.id}`,
  );
  return row?.total ?? 0;
}

describe('sendCodeWithinLimits() (SR-24)', () => {
  it('sends five codes to one consumer in 15 minutes, then nothing until the oldest ages out', async () => {
    const consumer = await newConsumer();
    const waits = [];
    for (let count = 0; count < 6; count += 1) {
      waits.push(await send(consumer, `192.0.2.${count + 1}`));
      clock.advance(minute);
    }

    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBe(10 * 60);
    expect(await queuedMailsTo(consumer)).toBe(5);

    clock.advance(10 * minute - minute);
    expect(await send(consumer, '192.0.2.50')).toBe(0);
    expect(await queuedMailsTo(consumer)).toBe(6);
  });

  it('counts every consumer behind one address together', async () => {
    const address = '198.51.100.77';
    const waits = [];
    for (let count = 0; count < 6; count += 1) waits.push(await send(await newConsumer(), address));

    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBe(15 * 60);
  });

  it('applies only the consumer limit when the address is unknown', async () => {
    const consumer = await newConsumer();
    const waits = [];
    for (let count = 0; count < 6; count += 1) waits.push(await send(consumer, null));

    expect(waits).toEqual([0, 0, 0, 0, 0, 15 * 60]);
  });
});
