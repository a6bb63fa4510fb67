import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase } from '../../../../test/helpers/database.js';
import type { TestDatabase } from '../../../../test/helpers/database.js';
import { assertNoEventFaults, findEventFaults } from '../../../../test/helpers/event-audit.js';
import { messages, verificationCodes } from '../../../db/schema/index.js';
import type { Consumer } from '../../../db/schema/index.js';
import { ManualClock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from '../../shared/passwords.js';
import { insertConsumer } from '../consumers/consumers.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { createConsumerAuthService } from './consumer-auth.service.js';
import type { ConsumerAuthService } from './consumer-auth.service.js';
import { createEmailCodesService } from './email-codes.service.js';
import type { EmailCodesService } from './email-codes.service.js';

let database: TestDatabase;
let consumerAuth: ConsumerAuthService;
let emailCodes: EmailCodesService;
let passwordHash: string;
const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
const password = 'a quiet orchard at dawn';
const audit: AuditContext = {
  actorType: 'system',
  actorId: null,
  ip: '192.0.2.10',
  userAgent: 'vitest',
  requestId: null,
};

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = { db: database.handle.db, clock };
  consumerAuth = createConsumerAuthService(deps);
  emailCodes = createEmailCodesService(deps);
  passwordHash = await hashPassword(password);
});
afterAll(async () => {
  const faults = await findEventFaults(database);
  await database.drop();
  assertNoEventFaults(faults);
});

async function newConsumer(values: Partial<Consumer>): Promise<Consumer> {
  const id = newId();
  const email = `codes.${id.slice(-12)}@example.com`;
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
      passwordHash,
      createdAt: now,
      updatedAt: now,
      ...values,
    }),
  );
}

/** The code in the newest queued mail to the consumer: the outbox holds it until it is sent. */
async function lastMailedCode(consumer: Consumer): Promise<string> {
  const [mail] = await database.handle.db
    .select({ body: messages.body })
    .from(messages)
    .where(eq(messages.consumerId, consumer.id))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  const code = /code is (\d+)\b/.exec(mail?.body ?? '')?.[1];
  if (!code) throw new Error('no code queued');
  return code;
}

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

/** The error code a refused call throws, or null when the call succeeds. */
async function refusal(call: Promise<unknown>): Promise<string | null> {
  return call.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

async function startTwoStep() {
  const consumer = await newConsumer({ status: 'active', twoStepEnabled: true });
  const outcome = await consumerAuth.signIn(consumer.email, password, audit);
  if (outcome.kind !== 'two-step') throw new Error('expected a second step');
  return { consumer, challenge: outcome.challengeToken, code: await lastMailedCode(consumer) };
}

describe('completeTwoStep() (SR-18, SR-19)', () => {
  it('refuses the right code after six wrong ones: the fifth wrong try voided it', async () => {
    const { challenge, code } = await startTwoStep();

    const wrongTries = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      wrongTries.push(await refusal(emailCodes.completeTwoStep(challenge, wrongFor(code), audit)));
    }
    const right = await refusal(emailCodes.completeTwoStep(challenge, code, audit));

    expect(wrongTries).toEqual(new Array(6).fill('auth.invalid_code'));
    expect(right).toBe('auth.invalid_code');
    const [stored] = await database.handle.db
      .select()
      .from(verificationCodes)
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1);
    expect(stored).toMatchObject({ attempts: 5, outcome: 'too_many_attempts', consumedAt: null });
  });

  it('accepts the right code after four wrong ones', async () => {
    const { challenge, code } = await startTwoStep();
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await refusal(emailCodes.completeTwoStep(challenge, wrongFor(code), audit));
    }

    const right = await emailCodes.completeTwoStep(challenge, code, audit);

    expect(right.kind).toBe('signed-in');
  });

  it('refuses a used code', async () => {
    const { challenge, code } = await startTwoStep();

    const first = await emailCodes.completeTwoStep(challenge, code, audit);
    const again = await refusal(emailCodes.completeTwoStep(challenge, code, audit));

    expect(first.kind).toBe('signed-in');
    expect(again).toBe('auth.invalid_code');
  });
});

describe('confirmEmailCheck() (SR-18, SR-19)', () => {
  async function startEmailCheck() {
    const consumer = await newConsumer({ status: 'new' });
    const auth = {
      consumer,
      sessionId: newId(),
      passwordChangeRequired: false,
      verificationRequired: true,
    };
    await emailCodes.requestEmailCheck(auth, audit);
    return { auth, code: await lastMailedCode(consumer) };
  }

  it('refuses the right code after six wrong ones', async () => {
    const { auth, code } = await startEmailCheck();
    const wrong = code === '00000000' ? '11111111' : '00000000';

    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect(await refusal(emailCodes.confirmEmailCheck(auth, wrong, audit))).toBe(
        'auth.invalid_code',
      );
    }
    const right = await refusal(emailCodes.confirmEmailCheck(auth, code, audit));

    expect(right).toBe('auth.invalid_code');
  });

  it('refuses a used code', async () => {
    const { auth, code } = await startEmailCheck();

    const first = await emailCodes.confirmEmailCheck(auth, code, audit);
    const again = await refusal(emailCodes.confirmEmailCheck(auth, code, audit));

    expect(first.consumer.verificationRequired).toBe(false);
    expect(again).toBe('auth.invalid_code');
  });
});
