/**
 * Timer lateness: how long after its due instant a workflow sleeping until that instant runs
 * again. The probes (bench/workflows/timer-probe.ts) run in a worker of their own, with their own
 * task queue and workflow bundle. They share the benchmark's Temporal dev server, its process and
 * the cores with the complaint intake, but not its task queue.
 */
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { bundleWorkflowCode, Worker, type NativeConnection } from '@temporalio/worker';
import type { Logger } from '../common/logger';
import { PinoTemporalLogger } from '../worker/runtime-logger';
import { countFromEnv } from './environment';
import { summarise } from './stats';
import type { timerProbe, TimerProbeActivities, TimerProbeResult } from './workflows/timer-probe';

const probeTaskQueue = 'bench-timer-probe';
const probeWorkflowsPath = fileURLToPath(new URL('./workflows/timer-probe.ts', import.meta.url));

/** BENCH_TIMERS: probes per run (default 200; 0 skips the timer figures). */
export function benchTimerCount(): number {
  return countFromEnv('BENCH_TIMERS', 200, 'probes');
}

/** Creates and runs the probe worker. The returned function shuts it down. */
export async function startProbeWorker(
  connection: NativeConnection,
  logger: Logger,
): Promise<() => Promise<void>> {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: probeWorkflowsPath,
    logger: new PinoTemporalLogger(logger.child({ component: 'bundler' })),
  });
  const activities: TimerProbeActivities = { readWallClock: async () => Date.now() };
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: probeTaskQueue,
    workflowBundle,
    activities,
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
  };
}

export interface ScheduledProbes {
  handles: WorkflowHandle<typeof timerProbe>[];
  /** Due instant of the first probe in ms since the epoch, at which startProbes returns. */
  firstDueAt: number;
  lastDueAt: number;
}

/**
 * Starts `count` probes whose due instants are spread evenly over `windowMs` after a lead time,
 * and returns at the first due instant. The lead (3 s, or 20 ms a probe if more) leaves room for
 * the starts and the probes' first workflow tasks. A probe whose first task runs after its due
 * instant does not sleep and is counted as `missedStart`.
 */
export async function startProbes(
  client: Client,
  options: { count: number; windowMs: number; label: string },
): Promise<ScheduledProbes> {
  const { count, windowMs, label } = options;
  const firstDueAt = Date.now() + Math.max(3_000, count * 20);
  const step = count > 1 ? windowMs / (count - 1) : 0;
  const handles = new Array<WorkflowHandle<typeof timerProbe>>(count);
  let next = 0;
  const starter = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      handles[index] = await client.workflow.start<typeof timerProbe>('timerProbe', {
        taskQueue: probeTaskQueue,
        workflowId: `bench-timer-probe-${label}-${firstDueAt}-${index}`,
        args: [Math.round(firstDueAt + index * step)],
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, starter));
  await sleep(Math.max(0, firstDueAt - Date.now()));
  return { handles, firstDueAt, lastDueAt: Math.round(firstDueAt + windowMs) };
}

/**
 * Splits one probe's lateness in workflow time into its parts, from the probe's event history
 * (event times are the server's clock, in ms):
 * - `firstTask`: the first workflow task from started to completed. The sleep's duration is
 *   computed at the start of that task, and the server counts it from the completion.
 * - `timer`: how long after its start plus its duration the server recorded TimerFired.
 * - `dispatch`: from TimerFired until a worker started the next workflow task.
 * - `afterTimerDue`: from the timer's start on the server plus its duration until the worker's
 *   clock in the probe's local activity, which leaves out `firstTask`.
 * Returns null for a probe that did not sleep.
 */
async function latenessParts(handle: WorkflowHandle<typeof timerProbe>, result: TimerProbeResult) {
  const events = (await handle.fetchHistory()).events ?? [];
  const timeOf = (event: (typeof events)[number] | undefined) =>
    event ? tsToMs(event.eventTime) : Number.NaN;
  const firstTaskStarted = events.find((event) => event.workflowTaskStartedEventAttributes);
  const firstTaskCompleted = events.find((event) => event.workflowTaskCompletedEventAttributes);
  const timerStarted = events.find((event) => event.timerStartedEventAttributes);
  const firedIndex = events.findIndex((event) => event.timerFiredEventAttributes);
  if (!timerStarted || firedIndex < 0) return null;
  const timerFired = events[firedIndex];
  const nextTaskStarted = events
    .slice(firedIndex)
    .find((event) => event.workflowTaskStartedEventAttributes);
  const duration = tsToMs(timerStarted.timerStartedEventAttributes?.startToFireTimeout);
  return {
    firstTask: timeOf(firstTaskCompleted) - timeOf(firstTaskStarted),
    timer: timeOf(timerFired) - timeOf(timerStarted) - duration,
    dispatch: timeOf(nextTaskStarted) - timeOf(timerFired),
    afterTimerDue: result.wallClockAt - (timeOf(timerStarted) + duration),
  };
}

function latenessOf(values: number[]) {
  const max = values.length === 0 ? Number.NaN : Math.max(...values);
  return { ...summarise(values), max: Math.round(max * 100) / 100 };
}

/**
 * Waits for every probe and summarises the lateness of those due inside [from, to], in ms. Both
 * bounds are ms since the epoch. A window of [0, Number.MAX_SAFE_INTEGER] counts every probe.
 */
export async function collectProbes(probes: ScheduledProbes, window: { from: number; to: number }) {
  // Waiting for the results only after the last due instant keeps their requests off the server
  // while the timers fire.
  await sleep(Math.max(0, probes.lastDueAt + 1_000 - Date.now()));
  const results = await Promise.all(probes.handles.map((handle) => handle.result()));
  const countedIndexes = results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => result.dueAt >= window.from && result.dueAt <= window.to)
    .map(({ index }) => index);
  const slept = countedIndexes.filter((index) => {
    const result = results[index];
    return result !== undefined && result.startedAt < result.dueAt;
  });
  const sleptResults = slept.flatMap((index) => results[index] ?? []);

  const parts = [];
  for (const index of slept) {
    const handle = probes.handles[index];
    const result = results[index];
    const probeParts = handle && result ? await latenessParts(handle, result) : null;
    if (probeParts) parts.push(probeParts);
  }

  return {
    probes: results.length,
    dueInWindow: countedIndexes.length,
    missedStart: countedIndexes.length - slept.length,
    workflowTimeLatenessMs: latenessOf(sleptResults.map((result) => result.wokeAt - result.dueAt)),
    wallClockLatenessMs: latenessOf(
      sleptResults.map((result) => result.wallClockAt - result.dueAt),
    ),
    partsMs: {
      firstTask: latenessOf(parts.map((part) => part.firstTask)),
      timer: latenessOf(parts.map((part) => part.timer)),
      dispatch: latenessOf(parts.map((part) => part.dispatch)),
    },
    wallClockAfterTimerDueMs: latenessOf(parts.map((part) => part.afterTimerDue)),
  };
}

export type TimerLateness = Awaited<ReturnType<typeof collectProbes>>;
