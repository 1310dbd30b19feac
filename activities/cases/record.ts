/**
 * Writes of the complaint workflow to the `cases` row, its history, its timeline and its
 * knowledge drafts. Activities are retried, so each write is idempotent: a step runs in one
 * transaction that first checks `cases.last_step`, and every appended row carries an idempotency
 * key unique per case.
 */
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { ComplaintInput } from '../../common/complaint';
import type { CaseStatus, Level, MessageKind, Priority, WaitReason } from '../../common/enums';
import type { Database } from '../../db/client';
import {
  attachments,
  caseHistory,
  caseMessages,
  cases,
  knowledgeDrafts,
  ratingTokens,
} from '../../db/schema';
import type { Deadlines } from '../sla';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Columns of `cases` that a workflow step may change; instants are ISO 8601 strings. */
export interface CaseChanges {
  status?: CaseStatus;
  priority?: Priority;
  impact?: Level;
  urgency?: Level;
  categoryId?: string | null;
  serviceId?: string | null;
  unitId?: string | null;
  assigneeId?: string | null;
  waitingFor?: WaitReason | null;
  firstRespondedAt?: string | null;
  resolvedAt?: string | null;
  closedAt?: string | null;
  firstResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
  firstResponseBreached?: boolean;
  resolutionBreached?: boolean;
  pausedMs?: number;
  reopenCount?: number;
  reassignmentCount?: number;
  workMinutes?: number;
  resolutionNote?: string | null;
  rating?: number | null;
  ratingComment?: string | null;
  ratedAt?: string | null;
  workflowId?: string;
}

/** One `case_history` row: what happened, and for a field change its old and new value. */
export interface HistoryEntry {
  action: string;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  details?: Record<string, unknown> | null;
}

/** One entry of the case's timeline (`case_messages`), with the attachments it carries. */
export interface MessageEntry {
  kind: MessageKind;
  visibility: 'public' | 'internal';
  body: string;
  minutes?: number | null;
  attachmentIds: string[];
}

/** A new finding (dapatan baharu), kept as a knowledge-base draft. */
export interface FindingEntry {
  title: string;
  body: string;
}

export interface StepRecord {
  caseId: string;
  /** The workflow's sequence number of this step; steps are written in increasing order. */
  step: number;
  at: string;
  actorId: string | null;
  changes: CaseChanges;
  history: HistoryEntry[];
  message?: MessageEntry | null;
  finding?: FindingEntry | null;
  /** Marks the case's unused rating links as used (after a rating). */
  consumeRatingTokens?: boolean;
}

export interface StepResult {
  /** False when the step had been written before (a retried activity). */
  written: boolean;
}

export interface OpenRecord {
  input: ComplaintInput;
  workflowId: string;
  at: string;
  priority: Priority;
  deadlines: Deadlines;
}

const openingStep = 1;

function toDate(value: string | null | undefined): Date | null | undefined {
  if (value === undefined) return undefined;
  return value === null ? null : new Date(value);
}

