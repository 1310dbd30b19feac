/**
 * Starts the recomputeDeadlines workflow after a calendar or policy change, or signals the running
 * one to start its pass again, with signal-with-start under a single workflow id.
 */
import {
  complaintMessages,
  recomputeDeadlinesRestartSignal,
  recomputeDeadlinesWorkflowId,
  recomputeDeadlinesWorkflowType,
  type RecomputeDeadlinesInput,
} from '../common/complaint';
import type { Logger } from '../common/logger';
import type { TemporalDeps } from './app';

/** How long the administrator's request waits for Temporal before it gives up on the signal. */
const requestTimeoutMs = 3_000;

/**
 * Asks every open complaint to recompute its deadlines. A failure to reach Temporal is logged and
 * not raised: the change itself is saved, and open cases pick it up at their next recomputation.
 */
export async function requestDeadlineRecompute(
  temporal: TemporalDeps,
  logger: Pick<Logger, 'info' | 'error'>,
  reason: string,
): Promise<void> {
  const input: RecomputeDeadlinesInput = { reason, after: null };
  try {
    await temporal.client.withDeadline(Date.now() + requestTimeoutMs, () =>
      temporal.client.workflow.signalWithStart(recomputeDeadlinesWorkflowType, {
        workflowId: recomputeDeadlinesWorkflowId,
        taskQueue: temporal.taskQueue,
        args: [input],
        signal: recomputeDeadlinesRestartSignal,
        signalArgs: [{ reason }],
      }),
    );
    logger.info(
      { reason, workflowId: recomputeDeadlinesWorkflowId },
      'deadline recomputation requested',
    );
  } catch (error) {
    // TODO: a change saved while Temporal is down reaches open cases only at their next
    // recomputation; a retry from an outbox would close that gap.
    logger.error(
      { reason, error: String(error), signal: complaintMessages.sla },
      'failed to start the deadline recomputation; open cases keep their deadlines for now',
    );
  }
}
