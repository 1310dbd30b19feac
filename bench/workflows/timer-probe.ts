/**
 * The timer probe of `npm run bench`: a workflow that sleeps until a given instant, as product
 * workflows sleep until a deadline, and returns when it woke. Only the benchmark's probe worker
 * (bench/timer-lateness.ts) bundles and runs it, on a task queue of its own.
 */
import { proxyLocalActivities, sleep } from '@temporalio/workflow';

export interface TimerProbeActivities {
  /** Returns `Date.now()` of the worker process, which workflow code cannot read. */
  readWallClock(): Promise<number>;
}

const { readWallClock } = proxyLocalActivities<TimerProbeActivities>({
  startToCloseTimeout: '30 seconds',
});

/** Instants of one probe, in milliseconds since the epoch. */
export interface TimerProbeResult {
  dueAt: number;
  /** Workflow time of the first activation, from which the sleep's duration was computed. */
  startedAt: number;
  /** Workflow time of the activation that delivered the fired timer. */
  wokeAt: number;
  /** The worker's real clock in a local activity that runs right after the workflow woke. */
  wallClockAt: number;
}

export async function timerProbe(dueAt: number): Promise<TimerProbeResult> {
  const startedAt = Date.now();
  // A probe that starts after its due instant does not sleep, and the benchmark counts it as `missedStart`.
  if (dueAt > startedAt) await sleep(dueAt - startedAt);
  const wokeAt = Date.now();
  const wallClockAt = await readWallClock();
  return { dueAt, startedAt, wokeAt, wallClockAt };
}
