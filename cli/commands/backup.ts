import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { create as createTar } from 'tar';
import {
  dumpPglite,
  dumpPostgres,
  filesFolderName,
  manifestName,
  pgliteDumpName,
  postgresDumpName,
  type BackupManifest,
} from '../backup-archive';
import { exitCodes, parseCommandArgs, requireOption, UsageError, type Command } from '../args';
import { configOf, databaseLabel } from '../runtime';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'save the database and the attachments to one file',
  help: [
    'Usage: khidmat backup --output FILE [--force]',
    '',
    'Writes a .tar.gz archive with the database and the attachments folder DATA_DIR/files.',
    'The embedded database is copied with PGlite, so no other Khidmat process may hold DATA_DIR',
    'open meanwhile. PostgreSQL (DATABASE_URL) is saved with pg_dump, which must be on PATH.',
    '',
    'Options:',
    '  --output FILE  archive to write (required)',
    '  --force        overwrite FILE when it exists',
    '  -h, --help     show this help',
    '',
  ].join('\n'),

  async run(args, io) {
    const { values } = parseCommandArgs('backup', args, {
      output: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(this.help);
      return exitCodes.ok;
    }
    const output = resolve(requireOption('backup', 'output', values.output));
    if (existsSync(output) && values.force !== true) {
      throw new UsageError(
        `Option '--output' names an existing file '${output}': pass --force to overwrite it.`,
        'backup',
      );
    }
    if (!existsSync(dirname(output))) {
      throw new UsageError(
        `Option '--output' names a file in a missing folder '${dirname(output)}'.`,
        'backup',
      );
    }

    const config = configOf(io);
    const staging = mkdtempSync(join(tmpdir(), 'khidmat-backup-'));
    try {
      const manifest: BackupManifest = {
        format: 'khidmat-backup',
        version: 1,
        database: config.DATABASE_URL ? 'postgres' : 'pglite',
        createdAt: new Date().toISOString(),
      };
      mkdirSync(join(staging, 'database'));
      if (config.DATABASE_URL)
        await dumpPostgres(config.DATABASE_URL, join(staging, postgresDumpName));
      else await dumpPglite(resolve(config.DATA_DIR), join(staging, pgliteDumpName));
      writeFileSync(join(staging, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);

      const entries = [manifestName, 'database'];
      const files = join(resolve(config.DATA_DIR), filesFolderName);
      if (existsSync(files)) {
        cpSync(files, join(staging, filesFolderName), { recursive: true });
        entries.push(filesFolderName);
      }

      const partial = `${output}.partial`;
      await createTar({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
      renameSync(partial, output);
      io.stdout.write(`Backup of the ${databaseLabel(config)} written to ${output}.\n`);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return exitCodes.ok;
  },
};
