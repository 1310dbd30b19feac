/**
 * Open workflows: how many workflows waiting at a gate one worker and the Temporal dev server
 * hold without errors, and the worker's memory and cache while they wait.
 *
 * The probes (bench/workflows/gate-probe.ts) stand in for product workflows parked at an approval
 * gate: each waits for a decision signal under a warning timer, then a deadline timer. They run in
 * a worker process of their own (bench/open-workflows-worker.ts) with the SDK's default options,
 * so its memory is the worker's alone. A sample of the probes, most of them long evicted from the
 * worker's cache, is then decided, which replays each from its history.
 *
 * `npx tsx bench/open-workflows.ts` measures only this, on a Temporal dev server of its own;
 * `npm run bench` measures it last, on the benchmark's server. BENCH_OPEN_WORKFLOWS sets the
 * number of probes (default 2,000; 0 skips them).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client } from '@temporalio/client';
import { countFromEnv, startDevServer } from './environment';
import type { GateWorkerMessage, GateWorkerStatus } from './open-workflows-worker';
import { machine, writeResult } from './report';
import { summarise } from './stats';
import { decideSignal, type gateProbe } from './workflows/gate-probe';

const taskQueue = 'bench-gate-probe';
const workerPath = fileURLToPath(new URL('./open-workflows-worker.ts', import.meta.url));
const day = 24 * 60 * 60 * 1000;
const starters = 64;
const decidedSample = 200;

/** BENCH_OPEN_WORKFLOWS: probes to open (default 2,000; 0 skips the figure). */
export function benchOpenWorkflowCount(): number {
  return countFromEnv('BENCH_OPEN_WORKFLOWS', 2_000, 'workflows');
}

