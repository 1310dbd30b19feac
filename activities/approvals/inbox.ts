/**
 * Reads and link bookkeeping for the approvals API: the inbox of a person (tasks waiting for them
 * or for an approver they stand in for), one task, the person's decisions, and the single-use
 * decision links.
 */
import { aliasedTable, and, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { approvalDelegations, approvalLinks, approvalTasks, people } from '../../db/schema';
import { malaysianDateOf } from './rules';

const requester = aliasedTable(people, 'requester');
const approver = aliasedTable(people, 'approver');

const taskColumns = {
  id: approvalTasks.id,
  workflowId: approvalTasks.workflowId,
  kind: approvalTasks.subjectKind,
  reference: approvalTasks.reference,
  title: approvalTasks.title,
  link: approvalTasks.link,
  level: approvalTasks.level,
  mode: approvalTasks.mode,
  status: approvalTasks.status,
  approverId: approvalTasks.approverId,
  approverName: approver.name,
  slotApproverId: approvalTasks.slotApproverId,
  delegateId: approvalTasks.delegateId,
  requesterId: approvalTasks.requesterId,
  requesterName: requester.name,
  decidedById: approvalTasks.decidedById,
  onBehalfOf: approvalTasks.onBehalfOf,
  comment: approvalTasks.comment,
  decidedAt: approvalTasks.decidedAt,
  createdAt: approvalTasks.createdAt,
};

export type ApprovalTaskRow = NonNullable<Awaited<ReturnType<typeof findApprovalTask>>>;

function selectTasks(db: Database) {
  return db
    .select(taskColumns)
    .from(approvalTasks)
    .innerJoin(requester, eq(requester.id, approvalTasks.requesterId))
    .innerJoin(approver, eq(approver.id, approvalTasks.approverId));
}

/** Returns the approvers for whom the person is an active delegate on the given date. */
export async function approversRepresentedBy(
  db: Database,
  personId: string,
  at: Date,
): Promise<string[]> {
  const today = malaysianDateOf(at);
  const rows = await db
    .select({ approverId: approvalDelegations.approverId })
    .from(approvalDelegations)
    .where(
      and(
        eq(approvalDelegations.delegateId, personId),
        lte(approvalDelegations.startsOn, today),
        gte(approvalDelegations.endsOn, today),
        isNull(approvalDelegations.revokedAt),
      ),
    );
  return [...new Set(rows.map((row) => row.approverId))];
}

/** Lists the pending tasks that the person may decide, oldest first. */
export async function listInbox(db: Database, personId: string, at: Date) {
  const represented = await approversRepresentedBy(db, personId, at);
  const mine = or(
    eq(approvalTasks.approverId, personId),
    eq(approvalTasks.delegateId, personId),
    represented.length > 0 ? inArray(approvalTasks.approverId, represented) : sql`false`,
  );
  return selectTasks(db)
    .where(and(eq(approvalTasks.status, 'pending'), mine))
    .orderBy(approvalTasks.createdAt)
    .limit(200);
}

/** Lists the person's own decisions, newest first. */
export async function listDecisionsBy(db: Database, personId: string) {
  return selectTasks(db)
    .where(eq(approvalTasks.decidedById, personId))
    .orderBy(desc(approvalTasks.decidedAt))
    .limit(200);
}

export async function findApprovalTask(db: Database, taskId: string) {
  const [row] = await selectTasks(db).where(eq(approvalTasks.id, taskId));
  return row ?? null;
}

/** Lists every task of a subject, for its timeline. */
export async function listTasksOfReference(db: Database, reference: string) {
  return selectTasks(db)
    .where(eq(approvalTasks.reference, reference))
    .orderBy(approvalTasks.level, approvalTasks.createdAt);
}

export async function findApprovalLink(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      id: approvalLinks.id,
      taskId: approvalLinks.taskId,
      personId: approvalLinks.personId,
      expiresAt: approvalLinks.expiresAt,
      usedAt: approvalLinks.usedAt,
    })
    .from(approvalLinks)
    .where(eq(approvalLinks.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks a link used; returns false when another request used it first. */
export async function useApprovalLink(db: Database, linkId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(approvalLinks)
    .set({ usedAt: at })
    .where(and(eq(approvalLinks.id, linkId), isNull(approvalLinks.usedAt)))
    .returning({ id: approvalLinks.id });
  return rows.length === 1;
}

/** Makes a claimed link usable again after the decision it carried did not reach the chain. */
export async function releaseApprovalLink(db: Database, linkId: string): Promise<void> {
  await db.update(approvalLinks).set({ usedAt: null }).where(eq(approvalLinks.id, linkId));
}
