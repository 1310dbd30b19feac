import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { extract as extractTar } from 'tar';
import { AppError } from '../../common/errors';
import { rowsOf } from '../../db/client';
import {
  filesFolderName,
  loadPglite,
  manifestName,
  manifestSchema,
  pgliteDumpName,
  postgresDumpName,
  restoreFiles,
  restorePostgres,
} from '../backup-archive';
import { exitCodes, parseCommandArgs, requireOption, UsageError, type Command } from '../args';
import { configOf, databaseLabel, openConfiguredDatabase } from '../runtime';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore the database and the attachments from a backup file',
  help: [
    'Usage: khidmat restore --input FILE [--force]',
    '',
    'Restores an archive written by "khidmat backup" into the configured database: the',
    'embedded one in DATA_DIR, or PostgreSQL at DATABASE_URL through pg_restore (on PATH). The',
    'archive must come from the same kind of database. Stop every Khidmat process first.',
    '',
    'Options:',
    '  --input FILE  archive to restore (required)',
    '  --force       restore over an existing database: the embedded one and the attachments',
    '                folder are moved aside to *.before-restore-<time>; PostgreSQL tables are',
    '                dropped and recreated',
    '  -h, --help    show this help',
    '',
  ].join('\n'),

  async run(args, io) {
    const { values } = parseCommandArgs('restore', args, {
      input: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(this.help);
      return exitCodes.ok;
    }
    const input = resolve(requireOption('restore', 'input', values.input));
    if (!existsSync(input))
      throw new UsageError(`Option '--input' names a missing file '${input}'.`, 'restore');
    const force = values.force === true;

    const config = configOf(io);
    const staging = mkdtempSync(join(tmpdir(), 'khidmat-restore-'));
    try {
      try {
        await extractTar({ file: input, cwd: staging, strict: true });
      } catch (error) {
        throw new AppError(
          'validation_failed',
          `${input} is not a readable backup archive: ${(error as Error).message}`,
        );
      }
      const manifestPath = join(staging, manifestName);
      const parsed = existsSync(manifestPath)
        ? manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')))
        : null;
      if (!parsed?.success) {
        throw new AppError(
          'validation_failed',
          `${input} is not a Khidmat backup: ${manifestName} is missing or invalid.`,
        );
      }
      const manifest = parsed.data;
      const target = config.DATABASE_URL ? 'postgres' : 'pglite';
      if (manifest.database !== target) {
        throw new AppError(
          'validation_failed',
          `${input} holds a ${manifest.database} backup, but the configured database is ${target}; ` +
            'restore it into the same kind of database.',
        );
      }

      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const dataDir = resolve(config.DATA_DIR);
      const moved: string[] = [];
      if (config.DATABASE_URL) {
        await ensurePostgresMayBeReplaced(config, force);
        await restorePostgres(config.DATABASE_URL, join(staging, postgresDumpName));
      } else {
        const movedDatabase = await loadPglite(
          dataDir,
          join(staging, pgliteDumpName),
          force,
          stamp,
        );
        if (movedDatabase) moved.push(movedDatabase);
      }
      const movedFiles = restoreFiles(
        join(staging, filesFolderName),
        join(dataDir, filesFolderName),
        stamp,
      );
      if (movedFiles) moved.push(movedFiles);

      io.stdout.write(
        `Backup of ${manifest.createdAt} restored into the ${databaseLabel(config)}.\n`,
      );
      for (const path of moved) io.stdout.write(`The previous data was moved to ${path}.\n`);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return exitCodes.ok;
  },
};

async function ensurePostgresMayBeReplaced(
  config: ReturnType<typeof configOf>,
  force: boolean,
): Promise<void> {
  const handle = await openConfiguredDatabase(config);
  try {
    const result = await handle.db.execute(
      sql`select to_regclass('public.cases') is not null as present`,
    );
    const present = rowsOf<{ present: boolean }>(result)[0]?.present === true;
    if (present && !force) {
      throw new AppError(
        'conflict',
        `The ${databaseLabel(config)} already holds Khidmat tables: pass --force to replace them.`,
      );
    }
  } finally {
    await handle.close();
  }
}
