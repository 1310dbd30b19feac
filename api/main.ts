/**
 * `npm run api` (the API alone) and `npm start` (`--with-worker`: the API and the worker in one
 * process, which the embedded database requires). On an empty database it migrates, loads the
 * reference data and creates the first administrator.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createActivities } from '../activities';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/client';
import { bootstrap } from '../db/seed/bootstrap';
import { connectionOptions } from '../worker/connection';
import { createWorker } from '../worker/create';
import { installRuntimeLogger } from '../worker/runtime-logger';
import { buildApp } from './app';
import { ensureDailyDigestSchedule } from './schedules';
import { syncAllMailSchedules } from '../activities/mail/admin';
import { ensureSurveyDispatchSchedule } from '../activities/surveys/schedule';
import { ensureReportMailingSchedule } from '../activities/reports/mailing-schedule';
import { createFileStore } from './uploads/store';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'with-worker': { type: 'boolean', default: false } } });
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  installRuntimeLogger(logger);

  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  await bootstrap({ db: database, config, logger });

  const options = await connectionOptions(config);
  const connection = await Connection.connect(options);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  // The API creates the Temporal Schedules, so they exist whether or not a worker runs here.
  await ensureDailyDigestSchedule(client, config.TEMPORAL_TASK_QUEUE, logger);
  await ensureSurveyDispatchSchedule(client, config.TEMPORAL_TASK_QUEUE, logger);
  await ensureReportMailingSchedule(client, config.TEMPORAL_TASK_QUEUE, logger);
  await syncAllMailSchedules(database.db, client, config.TEMPORAL_TASK_QUEUE);

  let worker: Worker | null = null;
  let workerRun: Promise<void> | null = null;
  let nativeConnection: NativeConnection | null = null;
  const mailer = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  if (values['with-worker']) {
    nativeConnection = await NativeConnection.connect(options);
    worker = await createWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: createActivities({ db: database.db, config, logger, mailer }),
      logger,
    });
    workerRun = worker.run();
  }

  const app = await buildApp({
    config,
    db: database.db,
    pingDatabase: () => database.ping(),
    temporal: {
      client,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    },
    files: createFileStore(join(config.DATA_DIR, 'files')),
    logger,
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  logger.info(
    { url: `http://${config.HOST}:${config.PORT}`, withWorker: worker !== null },
    'Khidmat API listening',
  );

  const stop = async (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping');
    await app.close();
    // The Temporal runtime also stops its workers on SIGINT and SIGTERM; stop ours only if it has not.
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await nativeConnection?.close();
    await connection.close();
    mailer?.close();
    await database.close();
    logger.info('stopped');
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  createLogger().fatal({ err: error }, 'Khidmat failed to start');
  // Exit at once: an open Temporal connection or runtime would otherwise keep the process alive.
  process.exit(1);
});
