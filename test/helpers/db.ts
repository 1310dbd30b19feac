/**
 * Databases for tests: a fresh embedded PGlite in a temporary directory, and, when
 * TEST_DATABASE_URL is set, a fresh PostgreSQL database created for the test file and dropped after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../db/client';

export type DatabaseKind = 'pglite' | 'postgres';

/** The kinds to run integration tests on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends DatabaseHandle {
  dataDir: string;
  /** Connection URL of the PostgreSQL database, for tests that start a second process. */
  url: string | undefined;
  /** Closes the database and removes what the test created. */
  destroy(): Promise<void>;
}

/** Opens and migrates a fresh database of the given kind. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'khidmat-test-'));
  if (kind === 'pglite') {
    const handle = await openDatabase({ dataDir });
    await handle.migrate();
    return {
      ...handle,
      dataDir,
      url: undefined,
      destroy: async () => {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `khidmat_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ dataDir, databaseUrl: url.toString(), poolSize: 5 });
  await handle.migrate();
  return {
    ...handle,
    dataDir,
    url: url.toString(),
    destroy: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
