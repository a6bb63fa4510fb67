import { events } from '../../src/db/schema/index.js';
import { storedEventSchema } from '../../src/server/modules/events/events.schemas.js';
import type { TestDatabase } from './database.js';

/**
 * Checks every row of a test database's event log: each must match the event schema (SR-94,
 * SR-102) and none may carry a secret the tests saw issued (SR-95). Answers one line per fault.
 */
export async function findEventFaults(
  database: TestDatabase,
  secrets: readonly string[] = [],
): Promise<string[]> {
  const rows = await database.handle.db.select().from(events);
  return rows.flatMap((row) => {
    const parsed = storedEventSchema.safeParse(row);
    const faults = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    const stored = JSON.stringify(row);
    if (secrets.some((secret) => stored.includes(secret))) faults.push('holds an issued secret');
    return faults.map((fault) => `${row.action} ${row.id}: ${fault}`);
  });
}

export function assertNoEventFaults(faults: readonly string[]): void {
  if (faults.length > 0) {
    throw new Error(`event log rows break the event schema (SR-94):\n${faults.join('\n')}`);
  }
}
