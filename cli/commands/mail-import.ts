import { exitCodes, parseCommandArgs, type Command } from '../args';

export const mailImportCommand: Command = {
  name: 'mail-import',
  summary: 'fetch complaints sent by e-mail (not available in this version)',
  help: [
    'Usage: khidmat mail-import',
    '',
    'Would fetch messages from the service desk mailbox and open a case for each. The e-mail',
    'channel is not available in this version of Khidmat, so the command exits with status 2.',
    '',
    'Options:',
    '  -h, --help  show this help',
    '',
  ].join('\n'),

  async run(args, io) {
    const { values } = parseCommandArgs('mail-import', args, {});
    if (values.help) {
      io.stdout.write(this.help);
      return exitCodes.ok;
    }
    // TODO: fetch over IMAP (imapflow), store each raw message, then open or update its case.
    io.stderr.write(
      'Error: the e-mail channel is not available in this version of Khidmat, so mail-import ' +
        'cannot fetch messages. Log e-mailed complaints through the portal or the agent screens.\n',
    );
    return exitCodes.usage;
  },
};
