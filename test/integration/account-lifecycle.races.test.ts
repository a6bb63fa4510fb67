import { randomInt } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccountSecurityService } from '../../src/server/modules/account-security/account-security.service.js';
import { createConsumerAuthService } from '../../src/server/modules/consumer-auth/consumer-auth.service.js';
import type { AuthenticatedConsumer } from '../../src/server/modules/consumer-auth/consumer-session.js';
import { createEmailCodesService } from '../../src/server/modules/consumer-auth/email-codes.service.js';
import { createPasswordChangeService } from '../../src/server/modules/consumer-auth/password-change.service.js';
import { createConsumersService } from '../../src/server/modules/consumers/consumers.service.js';
import type { AuditContext } from '../../src/server/modules/events/events.repository.js';
import { defaultCodeSendLimits } from '../../src/server/modules/verification/verification.service.js';
import { ManualClock } from '../../src/server/shared/clock.js';
import { AppError } from '../../src/server/shared/errors.js';
import { newId } from '../../src/server/shared/ids.js';
import { createTestDatabase, queryRows } from '../helpers/database.js';
import type { TestDatabase } from '../helpers/database.js';
import { consumerInput } from '../helpers/factories.js';

/**
 * Service-level races between a consumer getting a session and an administrator ending the
 * account's sessions (SR-45, SR-47, SR-113). The jitter shuffles which side reaches the database
 * first; every iteration checks the invariant, whatever the order was.
 */

const iterations = 8;
const password = 'a steady lighthouse keeper';

let database: TestDatabase;
let services: ReturnType<typeof createServices>;

const adminAudit: AuditContext = {
  actorType: 'admin',
  actorId: newId(),
  ip: '127.0.0.1',
  userAgent: 'race test',
  requestId: null,
};
const consumerAudit: AuditContext = { ...adminAudit, actorType: 'system', actorId: null };

function createServices(db: TestDatabase['handle']['db']) {
  const deps = {
    db,
    clock: new ManualClock(new Date('2026-06-01T09:00:00Z')),
    // Every round signs in from one address: its send limit would stop the rounds, not a race.
    codeSendLimits: { ...defaultCodeSendLimits, perAddress: 1000 },
  };
  return {
    consumers: createConsumersService(deps),
    security: createAccountSecurityService(deps),
    auth: createConsumerAuthService(deps),
    passwords: createPasswordChangeService(deps),
    emailCodes: createEmailCodesService(deps),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createServices(database.handle.db);
});
afterAll(() => database.drop());

const jitter = () => new Promise((resolve) => setTimeout(resolve, randomInt(0, 5)));

async function sessionCount(consumerId: string): Promise<number> {
  const rows = await queryRows(
    database,
    sql`select id from consumer_sessions where consumer_id = ${consumerId}`,
  );
  return rows.length;
}

async function authenticated(token: string): Promise<AuthenticatedConsumer> {
  const auth = await services.auth.authenticate(token);
  if (!auth) throw new Error('the session just opened is not valid');
  return auth;
}

/** An active consumer with a password of its own, signed in once: its session and token. */
async function activeSignedInConsumer() {
  const { consumers, security, auth, passwords } = services;
  const created = await consumers.createConsumer(consumerInput(), adminAudit);
  const { id, email } = created.consumer;
  await security.forceActivate(id, adminAudit);
  const first = await auth.signIn(email, created.credentials.temporaryPassword, consumerAudit);
  if (first.kind !== 'signed-in') throw new Error('two-step is off by default');
  const changed = await passwords.changePassword(
    await authenticated(first.token),
    { newPassword: password },
    consumerAudit,
  );
  return { id, email, token: changed.token };
}

/** The error code of a rejected promise; an unexpected error (a 500) fails the test. */
function codeOf(result: PromiseSettledResult<unknown>): string | null {
  if (result.status === 'fulfilled') return null;
  if (!(result.reason instanceof AppError)) throw result.reason;
  return result.reason.code;
}

/** The sign-in code that the outbox holds for delivery (no worker runs here). */
async function queuedSignInCode(consumerId: string): Promise<string> {
  const [row] = await queryRows<{ body: string }>(
    database,
    sql`select body from messages where consumer_id = ${consumerId}
      and template = 'two_step_code' order by id desc limit 1`,
  );
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
  if (!code) throw new Error('no sign-in code queued');
  return code;
}

