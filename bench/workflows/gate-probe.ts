/**
 * The gate probe of `npm run bench`: a workflow shaped like a product workflow parked at an
 * approval gate. It waits for a decision signal with a service-level warning timer and then a
 * deadline timer, as product workflows wait for a person's decision. Only the open-workflows
 * benchmark (bench/open-workflows.ts) bundles and runs it, in a worker process of its own.
 */
import { condition, defineSignal, proxySinks, setHandler, type Sinks } from '@temporalio/workflow';

export interface GateProbeSinks extends Sinks {
  gate: {
    /** Called once the workflow has set its timer and waits, so the worker can count it. */
    waiting(): void;
  };
}

export const decideSignal = defineSignal<[boolean]>('decide');

export type GateProbeOutcome = 'approved' | 'rejected' | 'escalated';

const { gate } = proxySinks<GateProbeSinks>();

export async function gateProbe(
  warningAfterMs: number,
  deadlineAfterMs: number,
): Promise<GateProbeOutcome> {
  let decision: boolean | undefined;
  setHandler(decideSignal, (approved) => {
    decision = approved;
  });
  gate.waiting();
  const decided = () => decision !== undefined;
  if (!(await condition(decided, warningAfterMs)) && !(await condition(decided, deadlineAfterMs)))
    return 'escalated';
  return decision ? 'approved' : 'rejected';
}
