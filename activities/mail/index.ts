/**
 * The e-mail channel's activities, which the `mailIntake` workflow calls: fetching a mailbox into
 * the raw store, and processing one stored message. Processing uses the worker's own Temporal
 * client to start or update complaint workflows.
 */
import { Context } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import { mailProcessAttempts, type MailProcessResult } from '../../common/mail';
import type { Database } from '../../db/client';
import { fetchMailbox } from './imap';
import { processStoredMessage, quarantine } from './process';

export interface MailActivities {
  fetchMailbox(input: { mailboxId: string }): Promise<{ ids: string[] }>;
  processMailMessage(input: { id: string }): Promise<MailProcessResult>;
}

export interface MailActivityDeps {
  db: Database;
  config: Config;
  logger: Logger;
  mailer?: Transporter | null;
}

export function createMailActivities(deps: MailActivityDeps): MailActivities {
  const logger = deps.logger.child({ component: 'mail' });
  return {
    async fetchMailbox({ mailboxId }) {
      const context = Context.current();
      const ids = await fetchMailbox(deps.db, deps.config, logger, mailboxId, () =>
        context.heartbeat(),
      );
      return { ids };
    },

    async processMailMessage({ id }) {
      const context = Context.current();
      const processor = {
        db: deps.db,
        config: deps.config,
        logger,
        client: context.client,
        taskQueue: context.info.taskQueue,
        mailer: deps.mailer ?? null,
      };
      try {
        return await processStoredMessage(processor, id);
      } catch (error) {
        if (context.info.attempt < mailProcessAttempts) throw error;
        // The last attempt sets the message aside instead of failing, so an administrator sees it.
        logger.error({ mailId: id, err: error }, 'processing an e-mail failed on every attempt');
        return quarantine(deps.db, id, 'processing_failed', (error as Error).message);
      }
    },
  };
}

export type { MailProcessResult } from '../../common/mail';
