import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, queryRows } from '../../../../test/helpers/database.js';
import type { TestDatabase } from '../../../../test/helpers/database.js';
import type { SettingsBody } from '../../../contracts/settings.js';
import { ManualClock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { AuditContext } from '../events/events.repository.js';
import { createSettingsService, describeSettingsChanges } from './settings.service.js';

let database: TestDatabase;
let settings: ReturnType<typeof createSettingsService>;
const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
const audit: AuditContext = {
  actorType: 'admin',
  actorId: '0190a5c4-0000-7000-8000-000000000002',
  ip: '203.0.113.9',
  userAgent: null,
  requestId: 'test',
};

beforeAll(async () => {
  database = await createTestDatabase();
  settings = createSettingsService({ db: database.handle.db, clock });
});
afterAll(() => database.drop());

async function bodyNow(changes: Partial<SettingsBody> = {}) {
  const { updatedAt, version, ...body } = await settings.getSettings();
  return { version, body: { ...body, ...changes } };
}

const settingsEventCount = async () => {
  const [row] = await queryRows<{ total: number }>(
    database,
    sql`select count(*)::int as total from events where action = 'settings.updated'`,
  );
  return row?.total ?? 0;
};

async function failureOf(promise: Promise<unknown>): Promise<AppError | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('describeSettingsChanges()', () => {
  it('lists each changed field with before and after, in the form’s order', () => {
    const before: SettingsBody = {
      globalProjectLimit: 3,
      twoStepDefault: false,
      reverifyOnContactChange: false,
      protectedEmailPattern: '^a$',
      passwordMinLength: 12,
    };

    const details = describeSettingsChanges(before, {
      ...before,
      passwordMinLength: 16,
      twoStepDefault: true,
    });

    expect(details.changes).toEqual([
      { field: 'twoStepDefault', before: false, after: true },
      { field: 'passwordMinLength', before: 12, after: 16 },
    ]);
  });
});

describe('updateSettings()', () => {
  it('checks the pattern before the version: a bad pattern is refused even without If-Match', async () => {
    const { body } = await bodyNow({ protectedEmailPattern: '^(a+)+$' });

    const error = await failureOf(settings.updateSettings(null, body, audit));

    expect(error?.status).toBe(400);
    expect(error?.code).toBe('settings.invalid_pattern');
  });

  it('lets one of two saves of the same version win, with one event (SR-108)', async () => {
    const { version, body } = await bodyNow();
    const eventsBefore = await settingsEventCount();

    const outcomes = await Promise.allSettled([
      settings.updateSettings(version, { ...body, globalProjectLimit: 11 }, audit),
      settings.updateSettings(version, { ...body, globalProjectLimit: 12 }, audit),
    ]);

    const statuses = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? 200 : (outcome.reason as AppError).status,
    );
    expect(statuses.sort()).toEqual([200, 412]);
    expect(await settingsEventCount()).toBe(eventsBefore + 1);
  });

  it('saves nothing when its event cannot be written (SR-93)', async () => {
    const before = await settings.getSettings();
    await database.handle.db.execute(sql`
      create function refuse_settings_event() returns trigger language plpgsql as $$
      begin
        if new.action = 'settings.updated' then raise exception 'event refused by the test'; end if;
        return new;
      end $$`);
    await database.handle.db.execute(sql`
      create trigger refuse_settings_event before insert on events
      for each row execute function refuse_settings_event()`);

    const { version, body } = await bodyNow({ globalProjectLimit: 42 });
    const attempt = settings.updateSettings(version, body, audit);

    await expect(attempt).rejects.toThrow();
    expect(await settings.getSettings()).toEqual(before);
    await database.handle.db.execute(sql`drop trigger refuse_settings_event on events`);
  });
});
