/**
 * The ceremonySupport workflow (sokongan upacara & teknikal ICT), box by box:
 *
 *   1. permohonan: record the request and reserve its equipment for the event period. An item
 *      already reserved rejects the request.
 *   2. semak & lulus: the approvalChain child workflow decides. A rejection releases the
 *      reservations.
 *   3. tubuhkan pasukan kerja: the support unit's head assigns technicians. A technician already
 *      on an overlapping event is rejected.
 *   4. persiapan termasuk pengujian: team members tick the readiness checklist. One working day
 *      before the start, anything not ticked escalates once to the unit head and the team.
 *   5. laksana khidmat: from the start to the end, the team writes the day's log.
 *   6. kemaskini inventori: each reserved item is reconciled as returned, moved or damaged, and
 *      damage opens a complaint case.
 *   7. penilaian: the requester rates the support from 1 to 5, which closes the request.
 *
 * The requester or the unit head may cancel before the start, which releases the reservations.
 * Gates are updates whose validators reject at once with an ApplicationFailure typed with an error
 * code of common/errors.ts.
 */
import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  executeChild,
  log,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import type {
  CeremonyActivities,
  CeremonyNotifyRequest,
  CeremonyPatch,
} from '../activities/ceremony';
import type { ReconciledItem } from '../activities/ceremony/records';
import {
  approvalChainWorkflowId,
  approvalChainWorkflowType,
  type ApprovalChainInput,
  type ApprovalOutcome,
} from '../common/approval';
import {
  cancellableCeremonyStatuses,
  ceremonyMessages,
  ceremonyRatingWindowMs,
  ceremonyTextLimits,
  checklistForNeeds,
  maxCeremonyTeamSize,
  reconcileOutcomes,
  type AssignTeamMessage,
  type CancelCeremonyMessage,
  type CeremonyStatus,
  type CeremonySupportInput,
  type CeremonySupportState,
  type LogEntryMessage,
  type RateCeremonyMessage,
  type ReconcileMessage,
  type TickChecklistMessage,
} from '../common/ceremony';
import { complaintWorkflowType, type Actor, type ComplaintInput } from '../common/complaint';
import {
  forbid,
  hasRole,
  headsUnit,
  reject,
  requireActor,
  requireInteger,
  requireOneOf,
  requireOptionalText,
  requireText,
} from './helpers/gates';
import { createLock } from './helpers/lock';

export const openedUpdate = defineUpdate<CeremonySupportState>(ceremonyMessages.opened);
export const assignTeamUpdate = defineUpdate<CeremonySupportState, [AssignTeamMessage]>(
  ceremonyMessages.assignTeam,
);
export const tickChecklistUpdate = defineUpdate<CeremonySupportState, [TickChecklistMessage]>(
  ceremonyMessages.tickChecklist,
);
export const logEntryUpdate = defineUpdate<CeremonySupportState, [LogEntryMessage]>(
  ceremonyMessages.logEntry,
);
export const reconcileUpdate = defineUpdate<CeremonySupportState, [ReconcileMessage]>(
  ceremonyMessages.reconcile,
);
export const rateUpdate = defineUpdate<CeremonySupportState, [RateCeremonyMessage]>(
  ceremonyMessages.rate,
);
export const cancelUpdate = defineUpdate<CeremonySupportState, [CancelCeremonyMessage]>(
  ceremonyMessages.cancel,
);
export const stateQuery = defineQuery<CeremonySupportState>(ceremonyMessages.state);

/** Database writes retry until they succeed, so steps are persisted in order and none is lost. */
const records = proxyActivities<CeremonyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** E-mails retry for about an hour; a message that still fails is logged and the event goes on. */
const messenger = proxyActivities<Pick<CeremonyActivities, 'notifyCeremony'>>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});

type Notification = Omit<CeremonyNotifyRequest, 'reference' | 'key' | 'at'>;

/** The effect of one box of the map: event columns, rows of its parts, reservations, e-mails. */
interface Step {
  action: string;
  actorId: string | null;
  patch: CeremonyPatch;
  details?: Record<string, unknown>;
  checklist?: { key: string; ticked: boolean };
  logEntry?: string;
  reconcile?: ReconciledItem[];
  reservation?: 'released' | 'completed';
  notifications?: Notification[];
}