/** Maps step changes to Drizzle column values, leaving out what the step does not change. */
function toColumns(changes: CaseChanges): Partial<typeof cases.$inferInsert> {
  const columns: Partial<typeof cases.$inferInsert> = {
    status: changes.status,
    priority: changes.priority,
    impact: changes.impact,
    urgency: changes.urgency,
    categoryId: changes.categoryId,
    serviceId: changes.serviceId,
    unitId: changes.unitId,
    assigneeId: changes.assigneeId,
    waitingFor: changes.waitingFor,
    firstRespondedAt: toDate(changes.firstRespondedAt),
    resolvedAt: toDate(changes.resolvedAt),
    closedAt: toDate(changes.closedAt),
    firstResponseDueAt: toDate(changes.firstResponseDueAt),
    resolutionDueAt: toDate(changes.resolutionDueAt),
    firstResponseBreached: changes.firstResponseBreached,
    resolutionBreached: changes.resolutionBreached,
    pausedMs: changes.pausedMs,
    reopenCount: changes.reopenCount,
    reassignmentCount: changes.reassignmentCount,
    workMinutes: changes.workMinutes,
    resolutionNote: changes.resolutionNote,
    rating: changes.rating,
    ratingComment: changes.ratingComment,
    ratedAt: toDate(changes.ratedAt),
    workflowId: changes.workflowId,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

async function appendHistory(
  tx: Transaction,
  record: Pick<StepRecord, 'caseId' | 'step' | 'at' | 'actorId' | 'history'>,
): Promise<void> {
  if (record.history.length === 0) return;
  await tx
    .insert(caseHistory)
    .values(
      record.history.map((entry, index) => ({
        caseId: record.caseId,
        at: new Date(record.at),
        actorId: record.actorId,
        action: entry.action,
        field: entry.field ?? null,
        oldValue: entry.oldValue ?? null,
        newValue: entry.newValue ?? null,
        details: entry.details ?? null,
        idempotencyKey: `step:${record.step}:${index}`,
      })),
    )
    .onConflictDoNothing();
}

/** Links attachments that the API stored earlier; one already linked to another case is left alone. */
async function linkAttachments(
  tx: Transaction,
  caseId: string,
  attachmentIds: string[],
  messageId: string | null,
): Promise<void> {
  if (attachmentIds.length === 0) return;
  await tx
    .update(attachments)
    .set({ caseId, messageId })
    .where(
      and(
        inArray(attachments.id, attachmentIds),
        or(isNull(attachments.caseId), eq(attachments.caseId, caseId)),
      ),
    );
}

async function appendMessage(
  tx: Transaction,
  record: StepRecord,
  message: MessageEntry,
): Promise<void> {
  const idempotencyKey = `step:${record.step}`;
  await tx
    .insert(caseMessages)
    .values({
      caseId: record.caseId,
      kind: message.kind,
      visibility: message.visibility,
      authorId: record.actorId,
      body: message.body,
      minutes: message.minutes ?? null,
      createdAt: new Date(record.at),
      idempotencyKey,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: caseMessages.id })
    .from(caseMessages)
    .where(
      and(eq(caseMessages.caseId, record.caseId), eq(caseMessages.idempotencyKey, idempotencyKey)),
    );
  await linkAttachments(tx, record.caseId, message.attachmentIds, row?.id ?? null);
}

/**
 * Writes the opening of a complaint (terima aduan): the `cases` row with its first deadlines, the
 * 'opened' and first 'status' history rows, and the links to the attachments sent with it.
 */
export async function recordOpened(db: Database, record: OpenRecord): Promise<StepResult> {
  const { input } = record;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(cases)
      .values({
        id: input.caseId,
        reference: input.reference,
        type: 'incident',
        title: input.title,
        description: input.description,
        status: 'new',
        channel: input.channel,
        priority: record.priority,
        impact: input.impact,
        urgency: input.urgency,
        serviceId: input.serviceId,
        categoryId: input.categoryId,
        requesterId: input.requesterId,
        createdById: input.createdById,
        unitId: input.unitId,
        workflowId: record.workflowId,
        openedAt: new Date(input.openedAt),
        firstResponseDueAt: toDate(record.deadlines.firstResponse?.dueAt ?? null),
        resolutionDueAt: toDate(record.deadlines.resolution?.dueAt ?? null),
        lastStep: openingStep,
        createdAt: new Date(record.at),
        updatedAt: new Date(record.at),
      })
      .onConflictDoNothing({ target: cases.id })
      .returning({ id: cases.id });
    await appendHistory(tx, {
      caseId: input.caseId,
      step: openingStep,
      at: record.at,
      actorId: input.createdById,
      history: [
        { action: 'opened', details: { channel: input.channel, reference: input.reference } },
        { action: 'status', field: 'status', oldValue: null, newValue: 'new' },
      ],
    });
    await linkAttachments(tx, input.caseId, input.attachmentIds, null);
    return { written: inserted.length > 0 };
  });
}

/** Writes one workflow step in one transaction; a step written before is skipped. */
export async function recordStep(db: Database, record: StepRecord): Promise<StepResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ lastStep: cases.lastStep })
      .from(cases)
      .where(eq(cases.id, record.caseId))
      .for('update');
    if (!row) {
      throw ApplicationFailure.nonRetryable(
        `case ${record.caseId} not found: the opening step must be written first`,
        'case_not_found',
      );
    }
    if (row.lastStep >= record.step) return { written: false };

    await tx
      .update(cases)
      .set({ ...toColumns(record.changes), lastStep: record.step, updatedAt: new Date(record.at) })
      .where(eq(cases.id, record.caseId));
    await appendHistory(tx, record);
    if (record.message) await appendMessage(tx, record, record.message);
    if (record.finding) {
      await tx
        .insert(knowledgeDrafts)
        .values({
          caseId: record.caseId,
          title: record.finding.title,
          body: record.finding.body,
          authorId: record.actorId,
          createdAt: new Date(record.at),
          idempotencyKey: `${record.caseId}:step:${record.step}`,
        })
        .onConflictDoNothing();
    }
    if (record.consumeRatingTokens) {
      await tx
        .update(ratingTokens)
        .set({ usedAt: new Date(record.at) })
        .where(and(eq(ratingTokens.caseId, record.caseId), isNull(ratingTokens.usedAt)));
    }
    return { written: true };
  });
}
