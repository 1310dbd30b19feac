import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../db/client';

/**
 * Allocates the next readable reference of a yearly sequence, such as ADU-2026-000123. The
 * counter row is upserted and incremented in one statement, so concurrent callers on PostgreSQL or
 * PGlite never receive the same number.
 */
export async function allocateReference(
  db: Database,
  prefix: string,
  year: number,
): Promise<string> {
  const result = await db.execute(sql`
    insert into reference_counters (prefix, year, last_value)
    values (${prefix}, ${year}, 1)
    on conflict (prefix, year) do update set last_value = reference_counters.last_value + 1
    returning last_value`);
  const value = Number(rowsOf<{ last_value: number }>(result)[0]?.last_value);
  return formatReference(prefix, year, value);
}

export function formatReference(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
