/**
 * Follow-ups of low satisfaction: a survey score or a case rating of 2 or below opens one for the
 * heads of the case's unit, who move it from open to in progress and close it with a note.
 */
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Language } from '../../common/enums';
import type { Database } from '../../db/client';
import {
  cases,
  people,
  satisfactionFollowUpEvents,
  satisfactionFollowUps,
  unitMembers,
} from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { publicBaseUrl } from '../notifications/format';
import { renderFollowUpAlert } from './messages';

/** A score at or below this opens a follow-up. */
export const lowScoreThreshold = 2;

export const followUpStatuses = ['open', 'in_progress', 'closed'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/** The only status changes allowed: open → in_progress → closed. */
const nextStatus: Record<FollowUpStatus, FollowUpStatus | null> = {
  open: 'in_progress',
  in_progress: 'closed',
  closed: null,
};

/** A database or an open transaction of it. */
type Executor = Pick<Database, 'insert' | 'select' | 'update'>;

export interface OpenFollowUp {
  source: 'survey' | 'rating';
  caseId: string;
  invitationId: string | null;
  score: number;
  comment: string | null;
  at: Date;
}

/** Opens a follow-up once per source and returns its id, or null when one was already open. */
export async function openFollowUp(db: Executor, request: OpenFollowUp): Promise<string | null> {
  const sourceKey =
    request.source === 'survey' ? `survey:${request.invitationId}` : `rating:${request.caseId}`;
  const [caseRow] = await db
    .select({ unitId: cases.unitId })
    .from(cases)
    .where(eq(cases.id, request.caseId));
  const [row] = await db
    .insert(satisfactionFollowUps)
    .values({
      sourceKey,
      source: request.source,
      caseId: request.caseId,
      unitId: caseRow?.unitId ?? null,
      invitationId: request.invitationId,
      score: request.score,
      comment: request.comment,
      createdAt: request.at,
      updatedAt: request.at,
    })
    .onConflictDoNothing({ target: satisfactionFollowUps.sourceKey })
    .returning({ id: satisfactionFollowUps.id });
  if (!row) return null;
  await db.insert(satisfactionFollowUpEvents).values({
    followUpId: row.id,
    toStatus: 'open',
    createdAt: request.at,
  });
  return row.id;
}

/** Opens the follow-up of a case rated 2 or below through its rating, once per case. */
export async function openRatingFollowUp(
  db: Database,
  request: { caseId: string; at: string },
): Promise<{ created: boolean }> {
  const [caseRow] = await db
    .select({ rating: cases.rating, comment: cases.ratingComment })
    .from(cases)
    .where(eq(cases.id, request.caseId));
  if (!caseRow?.rating || caseRow.rating > lowScoreThreshold) return { created: false };
  const id = await openFollowUp(db, {
    source: 'rating',
    caseId: request.caseId,
    invitationId: null,
    score: caseRow.rating,
    comment: caseRow.comment,
    at: new Date(request.at),
  });
  return { created: id !== null };
}

/**
 * E-mails the heads of the follow-up's unit, once each (outbox key
 * `follow-up:<id>:<person>`), then marks the follow-up notified. A case without a unit, or a unit
 * without a head, has no one to e-mail, but the follow-up is still listed for every manager.
 */
export async function notifyFollowUp(
  deps: OutboxDeps,
  request: { followUpId: string; at: string },
): Promise<{ recipients: number }> {
  const { db, config, logger } = deps;
  const [followUp] = await db
    .select({
      id: satisfactionFollowUps.id,
      unitId: satisfactionFollowUps.unitId,
      score: satisfactionFollowUps.score,
      comment: satisfactionFollowUps.comment,
      notifiedAt: satisfactionFollowUps.notifiedAt,
      reference: cases.reference,
      title: cases.title,
    })
    .from(satisfactionFollowUps)
    .innerJoin(cases, eq(cases.id, satisfactionFollowUps.caseId))
    .where(eq(satisfactionFollowUps.id, request.followUpId));
  if (!followUp || followUp.notifiedAt) return { recipients: 0 };

  const heads = followUp.unitId
    ? await db
        .select({
          id: people.id,
          email: people.email,
          name: people.name,
          language: people.language,
        })
        .from(unitMembers)
        .innerJoin(people, eq(people.id, unitMembers.personId))
        .where(
          and(
            eq(unitMembers.unitId, followUp.unitId),
            eq(unitMembers.role, 'head'),
            eq(people.active, true),
          ),
        )
    : [];
  if (heads.length === 0) {
    logger.warn(
      { followUpId: followUp.id, unitId: followUp.unitId },
      'satisfaction follow-up has no unit head to e-mail',
    );
  }
  const url = `${publicBaseUrl(config.PUBLIC_URL)}/follow-ups/${followUp.id}`;
  for (const head of heads) {
    const idempotencyKey = `follow-up:${followUp.id}:${head.id}`;
    if (await alreadyDelivered(db, idempotencyKey)) continue;
    const language: Language = head.language === 'en' ? 'en' : 'ms';
    const message = renderFollowUpAlert(language, {
      recipientName: head.name,
      reference: followUp.reference,
      title: followUp.title,
      score: followUp.score,
      comment: followUp.comment,
      url,
    });
    await deliverMessage(deps, {
      idempotencyKey,
      recipientId: head.id,
      recipientEmail: head.email,
      template: 'satisfactionFollowUp',
      language,
      subject: message.subject,
      text: message.text,
      data: { followUpId: followUp.id, reference: followUp.reference },
      at: request.at,
    });
  }
  await db
    .update(satisfactionFollowUps)
    .set({ notifiedAt: new Date(request.at) })
    .where(eq(satisfactionFollowUps.id, followUp.id));
  return { recipients: heads.length };
}

const followUpColumns = {
  id: satisfactionFollowUps.id,
  source: satisfactionFollowUps.source,
  caseId: satisfactionFollowUps.caseId,
  reference: cases.reference,
  title: cases.title,
  unitId: satisfactionFollowUps.unitId,
  score: satisfactionFollowUps.score,
  comment: satisfactionFollowUps.comment,
  status: satisfactionFollowUps.status,
  closingNote: satisfactionFollowUps.closingNote,
  closedAt: satisfactionFollowUps.closedAt,
  createdAt: satisfactionFollowUps.createdAt,
  updatedAt: satisfactionFollowUps.updatedAt,
};

export type FollowUpRow = Awaited<ReturnType<typeof listFollowUps>>[number];

/** Units whose follow-ups a person may read: every unit, or the listed ones. */
export type FollowUpScope = { unitIds: null } | { unitIds: string[] };

function scopeCondition(scope: FollowUpScope): SQL | undefined {
  if (scope.unitIds === null) return undefined;
  return inArray(satisfactionFollowUps.unitId, scope.unitIds);
}

/** Lists at most 200 follow-ups in the scope, newest first, optionally of one status. */
export async function listFollowUps(
  db: Database,
  scope: FollowUpScope,
  status: FollowUpStatus | undefined,
) {
  if (scope.unitIds !== null && scope.unitIds.length === 0) return [];
  return db
    .select(followUpColumns)
    .from(satisfactionFollowUps)
    .innerJoin(cases, eq(cases.id, satisfactionFollowUps.caseId))
    .where(
      and(
        scopeCondition(scope),
        status === undefined ? undefined : eq(satisfactionFollowUps.status, status),
      ),
    )
    .orderBy(desc(satisfactionFollowUps.createdAt))
    .limit(200);
}

/** Returns one follow-up when it is in the scope, else null. */
export async function findFollowUp(db: Database, scope: FollowUpScope, id: string) {
  if (scope.unitIds !== null && scope.unitIds.length === 0) return null;
  const [row] = await db
    .select(followUpColumns)
    .from(satisfactionFollowUps)
    .innerJoin(cases, eq(cases.id, satisfactionFollowUps.caseId))
    .where(and(eq(satisfactionFollowUps.id, id), scopeCondition(scope)));
  return row ?? null;
}

export interface FollowUpChange {
  id: string;
  actorId: string;
  status: FollowUpStatus;
  note: string | null;
  at: Date;
}

/**
 * Moves a follow-up one step and appends the change to its history. Returns 'invalid_state' when
 * the change is not the next step, or when another request changed the status first.
 */
export async function changeFollowUpStatus(
  db: Database,
  current: FollowUpStatus,
  change: FollowUpChange,
): Promise<'changed' | 'invalid_state'> {
  if (nextStatus[current] !== change.status) return 'invalid_state';
  return db.transaction(async (tx) => {
    const closing = change.status === 'closed';
    const [updated] = await tx
      .update(satisfactionFollowUps)
      .set({
        status: change.status,
        updatedAt: change.at,
        ...(closing
          ? { closingNote: change.note, closedAt: change.at, closedById: change.actorId }
          : {}),
      })
      .where(
        and(eq(satisfactionFollowUps.id, change.id), eq(satisfactionFollowUps.status, current)),
      )
      .returning({ id: satisfactionFollowUps.id });
    if (!updated) return 'invalid_state';
    await tx.insert(satisfactionFollowUpEvents).values({
      followUpId: change.id,
      actorId: change.actorId,
      fromStatus: current,
      toStatus: change.status,
      note: change.note,
      createdAt: change.at,
    });
    return 'changed';
  });
}
