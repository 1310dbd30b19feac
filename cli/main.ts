/**
 * The `khidmat` command-line tool. Exit status 0 on success, 1 when the command failed, 2 on
 * invalid usage.
 */
import { isAppError } from '../common/errors';
import { DataDirectoryInUseError } from '../db/lock';
import { exitCodes, UsageError, type CliIo, type Command } from './args';
import { backupCommand } from './commands/backup';
import { createAdminCommand } from './commands/create-admin';
import { importCommand } from './commands/import';
import { mailImportCommand } from './commands/mail-import';
import { migrateCommand } from './commands/migrate';
import { restoreCommand } from './commands/restore';

export const commands: Command[] = [
  migrateCommand,
  importCommand,
  mailImportCommand,
  createAdminCommand,
  backupCommand,
  restoreCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: khidmat <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "khidmat <command> --help" for the options of a command.',
    'The database is the one of DATABASE_URL, or the embedded one in DATA_DIR (default ./data).',
    '',
  ].join('\n');
}

/** Runs the command named by the first argument and returns the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }

  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (!command) throw new UsageError(`Unknown command '${name}'.`, null);
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const helpHint = error.command ? `khidmat ${error.command} --help` : 'khidmat --help';
    io.stderr.write(`Error: ${error.message}\nRun "${helpHint}" for usage.\n`);
    return exitCodes.usage;
  }
  if (isAppError(error) || error instanceof DataDirectoryInUseError) {
    io.stderr.write(`Error: ${error.message}\n`);
    return exitCodes.failed;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`Error: ${message}\n`);
  return exitCodes.failed;
}
