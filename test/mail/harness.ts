/**
 * A real e-mail channel for tests: the Temporal dev server, a worker with every activity over a
 * real database, an SMTP server (smtp-server on 127.0.0.1) that receives what Khidmat sends, and
 * helpers that store and process fixture messages.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createActivities, type KhidmatActivities } from '../../activities';
import { processStoredMessage, type MailProcessorDeps } from '../../activities/mail/process';
import { encryptMailSecret } from '../../activities/mail/secret';
import { storeRawMessage } from '../../activities/mail/store';
import { loadConfig, type Config } from '../../common/config';
import { createLogger } from '../../common/logger';
import type { MailSource } from '../../common/mail';
import { mailMailboxes } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import type { TestDatabase } from '../helpers/db';

export const fixtureDir = new URL('../fixtures/email/', import.meta.url);
export const mailFrom = 'Khidmat <khidmat@khidmat.test>';

export function fixture(name: string, replacements: Record<string, string> = {}): Buffer {
  let raw = readFileSync(new URL(name, fixtureDir));
  for (const [key, value] of Object.entries(replacements)) {
    raw = Buffer.from(raw.toString('latin1').replaceAll(`{{${key}}}`, value), 'latin1');
  }
  return raw;
}

export interface SmtpSink {
  port: number;
  messages: Buffer[];
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 that keeps every message it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface MailStack {
  config: Config;
  taskQueue: string;
  mailer: Transporter;
  activities: KhidmatActivities;
  deps: MailProcessorDeps;
  startWorker(activities?: KhidmatActivities): Promise<{ worker: Worker; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

let bundle: ReturnType<typeof bundleWorkflows> | null = null;

export async function startMailStack(
  env: TestWorkflowEnvironment,
  db: TestDatabase,
  smtpPort: number,
  overrides: Record<string, string> = {},
  options: { startMainWorker?: boolean } = {},
): Promise<MailStack> {
  const taskQueue = `mail-${randomBytes(4).toString('hex')}`;
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: db.dataDir,
    TEMPORAL_TASK_QUEUE: taskQueue,
    MAIL_FROM: mailFrom,
    ATTACHMENT_MAX_BYTES: '2048',
    ...overrides,
  });
  const mailer = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  const activities = createActivities({ db: db.db, config, logger, mailer });
  bundle ??= bundleWorkflows(logger);
  const workflowBundle = await bundle;

  async function startWorker(chosen: KhidmatActivities = activities) {
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: chosen,
      logger,
      workflowBundle,
    });
    const running = worker.run();
    return {
      worker,
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      },
    };
  }

  const main = options.startMainWorker === false ? null : await startWorker();
  return {
    config,
    taskQueue,
    mailer,
    activities,
    deps: { db: db.db, config, logger, client: env.client, taskQueue, mailer },
    startWorker,
    async stop() {
      await main?.stop();
      mailer.close();
    },
  };
}

export async function insertMailbox(
  db: TestDatabase,
  values: Partial<typeof mailMailboxes.$inferInsert> = {},
) {
  const [mailbox] = await db.db
    .insert(mailMailboxes)
    .values({
      name: 'Meja Bantuan',
      address: `aduan-${randomBytes(3).toString('hex')}@khidmat.test`,
      knownDomains: ['utm.my'],
      unknownDomainPolicy: 'accept_unverified',
      ...values,
      // Stored encrypted as createMailbox stores it, under the key file of the test's DATA_DIR.
      imapPassword:
        typeof values.imapPassword === 'string'
          ? encryptMailSecret({ DATA_DIR: db.dataDir }, values.imapPassword)
          : null,
    })
    .returning();
  if (!mailbox) throw new Error('insert into mail_mailboxes returned nothing');
  return mailbox;
}

/** Stores a raw message and processes it, as the inbound route does. */
export async function ingest(
  stack: MailStack,
  raw: Buffer,
  mailboxId: string | null,
  source: MailSource = 'api',
) {
  const stored = await storeRawMessage(stack.deps.db, {
    raw,
    source,
    mailboxId,
    receivedAt: new Date(),
  });
  const result = await processStoredMessage(stack.deps, stored.id);
  return { stored, result };
}
