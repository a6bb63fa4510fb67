import { randomBytes } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/db/client.js';
import type { Tx } from '../../src/db/client.js';
import { events, messages } from '../../src/db/schema/index.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { defaultMaxAttempts } from '../../src/server/modules/mail/delivery-worker.js';
import {
  claimDueMessages,
  enqueueMail,
  markMessageRetry,
} from '../../src/server/modules/mail/outbox.repository.js';
import { ManualClock } from '../../src/server/shared/clock.js';
import { buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer } from '../helpers/consumers.js';
import { createTestDatabase } from '../helpers/database.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';

let t: TestApp;
let smtp: SmtpSink;
let admin: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({ env: { SMTP_URL: smtp.url } });
  admin = await t.signInAdmin();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const minute = 60_000;
const uniqueAddress = () => `outbox.${randomBytes(4).toString('hex')}@example.com`;

function queueNotice(tx: Tx, recipient: string, now: Date) {
  const mail = { template: 'password_reset_notice', firstName: 'Zoë' } as const;
  return enqueueMail(tx, { consumerId: null, recipient, mail }, now);
}

const mailsTo = (sink: SmtpSink, recipient: string) =>
  sink.received.filter((mail) => mail.to.includes(recipient)).length;

const messagesTo = (recipient: string) =>
  t.database.handle.db.select().from(messages).where(eq(messages.recipient, recipient));

const resetPassword = (consumerId: string) =>
  t.request({
    method: 'POST',
    url: `/api/admin/v1/consumers/${consumerId}/password-reset`,
    headers: { cookie: admin },
  });

/** Runs `during` with the SMTP server down, then brings it back on the same address. */
async function withSmtpDown(during: () => Promise<void>): Promise<void> {
  const port = Number(new URL(smtp.url).port);
  await smtp.close();
  try {
    await during();
  } finally {
    smtp = await startSmtpSink(port);
  }
}