describe('a sign-in racing a suspension leaves no live session (SR-113)', () => {
  it('password sign-in against suspend', async () => {
    for (let round = 0; round < iterations; round += 1) {
      const { id, email } = await activeSignedInConsumer();

      const [signIn, suspension] = await Promise.allSettled([
        jitter().then(() => services.auth.signIn(email, password, consumerAudit)),
        jitter().then(() => services.security.suspend(id, adminAudit)),
      ]);

      expect(suspension.status).toBe('fulfilled');
      expect(await sessionCount(id)).toBe(0);
      if (signIn.status === 'fulfilled' && signIn.value.kind === 'signed-in') {
        expect(await services.auth.authenticate(signIn.value.token)).toBeNull();
      } else {
        expect(codeOf(signIn)).toBe('auth.account_suspended');
      }
    }
  });

  it('second step of a two-step sign-in against suspend', async () => {
    for (let round = 0; round < iterations; round += 1) {
      const { id, email } = await activeSignedInConsumer();
      await services.security.setTwoStep(id, true, adminAudit);
      const started = await services.auth.signIn(email, password, consumerAudit);
      if (started.kind !== 'two-step') throw new Error('two-step sign-in expected');
      const code = await queuedSignInCode(id);

      const [completed, suspension] = await Promise.allSettled([
        jitter().then(() =>
          services.emailCodes.completeTwoStep(started.challengeToken, code, consumerAudit),
        ),
        jitter().then(() => services.security.suspend(id, adminAudit)),
      ]);

      expect(suspension.status).toBe('fulfilled');
      expect(await sessionCount(id)).toBe(0);
      if (completed.status === 'fulfilled') {
        expect(await services.auth.authenticate(completed.value.token)).toBeNull();
      } else {
        expect(['auth.invalid_code', 'auth.account_suspended']).toContain(codeOf(completed));
      }
    }
  });

  it('password change (which opens a fresh session) against suspend and against delete', async () => {
    for (let round = 0; round < iterations; round += 1) {
      const { id, token } = await activeSignedInConsumer();
      // The request passed the session guard; the account ends while its new hash is computed.
      const session = await authenticated(token);
      const end = async (): Promise<void> => {
        if (round % 2 === 0) await services.security.suspend(id, adminAudit);
        else await services.security.deleteAccount(id, adminAudit);
      };

      const [change, ended] = await Promise.allSettled([
        jitter().then(() =>
          services.passwords.changePassword(
            session,
            { currentPassword: password, newPassword: `another long passphrase ${round}` },
            consumerAudit,
          ),
        ),
        jitter().then(end),
      ]);

      expect(ended.status).toBe('fulfilled');
      expect(await sessionCount(id)).toBe(0);
      if (change.status === 'fulfilled') {
        expect(await services.auth.authenticate(change.value.token)).toBeNull();
      } else {
        expect(codeOf(change)).toBe('auth.unauthenticated');
      }
    }
  });
});

describe('a sign-in with the old password racing a password reset opens no session (SR-11)', () => {
  it("password sign-in against an administrator's reset", async () => {
    for (let round = 0; round < iterations; round += 1) {
      const { id, email } = await activeSignedInConsumer();

      const [signIn, reset] = await Promise.allSettled([
        jitter().then(() => services.auth.signIn(email, password, consumerAudit)),
        jitter().then(() => services.security.resetPassword(id, adminAudit)),
      ]);

      expect(reset.status).toBe('fulfilled');
      expect(await sessionCount(id)).toBe(0);
      if (signIn.status === 'fulfilled' && signIn.value.kind === 'signed-in') {
        expect(await services.auth.authenticate(signIn.value.token)).toBeNull();
      } else {
        expect(codeOf(signIn)).toBe('auth.invalid_credentials');
      }
    }
  });
});

describe("an ended consumer's old cookie is refused (SR-45, SR-47, SR-34)", () => {
  const endings = {
    suspended: (id: string) => services.security.suspend(id, adminAudit),
    deleted: (id: string) => services.security.deleteAccount(id, adminAudit),
    'signed out': async (_id: string, token: string) =>
      services.auth.signOut(await authenticated(token), consumerAudit),
  };

  for (const [ending, run] of Object.entries(endings)) {
    it(`after the consumer was ${ending}`, async () => {
      const { id, token } = await activeSignedInConsumer();
      const before = await services.auth.authenticate(token);

      await run(id, token);

      expect(before?.consumer.id).toBe(id);
      expect(await services.auth.authenticate(token)).toBeNull();
    });
  }
});
