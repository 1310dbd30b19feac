import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { eq } from 'drizzle-orm';
import { processStoredMessage } from '../../activities/mail/process';
import { storeRawMessage } from '../../activities/mail/store';
import { AppError } from '../../common/errors';
import { mailMailboxes } from '../../db/schema';
import { exitCodes, parseCommandArgs, UsageError, type Command } from '../args';
import { cliLogger, configOf, openConfiguredDatabase } from '../runtime';
import { connectTemporal } from '../temporal';

export const mailImportCommand: Command = {
  name: 'mail-import',
  summary: 'store and process e-mail messages from .eml files',
  help: [
    'Usage: khidmat mail-import [--mailbox ADDRESS] [--store-only] FILE...',
    '',
    'Stores each FILE (one raw RFC 822 message, as saved by a mail client as .eml) unchanged, then',
    'processes it as mail to the service desk: it opens a complaint, joins the case it replies to,',
    'or is set aside with a reason. Storing the same message again is harmless. Processing needs',
    'Temporal (TEMPORAL_ADDRESS) and a running worker.',
    '',
    'Options:',
    '  --mailbox ADDRESS  the mailbox the messages were sent to; its policies and default unit apply',
    '  --store-only       store the messages without processing them; the mailbox intake runs later',
    '  -h, --help         show this help',
    '',
  ].join('\n'),

  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      'mail-import',
      args,
      { mailbox: { type: 'string' }, 'store-only': { type: 'boolean' } },
      true,
    );
    if (values.help) {
      io.stdout.write(this.help);
      return exitCodes.ok;
    }
    if (positionals.length === 0) {
      throw new UsageError('Expected at least one FILE to import.', 'mail-import');
    }

    const config = configOf(io);
    const logger = cliLogger(io);
    const handle = await openConfiguredDatabase(config);
    let temporal: Awaited<ReturnType<typeof connectTemporal>> | null = null;
    try {
      let mailboxId: string | null = null;
      if (values.mailbox) {
        const address = values.mailbox.trim().toLowerCase();
        const [mailbox] = await handle.db
          .select({ id: mailMailboxes.id })
          .from(mailMailboxes)
          .where(eq(mailMailboxes.address, address));
        if (!mailbox) {
          throw new AppError(
            'not_found',
            `No mailbox ${address}; add it in the administration screens first.`,
          );
        }
        mailboxId = mailbox.id;
      }

      // Store every file before processing any, so nothing read is lost if processing fails.
      const stored: { file: string; id: string; duplicate: boolean }[] = [];
      for (const file of positionals) {
        const raw = await readFile(file);
        const result = await storeRawMessage(handle.db, {
          raw,
          source: 'cli',
          mailboxId,
          receivedAt: new Date(),
        });
        stored.push({ file, ...result });
      }
      if (values['store-only']) {
        for (const entry of stored) {
          io.stdout.write(
            `${basename(entry.file)}: stored${entry.duplicate ? ' (already stored)' : ''}\n`,
          );
        }
        return exitCodes.ok;
      }

      temporal = await connectTemporal(config);
      const deps = {
        db: handle.db,
        config,
        logger,
        client: temporal.client,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        mailer: null,
      };
      let failed = 0;
      for (const entry of stored) {
        try {
          const result = await processStoredMessage(deps, entry.id);
          const detail = result.caseReference ?? result.reason ?? '';
          io.stdout.write(
            `${basename(entry.file)}: ${result.status} ${result.outcome ?? ''} ${detail}\n`,
          );
        } catch (error) {
          failed += 1;
          logger.error({ mailId: entry.id, file: entry.file, err: error }, 'processing failed');
          io.stdout.write(
            `${basename(entry.file)}: stored, processing failed: ${(error as Error).message}\n`,
          );
        }
      }
      return failed > 0 ? exitCodes.failed : exitCodes.ok;
    } finally {
      await temporal?.close();
      await handle.close();
    }
  },
};
