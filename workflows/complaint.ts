/**
 * The complaint workflow (aduan), box by box as the process map draws it:
 *
 *   terima aduan → tentukan & agihkan → laksana penyelenggaraan → dapatan baharu? →
 *   maklumkan kepada pelanggan → the customer confirms (ditutup) or reopens (dibuka semula) → rating
 *
 * Every gate is an update whose validator rejects at once with an ApplicationFailure of type
 * 'invalid_state', 'forbidden' or 'validation_failed'. The handler re-checks under a lock (the
 * state may have changed while it waited), writes the step through an activity, and returns the
 * new ComplaintState. One main loop keeps the clocks: SLA warnings and breaches, paused while the
 * case waits for the customer or a supplier, and the auto-close after the confirmation window.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { ComplaintActivities, Deadlines } from '../activities';
import type { CaseChanges, FindingEntry, MessageEntry } from '../activities/cases/record';
import type { NotifyRequest } from '../activities/notifications/send';
import {
  complaintMessages,
  complaintTextLimits,
  type Actor,
  type ActorMessage,
  type AssignMessage,
  type ClassifyMessage,
  type ComplaintInput,
  type ComplaintState,
  type FindingMessage,
  type RateMessage,
  type ReopenMessage,
  type ResolveMessage,
  type ResumeState,
  type TextMessage,
  type WaitMessage,
  type WorkLogMessage,
} from '../common/complaint';
import {
  levels,
  openStatuses,
  pausedStatuses,
  priorityFrom,
  waitReasons,
  type CaseStatus,
} from '../common/enums';
import { caseChanges, historyOf } from './helpers/case-changes';
import {
  forbid,
  hasRole,
  headsUnit,
  maxShortTextLength,
  maxWorkLogMinutes,
  reject,
  requireActor,
  requireId,
  requireIdList,
  requireIdOrNull,
  requireInteger,
  requireOneOf,
  requireOptionalText,
  requireStatus,
  requireText,
} from './helpers/gates';
import { createLock } from './helpers/lock';
import {
  dueEvents,
  isoAt,
  msUntilNextEvent,
  pauseStatusesOf,
  withDeadline,
  withWarningSent,
  type ClockEvent,
} from './helpers/sla-clock';
import {
  escalationPatch,
  reopenedResolution,
  slaPoliciesPatch,
  slaResultRequest,
} from './helpers/sla-escalation';

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

export const openedUpdate = defineUpdate<ComplaintState>(complaintMessages.opened);
export const classifyUpdate = defineUpdate<ComplaintState, [ClassifyMessage]>(
  complaintMessages.classify,
);
export const assignUpdate = defineUpdate<ComplaintState, [AssignMessage]>(complaintMessages.assign);
export const logWorkUpdate = defineUpdate<ComplaintState, [WorkLogMessage]>(
  complaintMessages.logWork,
);
export const replyUpdate = defineUpdate<ComplaintState, [TextMessage]>(complaintMessages.reply);
export const noteUpdate = defineUpdate<ComplaintState, [TextMessage]>(complaintMessages.note);
export const customerReplyUpdate = defineUpdate<ComplaintState, [TextMessage]>(
  complaintMessages.customerReply,
);
export const waitUpdate = defineUpdate<ComplaintState, [WaitMessage]>(complaintMessages.wait);
export const resumeUpdate = defineUpdate<ComplaintState, [ActorMessage]>(complaintMessages.resume);
export const findingUpdate = defineUpdate<ComplaintState, [FindingMessage]>(
  complaintMessages.finding,
);
export const resolveUpdate = defineUpdate<ComplaintState, [ResolveMessage]>(
  complaintMessages.resolve,
);
export const confirmUpdate = defineUpdate<ComplaintState, [ActorMessage]>(
  complaintMessages.confirm,
);
export const reopenUpdate = defineUpdate<ComplaintState, [ReopenMessage]>(complaintMessages.reopen);
export const rateUpdate = defineUpdate<ComplaintState, [RateMessage]>(complaintMessages.rate);
export const stateQuery = defineQuery<ComplaintState>(complaintMessages.state);
/** Sent after the SLA targets change, so open cases compute their deadlines again. */
export const slaChangedSignal = defineSignal(complaintMessages.sla);

// ---------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------

/**
 * Since this patch a complaint computes its deadlines and writes its record in one activity
 * (openCase), so the API's response waits for one activity and one workflow task fewer.
 * Complaints opened before it replay with the two activities.
 */
