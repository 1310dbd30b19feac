/**
 * The whole system for integration tests: a real Temporal (dev server or time-skipping server), a
 * real worker with the real activities over a real database, and the API on top of it.
 */
import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { bundleWorkflows, createWorker } from '../../worker/create';
import type { Database } from '../../db/client';
import { slaTargets } from '../../db/schema';
import { referenceSlaTargets } from '../../db/seed/reference';
import { buildTestApp, type TestApp } from './app';
import type { TestDatabase } from './db';

export interface Stack extends TestApp {
  worker: Worker;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Service targets per priority in working minutes, as the reference data seeds them. */
export async function insertSlaTargets(db: Database): Promise<void> {
  await db.insert(slaTargets).values(referenceSlaTargets).onConflictDoNothing();
}

let bundle: Promise<WorkflowBundleWithSourceMap> | null = null;

/** Starts a worker on its own task queue and the API over the same database. */
export async function startStack(env: TestWorkflowEnvironment, db: TestDatabase): Promise<Stack> {
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: db.dataDir,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  bundle ??= bundleWorkflows(logger);
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ db: db.db, config, logger, mailer: null }),
    logger,
    workflowBundle: await bundle,
  });
  const running = worker.run();
  const api = await buildTestApp({ db, temporalClient: env.client, taskQueue });
  return {
    ...api,
    worker,
    taskQueue,
    async stop() {
      await api.app.close();
      worker.shutdown();
      await running;
    },
  };
}
