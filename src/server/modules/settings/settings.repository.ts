import { and, eq, sql } from 'drizzle-orm';

import type { Queryable, Tx } from '../../../db/client.js';
import { settings } from '../../../db/schema/index.js';
import type { Settings } from '../../../db/schema/index.js';

export async function readSettings(db: Queryable): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (!row) throw new Error('the settings row is missing; migrations were not applied');
  return row;
}

/** Reads the row under a lock, so the change and its event see the values they replace. */
export async function lockSettings(tx: Tx): Promise<Settings> {
  const [row] = await tx.select().from(settings).where(eq(settings.id, 1)).for('update');
  if (!row) throw new Error('the settings row is missing; migrations were not applied');
  return row;
}

export type SettingsValues = Omit<Settings, 'id' | 'updatedAt' | 'version'>;

/** Compare-and-set on `version`: null when someone saved meanwhile. */
export async function updateSettingsAtVersion(
  tx: Tx,
  expectedVersion: number,
  values: SettingsValues & { updatedAt: Date },
): Promise<Settings | null> {
  const [row] = await tx
    .update(settings)
    .set({ ...values, version: sql`${settings.version} + 1` })
    .where(and(eq(settings.id, 1), eq(settings.version, expectedVersion)))
    .returning();
  return row ?? null;
}
