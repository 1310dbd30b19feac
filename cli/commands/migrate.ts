import { exitCodes, parseCommandArgs, type Command } from '../args';
import { configOf, databaseLabel, openConfiguredDatabase } from '../runtime';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply the database migrations',
  help: [
    'Usage: khidmat migrate',
    '',
    'Applies the migrations in db/migrations that the database lacks. Safe to run on an',
    'up-to-date database. The database is the one of DATABASE_URL, or the embedded one in',
    'DATA_DIR, which no other Khidmat process may hold open.',
    '',
    'Options:',
    '  -h, --help  show this help',
    '',
  ].join('\n'),

  async run(args, io) {
    const { values } = parseCommandArgs('migrate', args, {});
    if (values.help) {
      io.stdout.write(this.help);
      return exitCodes.ok;
    }

    const config = configOf(io);
    const handle = await openConfiguredDatabase(config);
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
    io.stdout.write(`Migrations applied to the ${databaseLabel(config)}.\n`);
    return exitCodes.ok;
  },
};
