/**
 * The demo's Temporal worker. Imported only after the API listens, because loading the worker
 * package and creating the worker are the slowest parts of a start.
 */
import {
  NativeConnection,
  type Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { connectionOptions } from '../../worker/connection';
import { createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';

export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker has stopped. */
  running: Promise<void>;
  /** Shuts the worker down (it finishes the tasks it holds) and closes its connection. */
  stop(): Promise<void>;
}

export async function startWorker(
  config: Config,
  logger: Logger,
  db: Database,
  workflowBundle: WorkflowBundleWithSourceMap,
): Promise<RunningWorker> {
  // Before the native connection, which would create the Runtime with the SDK's default logger.
  installRuntimeLogger(logger);
  const native = await NativeConnection.connect(await connectionOptions(config));
  const worker = await createWorker({
    connection: native,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ db, config, logger, mailer: null }),
    logger,
    workflowBundle,
  });
  const running = worker.run();
  running.catch((error: unknown) =>
    logger.error({ err: error }, 'the demo worker stopped with an error'),
  );
  return {
    worker,
    running,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await native.close();
    },
  };
}