const openInOneActivityPatch = 'open-in-one-activity';

/** Database writes retry until they succeed, so steps are persisted in order and none is lost. */
const records = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['case_not_found'],
  },
});

/** Notifications retry for about an hour. A message that still fails is logged and the case goes on. */
const messenger = proxyActivities<Pick<ComplaintActivities, 'notify'>>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});

const dayMs = 24 * 60 * 60 * 1000;
export const defaultRatingWindowMs = 14 * dayMs;

/** Statuses in which someone is assigned and works the case. */
const workStatuses: readonly CaseStatus[] = [
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_supplier',
];
/** Statuses in which replies and notes are accepted: every status except closed. */
const conversationStatuses: readonly CaseStatus[] = [...openStatuses, 'resolved'];

/** The effect of one box of the map: state changes, rows to write and notifications to send. */
interface Step {
  action: string;
  actorId: string | null;
  patch: Partial<ComplaintState>;
  /** Columns of `cases` that are not part of the state, such as the resolution note. */
  extra?: CaseChanges;
  details?: Record<string, unknown>;
  message?: MessageEntry;
  finding?: FindingEntry;
  recomputeDeadlines?: boolean;
  /** Writes the case's SLA results once the step is recorded (the case closes). */
  recordSlaResults?: boolean;
  consumeRatingTokens?: boolean;
  notifications?: Omit<NotifyRequest, 'caseId' | 'key' | 'at'>[];
}

/** The workflow clock of the current step: an instant as an ISO string and in milliseconds. */
interface Now {
  at: string;
  ms: number;
}

function initialState(input: ComplaintInput): ComplaintState {
  return {
    caseId: input.caseId,
    reference: input.reference,
    status: 'new',
    priority: priorityFrom(input.impact, input.urgency),
    impact: input.impact,
    urgency: input.urgency,
    categoryId: input.categoryId,
    serviceId: input.serviceId,
    requesterId: input.requesterId,
    unitId: input.unitId,
    assigneeId: null,
    recorded: false,
    waitingFor: null,
    pausedSince: null,
    pausedMs: 0,
    firstResponse: null,
    resolution: null,
    resolvedAt: null,
    closesAt: null,
    closedAt: null,
    reopenCount: 0,
    reassignmentCount: 0,
    rated: false,
    ratingClosesAt: null,
    workMinutes: 0,
    step: 0,
  };
}

function snapshot(state: ComplaintState): ComplaintState {
  return JSON.parse(JSON.stringify(state)) as ComplaintState;
}

