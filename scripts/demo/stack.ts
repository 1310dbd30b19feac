/**
 * Khidmat's API and worker in one process over the embedded database, assembled from the same
 * parts as `npm start` (api/main.ts): openDatabase, bootstrap, buildApp, createActivities and
 * createWorker. The differences are a cached workflow bundle, a Temporal connection that the demo
 * already has from waiting for its dev server, and the order: the API listens first and the
 * worker joins a moment later, so the first response comes sooner. A case filed in between waits in
 * its task queue until the worker polls.
 */
import { join } from 'node:path';
import { Client, type Connection } from '@temporalio/client';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app';
import { createFileStore } from '../../api/uploads/store';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { DatabaseHandle } from '../../db/client';
import type { RunningWorker } from './worker';

export interface RunningKhidmat {
  app: App;
  client: Client;
  /** Settles when the worker polls its task queue. */
  workerReady: Promise<void>;
  /** Stops the API, then the worker (which finishes the tasks it holds), then the connection. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  connection: Connection;
  /** The workflow bundle, loaded or built while the API starts. */
  workflowBundle: Promise<WorkflowBundleWithSourceMap>;
}

export async function startKhidmat(options: StartOptions): Promise<RunningKhidmat> {
  const { config, logger, database, connection } = options;
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
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

  let worker: RunningWorker | null = null;
  const workerReady = (async () => {
    const [{ startWorker }, bundle] = await Promise.all([
      import('./worker'),
      options.workflowBundle,
    ]);
    worker = await startWorker(config, logger, database.db, bundle);
  })();
  workerReady.catch(() => undefined);

  return {
    app,
    client,
    workerReady,
    async stop() {
      await app.close();
      await workerReady.catch(() => undefined);
      await worker?.stop();
      await connection.close();
    },
  };
}
