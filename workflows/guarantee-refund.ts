/**
 * The guaranteeRefund child workflow (penjanaan bayaran balik wang jaminan): with cash retention,
 * half of the retention is refunded at completion. The defects-liability period then runs as a
 * timer from the handover. After it, the division management confirms every item of the release
 * checklist and takes the release decision with a release certificate. The refund is recorded and
 * the vendor and finance are notified. The release decision is rejected before the period ends or
 * while a checklist item is open. The share refunded at completion follows the thresholds the
 * project passed, or the current project settings when the child was started on its own.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import {
  guaranteeRefundMessages,
  ictProjectThresholds,
  refundScheduleOf,
  releaseChecklistItems,
  type ChecklistMessage,
  type GuaranteeRefundInput,
  type GuaranteeRefundResult,
  type GuaranteeRefundState,
  type ProjectThresholds,
  type RefundPayment,
  type ReleaseDecisionMessage,
} from '../common/ict-project';
import { forbid, reject, requireActor, requireOneOf } from './helpers/gates';
import { createLock } from './helpers/lock';
import {
  checkDocument,
  createChildRecorder,
  isProjectManager,
  notifyQuietly,
  thresholdsFor,
} from './ict-project';

export const stateQuery = defineQuery<GuaranteeRefundState>(guaranteeRefundMessages.state);
const checklistUpdate = defineUpdate<GuaranteeRefundState, [ChecklistMessage]>(
  guaranteeRefundMessages.checklist,
);
const releaseDecisionUpdate = defineUpdate<GuaranteeRefundState, [ReleaseDecisionMessage]>(
  guaranteeRefundMessages.releaseDecision,
);

const day = 24 * 60 * 60 * 1000;

export async function guaranteeRefund(input: GuaranteeRefundInput): Promise<GuaranteeRefundResult> {
  // Read again below when the project passed none; the release needs it only after the period.
  let thresholds: ProjectThresholds = input.thresholds ?? ictProjectThresholds;
  const security = input.contract.security;
  const endsAt = Date.parse(input.completedAt) + input.contract.defectsLiabilityDays * day;
  const state: GuaranteeRefundState = {
    reference: input.reference,
    status: security ? 'defects_liability' : 'not_required',
    security,
    defectsLiabilityEndsAt: new Date(endsAt).toISOString(),
    checklist: [],
    refunds: [],
  };
  const lock = createLock();
  let released = false;
  const snapshot = (): GuaranteeRefundState => ({
    ...state,
    checklist: [...state.checklist],
    refunds: [...state.refunds],
  });

  const record = createChildRecorder(input.projectId, 'guarantee');

  /** Records a refund and notifies the vendor and finance. */
  async function refund(amount: number, stage: RefundPayment['stage'], actorId: string | null) {
    const payment: RefundPayment = { amount, at: new Date().toISOString(), stage };
    await record('refund_generated', actorId, { ...payment });
    state.refunds.push(payment);
    for (const audience of ['vendor', 'finance'] as const) {
      await notifyQuietly({
        reference: input.reference,
        template: 'guaranteeRefunded',
        audience,
        reason: null,
        key: `refund:${stage}`,
        refund: { amount, stage, vendorEmail: input.contract.vendorEmail },
      });
    }
  }

  function checkChecklist(message: ChecklistMessage): void {
    const actor = requireActor(message?.actor);
    if (!isProjectManager(actor)) forbid('checklist', 'the division management');
    if (state.status !== 'checklist') {
      reject(
        'invalid_state',
        `the checklist opens after the defects-liability period, at ${state.defectsLiabilityEndsAt}`,
      );
    }
    requireOneOf(message.item, releaseChecklistItems, 'item');
  }

  function checkRelease(message: ReleaseDecisionMessage): void {
    const actor = requireActor(message?.actor);
    if (!isProjectManager(actor)) forbid('releaseDecision', 'the division management');
    if (state.status !== 'checklist') {
      reject(
        'invalid_state',
        `the release waits for the defects-liability period to end at ${state.defectsLiabilityEndsAt}`,
      );
    }
    const open = releaseChecklistItems.filter((item) => !state.checklist.includes(item));
    if (open.length > 0) {
      reject(
        'validation_failed',
        `the release checklist has open items: ${open.join(', ')}`,
        'checklist',
      );
    }
    const certificate = checkDocument(message.releaseCertificate);
    if (certificate.kind !== 'releaseCertificate') {
      reject(
        'validation_failed',
        'releaseCertificate must be a document of kind releaseCertificate',
        'releaseCertificate',
      );
    }
  }

  setHandler(stateQuery, snapshot);
  setHandler(
    checklistUpdate,
    (message) =>
      lock.run(async () => {
        checkChecklist(message);
        if (!state.checklist.includes(message.item)) {
          await record('checklist_confirmed', message.actor.id, { item: message.item });
          state.checklist.push(message.item);
        }
        return snapshot();
      }),
    { validator: checkChecklist },
  );
  setHandler(
    releaseDecisionUpdate,
    (message) =>
      lock.run(async () => {
        checkRelease(message);
        if (!security) throw new Error('release without a security');
        await record('release_approved', message.actor.id, { ...message.releaseCertificate });
        await refund(refundScheduleOf(security, thresholds).final, 'final', message.actor.id);
        state.status = 'released';
        released = true;
        return snapshot();
      }),
    { validator: checkRelease },
  );

  if (!security) return { status: 'not_required', refunds: [] };
  thresholds = await thresholdsFor(input.thresholds);

  await record('security_recorded', null, { ...security, endsAt: state.defectsLiabilityEndsAt });
  const schedule = refundScheduleOf(security, thresholds);
  if (schedule.atCompletion > 0) {
    await lock.run(() => refund(schedule.atCompletion, 'completion', null));
  }

  // Tempoh tanggungan kecacatan: the defects-liability period from the handover.
  await sleep(Math.max(0, endsAt - Date.now()));
  await lock.run(() => record('defects_liability_ended', null, {}));
  state.status = 'checklist';

  await condition(() => released);
  await condition(allHandlersFinished);
  return { status: 'released', refunds: [...state.refunds] };
}
