/**
 * The database of a benchmark run: a fresh embedded PGlite in the run's directory, or, when
 * BENCH_DATABASE_URL is set, a fresh PostgreSQL database created from that URL and dropped after.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../db/client';

export interface BenchDatabase extends DatabaseHandle {
  /** The URL of the PostgreSQL database; undefined on PGlite. */
  url: string | undefined;
  dispose(): Promise<void>;
}

export async function openBenchDatabase(dataDir: string): Promise<BenchDatabase> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const handle = await openDatabase({ dataDir });
    await handle.migrate();
    return { ...handle, url: undefined, dispose: () => handle.close() };
  }
  const name = `khidmat_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ dataDir, databaseUrl: url.toString(), poolSize: 20 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