export async function complaint(input: ComplaintInput): Promise<ComplaintState> {
  const state = initialState(input);
  const lock = createLock();
  const ratingWindowMs = input.ratingWindowMs ?? defaultRatingWindowMs;
  const pendingNotifications = new Set<Promise<void>>();
  /** Flag set by every accepted message and signal, so the main loop wakes and re-plans its timers. */
  let dirty = false;
  let deadlinesStale = false;

  const clock = (): Now => ({ at: isoAt(Date.now()), ms: Date.now() });

  // -------------------------------------------------------------------------------------------
  // Who may send what
  // -------------------------------------------------------------------------------------------

  const isAssignee = (actor: Actor) => state.assigneeId !== null && actor.id === state.assigneeId;
  const isRequester = (actor: Actor) => actor.id === state.requesterId;
  const headsCaseUnit = (actor: Actor) => headsUnit(actor, state.unitId);

  /** Rejects anyone but the assignee or a head of the case's unit, who do the work. */
  function requireWorker(messageName: string, actor: Actor): void {
    if (!isAssignee(actor) && !headsCaseUnit(actor)) {
      forbid(messageName, "the case's assignee or a head of the case's unit");
    }
  }

  /** Rejects anyone but the assignee, an agent or a head of the case's unit (replies and notes). */
  function requireResponder(messageName: string, actor: Actor): void {
    if (!isAssignee(actor) && !hasRole(actor, 'agent') && !headsCaseUnit(actor)) {
      forbid(messageName, "the case's assignee, an agent or a head of the case's unit");
    }
  }

  function requireRequester(messageName: string, actor: Actor): void {
    if (!isRequester(actor)) forbid(messageName, 'the requester of the case');
  }

  function requireAssigned(messageName: string): void {
    if (state.status === 'new' || state.assigneeId === null) {
      reject('invalid_state', `${messageName} needs an assigned case; this case has no assignee`);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Writing a step
  // -------------------------------------------------------------------------------------------

  function announce(request: NotifyRequest): void {
    const sending = messenger.notify(request).then(
      () => undefined,
      (error: unknown) => {
        log.error('notification failed after its retries', {
          caseId: state.caseId,
          template: request.template,
          key: request.key,
          error: String(error),
        });
      },
    );
    pendingNotifications.add(sending);
    void sending.then(() => pendingNotifications.delete(sending));
  }

  /**
   * Statuses whose time `pausedMs` holds: the policy's pause statuses, and 'resolved' once a
   * reopening has continued the clock, because the time resolved was added to `pausedMs` then.
   */
  function pausedStatusesOf(next: ComplaintState): string[] {
    const statuses: string[] = [...pauseStatusesOf(next)];
    if (next.reopenCount > 0 && (next.sla?.reopenMode ?? 'continue') === 'continue') {
      statuses.push('resolved');
    }
    return statuses;
  }

  async function applyDeadlines(next: ComplaintState, now: Now): Promise<void> {
    const deadlines = await records.computeDeadlines({
      caseId: state.caseId,
      openedAt: input.openedAt,
      priority: next.priority,
      categoryId: next.categoryId,
      pausedMs: next.pausedMs,
      warningShare: input.warningShare,
      resolutionStartedAt: next.sla?.reopenMode === 'restart' ? (next.reopenedAt ?? null) : null,
      pausedStatuses: pausedStatusesOf(next),
    });
    next.firstResponse = withDeadline(next.firstResponse, deadlines.firstResponse, now.ms);
    next.resolution = withDeadline(next.resolution, deadlines.resolution, now.ms);
    if (deadlines.rules) next.sla = deadlines.rules;
  }

  /** Persists one step, then applies it to the state and sends its notifications. */
  async function commit(step: Step, now: Now): Promise<ComplaintState> {
    const next: ComplaintState = { ...state, ...step.patch };
    if (step.recomputeDeadlines) await applyDeadlines(next, now);
    const stepNumber = state.step + 1;
    const changes = caseChanges(state, next);
    await records.recordStep({
      caseId: state.caseId,
      step: stepNumber,
      at: now.at,
      actorId: step.actorId,
      changes: { ...changes, ...step.extra },
      history: historyOf(step.action, changes, state, step.details),
      message: step.message ?? null,
      finding: step.finding ?? null,
      consumeRatingTokens: step.consumeRatingTokens ?? false,
    });
    Object.assign(state, next, { step: stepNumber });
    if (step.recordSlaResults && patched(slaPoliciesPatch)) {
      await records.recordSlaResults(slaResultRequest(state, input.openedAt, now.at));
    }
    for (const notification of step.notifications ?? []) {
      announce({
        ...notification,
        caseId: state.caseId,
        key: `step:${stepNumber}:${notification.template}`,
        at: now.at,
      });
    }
    dirty = true;
    return snapshot(state);
  }

  /**
   * Registers a gate. The validator rejects at once. The handler waits until the case is recorded,
   * takes the lock, checks again (the state may have changed meanwhile) and commits the box's step.
   */
  function gate<M>(
    update: UpdateDefinition<ComplaintState, [M]>,
    check: (message: M) => void,
    box: (message: M, now: Now) => Step,
  ): void {
    setHandler(
      update,
      async (message: M) => {
        await condition(() => state.recorded);
        return lock.run(async () => {
          check(message);
          const now = clock();
          return commit(box(message, now), now);
        });
      },
      { validator: check },
    );
  }

  /** Marks the first response met (first public reply or the assignee's first work), if still open. */
  function firstResponseMet(now: Now): Partial<ComplaintState> {
    if (!state.firstResponse || state.firstResponse.metAt !== null) return {};
    return { firstResponse: { ...state.firstResponse, metAt: now.at } };
  }

  /** Work by the assignee moves an assigned case to in progress. */
  function startedBy(actor: Actor): CaseStatus {
    return state.status === 'assigned' && isAssignee(actor) ? 'in_progress' : state.status;
  }

  /** Ends a pause: the waited time is added to pausedMs, which moves every deadline. */
  function endPause(now: Now): Partial<ComplaintState> {
    if (!state.pausedSince) return { waitingFor: null };
    return {
      waitingFor: null,
      pausedSince: null,
      pausedMs: state.pausedMs + Math.max(0, now.ms - Date.parse(state.pausedSince)),
    };
  }

  // -------------------------------------------------------------------------------------------
  // 1. Terima aduan: receive the complaint (the channel is in the input)
  // -------------------------------------------------------------------------------------------

  async function receive(): Promise<void> {
    await lock.run(async () => {
      const now = clock();
      const deadlineRequest = {
        caseId: state.caseId,
        openedAt: input.openedAt,
        priority: state.priority,
        categoryId: state.categoryId,
        pausedMs: 0,
        warningShare: input.warningShare,
      };
      const record = {
        input,
        workflowId: workflowInfo().workflowId,
        at: now.at,
        priority: state.priority,
      };
      const setDeadlines = (deadlines: Deadlines) => {
        state.firstResponse = withDeadline(null, deadlines.firstResponse, now.ms);
        state.resolution = withDeadline(null, deadlines.resolution, now.ms);
        if (deadlines.rules) state.sla = deadlines.rules;
      };
      if (patched(openInOneActivityPatch)) {
        setDeadlines(await records.openCase({ deadlines: deadlineRequest, record }));
      } else {
        const deadlines = await records.computeDeadlines(deadlineRequest);
        setDeadlines(deadlines);
        await records.recordOpened({ ...record, deadlines });
      }
      state.step = 1;
      state.recorded = true;
      dirty = true;
      announce({
        template: 'acknowledgement',
        audience: 'requester',
        caseId: state.caseId,
        key: 'step:1:acknowledgement',
        at: now.at,
      });
    });
  }

  /** Takes over an imported case from its state, because the importer already wrote the record. */
  async function resumeImported(resume: ResumeState): Promise<void> {
    await lock.run(async () => {
      const now = clock();
      const paused = pausedStatuses.includes(resume.status);
      Object.assign(state, {
        status: resume.status,
        priority: resume.priority,
        unitId: resume.unitId,
        assigneeId: resume.assigneeId,
        reopenCount: resume.reopenCount,
        workMinutes: resume.workMinutes ?? 0,
        reassignmentCount: resume.reassignmentCount ?? 0,
        waitingFor: paused
          ? resume.status === 'waiting_customer'
            ? 'customer'
            : 'supplier'
          : null,
        pausedSince: paused ? now.at : null,
        resolvedAt: resume.resolvedAt,
      });
      const deadlines = await records.computeDeadlines({
        caseId: state.caseId,
        openedAt: input.openedAt,
        priority: state.priority,
        categoryId: state.categoryId,
        pausedMs: 0,
        warningShare: input.warningShare,
      });
      if (deadlines.rules) state.sla = deadlines.rules;
      const done = resume.status === 'resolved' || resume.status === 'closed';
      const firstResponse = withDeadline(null, deadlines.firstResponse, now.ms);
      const resolution = withDeadline(null, deadlines.resolution, now.ms);
      if (firstResponse) firstResponse.metAt = resume.firstRespondedAt;
      if (resolution && done) resolution.metAt = resume.resolvedAt ?? now.at;
      state.firstResponse = firstResponse;
      state.resolution = resolution;
      if (resume.status === 'resolved') {
        const closesAtMs = Date.parse(resume.resolvedAt ?? now.at) + input.confirmationWindowMs;
        state.closesAt = isoAt(closesAtMs);
        state.ratingClosesAt = isoAt(closesAtMs + ratingWindowMs);
      }
      await records.recordStep({
        caseId: state.caseId,
        step: 1,
        at: now.at,
        actorId: null,
        changes: {
          workflowId: workflowInfo().workflowId,
          firstResponseDueAt: firstResponse?.dueAt ?? null,
          resolutionDueAt: resolution?.dueAt ?? null,
        },
        history: [],
      });
      state.step = 1;
      state.recorded = true;
      dirty = true;
    });
  }

  // -------------------------------------------------------------------------------------------
  // 2. Tentukan & agihkan: classify and assign
  // -------------------------------------------------------------------------------------------

  function checkClassify(message: ClassifyMessage): void {
    requireStatus(state.status, openStatuses, 'classify');
    const actor = requireActor(message.actor);
    if (!hasRole(actor, 'agent') && !hasRole(actor, 'admin') && !headsCaseUnit(actor)) {
      forbid('classify', "an agent, a head of the case's unit or an administrator");
    }
    requireIdOrNull(message.categoryId, 'categoryId');
    requireIdOrNull(message.serviceId, 'serviceId');
    requireOneOf(message.impact, levels, 'impact');
    requireOneOf(message.urgency, levels, 'urgency');
  }

  function classify(message: ClassifyMessage): Step {
    const priority = priorityFrom(message.impact, message.urgency);
    return {
      action: 'classified',
      actorId: message.actor.id,
      patch: {
        categoryId: message.categoryId,
        serviceId: message.serviceId,
        impact: message.impact,
        urgency: message.urgency,
        priority,
      },
      recomputeDeadlines: priority !== state.priority || message.categoryId !== state.categoryId,
    };
  }

  function checkAssign(message: AssignMessage): void {
    requireStatus(state.status, openStatuses, 'assign');
    const actor = requireActor(message.actor);
    const allowed =
      hasRole(actor, 'agent') ||
      hasRole(actor, 'admin') ||
      headsCaseUnit(actor) ||
      headsUnit(actor, typeof message.unitId === 'string' ? message.unitId : null);
    if (!allowed) {
      forbid('assign', "an agent, a head of the case's or the target unit, or an administrator");
    }
    requireId(message.unitId, 'unitId');
    requireIdOrNull(message.assigneeId, 'assigneeId');
    requireText(message.reason, 'reason', maxShortTextLength);
  }

  function assign(message: AssignMessage): Step {
    const assigneeChanged = message.assigneeId !== state.assigneeId;
    const unitChanged = message.unitId !== state.unitId;
    const reassigned =
      (state.assigneeId !== null && assigneeChanged) || (state.unitId !== null && unitChanged);
    let status = state.status;
    if (!pausedStatuses.includes(state.status)) {
      if (message.assigneeId === null) status = 'new';
      else if (assigneeChanged || state.status === 'new') status = 'assigned';
    }
    return {
      action: 'assigned',
      actorId: message.actor.id,
      details: { reason: message.reason },
      patch: {
        unitId: message.unitId,
        assigneeId: message.assigneeId,
        status,
        reassignmentCount: state.reassignmentCount + (reassigned ? 1 : 0),
      },
      notifications:
        message.assigneeId !== null && assigneeChanged
          ? [{ template: 'assigned', audience: 'assignee', reason: message.reason }]
          : [],
    };
  }

  // -------------------------------------------------------------------------------------------
  // 3. Laksana penyelenggaraan: carry out the repair (work log, replies, notes, waiting)
  // -------------------------------------------------------------------------------------------

  function checkLogWork(message: WorkLogMessage): void {
    requireStatus(state.status, workStatuses, 'logWork');
    requireAssigned('logWork');
    requireWorker('logWork', requireActor(message.actor));
    requireInteger(message.minutes, 'minutes', 1, maxWorkLogMinutes);
    requireText(message.body, 'body');
  }

  function logWork(message: WorkLogMessage, now: Now): Step {
    return {
      action: 'work_logged',
      actorId: message.actor.id,
      details: { minutes: message.minutes },
      patch: {
        status: startedBy(message.actor),
        workMinutes: state.workMinutes + message.minutes,
        ...(isAssignee(message.actor) ? firstResponseMet(now) : {}),
      },
      message: {
        kind: 'work_log',
        visibility: 'internal',
        body: message.body,
        minutes: message.minutes,
        attachmentIds: [],
      },
    };
  }

  function checkReply(message: TextMessage): void {
    requireStatus(state.status, conversationStatuses, 'reply');
    requireResponder('reply', requireActor(message.actor));
    requireText(message.body, 'body');
    requireIdList(message.attachmentIds, 'attachmentIds');
  }

  function reply(message: TextMessage, now: Now): Step {
    return {
      action: 'replied',
      actorId: message.actor.id,
      patch: { status: startedBy(message.actor), ...firstResponseMet(now) },
      message: {
        kind: 'reply',
        visibility: 'public',
        body: message.body,
        attachmentIds: message.attachmentIds,
      },
      notifications: [{ template: 'reply', audience: 'requester', body: message.body }],
    };
  }

  function checkNote(message: TextMessage): void {
    requireStatus(state.status, conversationStatuses, 'note');
    requireResponder('note', requireActor(message.actor));
    requireText(message.body, 'body');
    requireIdList(message.attachmentIds, 'attachmentIds');
  }

  function note(message: TextMessage): Step {
    return {
      action: 'noted',
      actorId: message.actor.id,
      patch: { status: startedBy(message.actor) },
      message: {
        kind: 'note',
        visibility: 'internal',
        body: message.body,
        attachmentIds: message.attachmentIds,
      },
    };
  }

  function checkCustomerReply(message: TextMessage): void {
    requireStatus(state.status, conversationStatuses, 'customerReply');
    requireRequester('customerReply', requireActor(message.actor));
    requireText(message.body, 'body');
    requireIdList(message.attachmentIds, 'attachmentIds');
  }

  /** Records the customer's reply. While the case waits for the customer, it also restarts the clock. */
  function customerReply(message: TextMessage, now: Now): Step {
    const resumes = state.status === 'waiting_customer';
    return {
      action: 'customer_replied',
      actorId: message.actor.id,
      patch: resumes ? { status: 'in_progress', ...endPause(now) } : {},
      recomputeDeadlines: resumes,
      message: {
        kind: 'customer_reply',
        visibility: 'public',
        body: message.body,
        attachmentIds: message.attachmentIds,
      },
    };
  }

  function checkWait(message: WaitMessage): void {
    requireStatus(state.status, ['assigned', 'in_progress'], 'wait');
    requireAssigned('wait');
    requireWorker('wait', requireActor(message.actor));
    requireOneOf(message.reason, waitReasons, 'reason');
    requireText(message.body, 'body');
  }

  /**
   * Waiting for the customer or a supplier pauses the clock. The text goes to the customer as a
   * public reply when the case waits for them, else it is an internal note.
   */
  function wait(message: WaitMessage, now: Now): Step {
    const forCustomer = message.reason === 'customer';
    const status: CaseStatus = forCustomer ? 'waiting_customer' : 'waiting_supplier';
    // A policy that does not pause on this status keeps the clock running while the case waits.
    const pauses = pauseStatusesOf(state).includes(status);
    return {
      action: 'waiting',
      actorId: message.actor.id,
      details: { reason: message.reason },
      patch: {
        status,
        waitingFor: message.reason,
        pausedSince: pauses ? now.at : null,
        ...(forCustomer ? firstResponseMet(now) : {}),
      },
      message: {
        kind: forCustomer ? 'reply' : 'note',
        visibility: forCustomer ? 'public' : 'internal',
        body: message.body,
        attachmentIds: [],
      },
      notifications: forCustomer
        ? [{ template: 'reply', audience: 'requester', body: message.body }]
        : [],
    };
  }

  function checkResume(message: ActorMessage): void {
    requireStatus(state.status, pausedStatuses, 'resume');
    requireWorker('resume', requireActor(message.actor));
  }

  function resume(message: ActorMessage, now: Now): Step {
    return {
      action: 'resumed',
      actorId: message.actor.id,
      patch: { status: 'in_progress', ...endPause(now) },
      recomputeDeadlines: true,
    };
  }

  // -------------------------------------------------------------------------------------------
  // 4. Dapatan baharu? A new finding becomes a knowledge-base draft
  // -------------------------------------------------------------------------------------------

  function checkFinding(message: FindingMessage): void {
    requireStatus(state.status, [...workStatuses, 'resolved'], 'finding');
    requireAssigned('finding');
    requireWorker('finding', requireActor(message.actor));
    requireText(message.title, 'title', maxShortTextLength);
    requireText(message.body, 'body');
  }

  function finding(message: FindingMessage): Step {
    return {
      action: 'finding',
      actorId: message.actor.id,
      details: { title: message.title },
      patch: { status: startedBy(message.actor) },
      message: {
        kind: 'finding',
        visibility: 'internal',
        body: `${message.title}\n\n${message.body}`,
        attachmentIds: [],
      },
      finding: { title: message.title, body: message.body },
    };
  }

  // -------------------------------------------------------------------------------------------
  // 5. Maklumkan kepada pelanggan: resolve and inform the customer
  // -------------------------------------------------------------------------------------------

  function checkResolve(message: ResolveMessage): void {
    requireStatus(state.status, workStatuses, 'resolve');
    requireAssigned('resolve');
    requireWorker('resolve', requireActor(message.actor));
    requireText(message.resolutionNote, 'resolutionNote');
  }

  function resolve(message: ResolveMessage, now: Now): Step {
    const closesAtMs = now.ms + input.confirmationWindowMs;
    const closesAt = isoAt(closesAtMs);
    const ratingClosesAt = isoAt(closesAtMs + ratingWindowMs);
    return {
      action: 'resolved',
      actorId: message.actor.id,
      patch: {
        status: 'resolved',
        ...endPause(now),
        ...firstResponseMet(now),
        resolution: state.resolution ? { ...state.resolution, metAt: now.at } : null,
        resolvedAt: now.at,
        closesAt,
        ratingClosesAt,
      },
      extra: { resolutionNote: message.resolutionNote },
      message: {
        kind: 'resolution',
        visibility: 'public',
        body: message.resolutionNote,
        attachmentIds: [],
      },
      notifications: [
        {
          template: 'resolved',
          audience: 'requester',
          body: message.resolutionNote,
          closesAt,
          ratingExpiresAt: ratingClosesAt,
        },
      ],
    };
  }

  // -------------------------------------------------------------------------------------------
  // 6. The customer confirms (ditutup) or reopens (dibuka semula)
  // -------------------------------------------------------------------------------------------

  function checkConfirm(message: ActorMessage): void {
    requireStatus(state.status, ['resolved'], 'confirm');
    requireRequester('confirm', requireActor(message.actor));
  }

  function confirm(message: ActorMessage, now: Now): Step {
    return {
      action: 'confirmed',
      actorId: message.actor.id,
      patch: { status: 'closed', closedAt: now.at, closesAt: null },
      recordSlaResults: true,
      notifications: [{ template: 'closed', audience: 'requester' }],
    };
  }

  function checkReopen(message: ReopenMessage): void {
    requireStatus(state.status, ['resolved'], 'reopen');
    const actor = requireActor(message.actor);
    const deskOfUnit =
      (hasRole(actor, 'agent') || hasRole(actor, 'supervisor')) &&
      state.unitId !== null &&
      (actor.unitIds.includes(state.unitId) || headsUnit(actor, state.unitId));
    if (!isRequester(actor) && !deskOfUnit) {
      forbid('reopen', "the requester, or an agent or supervisor of the case's unit");
    }
    requireText(message.reason, 'reason', maxShortTextLength);
  }

  /**
   * Sends the case back to work. With the policy's reopen mode 'continue', the resolution clock
   * goes on from where it stood at resolution, because the time resolved counts as paused time.
   * With 'restart', it starts again from the reopening with the full target.
   */
  function reopen(message: ReopenMessage, now: Now): Step {
    const withPolicies = patched(slaPoliciesPatch);
    const continues = !withPolicies || (state.sla?.reopenMode ?? 'continue') === 'continue';
    const resolvedMs = state.resolvedAt ? Math.max(0, now.ms - Date.parse(state.resolvedAt)) : 0;
    let clockPatch: Partial<ComplaintState> = {};
    if (withPolicies) {
      clockPatch = continues ? { pausedMs: state.pausedMs + resolvedMs } : { reopenedAt: now.at };
    }
    return {
      action: 'reopened',
      actorId: message.actor.id,
      details: { reason: message.reason },
      patch: {
        status: state.assigneeId ? 'in_progress' : 'new',
        reopenCount: state.reopenCount + 1,
        resolution: state.resolution ? reopenedResolution(state.resolution, continues) : null,
        resolvedAt: null,
        closesAt: null,
        ...clockPatch,
      },
      recomputeDeadlines: withPolicies,
      notifications: [{ template: 'reopened', audience: 'assignee', reason: message.reason }],
    };
  }

  // -------------------------------------------------------------------------------------------
  // 7. Rating: once, by the requester or through the single-use link
  // -------------------------------------------------------------------------------------------

  function checkRate(message: RateMessage): void {
    requireStatus(state.status, ['resolved', 'closed'], 'rate');
    if (state.rated) reject('invalid_state', 'rate is allowed once; this case is already rated');
    if (state.ratingClosesAt && Date.now() >= Date.parse(state.ratingClosesAt)) {
      reject('invalid_state', `rate is allowed until ${state.ratingClosesAt}; the window is over`);
    }
    if (message.actor !== null) {
      requireRequester('rate', requireActor(message.actor));
    }
    requireInteger(message.score, 'score', 1, 5);
    requireOptionalText(message.comment, 'comment', complaintTextLimits.comment);
  }

  function rate(message: RateMessage, now: Now): Step {
    return {
      action: 'rated',
      actorId: message.actor?.id ?? null,
      details: { score: message.score },
      patch: { rated: true },
      extra: { rating: message.score, ratingComment: message.comment, ratedAt: now.at },
      consumeRatingTokens: true,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Clocks: SLA warnings and breaches, auto-close
  // -------------------------------------------------------------------------------------------

  function clockStep(event: ClockEvent, now: Now, breachAlsoDue: boolean): Step | null {
    switch (event.kind) {
      case 'warning': {
        const target = state[event.target];
        // A breach due at the same moment replaces the warning.
        if (!target || breachAlsoDue) return null;
        return {
          action: 'sla_warning',
          actorId: null,
          details: { target: event.target, dueAt: target.dueAt },
          patch: { [event.target]: withWarningSent(target) },
          notifications: [
            {
              template: 'slaWarning',
              audience: 'watchers',
              target: event.target,
              dueAt: target.dueAt,
            },
          ],
        };
      }
      case 'breach': {
        const target = state[event.target];
        if (!target) return null;
        return {
          action: 'sla_breached',
          actorId: null,
          details: { target: event.target, dueAt: target.dueAt },
          patch: {
            [event.target]: { ...target, warned: true, breached: true, breachedAt: now.at },
          },
          notifications: [
            {
              template: 'slaBreach',
              audience: (state.sla?.escalation.notifyUnitHead ?? true) ? 'watchers' : 'assignee',
              target: event.target,
              dueAt: target.dueAt,
            },
          ],
        };
      }
      case 'autoClose':
        return {
          action: 'auto_closed',
          actorId: null,
          patch: { status: 'closed', closedAt: now.at, closesAt: null },
          recordSlaResults: true,
          notifications: [{ template: 'closed', audience: 'requester' }],
        };
      case 'ratingClosed':
        return null;
    }
  }

  async function fireDueEvents(): Promise<void> {
    if (deadlinesStale) {
      deadlinesStale = false;
      if (openStatuses.includes(state.status)) {
        const now = clock();
        await commit(
          { action: 'sla_recomputed', actorId: null, patch: {}, recomputeDeadlines: true },
          now,
        );
      }
    }
    const now = clock();
    const events = dueEvents(state, now.ms);
    for (const event of events) {
      const breachAlsoDue =
        event.kind === 'warning' &&
        events.some((other) => other.kind === 'breach' && other.target === event.target);
      const step = clockStep(event, now, breachAlsoDue);
      if (!step) continue;
      await commit(step, now);
      if (event.kind !== 'breach' || !state.sla || !patched(slaPoliciesPatch)) continue;
      const escalation = escalationPatch(state, state.sla.escalation);
      if (escalation) {
        // The notify activity reads the recipients from the case row, so a reassignment waits
        // until the breach has reached the assignee, for at most a minute because the lock is
        // held. NOTE: a breach notification still retrying after that minute misses the assignee.
        if (escalation.patch.assigneeId === null) {
          await Promise.race([Promise.all([...pendingNotifications]), sleep('1 minute')]);
        }
        await commit(
          {
            action: 'sla_escalated',
            actorId: null,
            details: { target: event.target, ...escalation.details },
            patch: escalation.patch,
          },
          now,
        );
      }
    }
  }

  function isFinished(): boolean {
    if (state.status !== 'closed') return false;
    if (state.rated || state.ratingClosesAt === null) return true;
    return Date.now() >= Date.parse(state.ratingClosesAt);
  }

  // -------------------------------------------------------------------------------------------
  // Handlers, then the lane
  // -------------------------------------------------------------------------------------------

  setHandler(stateQuery, () => snapshot(state));
  setHandler(openedUpdate, async () => {
    await condition(() => state.recorded);
    return snapshot(state);
  });
  setHandler(slaChangedSignal, () => {
    deadlinesStale = true;
    dirty = true;
  });
  gate(classifyUpdate, checkClassify, classify);
  gate(assignUpdate, checkAssign, assign);
  gate(logWorkUpdate, checkLogWork, logWork);
  gate(replyUpdate, checkReply, reply);
  gate(noteUpdate, checkNote, note);
  gate(customerReplyUpdate, checkCustomerReply, customerReply);
  gate(waitUpdate, checkWait, wait);
  gate(resumeUpdate, checkResume, resume);
  gate(findingUpdate, checkFinding, finding);
  gate(resolveUpdate, checkResolve, resolve);
  gate(confirmUpdate, checkConfirm, confirm);
  gate(reopenUpdate, checkReopen, reopen);
  gate(rateUpdate, checkRate, rate);

  if (input.resumeFrom) await resumeImported(input.resumeFrom);
  else await receive();

  while (!isFinished()) {
    await lock.run(fireDueEvents);
    if (isFinished()) break;
    dirty = false;
    const sleepMs = msUntilNextEvent(state, Date.now());
    if (sleepMs === null) await condition(() => dirty);
    else await condition(() => dirty, sleepMs);
  }

  await condition(allHandlersFinished);
  await Promise.all([...pendingNotifications]);
  return snapshot(state);
}
