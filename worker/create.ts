/**
 * The worker factory: a Temporal Worker that runs Khidmat's workflows and the given activities
 * on one task queue. Tests pass a prebuilt workflow bundle so that webpack runs once per file.
 */
import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  Worker,
  type NativeConnection,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { ComplaintActivities } from '../activities';
import type { Logger } from '../common/logger';
import { installRuntimeLogger, PinoTemporalLogger } from './runtime-logger';

/** Entry point of the workflow bundle: every workflow the worker registers. */
export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: ComplaintActivities;
  logger: Logger;
  /** A bundle from `bundleWorkflows`; without one, the worker bundles workflowsPath itself. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** Workflows kept in the worker's cache; the SDK's default depends on the memory available. */
  maxCachedWorkflows?: number;
}

/** Bundles the workflow code once, for several workers or for replay. */
export function bundleWorkflows(logger: Logger): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger: new PinoTemporalLogger(logger.child({ component: 'bundler' })),
  });
}

export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  installRuntimeLogger(options.logger);
  const workflowSource = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath };
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...workflowSource,
    ...(options.maxCachedWorkflows === undefined
      ? {}
      : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
  options.logger.info(
    { namespace: options.namespace, taskQueue: options.taskQueue },
    'Temporal worker created',
  );
  return worker;
}
