/**
 * The facilityLoan workflow (pinjaman → pemulangan kemudahan ICT), box by box:
 *
 *   tempahan (reserve the resource for the period; an overlap rejects the loan) →
 *   semak & lulus (the approvalChain child workflow; a rejection releases the reservation) →
 *   serahan (a technician of the owning unit hands over, with the condition and the borrower's
 *   acknowledgement) → peringatan (reminder one day before the due time) → lewat pulang (overdue
 *   notice at the due time, escalation to the borrower's unit head at the end of the next working
 *   day) → pemulangan (check-in with the condition; damage opens a complaint case) → closed.
 *
 * The borrower or the owning unit may cancel before the handover, which releases the reservation.
 * A loan not collected by its end is cancelled the same way. Gates are updates whose validators
 * reject at once with an ApplicationFailure typed with an error code of common/errors.ts.
 */
import {
  ChildWorkflowCancellationType,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  executeChild,
  log,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import type { LoanActivities, LoanNotifyRequest, LoanPatch } from '../activities/loans';
import {
  approvalChainWorkflowId,
  approvalChainWorkflowType,
  type ApprovalChainInput,
  type ApprovalOutcome,
} from '../common/approval';
import { complaintWorkflowType, type Actor, type ComplaintInput } from '../common/complaint';
import { staffRoles } from '../common/enums';
import {
  cancellableLoanStatuses,
  facilityLoanMessages,
  loanTextLimits,
  type CancelLoanMessage,
  type CheckInMessage,
  type FacilityLoanInput,
  type FacilityLoanState,
  type HandoverMessage,
  type LoanStatus,
} from '../common/facility-loan';
import { resourceConditions, type ResourceCondition } from '../common/inventory';
import {
  forbid,
  hasRole,
  reject,
  requireActor,
  requireOneOf,
  requireOptionalText,
  requireText,
} from './helpers/gates';
import { createLock } from './helpers/lock';

export const openedUpdate = defineUpdate<FacilityLoanState>(facilityLoanMessages.opened);
export const handoverUpdate = defineUpdate<FacilityLoanState, [HandoverMessage]>(
  facilityLoanMessages.handover,
);
export const checkInUpdate = defineUpdate<FacilityLoanState, [CheckInMessage]>(
  facilityLoanMessages.checkIn,
);
export const cancelUpdate = defineUpdate<FacilityLoanState, [CancelLoanMessage]>(
  facilityLoanMessages.cancel,
);
export const stateQuery = defineQuery<FacilityLoanState>(facilityLoanMessages.state);

/** Database writes retry until they succeed, so steps are persisted in order and none is lost. */
const records = proxyActivities<LoanActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** E-mails retry for about an hour; a message that still fails is logged and the loan goes on. */
const messenger = proxyActivities<Pick<LoanActivities, 'notifyLoan'>>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});

type Notification = Omit<LoanNotifyRequest, 'reference' | 'key' | 'at'>;

/** The effect of one box of the map: loan columns, resource and reservation changes, e-mails. */
interface Step {
  action: string;
  actorId: string | null;
  patch: LoanPatch;
  details?: Record<string, unknown>;
  resource?: {
    event: 'checked_out' | 'checked_in';
    status: 'on_loan' | 'available' | 'in_repair';
    condition: ResourceCondition;
    note: string;
  };
  reservation?: 'released' | 'completed';
  notifications?: Notification[];
}

function initialState(input: FacilityLoanInput): FacilityLoanState {
  return {
    loanId: input.loanId,
    reference: input.reference,
    status: 'pending_approval',
    endReason: null,
    reason: null,
    reserved: false,
    conflicts: [],
    handedOverAt: null,
    returnedAt: null,
    reminderSentAt: null,
    overdueSince: null,
    escalatedAt: null,
    damageCaseReference: null,
    step: 1,
  };
}

/** Staff of the unit that owns the resource (or an administrator) hand over and check in. */
function isOwningStaff(actor: Actor, owningUnitId: string): boolean {
  if (hasRole(actor, 'admin')) return true;
  return (
    actor.unitIds.includes(owningUnitId) && actor.roles.some((role) => staffRoles.includes(role))
  );
}

