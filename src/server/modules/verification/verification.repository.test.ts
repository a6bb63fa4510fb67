import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase } from '../../../../test/helpers/database.js';
import type { TestDatabase } from '../../../../test/helpers/database.js';
import { newId } from '../../shared/ids.js';
import { insertConsumer } from '../consumers/consumers.repository.js';
import type { NewCode } from './verification.repository.js';
import {
  findCodeByChallenge,
  findLatestCode,
  replaceOpenCodes,
} from './verification.repository.js';

let database: TestDatabase;
// One instant for every row: codes issued within one millisecond tie on created_at.
const now = new Date('2026-06-01T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function newConsumerId(): Promise<string> {
  const id = newId();
  const email = `codes.${id.slice(-12)}@example.com`;
  await database.handle.db.transaction((tx) =>
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
  return id;
}

const codeFor = (consumerId: string, codeHash: string, challengeHash: string | null): NewCode => ({
  consumerId,
  purpose: challengeHash ? 'two_step' : 'activation',
  destination: 'codes@example.com',
  challengeHash,
  codeSalt: 'salt',
  codeHash,
  createdAt: now,
  expiresAt: new Date(now.getTime() + 60_000),
});

/** Issues codes one after the other, all stamped with the same instant. */
async function issueInOneInstant(codes: NewCode[]): Promise<void> {
  for (const code of codes) {
    await database.handle.db.transaction((tx) => replaceOpenCodes(tx, code));
  }
}

describe('findLatestCode() and findCodeByChallenge()', () => {
  it('answer the code issued last when several share the same created_at', async () => {
    const consumerId = await newConsumerId();
    const hashes = Array.from({ length: 6 }, (_, index) => `hash-${index}`);
    await issueInOneInstant(hashes.map((hash) => codeFor(consumerId, hash, null)));
    await issueInOneInstant(hashes.map((hash) => codeFor(consumerId, hash, 'challenge-1')));

    const latest = await findLatestCode(database.handle.db, consumerId, 'activation');
    const ofChallenge = await findCodeByChallenge(database.handle.db, 'challenge-1');

    expect(latest?.codeHash).toBe('hash-5');
    expect(latest?.voidedAt).toBeNull();
    expect(ofChallenge?.codeHash).toBe('hash-5');
    expect(ofChallenge?.voidedAt).toBeNull();
  });
});
