/**
 * The `approvalChain` workflow: the approval gate shared by every gated workflow, run as a child.
 *
 * 1. Resolve the levels from the approval rules.
 * 2. For each level in order: create one task per approver, e-mail each approver (and delegate)
 *    a single-use decision link, then wait for decisions through the `decide` update.
 *    An "any" level closes on its first approval, an "all" level once every approver approved.
 *    A rejection at any level rejects the whole chain.
 * 3. While a level waits, remind its silent approvers every `reminderWorkingDays` working days;
 *    after `remindersBeforeEscalation` reminders, escalate the approver's task to their unit head.
 * 4. Return the ApprovalOutcome.
 */
import {
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  log,
  proxyActivities,
  type ActivityOptions,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApprovalActivities, ApprovalTaskRef } from '../activities/approvals';
import {
  approvalChainStateQueryName,
  approvalDecisionValues,
  decideApprovalUpdateName,
  maxApprovalCommentLength,
  type ApprovalChainInput,
  type ApprovalChainState,
  type ApprovalDecisionRecord,
  type ApprovalOutcome,
  type DecideApprovalInput,
  type DecideApprovalResult,
  type ResolvedLevel,
} from '../common/approval';

export const decideApproval = defineUpdate<DecideApprovalResult, [DecideApprovalInput]>(
  decideApprovalUpdateName,
);
export const approvalChainState = defineQuery<ApprovalChainState>(approvalChainStateQueryName);

/** Database writes retry until they succeed, so no decision or task is lost. */
export const recordActivityOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/** E-mails retry for about an hour (10 attempts, backing off to 10 minutes). */
export const mailActivityOptions: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
};

/** Awaits an e-mail activity and logs its final failure, so a lost message does not fail the workflow. */
export async function sendQuietly(
  sending: Promise<unknown>,
  ids: Record<string, unknown>,
): Promise<void> {
  try {
    await sending;
  } catch (error) {
    log.error('sending an e-mail failed after every retry; the workflow goes on', {
      ...ids,
      error,
    });
  }
}

const records = proxyActivities<ApprovalActivities>(recordActivityOptions);
const messenger = proxyActivities<Pick<ApprovalActivities, 'notifyApprovers'>>(mailActivityOptions);

/** The vote of one approver at the current level, with the tasks that may cast it. */
interface Slot {
  approverId: string;
  tasks: ApprovalTaskRef[];
  decision: ApprovalDecisionRecord | null;
  reminders: number;
  escalated: boolean;
}

function reject(
  type: 'forbidden' | 'validation_failed' | 'invalid_state',
  message: string,
  field?: string,
): never {
  throw ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: field ? [{ field }] : [],
  });
}

/** The task of an open slot that the actor may decide, and whom they decide for. */
interface Match {
  slot: Slot;
  task: ApprovalTaskRef;
  onBehalfOf: string | null;
}

function findMatch(slots: Slot[], input: DecideApprovalInput): Match | null {
  for (const slot of slots) {
    if (slot.decision) continue;
    for (const task of slot.tasks) {
      if (input.taskId !== undefined && input.taskId !== task.taskId) continue;
      const standsFor = task.slotApproverId === input.actorId ? null : task.slotApproverId;
      if (task.approverId === input.actorId) return { slot, task, onBehalfOf: standsFor };
      if (task.delegateId === input.actorId) return { slot, task, onBehalfOf: task.approverId };
      // NOTE: the workflow cannot read delegations, so it trusts an onBehalfOf that the API checked.
      if (input.onBehalfOf && input.onBehalfOf === task.approverId) {
        return { slot, task, onBehalfOf: task.approverId };
      }
    }
  }
  return null;
}

function checkDecisionFields(input: DecideApprovalInput): void {
  if (typeof input.actorId !== 'string' || input.actorId === '') {
    reject('validation_failed', 'actorId is missing', 'actor');
  }
  if (!approvalDecisionValues.includes(input.decision)) {
    reject('validation_failed', 'decision must be "approved" or "rejected"', 'decision');
  }
  if (typeof input.comment !== 'string') {
    reject('validation_failed', 'comment must be text', 'comment');
  }
  if (input.comment.length > maxApprovalCommentLength) {
    reject(
      'validation_failed',
      `comment is longer than ${maxApprovalCommentLength} characters`,
      'comment',
    );
  }
  if (input.decision === 'rejected' && input.comment.trim() === '') {
    reject('validation_failed', 'a comment giving the reason is required to reject', 'comment');
  }
}

