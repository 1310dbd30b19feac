/**
 * Backup archives: a gzip-compressed tar with a manifest, the database and the attachments
 * folder DATA_DIR/files. The embedded database is saved with PGlite's dumpDataDir and restored
 * with loadDataDir; PostgreSQL with pg_dump and pg_restore in their custom format.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { AppError } from '../common/errors';
import { lockDataDirectory } from '../db/lock';

const run = promisify(execFile);

export const manifestName = 'khidmat-backup.json';
export const pgliteDumpName = 'database/pgdata.tar.gz';
export const postgresDumpName = 'database/khidmat.pgdump';
export const filesFolderName = 'files';

export const manifestSchema = z.object({
  format: z.literal('khidmat-backup'),
  version: z.literal(1),
  database: z.enum(['pglite', 'postgres']),
  createdAt: z.string(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** Returns the folder inside DATA_DIR where db/client.ts keeps the embedded database. */
export function pgdataOf(dataDir: string): string {
  return join(dataDir, 'pgdata');
}

export function isNonEmptyDirectory(path: string): boolean {
  return existsSync(path) && readdirSync(path).length > 0;
}

/** Writes the dump of the embedded database, holding the data directory's lock meanwhile. */
export async function dumpPglite(dataDir: string, target: string): Promise<void> {
  if (!isNonEmptyDirectory(pgdataOf(dataDir))) {
    throw new AppError('not_found', `There is no embedded database in ${dataDir} to back up.`);
  }
  const release = lockDataDirectory(dataDir);
  try {
    const client = await PGlite.create(pgdataOf(dataDir));
    try {
      const dump = await client.dumpDataDir('gzip');
      writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

/**
 * Replaces the embedded database with a dump. An existing database is moved aside to
 * `pgdata.before-restore-<time>` when `force` is set, and is otherwise an error.
 */
export async function loadPglite(
  dataDir: string,
  dump: string,
  force: boolean,
  stamp: string,
): Promise<string | null> {
  const release = lockDataDirectory(dataDir);
  try {
    const pgdata = pgdataOf(dataDir);
    let movedTo: string | null = null;
    if (isNonEmptyDirectory(pgdata)) {
      if (!force) {
        throw new AppError(
          'conflict',
          `${dataDir} already holds a database: pass --force to move it aside and restore over it.`,
        );
      }
      movedTo = `${pgdata}.before-restore-${stamp}`;
      renameSync(pgdata, movedTo);
    }
    mkdirSync(pgdata, { recursive: true });
    const client = await PGlite.create(pgdata, { loadDataDir: new Blob([readFileSync(dump)]) });
    await client.close();
    return movedTo;
  } finally {
    release();
  }
}

/**
 * Connection settings for the PostgreSQL client tools. The password goes in PGPASSWORD rather
 * than on the command line, where other users of the machine could read it.
 */
function postgresConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env };
}

async function runPostgresTool(
  tool: 'pg_dump' | 'pg_restore',
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  try {
    await run(tool, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new AppError(
        'internal',
        `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major ` +
          'version (on Debian: apt-get install postgresql-client) and run the command again.',
      );
    }
    throw new AppError('internal', `${tool} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}

export async function dumpPostgres(databaseUrl: string, target: string): Promise<void> {
  const { url, env } = postgresConnection(databaseUrl);
  await runPostgresTool(
    'pg_dump',
    ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${url}`],
    env,
  );
}

export async function restorePostgres(databaseUrl: string, dump: string): Promise<void> {
  const { url, env } = postgresConnection(databaseUrl);
  await runPostgresTool(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${url}`,
      dump,
    ],
    env,
  );
}

/** Copies the attachments folder, moving an existing non-empty target aside first. */
export function restoreFiles(source: string, target: string, stamp: string): string | null {
  let movedTo: string | null = null;
  if (isNonEmptyDirectory(target)) {
    movedTo = `${target}.before-restore-${stamp}`;
    renameSync(target, movedTo);
  }
  if (existsSync(source)) cpSync(source, target, { recursive: true });
  return movedTo;
}
