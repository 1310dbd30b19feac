/**
 * The worker process of the open-workflows benchmark (bench/open-workflows.ts). It runs the gate
 * probes with the SDK's default worker options, as the product's worker runs its workflows. On a
 * status request over IPC it sends back the number of probes waiting at their gate, the worker's
 * cache and this process's memory.
 *
 * Started by the benchmark with TEMPORAL_ADDRESS and BENCH_GATE_TASK_QUEUE in its environment.
 */
import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type InjectedSinks,
} from '@temporalio/worker';
import type { GateProbeSinks } from './workflows/gate-probe';

export interface GateWorkerStatus {
  /** Probes whose first workflow task has run, so that they wait at their gate. */
  waiting: number;
  cachedWorkflows: number;
  maxCachedWorkflows: number;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
}

export type GateWorkerMessage = { type: 'ready' } | ({ type: 'status' } & GateWorkerStatus);

const mebibytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.BENCH_GATE_TASK_QUEUE;
  if (!address || !taskQueue || !process.send)
    throw new Error(
      'missing TEMPORAL_ADDRESS, BENCH_GATE_TASK_QUEUE or the IPC channel; start this worker through bench/open-workflows.ts',
    );

  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address });
  let waiting = 0;
  const sinks: InjectedSinks<GateProbeSinks> = {
    gate: {
      waiting: {
        fn: () => {
          waiting += 1;
        },
      },
    },
  };

  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./workflows/gate-probe.ts', import.meta.url)),
    sinks,
  });

  const send = (message: GateWorkerMessage) => process.send?.(message);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'status') {
      const memory = process.memoryUsage();
      send({
        type: 'status',
        waiting,
        cachedWorkflows: worker.getStatus().numCachedWorkflows,
        maxCachedWorkflows: worker.options.maxCachedWorkflows,
        rssMiB: mebibytes(memory.rss),
        heapUsedMiB: mebibytes(memory.heapUsed),
        heapTotalMiB: mebibytes(memory.heapTotal),
      });
    } else if (message.type === 'stop') {
      worker.shutdown();
    }
  });

  const running = worker.run();
  send({ type: 'ready' });
  await running;
  await connection.close();
  process.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
