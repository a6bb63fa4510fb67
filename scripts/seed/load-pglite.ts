import type { Database } from '../../src/db/client.js';
import { consumers } from '../../src/db/schema/consumers.js';
import type { LoadOptions } from './load-postgres.js';

// 23 columns × 2,000 rows stays under PostgreSQL's 65,535 bind parameters per statement.
const rowsPerInsert = 2_000;

/** PGlite has no COPY FROM STDIN through drizzle: multi-row INSERTs in one transaction instead. */
export async function loadWithInserts(db: Database, options: LoadOptions): Promise<void> {
  await db.transaction(async (tx) => {
    for (let from = 0; from < options.total; from += rowsPerInsert) {
      const to = Math.min(options.total, from + rowsPerInsert);
      const rows = Array.from({ length: to - from }, (_, offset) => options.build(from + offset));
      await tx.insert(consumers).values(rows);
      options.onProgress(to);
    }
  });
}