export async function facilityLoan(input: FacilityLoanInput): Promise<FacilityLoanState> {
  const state = initialState(input);
  const lock = createLock();
  const pendingNotifications = new Set<Promise<void>>();
  let recorded = false;

  const currentStatus = (): LoanStatus => state.status;
  const snapshot = (): FacilityLoanState => ({ ...state, conflicts: [...state.conflicts] });
  const nowIso = (): string => new Date().toISOString();
  const msUntil = (iso: string): number => Math.max(0, Date.parse(iso) - Date.now());

  function send(notification: Notification, key: string, at: string): void {
    const request: LoanNotifyRequest = { ...notification, reference: input.reference, key, at };
    const sending = messenger.notifyLoan(request).then(
      () => undefined,
      (error: unknown) => {
        log.error('a loan notification failed after its retries', {
          reference: input.reference,
          template: notification.template,
          error: String(error),
        });
      },
    );
    pendingNotifications.add(sending);
    void sending.finally(() => pendingNotifications.delete(sending));
  }

  /** Records one step through an activity, applies it to the state and sends its e-mails. */
  async function commit(step: Step): Promise<void> {
    const at = nowIso();
    state.step += 1;
    await records.recordLoanStep({
      loanId: input.loanId,
      reference: input.reference,
      step: state.step,
      action: step.action,
      actorId: step.actorId,
      at,
      patch: step.patch,
      details: step.details ?? {},
      ...(step.resource ? { resource: { resourceId: input.resourceId, ...step.resource } } : {}),
      ...(step.reservation ? { reservation: step.reservation } : {}),
    });
    const { patch } = step;
    if (patch.status) state.status = patch.status;
    if (patch.endReason !== undefined) state.endReason = patch.endReason;
    if (patch.reason !== undefined) state.reason = patch.reason;
    if (patch.handedOverAt) state.handedOverAt = patch.handedOverAt;
    if (patch.returnedAt) state.returnedAt = patch.returnedAt;
    if (patch.reminderSentAt) state.reminderSentAt = patch.reminderSentAt;
    if (patch.overdueSince) state.overdueSince = patch.overdueSince;
    if (patch.escalatedAt) state.escalatedAt = patch.escalatedAt;
    if (patch.damageCaseReference) state.damageCaseReference = patch.damageCaseReference;
    for (const notification of step.notifications ?? []) {
      send(notification, `step:${state.step}`, at);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Gates
  // -------------------------------------------------------------------------------------------

  function checkHandover(message: HandoverMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status !== 'approved') {
      reject(
        'invalid_state',
        `handover is allowed only when the loan is approved, not ${state.status}`,
      );
    }
    if (!isOwningStaff(actor, input.owningUnitId)) forbid('handover', 'staff of the owning unit');
    requireOneOf(message.condition, resourceConditions, 'condition');
    requireOptionalText(message.note, 'note', loanTextLimits.note);
    if (message.borrowerAcknowledged !== true) {
      reject(
        'validation_failed',
        'the borrower must acknowledge the handover',
        'borrowerAcknowledged',
      );
    }
    if (Date.now() < Date.parse(input.startsAt) - 24 * 60 * 60 * 1000) {
      reject('invalid_state', `handover opens one day before the loan starts at ${input.startsAt}`);
    }
  }

  function checkCheckIn(message: CheckInMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status !== 'on_loan') {
      reject('invalid_state', `check-in is allowed only while on loan, not ${state.status}`);
    }
    if (!isOwningStaff(actor, input.owningUnitId)) forbid('checkIn', 'staff of the owning unit');
    requireOneOf(message.condition, resourceConditions, 'condition');
    requireOptionalText(message.note, 'note', loanTextLimits.note);
    requireOptionalText(message.damage, 'damage', loanTextLimits.note);
    if (message.condition === 'damaged' && message.damage.trim() === '') {
      reject('validation_failed', 'describe the damage when the condition is damaged', 'damage');
    }
  }

  function checkCancel(message: CancelLoanMessage): void {
    const actor = requireActor(message?.actor);
    if (!cancellableLoanStatuses.includes(state.status)) {
      reject(
        'invalid_state',
        `a loan can be cancelled only before the handover, not when ${state.status}`,
      );
    }
    if (actor.id !== input.borrowerId && !isOwningStaff(actor, input.owningUnitId)) {
      forbid('cancel', 'the borrower or staff of the owning unit');
    }
    requireText(message.reason, 'reason', loanTextLimits.reason);
  }

  setHandler(stateQuery, snapshot);
  setHandler(openedUpdate, async () => {
    await condition(() => recorded);
    return snapshot();
  });
  setHandler(
    handoverUpdate,
    (message) =>
      lock.run(async () => {
        checkHandover(message);
        const at = nowIso();
        await commit({
          action: 'handed_over',
          actorId: message.actor.id,
          patch: {
            status: 'on_loan',
            handedOverAt: at,
            handedOverById: message.actor.id,
            checkoutCondition: message.condition,
            borrowerAcknowledgedAt: at,
          },
          details: { condition: message.condition, note: message.note },
          resource: {
            event: 'checked_out',
            status: 'on_loan',
            condition: message.condition,
            note: message.note,
          },
          notifications: [{ template: 'loanHandedOver', audience: 'borrower' }],
        });
        return snapshot();
      }),
    { validator: checkHandover },
  );
  setHandler(
    checkInUpdate,
    (message) =>
      lock.run(async () => {
        checkCheckIn(message);
        const at = nowIso();
        const damaged = message.damage.trim() !== '';
        await commit({
          action: 'returned',
          actorId: message.actor.id,
          patch: {
            status: 'closed',
            returnedAt: at,
            returnedToId: message.actor.id,
            checkinCondition: message.condition,
            damage: damaged ? message.damage : null,
            closedAt: at,
          },
          details: { condition: message.condition, note: message.note, damage: message.damage },
          resource: {
            event: 'checked_in',
            status: damaged ? 'in_repair' : 'available',
            condition: message.condition,
            note: message.note,
          },
          reservation: 'completed',
          notifications: [{ template: 'loanReturned', audience: 'borrower' }],
        });
        if (damaged) await openDamageCase(message.actor.id, message.damage, at);
        return snapshot();
      }),
    { validator: checkCheckIn },
  );
  setHandler(
    cancelUpdate,
    (message) =>
      lock.run(async () => {
        checkCancel(message);
        await commit({
          action: 'cancelled',
          actorId: message.actor.id,
          patch: { status: 'cancelled', endReason: 'cancelled', reason: message.reason },
          reservation: 'released',
          notifications: [
            { template: 'loanCancelled', audience: 'borrower', reason: message.reason },
          ],
        });
        return snapshot();
      }),
    { validator: checkCancel },
  );

  /**
   * Opens a complaint case for damage found at the return: a complaint workflow of its own that
   * outlives the loan, linked by the reference stored on the loan.
   */
  async function openDamageCase(reporterId: string, damage: string, at: string): Promise<void> {
    const complaintInput: ComplaintInput = await records.prepareDamageCase({
      loanId: input.loanId,
      reference: input.reference,
      reporterId,
      damage,
      at,
    });
    complaintInput.caseId = uuid4();
    await startChild(complaintWorkflowType, {
      workflowId: complaintInput.reference,
      args: [complaintInput],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    await commit({
      action: 'damage_case_opened',
      actorId: reporterId,
      patch: { damageCaseReference: complaintInput.reference },
      details: { caseReference: complaintInput.reference },
    });
  }

  /** Runs the approval chain; returns null when the loan was cancelled while it waited. */
  async function approve(): Promise<ApprovalOutcome | null> {
    const chainInput: ApprovalChainInput = {
      subject: {
        kind: 'facilityLoan',
        reference: input.reference,
        title: `${input.resourceName}: ${input.purpose}`.slice(0, 200),
        requesterId: input.borrowerId,
        unitId: input.borrowerUnitId,
        ownerUnitId: input.owningUnitId,
        category: null,
        value: null,
        link: `/loans/${input.reference}`,
      },
      language: input.language,
    };
    const scope = new CancellationScope();
    const chain = scope.run(() =>
      executeChild<(chainInput: ApprovalChainInput) => Promise<ApprovalOutcome>>(
        approvalChainWorkflowType,
        {
          workflowId: approvalChainWorkflowId(input.reference),
          args: [chainInput],
          cancellationType: ChildWorkflowCancellationType.TRY_CANCEL,
        },
      ),
    );
    const cancelled = condition(() => state.status === 'cancelled').then(() => null);
    const outcome = await Promise.race([chain, cancelled]);
    if (outcome === null) {
      scope.cancel();
      await chain.catch(() => undefined);
    }
    return outcome;
  }

  // -------------------------------------------------------------------------------------------
  // The lane
  // -------------------------------------------------------------------------------------------

  // Tempahan: reserve the period; an overlapping held reservation rejects the loan at once.
  const request = await records.requestLoan(input);
  if (!request.reserved) {
    state.conflicts = request.conflicts.map((conflict) => conflict.holderReference);
    await commit({
      action: 'rejected',
      actorId: null,
      patch: { status: 'rejected', endReason: 'reservation_conflict' },
      details: { conflicts: request.conflicts },
    });
    recorded = true;
    return finish();
  }
  state.reserved = true;
  recorded = true;

  // Semak & lulus: the approval chain decides, unless the borrower cancels first.
  const outcome = await approve();
  if (outcome) {
    await lock.run(async () => {
      if (state.status !== 'pending_approval') return;
      if (outcome.approved) {
        await commit({
          action: 'approved',
          actorId: null,
          patch: { status: 'approved' },
          details: { decisions: outcome.decisions },
          notifications: [{ template: 'loanApproved', audience: 'borrower' }],
        });
        return;
      }
      const reason = outcome.reason ?? '';
      await commit({
        action: 'rejected',
        actorId: null,
        patch: { status: 'rejected', endReason: 'approval_rejected', reason },
        details: { decisions: outcome.decisions },
        reservation: 'released',
        notifications: [{ template: 'loanRejected', audience: 'borrower', reason }],
      });
    });
  }
  if (state.status !== 'approved') return finish();

  // Serahan: wait for the handover until the loan's end; an uncollected loan is cancelled.
  const collected = await condition(() => state.status !== 'approved', msUntil(input.endsAt));
  if (!collected) {
    await lock.run(async () => {
      if (state.status !== 'approved') return;
      await commit({
        action: 'not_collected',
        actorId: null,
        patch: { status: 'cancelled', endReason: 'not_collected' },
        reservation: 'released',
        notifications: [
          { template: 'loanCancelled', audience: 'borrower', reason: 'not collected' },
        ],
      });
    });
  }
  // A function call, because TypeScript narrows state.status across the awaits above.
  if (currentStatus() !== 'on_loan') return finish();

  // Peringatan and lewat pulang: reminder, overdue notice and escalation until the return.
  const timers = await records.planLoanTimers({ endsAt: input.endsAt, now: nowIso() });
  const returned = (): boolean => state.status !== 'on_loan';
  const clockSteps: { until: string; step: Step }[] = [
    {
      until: timers.reminderAt,
      step: {
        action: 'reminded',
        actorId: null,
        patch: { reminderSentAt: timers.reminderAt },
        notifications: [{ template: 'loanReminder', audience: 'borrower' }],
      },
    },
    {
      until: input.endsAt,
      step: {
        action: 'overdue',
        actorId: null,
        patch: { overdueSince: input.endsAt },
        notifications: [{ template: 'loanOverdue', audience: 'borrower' }],
      },
    },
    {
      until: timers.escalateAt,
      step: {
        action: 'escalated',
        actorId: null,
        patch: { escalatedAt: timers.escalateAt },
        notifications: [{ template: 'loanEscalation', audience: 'borrowerAndUnitHeads' }],
      },
    },
  ];
  for (const { until, step } of clockSteps) {
    if (await condition(returned, msUntil(until))) break;
    await lock.run(async () => {
      if (!returned()) await commit(step);
    });
  }

  // Pemulangan: the check-in update closes the loan.
  await condition(returned);
  return finish();

  async function finish(): Promise<FacilityLoanState> {
    await condition(allHandlersFinished);
    await Promise.all([...pendingNotifications]);
    return snapshot();
  }
}
