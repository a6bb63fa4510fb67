import { eq } from 'drizzle-orm';

import type { Queryable } from '../../../db/client.js';
import { settings } from '../../../db/schema/index.js';
import type { Settings } from '../../../db/schema/index.js';

export async function readSettings(db: Queryable): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (!row) throw new Error('the settings row is missing; migrations were not applied');
  return row;
}
