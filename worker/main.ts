/**
 * `npm run worker`: runs the Temporal worker alone (the API runs elsewhere). It stops gracefully
 * on SIGINT or SIGTERM: the worker finishes the tasks it holds, then the database closes.
 */
import { NativeConnection } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../activities';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/client';
import { connectionOptions } from './connection';
import { createWorker } from './create';
import { installRuntimeLogger } from './runtime-logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // Before the connection, which would create the Runtime with the SDK's default logger.
  installRuntimeLogger(logger);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  const mailer = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  const connection = await NativeConnection.connect(await connectionOptions(config));
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ db: database.db, config, logger, mailer }),
    logger,
  });

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping the worker');
    // The Temporal runtime also stops its workers on SIGINT and SIGTERM; stop it only if it has not.
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    logger.info({ address: config.TEMPORAL_ADDRESS }, 'worker running');
    await worker.run();
  } finally {
    await connection.close();
    await database.close();
    mailer?.close();
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  createLogger().fatal({ err: error }, 'the worker failed');
  // Exit at once: an open Temporal connection or runtime would otherwise keep the process alive.
  process.exit(1);
});
