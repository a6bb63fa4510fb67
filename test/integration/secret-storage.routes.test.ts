import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp } from '../helpers/build-app.js';
import type { TestApp } from '../helpers/build-app.js';
import { createConsumer, createSignedInConsumer } from '../helpers/consumers.js';
import { columnsHolding } from '../helpers/database-scan.js';
import { queryRows } from '../helpers/database.js';
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

// The library writes the cost parameters in its own order (m, p, t): read them by name.
const phc =
  /^\$argon2id\$v=19\$([mpt]=\d+(?:,[mpt]=\d+){2})\$[A-Za-z0-9+/]{22,}\$[A-Za-z0-9+/]{43,}$/;

function costOf(hash: string): Record<string, number> {
  const parameters = phc.exec(hash)?.[1] ?? '';
  return Object.fromEntries(
    parameters.split(',').map((pair) => [pair.slice(0, 1), Number(pair.slice(2))]),
  );
}

async function storedHash(id: string): Promise<string> {
  const [row] = await queryRows<{ password_hash: string }>(
    t.database,
    sql`select password_hash from consumers where id = ${id}`,
  );
  return row?.password_hash ?? '';
}

describe('password storage (SR-05)', () => {
  it('gives two consumers with one password two argon2id hashes of at least m=19456,t=2,p=1', async () => {
    const canary = `CANARY-PW-${Date.now()} quiet orchard`;
    const first = await createSignedInConsumer(t, admin, { password: canary });
    const second = await createSignedInConsumer(t, admin, { password: canary });

    const hashes = [await storedHash(first.consumer.id), await storedHash(second.consumer.id)];

    expect(hashes[0]).not.toBe(hashes[1]);
    for (const hash of hashes) {
      const cost = costOf(hash);
      expect(cost.m, hash).toBeGreaterThanOrEqual(19456);
      expect(cost.t, hash).toBeGreaterThanOrEqual(2);
      expect(cost.p, hash).toBeGreaterThanOrEqual(1);
    }
    expect(await columnsHolding(t.database, canary)).toEqual([]);
    expect(t.logs()).not.toContain(canary);
  });

  it('finds a value that is stored in clear, so the scan above can fail', async () => {
    const { consumer } = await createConsumer(t, admin);

    expect(await columnsHolding(t.database, consumer.lastName)).toContain('consumers.last_name');
  });
});

describe('temporary passwords (SR-08)', () => {
  it('appear once in the create and reset answers, and nowhere else', async () => {
    const mailsBefore = smtp.received.length;
    const created = await createConsumer(t, admin);
    const id = created.consumer.id;
    const reset = await t.request({
      method: 'POST',
      url: `/api/admin/v1/consumers/${id}/password-reset`,
      headers: { cookie: admin },
    });
    const issued = [created.temporaryPassword, reset.json().credentials.temporaryPassword];
    const record = await t.request({
      method: 'GET',
      url: `/api/admin/v1/consumers/${id}`,
      headers: { cookie: admin },
    });
    const events = await t.request({
      method: 'GET',
      url: `/api/admin/v1/events?consumerId=${id}`,
      headers: { cookie: admin },
    });
    await smtp.waitFor(mailsBefore + 1);

    expect(reset.statusCode).toBe(200);
    expect(issued[1]).not.toBe(issued[0]);
    expect(events.json().items.length).toBeGreaterThanOrEqual(2);
    const mails = smtp.received.slice(mailsBefore).map((mail) => mail.raw);
    for (const secret of issued) {
      expect(secret).toMatch(/^[23456789A-HJ-NP-Z]{16}$/);
      expect(record.body).not.toContain(secret);
      expect(events.body).not.toContain(secret);
      expect(mails.join('\n')).not.toContain(secret);
      expect(t.logs()).not.toContain(secret);
      expect(await columnsHolding(t.database, secret)).toEqual([]);
    }
    expect(await storedHash(id)).toMatch(phc);
  });
});
