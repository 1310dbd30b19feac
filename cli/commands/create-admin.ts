import { z } from 'zod';
import { createAdministrator, oneTimePasswordNotice } from '../../db/seed/bootstrap';
import { AppError } from '../../common/errors';
import {
  exitCodes,
  parseCommandArgs,
  requireOption,
  UsageError,
  type CliIo,
  type Command,
} from '../args';
import { configOf, openConfiguredDatabase } from '../runtime';

/** The same minimum as KHIDMAT_ADMIN_PASSWORD in common/config.ts. */
const minPasswordLength = 10;

export const createAdminCommand: Command = {
  name: 'create-admin',
  summary: 'create an administrator account',
  help: [
    'Usage: khidmat create-admin --email EMAIL [--name NAME]',
    '',
    'Creates a person with the administrator role. The password comes from',
    'KHIDMAT_ADMIN_PASSWORD when it is set, otherwise it is asked for twice on a terminal.',
    'Without a terminal and without the variable, a one-time password is generated and printed',
    'once. An existing account with the same e-mail is left unchanged and the command fails.',
    '',
    'Options:',
    '  --email EMAIL  e-mail address to sign in with (required)',
    "  --name NAME    the person's display name (default: Pentadbir sistem)",
    '  -h, --help     show this help',
    '',
  ].join('\n'),

  async run(args, io) {
    const { values } = parseCommandArgs('create-admin', args, {
      email: { type: 'string' },
      name: { type: 'string' },
    });
    if (values.help) {
      io.stdout.write(this.help);
      return exitCodes.ok;
    }

    const email = requireOption('create-admin', 'email', values.email).trim();
    if (!z.email().safeParse(email).success) {
      throw new UsageError(
        `Option '--email' has an invalid value '${email}': expected an e-mail address.`,
        'create-admin',
      );
    }
    const name = values.name?.trim() || 'Pentadbir sistem';

    const config = configOf(io);
    let password: string | null = config.KHIDMAT_ADMIN_PASSWORD ?? null;
    if (password === null && io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function') {
      password = await promptNewPassword(io);
    }

    const handle = await openConfiguredDatabase(config);
    try {
      const result = await createAdministrator(handle.db, { email, name, password });
      if (!result.created) {
        throw new AppError(
          'conflict',
          `A person with the e-mail ${result.email} already exists; nothing was changed.`,
        );
      }
      io.stdout.write(`Administrator ${result.email} created.\n`);
      if (result.oneTimePassword)
        io.stdout.write(oneTimePasswordNotice(result.email, result.oneTimePassword));
    } finally {
      await handle.close();
    }
    return exitCodes.ok;
  },
};

async function promptNewPassword(io: CliIo): Promise<string> {
  const first = await readHidden(io, 'Password: ');
  if (first.length < minPasswordLength) {
    throw new AppError(
      'validation_failed',
      `The password must have at least ${minPasswordLength} characters.`,
    );
  }
  const second = await readHidden(io, 'Repeat the password: ');
  if (first !== second) throw new AppError('validation_failed', 'The two passwords differ.');
  return first;
}

/** Reads one line from the terminal without echoing it. */
function readHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  let typed = '';
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (character === '\u0003') {
          finish();
          reject(new AppError('validation_failed', 'Cancelled: no administrator was created.'));
          return;
        }
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    stdin.on('data', onData);
  });
}