export async function approvalChain(input: ApprovalChainInput): Promise<ApprovalOutcome> {
  const workflowId = workflowInfo().workflowId;
  const { subject } = input;
  const reminderWorkingDays = input.reminderWorkingDays ?? 1;
  const remindersBeforeEscalation = input.remindersBeforeEscalation ?? 2;

  const decisions: ApprovalDecisionRecord[] = [];
  let levels: ResolvedLevel[] = [];
  let currentLevel: ResolvedLevel | null = null;
  let slots: Slot[] = [];
  let outcome: ApprovalOutcome | null = null;
  /** Decisions whose task row is still being written; a level closes only once they are stored. */
  let decisionsBeingStored = 0;

  const levelApproved = (): boolean =>
    currentLevel?.mode === 'any'
      ? slots.some((slot) => slot.decision?.decision === 'approved')
      : slots.every((slot) => slot.decision?.decision === 'approved');
  const levelRejected = (): boolean => slots.some((slot) => slot.decision?.decision === 'rejected');
  const levelClosed = (): boolean => levelApproved() || levelRejected();

  setHandler(approvalChainState, () => ({
    subject,
    levels,
    currentLevel: outcome ? null : (currentLevel?.level ?? null),
    decisions,
    outcome,
  }));

  setHandler(
    decideApproval,
    async (decision) => {
      const match = findMatch(slots, decision);
      const level = currentLevel;
      if (!match || !level) return reject('invalid_state', 'the task is no longer open');

      const record: ApprovalDecisionRecord = {
        level: level.level,
        approverId: decision.actorId,
        onBehalfOf: match.onBehalfOf,
        decision: decision.decision,
        comment: decision.comment.trim(),
        decidedAt: new Date().toISOString(),
      };
      // The slot is taken before the first await, so a concurrent decision on it fails validation.
      match.slot.decision = record;
      decisions.push(record);
      decisionsBeingStored += 1;
      await records.recordApprovalDecision({
        workflowId,
        level: level.level,
        taskId: match.task.taskId,
        slotApproverId: match.slot.approverId,
        actorId: decision.actorId,
        onBehalfOf: match.onBehalfOf,
        decision: decision.decision,
        comment: record.comment,
        decidedAt: record.decidedAt,
      });
      decisionsBeingStored -= 1;
      // The main loop sets the outcome once this handler returns, so wait for it on the last level.
      const closed = levelClosed();
      const finishing = closed && (levelRejected() || level.level === levels.length);
      if (finishing) await condition(() => outcome !== null);
      return { level: level.level, levelClosed: closed, outcome };
    },
    {
      validator: (decision: DecideApprovalInput) => {
        checkDecisionFields(decision);
        if (outcome || !currentLevel) {
          reject('invalid_state', 'the approval chain is not waiting for a decision');
        }
        if (!findMatch(slots, decision)) {
          reject(
            'forbidden',
            `person ${decision.actorId} is not a waiting approver or delegate at level ${currentLevel.level}`,
          );
        }
      },
    },
  );

  // 1. Resolve the levels from the rules.
  levels = await records.resolveApprovalLevels({ subject, at: new Date().toISOString() });

  // 2. Each level in order.
  for (const level of levels) {
    const tasks = await records.createApprovalTasks({ workflowId, subject, level });
    slots = level.approvers.map((approver) => ({
      approverId: approver.approverId,
      tasks: tasks.filter((task) => task.slotApproverId === approver.approverId),
      decision: null,
      reminders: 0,
      escalated: false,
    }));
    currentLevel = level;
    await sendQuietly(
      messenger.notifyApprovers({
        workflowId,
        taskIds: tasks.map((task) => task.taskId),
        kind: 'request',
        round: 0,
        at: new Date().toISOString(),
        language: input.language,
      }),
      { workflowId, level: level.level },
    );

    // 3. Wait for the level to close, reminding and escalating on the working-day timer.
    while (!levelClosed()) {
      const remindAt = await records.nextApprovalReminderAt({
        from: new Date().toISOString(),
        workingDays: reminderWorkingDays,
      });
      const waitMs = Math.max(Date.parse(remindAt) - Date.now(), 1000);
      if (await condition(levelClosed, waitMs)) break;
      await remindOrEscalate(workflowId, slots, remindersBeforeEscalation, input);
    }
    await condition(() => decisionsBeingStored === 0);

    await records.closeApprovalLevel({ workflowId, level: level.level });
    if (levelRejected()) break;
  }

  // 4. The outcome.
  const rejection = decisions.find((decision) => decision.decision === 'rejected');
  outcome = {
    approved: rejection === undefined,
    decisions,
    reason: rejection?.comment ?? null,
  };
  currentLevel = null;
  return outcome;
}

/**
 * Reminds every silent approver of the level, and escalates a slot to the approver's unit head
 * once it has had `remindersBeforeEscalation` reminders. An escalated slot is not reminded again.
 */
async function remindOrEscalate(
  workflowId: string,
  slots: Slot[],
  remindersBeforeEscalation: number,
  input: ApprovalChainInput,
): Promise<void> {
  const toRemind: Slot[] = [];
  for (const slot of slots) {
    if (slot.decision || slot.escalated) continue;
    if (slot.reminders < remindersBeforeEscalation) {
      slot.reminders += 1;
      toRemind.push(slot);
      continue;
    }

    slot.escalated = true;
    const original = slot.tasks.find((task) => task.approverId === slot.approverId);
    if (!original) continue;
    const added = await records.escalateApprovalTask({ taskId: original.taskId });
    slot.tasks.push(...added);
    await sendQuietly(
      messenger.notifyApprovers({
        workflowId,
        taskIds: added.map((task) => task.taskId),
        kind: 'escalation',
        round: 1,
        at: new Date().toISOString(),
        language: input.language,
      }),
      { workflowId, approverId: slot.approverId },
    );
  }

  for (const slot of toRemind) {
    await sendQuietly(
      messenger.notifyApprovers({
        workflowId,
        taskIds: slot.tasks.map((task) => task.taskId),
        kind: 'reminder',
        round: slot.reminders,
        at: new Date().toISOString(),
        language: input.language,
      }),
      { workflowId, approverId: slot.approverId },
    );
  }
}