function initialState(input: CeremonySupportInput): CeremonySupportState {
  return {
    eventId: input.eventId,
    reference: input.reference,
    status: 'pending_approval',
    endReason: null,
    reason: null,
    conflicts: [],
    team: [],
    checklist: checklistForNeeds(input.needs),
    readinessCheckAt: null,
    escalatedAt: null,
    logEntries: 0,
    reconciledAt: null,
    damageCaseReferences: [],
    rating: null,
    step: 1,
  };
}

/** Returns whether the actor heads the support unit or is an administrator. */
function isUnitHead(actor: Actor, supportUnitId: string): boolean {
  return hasRole(actor, 'admin') || headsUnit(actor, supportUnitId);
}

export async function ceremonySupport(input: CeremonySupportInput): Promise<CeremonySupportState> {
  const state = initialState(input);
  const lock = createLock();
  const pendingNotifications = new Set<Promise<void>>();
  let recorded = false;

  const currentStatus = (): CeremonyStatus => state.status;
  const snapshot = (): CeremonySupportState => ({
    ...state,
    conflicts: [...state.conflicts],
    team: [...state.team],
    checklist: state.checklist.map((item) => ({ ...item })),
    damageCaseReferences: [...state.damageCaseReferences],
  });
  const nowIso = (): string => new Date().toISOString();
  const msUntil = (iso: string): number => Math.max(0, Date.parse(iso) - Date.now());
  const isTeamMember = (actor: Actor): boolean => state.team.includes(actor.id);

  function send(notification: Notification, key: string, at: string): void {
    const request: CeremonyNotifyRequest = { ...notification, reference: input.reference, key, at };
    const sending = messenger.notifyCeremony(request).then(
      () => undefined,
      (error: unknown) => {
        log.error('an event support notification failed after its retries', {
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
    await records.recordCeremonyStep({
      eventId: input.eventId,
      reference: input.reference,
      step: state.step,
      action: step.action,
      actorId: step.actorId,
      at,
      patch: step.patch,
      details: step.details ?? {},
      ...(step.checklist ? { checklist: step.checklist } : {}),
      ...(step.logEntry !== undefined ? { logEntry: step.logEntry } : {}),
      ...(step.reconcile ? { reconcile: step.reconcile } : {}),
      ...(step.reservation ? { reservation: step.reservation } : {}),
    });

    const { patch } = step;
    if (patch.status) state.status = patch.status;
    if (patch.endReason !== undefined) state.endReason = patch.endReason;
    if (patch.reason !== undefined) state.reason = patch.reason;
    if (patch.conflicts) state.conflicts = [...patch.conflicts];
    if (patch.readinessCheckAt) state.readinessCheckAt = patch.readinessCheckAt;
    if (patch.escalatedAt) state.escalatedAt = patch.escalatedAt;
    if (patch.reconciledAt) state.reconciledAt = patch.reconciledAt;
    if (patch.rating !== undefined) state.rating = patch.rating;

    if (step.checklist) {
      const { key, ticked } = step.checklist;
      const item = state.checklist.find((entry) => entry.key === key);
      if (item) {
        item.tickedById = ticked ? step.actorId : null;
        item.tickedAt = ticked ? at : null;
      }
    }
    if (step.logEntry !== undefined) state.logEntries += 1;

    for (const notification of step.notifications ?? []) {
      send(notification, `step:${state.step}`, at);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Gates
  // -------------------------------------------------------------------------------------------

  function checkAssignTeam(message: AssignTeamMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status !== 'preparing') {
      reject(
        'invalid_state',
        `the team is formed after approval and before the event, not when ${state.status}`,
      );
    }
    if (!isUnitHead(actor, input.supportUnitId))
      forbid('assignTeam', 'the head of the support unit');
    const ids: unknown = message.technicianIds;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > maxCeremonyTeamSize ||
      ids.some((id) => typeof id !== 'string' || id === '') ||
      new Set(ids).size !== ids.length
    ) {
      reject(
        'validation_failed',
        `technicianIds must list 1 to ${maxCeremonyTeamSize} different person ids`,
        'technicianIds',
      );
    }
  }

  function checkTick(message: TickChecklistMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status !== 'preparing' && state.status !== 'in_progress') {
      reject(
        'invalid_state',
        `the checklist is ticked before and during the event, not when ${state.status}`,
      );
    }
    if (!isTeamMember(actor)) forbid('tickChecklist', 'members of the work team');
    if (!state.checklist.some((item) => item.key === message.key)) {
      reject(
        'validation_failed',
        `key must be one of ${state.checklist.map((item) => item.key).join(', ')}`,
        'key',
      );
    }
    if (typeof message.ticked !== 'boolean') {
      reject('validation_failed', 'ticked must be true or false', 'ticked');
    }
  }

  function checkLogEntry(message: LogEntryMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status !== 'in_progress' && state.status !== 'reconciling') {
      reject(
        'invalid_state',
        `the day's log opens when the event starts, not when ${state.status}`,
      );
    }
    if (!isTeamMember(actor) && !isUnitHead(actor, input.supportUnitId)) {
      forbid('logEntry', 'members of the work team or the head of the support unit');
    }
    requireText(message.body, 'body', ceremonyTextLimits.logEntry);
  }

  function checkReconcile(message: ReconcileMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status !== 'reconciling') {
      reject('invalid_state', `equipment is reconciled after the event, not when ${state.status}`);
    }
    if (!isTeamMember(actor) && !isUnitHead(actor, input.supportUnitId)) {
      forbid('reconcile', 'members of the work team or the head of the support unit');
    }
    const items: unknown = message.items;
    if (!Array.isArray(items)) reject('validation_failed', 'items must be a list', 'items');
    const given = (items as ReconcileMessage['items']).map((item) => item?.resourceId);
    const expected = [...input.resourceIds].sort();
    if (given.length !== expected.length || [...given].sort().some((id, i) => id !== expected[i])) {
      reject('validation_failed', 'items must list each reserved resource exactly once', 'items');
    }
    (items as ReconcileMessage['items']).forEach((item, index) => {
      const field = `items.${index}`;
      requireOneOf(item.outcome, reconcileOutcomes, `${field}.outcome`);
      requireOptionalText(item.note, `${field}.note`, ceremonyTextLimits.note);
      requireOptionalText(item.location, `${field}.location`, ceremonyTextLimits.location);
      requireOptionalText(item.damage, `${field}.damage`, ceremonyTextLimits.note);
      if (item.outcome === 'moved' && item.location.trim() === '') {
        reject('validation_failed', 'give the new location of a moved item', `${field}.location`);
      }
      if (item.outcome === 'damaged' && item.damage.trim() === '') {
        reject('validation_failed', 'describe the damage of a damaged item', `${field}.damage`);
      }
    });
  }

  function checkRate(message: RateCeremonyMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status !== 'awaiting_rating') {
      reject(
        'invalid_state',
        `the support is rated after the reconciliation, not when ${state.status}`,
      );
    }
    if (actor.id !== input.requesterId) forbid('rate', 'the requester');
    requireInteger(message.rating, 'rating', 1, 5);
    requireOptionalText(message.comment, 'comment', ceremonyTextLimits.comment);
  }

  function checkCancel(message: CancelCeremonyMessage): void {
    const actor = requireActor(message?.actor);
    if (!cancellableCeremonyStatuses.includes(state.status)) {
      reject(
        'invalid_state',
        `a request can be cancelled only before the event, not when ${state.status}`,
      );
    }
    if (actor.id !== input.requesterId && !isUnitHead(actor, input.supportUnitId)) {
      forbid('cancel', 'the requester or the head of the support unit');
    }
    requireText(message.reason, 'reason', ceremonyTextLimits.reason);
  }

  // -------------------------------------------------------------------------------------------
  // Handlers
  // -------------------------------------------------------------------------------------------

  setHandler(stateQuery, snapshot);
  setHandler(openedUpdate, async () => {
    await condition(() => recorded);
    return snapshot();
  });

  setHandler(
    assignTeamUpdate,
    (message) =>
      lock.run(async () => {
        checkAssignTeam(message);
        const step = state.step + 1;
        const result = await records.assignCeremonyTeam({
          eventId: input.eventId,
          reference: input.reference,
          step,
          actorId: message.actor.id,
          at: nowIso(),
          supportUnitId: input.supportUnitId,
          technicianIds: message.technicianIds,
        });
        if (!result.assigned && result.reason === 'not_staff') {
          reject(
            'validation_failed',
            `these people are not staff of the support unit: ${result.personIds.join(', ')}`,
            'technicianIds',
          );
        }
        if (!result.assigned) {
          const clashes = result.conflicts
            .map(
              (clash) =>
                `${clash.personName} is on ${clash.eventReference} (${clash.eventTitle}) from ${clash.startsAt} to ${clash.endsAt}`,
            )
            .join('; ');
          throw ApplicationFailure.create({
            type: 'conflict',
            message: `the team clashes with an overlapping event: ${clashes}`,
            nonRetryable: true,
            details: [{ field: 'technicianIds', conflicts: result.conflicts }],
          });
        }
        state.step = step;
        state.team = [...message.technicianIds].sort();
        send({ template: 'ceremonyTeamAssigned', audience: 'team' }, `step:${step}`, nowIso());
        return snapshot();
      }),
    { validator: checkAssignTeam },
  );

  setHandler(
    tickChecklistUpdate,
    (message) =>
      lock.run(async () => {
        checkTick(message);
        await commit({
          action: message.ticked ? 'checklist_ticked' : 'checklist_unticked',
          actorId: message.actor.id,
          patch: {},
          details: { key: message.key },
          checklist: { key: message.key, ticked: message.ticked },
        });
        return snapshot();
      }),
    { validator: checkTick },
  );

  setHandler(
    logEntryUpdate,
    (message) =>
      lock.run(async () => {
        checkLogEntry(message);
        await commit({
          action: 'log_entry',
          actorId: message.actor.id,
          patch: {},
          logEntry: message.body,
        });
        return snapshot();
      }),
    { validator: checkLogEntry },
  );

  setHandler(
    reconcileUpdate,
    (message) =>
      lock.run(async () => {
        checkReconcile(message);
        const at = nowIso();
        const items: ReconciledItem[] = message.items.map((item) => ({
          resourceId: item.resourceId,
          outcome: item.outcome,
          location: item.location.trim(),
          note: item.note,
          damage: item.damage.trim(),
        }));
        await commit({
          action: 'reconciled',
          actorId: message.actor.id,
          patch: { status: 'awaiting_rating', reconciledAt: at },
          details: { items: items.map(({ resourceId, outcome }) => ({ resourceId, outcome })) },
          reconcile: items,
          reservation: 'completed',
          notifications: [{ template: 'ceremonyRatingRequest', audience: 'requester' }],
        });
        for (const item of items) {
          if (item.outcome === 'damaged') await openDamageCase(message.actor.id, item, at);
        }
        return snapshot();
      }),
    { validator: checkReconcile },
  );

  setHandler(
    rateUpdate,
    (message) =>
      lock.run(async () => {
        checkRate(message);
        const at = nowIso();
        await commit({
          action: 'rated',
          actorId: message.actor.id,
          patch: {
            status: 'closed',
            rating: message.rating,
            ratingComment: message.comment,
            ratedAt: at,
            closedAt: at,
          },
          details: { rating: message.rating },
        });
        return snapshot();
      }),
    { validator: checkRate },
  );

  setHandler(
    cancelUpdate,
    (message) =>
      lock.run(async () => {
        checkCancel(message);
        await commit({
          action: 'cancelled',
          actorId: message.actor.id,
          patch: {
            status: 'cancelled',
            endReason: 'cancelled',
            reason: message.reason,
            closedAt: nowIso(),
          },
          reservation: 'released',
          notifications: [
            { template: 'ceremonyCancelled', audience: 'requesterAndTeam', reason: message.reason },
          ],
        });
        return snapshot();
      }),
    { validator: checkCancel },
  );

  /**
   * Opens a complaint case for an item found damaged after the event: a complaint workflow of its
   * own that outlives the event, linked by the reference stored on the equipment row.
   */
  async function openDamageCase(
    reporterId: string,
    item: ReconciledItem,
    at: string,
  ): Promise<void> {
    const complaintInput: ComplaintInput = await records.prepareCeremonyDamageCase({
      eventId: input.eventId,
      reference: input.reference,
      resourceId: item.resourceId,
      reporterId,
      damage: item.damage,
      at,
    });
    complaintInput.caseId = uuid4();
    await startChild(complaintWorkflowType, {
      workflowId: complaintInput.reference,
      args: [complaintInput],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    state.damageCaseReferences.push(complaintInput.reference);
    await commit({
      action: 'damage_case_opened',
      actorId: reporterId,
      patch: {},
      details: { resourceId: item.resourceId, caseReference: complaintInput.reference },
    });
  }

  /** Runs the approval chain; returns null when the request was cancelled while it waited. */
  async function approve(): Promise<ApprovalOutcome | null> {
    const chainInput: ApprovalChainInput = {
      subject: {
        kind: 'ceremonySupport',
        reference: input.reference,
        title: `${input.title} (${input.venue})`.slice(0, 200),
        requesterId: input.requesterId,
        unitId: input.requesterUnitId,
        category: null,
        value: null,
        link: `/ceremonies/${input.reference}`,
        ownerUnitId: input.supportUnitId,
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

  /** Returns the keys of the checklist items not ticked yet. */
  const pendingItems = (): string[] =>
    state.checklist.filter((item) => item.tickedAt === null).map((item) => item.key);

  // -------------------------------------------------------------------------------------------
  // The lane
  // -------------------------------------------------------------------------------------------

  // Permohonan: record the request and reserve its equipment; a taken item rejects it at once.
  const request = await records.requestCeremony(input);
  if (!request.reserved) {
    await commit({
      action: 'rejected',
      actorId: null,
      patch: {
        status: 'rejected',
        endReason: 'equipment_conflict',
        conflicts: request.conflicts.map((conflict) => conflict.holderReference),
        closedAt: nowIso(),
      },
      details: { conflicts: request.conflicts },
    });
    recorded = true;
    return finish();
  }
  recorded = true;

  // Semak & lulus: the approval chain decides, unless the requester cancels first.
  const outcome = await approve();
  if (outcome) {
    const timers = outcome.approved
      ? await records.planCeremonyTimers({ startsAt: input.startsAt })
      : null;
    await lock.run(async () => {
      if (state.status !== 'pending_approval') return;
      if (timers) {
        await commit({
          action: 'approved',
          actorId: null,
          patch: {
            status: 'preparing',
            approvedAt: nowIso(),
            readinessCheckAt: timers.readinessCheckAt,
          },
          details: { decisions: outcome.decisions },
          notifications: [{ template: 'ceremonyApproved', audience: 'requester' }],
        });
        return;
      }
      const reason = outcome.reason ?? '';
      await commit({
        action: 'rejected',
        actorId: null,
        patch: { status: 'rejected', endReason: 'approval_rejected', reason, closedAt: nowIso() },
        details: { decisions: outcome.decisions },
        reservation: 'released',
        notifications: [{ template: 'ceremonyRejected', audience: 'requester', reason }],
      });
    });
  }
  if (currentStatus() !== 'preparing') return finish();
  const stillPreparing = (): boolean => state.status === 'preparing';

  // Persiapan: one working day before the start, anything not ticked escalates once.
  const checkAt = state.readinessCheckAt ?? input.startsAt;
  const leftEarly = await condition(() => !stillPreparing(), msUntil(checkAt));
  if (!leftEarly) {
    await lock.run(async () => {
      const pending = pendingItems();
      if (!stillPreparing() || (pending.length === 0 && state.team.length > 0)) return;
      await commit({
        action: 'not_ready_escalated',
        actorId: null,
        patch: { escalatedAt: nowIso() },
        details: { pendingItems: pending, teamAssigned: state.team.length > 0 },
        notifications: [{ template: 'ceremonyNotReady', audience: 'unitHeadsAndTeam' }],
      });
    });
  }

  // Laksana khidmat: the event runs from its start to its end, unless cancelled before it starts.
  if (await condition(() => !stillPreparing(), msUntil(input.startsAt))) return finish();
  await lock.run(async () => {
    if (stillPreparing())
      await commit({ action: 'started', actorId: null, patch: { status: 'in_progress' } });
  });
  if (currentStatus() !== 'in_progress') return finish();
  await sleep(msUntil(input.endsAt));

  // Kemaskini inventori: reconcile each reserved item; an event without equipment skips it.
  if (input.resourceIds.length > 0) {
    await lock.run(() =>
      commit({ action: 'ended', actorId: null, patch: { status: 'reconciling' } }),
    );
    await condition(() => state.status !== 'reconciling');
  } else {
    await lock.run(() =>
      commit({
        action: 'ended',
        actorId: null,
        patch: { status: 'awaiting_rating', reconciledAt: nowIso() },
        notifications: [{ template: 'ceremonyRatingRequest', audience: 'requester' }],
      }),
    );
  }

  // Penilaian: the requester rates the support; without a rating the request closes at the end
  // of the rating period.
  const rated = await condition(() => state.status === 'closed', ceremonyRatingWindowMs);
  if (!rated) {
    await lock.run(async () => {
      if (state.status !== 'awaiting_rating') return;
      await commit({
        action: 'closed_without_rating',
        actorId: null,
        patch: { status: 'closed', closedAt: nowIso() },
      });
    });
  }
  return finish();

  async function finish(): Promise<CeremonySupportState> {
    await condition(allHandlersFinished);
    await Promise.all([...pendingNotifications]);
    return snapshot();
  }
}
