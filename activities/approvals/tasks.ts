/**
 * Approval task rows: created per approver per level, decided, superseded once their level closes,
 * and escalated to the silent approver's unit head. Every write is idempotent, because the
 * workflow's activities are retried.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { ApprovalDecisionValue, ApprovalSubject, ResolvedLevel } from '../../common/approval';
import type { Database } from '../../db/client';
import { approvalTasks, unitMembers } from '../../db/schema';
import { findUnitHeads } from './rules';

/** An approval task as the workflow tracks it. */
export interface ApprovalTaskRef {
  taskId: string;
  approverId: string;
  /** The approver whose vote the task counts as (differs from approverId after an escalation). */
  slotApproverId: string;
  delegateId: string | null;
}

export interface CreateTasksRequest {
  workflowId: string;
  subject: ApprovalSubject;
  level: ResolvedLevel;
}

const taskRefColumns = {
  taskId: approvalTasks.id,
  approverId: approvalTasks.approverId,
  slotApproverId: approvalTasks.slotApproverId,
  delegateId: approvalTasks.delegateId,
};

/** Creates one pending task per approver of the level and returns every task of the level. */
export async function createApprovalTasks(
  db: Database,
  request: CreateTasksRequest,
): Promise<ApprovalTaskRef[]> {
  const { workflowId, subject, level } = request;
  await db
    .insert(approvalTasks)
    .values(
      level.approvers.map((approver) => ({
        workflowId,
        subjectKind: subject.kind,
        reference: subject.reference,
        title: subject.title,
        requesterId: subject.requesterId,
        link: subject.link,
        level: level.level,
        mode: level.mode,
        approverId: approver.approverId,
        slotApproverId: approver.approverId,
        delegateId: approver.delegateId,
      })),
    )
    .onConflictDoNothing();
  return db
    .select(taskRefColumns)
    .from(approvalTasks)
    .where(and(eq(approvalTasks.workflowId, workflowId), eq(approvalTasks.level, level.level)));
}

export interface DecisionRecordRequest {
  workflowId: string;
  level: number;
  taskId: string;
  slotApproverId: string;
  actorId: string;
  onBehalfOf: string | null;
  decision: ApprovalDecisionValue;
  comment: string;
  decidedAt: string;
}

/**
 * Records a decision on its task and supersedes the other pending tasks of the same approver
 * slot (the escalated copy, or the original when the unit head decided).
 */
export async function recordApprovalDecision(
  db: Database,
  request: DecisionRecordRequest,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(approvalTasks)
      .set({
        status: request.decision,
        decidedById: request.actorId,
        onBehalfOf: request.onBehalfOf,
        comment: request.comment,
        decidedAt: new Date(request.decidedAt),
      })
      .where(and(eq(approvalTasks.id, request.taskId), eq(approvalTasks.status, 'pending')));
    await tx
      .update(approvalTasks)
      .set({ status: 'superseded' })
      .where(
        and(
          eq(approvalTasks.workflowId, request.workflowId),
          eq(approvalTasks.level, request.level),
          eq(approvalTasks.slotApproverId, request.slotApproverId),
          eq(approvalTasks.status, 'pending'),
          ne(approvalTasks.id, request.taskId),
        ),
      );
  });
}

/** Marks every task of a level that is still pending as superseded, once the level has closed. */
export async function closeApprovalLevel(
  db: Database,
  request: { workflowId: string; level: number },
): Promise<number> {
  const rows = await db
    .update(approvalTasks)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(approvalTasks.workflowId, request.workflowId),
        eq(approvalTasks.level, request.level),
        eq(approvalTasks.status, 'pending'),
      ),
    )
    .returning({ id: approvalTasks.id });
  return rows.length;
}

/**
 * Escalates a silent approver's task to the heads of the units the approver belongs to: each head
 * gets a task that counts as the approver's vote. Returns the new tasks, none when the approver
 * has no unit head other than themself.
 */
export async function escalateApprovalTask(
  db: Database,
  request: { taskId: string },
): Promise<ApprovalTaskRef[]> {
  const [task] = await db.select().from(approvalTasks).where(eq(approvalTasks.id, request.taskId));
  if (!task) throw new Error(`approval task ${request.taskId} not found`);

  const memberships = await db
    .select({ unitId: unitMembers.unitId })
    .from(unitMembers)
    .where(eq(unitMembers.personId, task.slotApproverId));
  const heads = new Set<string>();
  for (const membership of memberships) {
    for (const head of await findUnitHeads(db, membership.unitId)) {
      if (head !== task.slotApproverId && head !== task.approverId) heads.add(head);
    }
  }

  await db.update(approvalTasks).set({ escalated: true }).where(eq(approvalTasks.id, task.id));
  if (heads.size === 0) return [];

  const { id: _id, createdAt: _createdAt, ...copy } = task;
  await db
    .insert(approvalTasks)
    .values(
      [...heads].map((headId) => ({
        ...copy,
        approverId: headId,
        delegateId: null,
        status: 'pending',
        remindersSent: 0,
        escalated: false,
      })),
    )
    .onConflictDoNothing();
  return db
    .select(taskRefColumns)
    .from(approvalTasks)
    .where(
      and(
        eq(approvalTasks.workflowId, task.workflowId),
        eq(approvalTasks.level, task.level),
        inArray(approvalTasks.approverId, [...heads]),
      ),
    );
}
