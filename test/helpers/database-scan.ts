import { sql } from 'drizzle-orm';

import { queryRows } from './database.js';
import type { TestDatabase } from './database.js';

const textTypes = ['text', 'character varying', 'character', 'json', 'jsonb', 'USER-DEFINED'];

/**
 * Every `table.column` of the application's tables whose text holds `value` anywhere: the
 * proof that a secret or personal value is stored nowhere in clear.
 */
export async function columnsHolding(database: TestDatabase, value: string): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    database,
    sql`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ${textTypes}
      order by table_name, column_name`,
  );
  if (columns.length === 0) throw new Error('no text columns found: the scan would prove nothing');
  const pattern = `%${value.replace(/[\\%_]/g, '\\$&')}%`;
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = await queryRows<{ found: boolean }>(
      database,
      sql`select exists (select 1 from ${sql.identifier(table)}
        where ${sql.identifier(column)}::text like ${pattern}) as found`,
    );
    if (row?.found) hits.push(`${table}.${column}`);
  }
  return hits;
}
