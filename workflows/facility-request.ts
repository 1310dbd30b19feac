/**
 * The `facilityRequest` workflow: an application for an ICT facility (permohonan kemudahan ICT).
 *
 * 1. *Semak & lulus?*: the approvalChain child workflow decides.
 * 2. Not approved: record the rejection and e-mail the applicant the reason. End.
 * 3. Approved: e-mail the applicant, then wait until the provider unit marks every provision step
 *    done (the `completeStep` update), by the deadline of the facilityRequest SLA policy: the unit
 *    is reminded at its warning, and its heads get a notice when it passes.
 * 4. Handover: e-mail the applicant, who confirms receipt (the `acknowledge` update). A software
 *    item's download link is served by the API to the applicant from then on.
 */
import {
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { FacilityActivities } from '../activities/facilities';
import { approvalChainWorkflowId, type ApprovalOutcome } from '../common/approval';
import {
  acknowledgeUpdateName,
  completeStepUpdateName,
  facilityRequestStateQueryName,
  type AcknowledgeInput,
  type CompleteStepInput,
  type FacilityRequestInput,
  type FacilityRequestState,
} from '../common/facility-request';
import {
  approvalChain,
  mailActivityOptions,
  recordActivityOptions,
  sendQuietly,
} from './approval-chain';

export const completeStep = defineUpdate<FacilityRequestState, [CompleteStepInput]>(
  completeStepUpdateName,
);
export const acknowledge = defineUpdate<FacilityRequestState, [AcknowledgeInput]>(
  acknowledgeUpdateName,
);
export const facilityRequestState = defineQuery<FacilityRequestState>(
  facilityRequestStateQueryName,
);

const records =
  proxyActivities<Pick<FacilityActivities, 'recordFacilityStep'>>(recordActivityOptions);
const messenger =
  proxyActivities<Pick<FacilityActivities, 'notifyFacilityRequester' | 'notifyProvisionDelay'>>(
    mailActivityOptions,
  );
const deadlines =
  proxyActivities<Pick<FacilityActivities, 'provisionDeadline'>>(recordActivityOptions);

/** Milliseconds from now until an instant; at least 1, because a timer needs a length. */
function msUntil(iso: string): number {
  return Math.max(1, Date.parse(iso) - Date.now());
}

function reject(type: 'forbidden' | 'validation_failed' | 'invalid_state', message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export async function facilityRequest(input: FacilityRequestInput): Promise<FacilityRequestState> {
  const state: FacilityRequestState = {
    status: 'pending_approval',
    stepsDone: [],
    rejectionReason: null,
    provisionDueAt: null,
    provisionOverdue: false,
  };
  // Writes are numbered from 2: the API wrote step 1, the submission, with the row.
  let step = 1;
  const record = (
    fields: Omit<
      Parameters<FacilityActivities['recordFacilityStep']>[0],
      'step' | 'applicationId' | 'at'
    >,
  ) => {
    step += 1;
    return records.recordFacilityStep({
      applicationId: input.applicationId,
      step,
      at: new Date().toISOString(),
      ...fields,
    });
  };
  const notice = (kind: 'approved' | 'rejected' | 'ready', reason?: string) =>
    sendQuietly(
      messenger.notifyFacilityRequester({
        applicationId: input.applicationId,
        notice: kind,
        reason,
        at: new Date().toISOString(),
      }),
      { reference: input.reference, notice: kind },
    );

  setHandler(facilityRequestState, () => state);

  /**
   * Waits for the provision until its deadline: a reminder to the provider unit at the warning,
   * then, once the deadline passes, a timeline entry and a notice to the unit's heads.
   */
  async function watchProvisionDeadline(provided: () => boolean): Promise<void> {
    const deadline = await deadlines.provisionDeadline({
      applicationId: input.applicationId,
      approvedAt: new Date().toISOString(),
    });
    if (!deadline) return;
    state.provisionDueAt = deadline.dueAt;
    await record({ kind: 'provision_due', actorId: null, detail: deadline.dueAt });
    const providerNotice = (kind: 'due_soon' | 'overdue') =>
      sendQuietly(
        messenger.notifyProvisionDelay({
          applicationId: input.applicationId,
          notice: kind,
          dueAt: deadline.dueAt,
          at: new Date().toISOString(),
        }),
        { reference: input.reference, notice: `provision_${kind}` },
      );
    if (await condition(provided, msUntil(deadline.warnAt))) return;
    await providerNotice('due_soon');
    if (await condition(provided, msUntil(deadline.dueAt))) return;
    state.provisionOverdue = true;
    await record({ kind: 'provision_overdue', actorId: null, detail: deadline.dueAt });
    await providerNotice('overdue');
  }

  /** Step writes still running; the handover waits for them, because writes apply in step order. */
  let stepsBeingStored = 0;

  setHandler(
    completeStep,
    async ({ actorId, stepIndex }) => {
      state.stepsDone.push(stepIndex);
      stepsBeingStored += 1;
      await record({
        kind: 'step_done',
        actorId,
        detail: input.steps[stepIndex] ?? null,
        stepIndex,
      });
      stepsBeingStored -= 1;
      return state;
    },
    {
      validator: ({ actorId, stepIndex }: CompleteStepInput) => {
        if (state.status !== 'provisioning') {
          reject(
            'invalid_state',
            `provision steps are closed while the application is ${state.status}`,
          );
        }
        if (typeof actorId !== 'string' || actorId === '')
          reject('validation_failed', 'actorId is missing');
        if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= input.steps.length) {
          reject('validation_failed', `stepIndex must be between 0 and ${input.steps.length - 1}`);
        }
        if (state.stepsDone.includes(stepIndex)) {
          reject('invalid_state', `provision step ${stepIndex} is already done`);
        }
      },
    },
  );

  let acknowledgedBy: string | null = null;
  setHandler(
    acknowledge,
    async ({ actorId }) => {
      acknowledgedBy = actorId;
      await condition(() => state.status === 'completed');
      return state;
    },
    {
      validator: ({ actorId }: AcknowledgeInput) => {
        if (actorId !== input.requesterId)
          reject('forbidden', 'only the applicant confirms receipt');
        if (state.status !== 'awaiting_acknowledgement' || acknowledgedBy !== null) {
          reject(
            'invalid_state',
            `receipt cannot be confirmed while the application is ${state.status}`,
          );
        }
      },
    },
  );

  // 1. Semak & lulus?
  const outcome: ApprovalOutcome = await executeChild(approvalChain, {
    workflowId: approvalChainWorkflowId(input.reference),
    args: [
      {
        subject: {
          kind: 'facilityRequest',
          reference: input.reference,
          title: input.title,
          requesterId: input.requesterId,
          unitId: input.requesterUnitId,
          category: input.itemCode,
          value: input.value,
          link: `/facilities/${input.reference}`,
        },
      },
    ],
  });

  // 2. Not approved.
  if (!outcome.approved) {
    state.status = 'rejected';
    state.rejectionReason = outcome.reason;
    await record({
      kind: 'rejected',
      actorId: outcome.decisions.at(-1)?.approverId ?? null,
      detail: outcome.reason,
      status: 'rejected',
      rejectionReason: outcome.reason ?? undefined,
    });
    await notice('rejected', outcome.reason ?? undefined);
    return state;
  }

  // 3. Provision.
  state.status = 'provisioning';
  await record({
    kind: 'approved',
    actorId: outcome.decisions.at(-1)?.approverId ?? null,
    detail: outcome.decisions.at(-1)?.comment ?? null,
    status: 'provisioning',
  });
  await notice('approved');
  const provided = () => state.stepsDone.length === input.steps.length && stepsBeingStored === 0;
  if (patched('provision-deadline')) await watchProvisionDeadline(provided);
  await condition(provided);

  // 4. Handover and the applicant's acknowledgement.
  state.status = 'awaiting_acknowledgement';
  await record({
    kind: 'handed_over',
    actorId: null,
    detail: null,
    status: 'awaiting_acknowledgement',
  });
  await notice('ready');
  await condition(() => acknowledgedBy !== null);
  await record({
    kind: 'acknowledged',
    actorId: acknowledgedBy,
    detail: null,
    status: 'completed',
  });
  state.status = 'completed';
  return state;
}