describe('the outbox (SR-117)', () => {
  it('a transaction that rolls back after queuing a mail sends nothing', async () => {
    const rolledBack = uniqueAddress();
    const committed = uniqueAddress();
    const db = t.database.handle.db;

    const refused = db.transaction(async (tx) => {
      await queueNotice(tx, rolledBack, t.clock.now());
      throw new Error('the action failed after queuing its mail');
    });
    await expect(refused).rejects.toThrow();
    await db.transaction((tx) => queueNotice(tx, committed, t.clock.now()));
    await t.app.mailWorker.runOnce();

    expect(await messagesTo(rolledBack)).toEqual([]);
    expect(mailsTo(smtp, rolledBack)).toBe(0);
    expect(mailsTo(smtp, committed)).toBe(1);
  });

  it('SMTP down for 30 s: a reset answers 200, its notice arrives once SMTP is back', async () => {
    const { consumer } = await createConsumer(t, admin);
    let reset: Awaited<ReturnType<typeof resetPassword>> | undefined;
    let whileDown: Awaited<ReturnType<typeof messagesTo>> = [];

    await withSmtpDown(async () => {
      reset = await resetPassword(consumer.id);
      // Thirty seconds of clock time: each retry that falls due meets the closed port.
      for (let elapsed = 0; elapsed <= 30_000; elapsed += 5_000) {
        await t.app.mailWorker.runOnce();
        t.clock.advance(5_000);
      }
      whileDown = await messagesTo(consumer.email);
    });
    t.clock.advance(5 * minute);
    await t.app.mailWorker.runOnce();

    expect(reset?.statusCode).toBe(200);
    expect(whileDown).toHaveLength(1);
    expect(whileDown[0]?.status).toBe('pending');
    expect(whileDown[0]?.attempts).toBeGreaterThan(1);
    expect(mailsTo(smtp, consumer.email)).toBe(1);
    expect((await messagesTo(consumer.email))[0]?.status).toBe('sent');
  });

  it(`after ${defaultMaxAttempts} failed tries a message is failed, with an event`, async () => {
    const { consumer } = await createConsumer(t, admin);
    const statuses: string[] = [];

    await withSmtpDown(async () => {
      await resetPassword(consumer.id);
      for (let attempt = 1; attempt <= defaultMaxAttempts; attempt += 1) {
        await t.app.mailWorker.runOnce();
        const [message] = await messagesTo(consumer.email);
        statuses.push(`${message?.status} after ${message?.attempts}`);
        t.clock.advance(5 * minute);
      }
    });
    await t.app.mailWorker.runOnce();
    const logged = await t.database.handle.db
      .select()
      .from(events)
      .where(and(eq(events.consumerId, consumer.id), eq(events.action, 'message.failed')));

    expect(statuses.at(-2)).toBe(`pending after ${defaultMaxAttempts - 1}`);
    expect(statuses.at(-1)).toBe(`failed after ${defaultMaxAttempts}`);
    expect(mailsTo(smtp, consumer.email)).toBe(0);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorType: 'system', result: 'failure' });
    expect(logged[0]?.details).toEqual({ reason: 'attempts_exhausted' });
  });

  it('a message whose worker died is sent by another once its lease runs out', async () => {
    const recipient = uniqueAddress();
    const db = t.database.handle.db;
    // The dead worker: it claims in the enqueuing transaction, so no live worker gets there first.
    const [deadClaim] = await db.transaction(async (tx) => {
      await queueNotice(tx, recipient, t.clock.now());
      return claimDueMessages(tx, t.clock.now(), 1, minute);
    });

    await t.app.mailWorker.runOnce();
    const duringLease = mailsTo(smtp, recipient);
    t.clock.advance(minute + 1000);
    await t.app.mailWorker.runOnce();
    // The dead worker wakes up late and reports a failure: the takeover's outcome stands.
    const lateMark = deadClaim && (await markMessageRetry(db, deadClaim, t.clock.now(), 'late'));

    expect(deadClaim?.recipient).toBe(recipient);
    expect(duringLease).toBe(0);
    expect(mailsTo(smtp, recipient)).toBe(1);
    expect(lateMark).toBe(false);
    expect(await messagesTo(recipient)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });
});

describe('two relays on one database (SR-117)', () => {
  // On PostgreSQL (DATABASE_URL) each app has its own connection pool, as two processes would,
  // so the row locks of FOR UPDATE SKIP LOCKED decide who sends what. PGlite serves a single
  // connection: there both apps share it, which still shows a claimed message is never handed
  // out twice, but not the locking between sessions.
  it('two app instances share 100 messages and deliver each exactly once', async () => {
    const sink = await startSmtpSink();
    const database = await createTestDatabase();
    const secondHandle = database.url
      ? await openDatabase({ databaseUrl: database.url, dataDir: 'unused' })
      : database.handle;
    const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: sink.url });
    const apps: FastifyInstance[] = [];
    try {
      for (const handle of [database.handle, secondHandle]) {
        apps.push(await buildApp({ config, database: handle, clock, startMailWorker: false }));
      }
      const recipients = Array.from({ length: 100 }, uniqueAddress);
      await database.handle.db.transaction(async (tx) => {
        for (const recipient of recipients) await queueNotice(tx, recipient, clock.now());
      });

      const handled = await Promise.all(apps.map((app) => app.mailWorker.runOnce()));
      const rows = await database.handle.db.select().from(messages);

      expect(handled[0]).toBeGreaterThan(0);
      expect(handled[1]).toBeGreaterThan(0);
      expect(handled[0]! + handled[1]!).toBe(100);
      expect(sink.received).toHaveLength(100);
      expect(recipients.filter((recipient) => mailsTo(sink, recipient) !== 1)).toEqual([]);
      expect(rows.filter((row) => row.status !== 'sent' || row.attempts !== 1)).toEqual([]);
    } finally {
      for (const app of apps) await app.close();
      if (secondHandle !== database.handle) await secondHandle.close();
      await database.drop();
      await sink.close();
    }
  });
});
