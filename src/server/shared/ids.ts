import { uuidv7 } from 'uuidv7';

/**
 * Time-ordered UUIDs (v7) generated in the application: PostgreSQL 15 has no `uuidv7()`, and
 * ordered ids keep index inserts local.
 */
export function newId(): string {
  return uuidv7();
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
