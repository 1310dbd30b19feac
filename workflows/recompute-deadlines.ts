/**
 * The recomputeDeadlines workflow: after a calendar or policy change, it sends every open
 * complaint the `slaChanged` signal, so the complaint computes its deadlines again. It reads open
 * cases a page at a time (keyset on the case id) and continues as new after a fixed number of
 * pages, so its history stays bounded however many cases are open.
 *
 * The API starts it with signal-with-start under one workflow id. A change that arrives while a
 * run is going signals `restart`, and the run starts again from the first page, so every open case
 * hears of the latest change. Signalling a case twice is harmless: the recomputation is idempotent.
 */
import {
  continueAsNew,
  defineSignal,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { SlaActivities } from '../activities';
import {
  complaintMessages,
  recomputeDeadlinesRestartSignal,
  type RecomputeDeadlinesInput,
} from '../common/complaint';

export const restartSignal = defineSignal<[{ reason: string }]>(recomputeDeadlinesRestartSignal);

const { listOpenCaseWorkflows } = proxyActivities<SlaActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Cases read and signalled per page. */
export const recomputePageSize = 200;
/** Pages per run before it continues as new: 10,000 signals keep a history well under its limits. */
export const recomputePagesPerRun = 50;
/** Signals in flight at once. */
const signalBatch = 50;

/** Signals one open case; a case that finished meanwhile is skipped with a log line. */
async function signalCase(workflowId: string): Promise<boolean> {
  try {
    await getExternalWorkflowHandle(workflowId).signal(complaintMessages.sla);
    return true;
  } catch (error) {
    log.warn('slaChanged not delivered; the case workflow is no longer running', {
      workflowId,
      error: String(error),
    });
    return false;
  }
}

export async function recomputeDeadlines(input: RecomputeDeadlinesInput): Promise<number> {
  let restartReason: string | null = null;
  setHandler(restartSignal, ({ reason }) => {
    restartReason = reason;
  });
  // Signals delivered with the start (signal-with-start) come before the first page, which the
  // pass reads anyway, so only later ones restart it.
  restartReason = null;

  let after = input.after ?? null;
  let signalled = 0;
  for (let page = 0; page < recomputePagesPerRun; page += 1) {
    if (restartReason !== null) {
      return continueAsNew<typeof recomputeDeadlines>({ reason: restartReason, after: null });
    }
    const { workflowIds, next } = await listOpenCaseWorkflows({ after, limit: recomputePageSize });
    for (let index = 0; index < workflowIds.length; index += signalBatch) {
      const batch = workflowIds.slice(index, index + signalBatch);
      const delivered = await Promise.all(batch.map(signalCase));
      signalled += delivered.filter(Boolean).length;
    }
    if (next === null) {
      // A restart signal that arrived during the last page still needs a full pass.
      if (restartReason !== null) {
        return continueAsNew<typeof recomputeDeadlines>({ reason: restartReason, after: null });
      }
      log.info('slaChanged sent to the open cases', { reason: input.reason, signalled });
      return signalled;
    }
    after = next;
  }
  return continueAsNew<typeof recomputeDeadlines>({ reason: input.reason, after });
}