/** The worker child process; its status replies come back in the order of the requests. */
class GateWorker {
  private readonly waiting: {
    resolve: (status: GateWorkerStatus) => void;
    reject: (error: Error) => void;
  }[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: GateWorkerMessage) => {
      if (message.type !== 'status') return;
      const { type: _type, ...status } = message;
      this.waiting.shift()?.resolve(status);
    });
    child.once('exit', (code) => {
      for (const request of this.waiting.splice(0))
        request.reject(new Error(`gate worker exited with code ${code}`));
    });
  }

  static async start(address: string): Promise<GateWorker> {
    const child = fork(workerPath, {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TEMPORAL_ADDRESS: address, BENCH_GATE_TASK_QUEUE: taskQueue },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.on('message', (message: GateWorkerMessage) => {
        if (message.type === 'ready') resolve();
      });
      child.once('exit', (code) => reject(new Error(`gate worker exited with code ${code}`)));
    });
    return new GateWorker(child);
  }

  status(): Promise<GateWorkerStatus> {
    return new Promise((resolve, reject) => {
      if (this.child.exitCode !== null) {
        reject(new Error(`gate worker exited with code ${this.child.exitCode}`));
        return;
      }
      this.waiting.push({ resolve, reject });
      this.child.send({ type: 'status' });
    });
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.send({ type: 'stop' });
    await Promise.race([exited, sleep(60_000, undefined, { ref: false })]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

export interface OpenWorkflowFigures {
  workflows: number;
  started: number;
  failedStarts: number;
  firstStartError: string | null;
  startSeconds: number;
  startsPerSecond: number;
  /** From the first start until every started probe had run its first workflow task. */
  allWaitingSeconds: number | null;
  /** Running probes on the task queue by the server's visibility store once all were waiting. */
  runningByVisibility: number | null;
  worker: {
    idle: GateWorkerStatus;
    allWaiting: GateWorkerStatus;
    afterDecisions: GateWorkerStatus;
    peakRssMiB: number;
  };
  decisions: {
    sampled: number;
    approved: number;
    failed: number;
    firstError: string | null;
    /** From the signal until the workflow's result, in ms. */
    latencyMs: ReturnType<typeof summarise>;
  };
}

/** Opens `count` gate probes, waits until all wait at their gate, then decides a sample. */
export async function measureOpenWorkflows(options: {
  address: string;
  client: Client;
  count: number;
}): Promise<OpenWorkflowFigures> {
  const { address, client, count } = options;
  const worker = await GateWorker.start(address);
  try {
    const idle = await worker.status();
    const run = Date.now();
    const workflowId = (index: number) => `bench-gate-${run}-${index}`;
    let next = 0;
    let failedStarts = 0;
    let firstStartError: string | null = null;
    const startedAt = performance.now();
    const starter = async () => {
      while (next < count) {
        const index = next;
        next += 1;
        try {
          await client.workflow.start<typeof gateProbe>('gateProbe', {
            taskQueue,
            workflowId: workflowId(index),
            args: [10 * day, 4 * day],
          });
        } catch (error) {
          failedStarts += 1;
          firstStartError ??= error instanceof Error ? error.message : String(error);
        }
      }
    };
    let peakRssMiB = idle.rssMiB;
    const progress = setInterval(() => {
      void worker.status().then((status) => {
        peakRssMiB = Math.max(peakRssMiB, status.rssMiB);
        process.stderr.write(`\ropen workflows: ${status.waiting} of ${count} waiting`);
      });
    }, 2_000);
    await Promise.all(Array.from({ length: starters }, starter));
    const startSeconds = (performance.now() - startedAt) / 1000;
    const started = count - failedStarts;

    // Every started probe runs one workflow task before it waits; allow 50 ms each after the
    // starts, at least two minutes.
    const waitUntil = performance.now() + Math.max(120_000, started * 50);
    let allWaiting = await worker.status();
    while (allWaiting.waiting < started && performance.now() < waitUntil) {
      await sleep(500);
      allWaiting = await worker.status();
    }
    clearInterval(progress);
    process.stderr.write('\n');
    peakRssMiB = Math.max(peakRssMiB, allWaiting.rssMiB);
    const allWaitingSeconds =
      allWaiting.waiting >= started ? (performance.now() - startedAt) / 1000 : null;

    // Visibility is eventually consistent; give it up to 30 s to count every probe.
    const running = `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`;
    let runningByVisibility: number | null = null;
    for (let attempt = 0; attempt < 30 && runningByVisibility !== started; attempt += 1) {
      runningByVisibility = (await client.workflow.count(running)).count;
      if (runningByVisibility !== started) await sleep(1_000);
    }

    // Decide probes spread over the whole run, so most come back from history.
    const sampled = Math.min(decidedSample, count);
    const step = count / sampled;
    const latencies: number[] = [];
    let approved = 0;
    let failed = 0;
    let firstError: string | null = null;
    let nextSample = 0;
    const decider = async () => {
      while (nextSample < sampled) {
        const handle = client.workflow.getHandle<typeof gateProbe>(
          workflowId(Math.floor(nextSample * step)),
        );
        nextSample += 1;
        const t0 = performance.now();
        try {
          await handle.signal(decideSignal, true);
          if ((await handle.result()) === 'approved') approved += 1;
          latencies.push(performance.now() - t0);
        } catch (error) {
          failed += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, decider));
    const afterDecisions = await worker.status();

    return {
      workflows: count,
      started,
      failedStarts,
      firstStartError,
      startSeconds: Math.round(startSeconds * 10) / 10,
      startsPerSecond: Math.round((started / startSeconds) * 10) / 10,
      allWaitingSeconds:
        allWaitingSeconds === null ? null : Math.round(allWaitingSeconds * 10) / 10,
      runningByVisibility,
      worker: { idle, allWaiting, afterDecisions, peakRssMiB },
      decisions: { sampled, approved, failed, firstError, latencyMs: summarise(latencies) },
    };
  } finally {
    await worker.stop();
  }
}

export function printOpenWorkflows(figures: OpenWorkflowFigures): void {
  const { worker, decisions } = figures;
  console.log(
    `open workflows: ${figures.started} of ${figures.workflows} started ` +
      `(${figures.startsPerSecond} per second, ${figures.failedStarts} failed), ` +
      `all waiting after ${figures.allWaitingSeconds ?? 'never'} s, ` +
      `${figures.runningByVisibility} running by visibility; worker RSS ${worker.idle.rssMiB} → ` +
      `${worker.allWaiting.rssMiB} MiB (peak ${worker.peakRssMiB}), heap ${worker.allWaiting.heapUsedMiB} MiB, ` +
      `cache ${worker.allWaiting.cachedWorkflows} of ${worker.allWaiting.maxCachedWorkflows}; ` +
      `${decisions.approved} of ${decisions.sampled} sampled gates decided, p95 ${decisions.latencyMs.p95} ms`,
  );
}

async function main(): Promise<void> {
  const count = benchOpenWorkflowCount();
  const env = await startDevServer();
  try {
    const at = new Date().toISOString();
    const address = env.connection.options.address;
    const figures = await measureOpenWorkflows({ address, client: env.client, count });
    printOpenWorkflows(figures);
    const file = writeResult(at, `open-workflows-${count}`, {
      at,
      machine: machine(),
      command: `BENCH_OPEN_WORKFLOWS=${count} npx tsx bench/open-workflows.ts`,
      ...figures,
    });
    console.log(`results written to ${file}`);
  } finally {
    await env.teardown();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
