import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder, rowsOf, type Database } from '../../db/client';
import * as schema from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';

interface JournalEntry {
  tag: string;
  when: number;
}

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
  entries: JournalEntry[];
};

const schemaTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

function downPath(tag: string): string {
  return join(migrationsFolder, 'down', `${tag}.sql`);
}

/** Runs every down migration, newest first, each in its own transaction. */
async function migrateAllDown(db: Database): Promise<void> {
  for (const entry of [...journal.entries].reverse()) {
    const statements = readFileSync(downPath(entry.tag), 'utf8')
      .split('--> statement-breakpoint')
      .map((statement) => statement.trim())
      .filter((statement) => statement.replace(/^--.*$/gm, '').trim() !== '');
    await db.transaction(async (tx) => {
      for (const statement of statements) await tx.execute(sql.raw(statement));
    });
  }
}

async function publicTables(db: Database): Promise<string[]> {
  const result = await db.execute(sql`
    select table_name from information_schema.tables
    where table_schema = 'public' order by table_name`);
  return rowsOf<{ table_name: string }>(result).map((row) => row.table_name);
}

async function publicObjects(db: Database): Promise<string[]> {
  const result = await db.execute(sql`
    select c.relname, c.relkind from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public'
    union all
    select t.typname, 'type' from pg_type t
    join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = 'public' and t.typtype in ('e', 'd', 'c') and t.typrelid = 0`);
  return rowsOf<{ relname: string; relkind: string }>(result).map(
    (row) => `${row.relname} (${row.relkind})`,
  );
}

async function appliedMigrations(db: Database): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return Number(rowsOf<{ count: number }>(result)[0]?.count);
}

describe('migration files', () => {
  it('every migration has a down migration', () => {
    const missing = journal.entries
      .map((entry) => entry.tag)
      .filter((tag) => !existsSync(downPath(tag)));
    expect(missing).toEqual([]);
  });

  it('the schema defines tables', () => {
    expect(schemaTables.length).toBeGreaterThan(0);
  });
});

describe.each(databaseKinds())('migrations on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });

  afterAll(async () => {
    await database?.destroy();
  });

  it('create every table of the schema', async () => {
    const tables = await publicTables(database.db);
    for (const table of schemaTables) expect(tables).toContain(table.name);
  });

  it('create every column of the schema', async () => {
    const result = await database.db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public'`);
    const columns = new Set(
      rowsOf<{ table_name: string; column_name: string }>(result).map(
        (row) => `${row.table_name}.${row.column_name}`,
      ),
    );
    const missing = schemaTables.flatMap((table) =>
      table.columns
        .map((column) => `${table.name}.${column.name}`)
        .filter((name) => !columns.has(name)),
    );
    expect(missing).toEqual([]);
  });

  it('record every migration once and do nothing when run again', async () => {
    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
    await database.migrate();
    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
  });

  it('go down to an empty schema and up again', async () => {
    await database.db.execute(sql`insert into reference_counters (prefix, year, last_value)
      values ('ADU', 2026, 7)`);

    await migrateAllDown(database.db);
    expect(await publicObjects(database.db)).toEqual([]);
    expect(await appliedMigrations(database.db)).toBe(0);

    await database.migrate();
    const tables = await publicTables(database.db);
    for (const table of schemaTables) expect(tables).toContain(table.name);
    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
    const counters = await database.db.execute(sql`select * from reference_counters`);
    expect(rowsOf(counters)).toEqual([]);
  });
});
