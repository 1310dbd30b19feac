/**
 * A stand-in for the `complaint` workflow, registered only by the import's Temporal test until the
 * real workflow exists. It keeps the state the import resumed it in, answers the `state` query with
 * it, and waits until it is terminated.
 */
import { condition, defineQuery, setHandler } from '@temporalio/workflow';
import { complaintMessages, type ComplaintInput } from '../../common/complaint';

export interface StandInState {
  reference: string;
  status: string;
  reopenCount: number;
}

export const stateQuery = defineQuery<StandInState>(complaintMessages.state);

export async function complaint(input: ComplaintInput): Promise<void> {
  const state: StandInState = {
    reference: input.reference,
    status: input.resumeFrom?.status ?? 'new',
    reopenCount: input.resumeFrom?.reopenCount ?? 0,
  };
  setHandler(stateQuery, () => state);
  await condition(() => false);
}
