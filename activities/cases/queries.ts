/**
 * Reads of case records for the API: lists with keyset pagination and search, one case with its
 * timeline, history and attachments. Every column list is explicit, so a field reaches a caller
 * only when a query names it.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CaseStatus } from '../../common/enums';
import type { Database } from '../../db/client';
import {
  attachments,
  caseHistory,
  caseMessages,
  caseParticipants,
  cases,
  categories,
  people,
  ratingTokens,
  services,
  units,
} from '../../db/schema';

/** The scope of cases a list may return, decided by the cases policy. */
export type CaseScope =
  | { kind: 'all' }
  | { kind: 'customer'; personId: string }
  | { kind: 'units'; personId: string; unitIds: string[] };

export interface CaseFilters {
  status?: CaseStatus[];
  /** Cases of any of these units. */
  unitIds?: string[];
  assigneeId?: string;
  requesterId?: string;
  unassigned?: boolean;
  channel?: string;
  priority?: number;
  q?: string;
}

export type CaseSort = 'opened' | 'due' | 'updated';

/** The assignee's name, read by a subquery because `people` is already joined as the requester. */
const assigneeName = sql<
  string | null
>`(select name from ${people} assignee where assignee.id = ${cases.assigneeId})`;

/**
 * The requester's name, read by a subquery instead of a join. PostgreSQL evaluates it only for the
 * rows the list returns, after the limit, whereas a join made it hash every person when it
 * overestimated the matches of a rare search word (at 1M cases and 50,000 people).
 */
const requesterName = sql<
  string | null
>`(select name from ${people} requester where requester.id = ${cases.requesterId})`;

export const caseSummaryColumns = {
  id: cases.id,
  reference: cases.reference,
  title: cases.title,
  status: cases.status,
  channel: cases.channel,
  priority: cases.priority,
  requesterId: cases.requesterId,
  requesterName,
  unitId: cases.unitId,
  assigneeId: cases.assigneeId,
  assigneeName,
  categoryId: cases.categoryId,
  openedAt: cases.openedAt,
  updatedAt: cases.updatedAt,
  resolutionDueAt: cases.resolutionDueAt,
  firstResponseDueAt: cases.firstResponseDueAt,
  resolutionBreached: cases.resolutionBreached,
  firstResponseBreached: cases.firstResponseBreached,
  waitingFor: cases.waitingFor,
};

type SummaryColumns = Omit<typeof caseSummaryColumns, 'requesterName' | 'assigneeName'>;

export type CaseSummaryRow = {
  [K in keyof SummaryColumns]: SummaryColumns[K]['_']['data'] | null;
} & {
  id: string;
  reference: string;
  title: string;
  status: string;
  requesterName: string | null;
  assigneeName: string | null;
};

/**
 * Turns free text into a prefix tsquery over the 'simple' configuration, which neither stems nor
 * drops stop words, so Malay and English words are matched as typed. Returns null for no words.
 */
export function searchQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((word) => `${word}:*`).join(' & ');
}

export function scopeCondition(scope: CaseScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'customer':
      // The ids come from a union of two index scans (cases_requester_idx and
      // case_participants_person_idx). Written as `requester_id = … or exists (…)`, the same
      // scope made PostgreSQL filter every case in opening order instead.
      return sql`${cases.id} in (
        select own.id from ${cases} own where own.requester_id = ${scope.personId}
        union select ${caseParticipants.caseId} from ${caseParticipants}
        where ${caseParticipants.personId} = ${scope.personId})`;
    case 'units':
      return scope.unitIds.length > 0
        ? or(inArray(cases.unitId, scope.unitIds), eq(cases.assigneeId, scope.personId))
        : eq(cases.assigneeId, scope.personId);
  }
}

interface Cursor {
  value: string | null;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof parsed.id !== 'string' || !/^[0-9a-f-]{36}$/.test(parsed.id)) return null;
    if (parsed.value !== null && typeof parsed.value !== 'string') return null;
    if (typeof parsed.value === 'string' && Number.isNaN(Date.parse(parsed.value))) return null;
    return { value: parsed.value ?? null, id: parsed.id };
  } catch {
    return null;
  }
}

const farFuture = '9999-12-31T00:00:00.000Z';

/** Lists cases in scope, newest first or by resolution deadline, a page at a time. */
export async function listCases(
  db: Database,
  options: {
    scope: CaseScope;
    filters: CaseFilters;
    sort: CaseSort;
    limit: number;
    cursor: Cursor | null;
  },
): Promise<{ items: CaseSummaryRow[]; nextCursor: string | null }> {
  const { filters } = options;
  const conditions: (SQL | undefined)[] = [scopeCondition(options.scope)];
  if (filters.status?.length) conditions.push(inArray(cases.status, filters.status));
  if (filters.unitIds?.length) conditions.push(inArray(cases.unitId, filters.unitIds));
  if (filters.assigneeId) conditions.push(eq(cases.assigneeId, filters.assigneeId));
  if (filters.requesterId) conditions.push(eq(cases.requesterId, filters.requesterId));
  if (filters.unassigned) conditions.push(sql`${cases.assigneeId} is null`);
  if (filters.channel) conditions.push(eq(cases.channel, filters.channel));
  if (filters.priority) conditions.push(eq(cases.priority, filters.priority));
  if (filters.q) {
    const query = searchQuery(filters.q);
    const reference = filters.q.trim().toUpperCase();
    conditions.push(
      query
        ? or(sql`${cases.search} @@ to_tsquery('simple', ${query})`, eq(cases.reference, reference))
        : eq(cases.reference, reference),
    );
  }

  // The due sort puts cases without a deadline last by reading a missing deadline as far future.
  // The far-future value is a literal, not a parameter, so that the expression equals the one of
  // cases_open_queue_idx in every plan, generic plans of prepared statements included.
  const sortKey =
    options.sort === 'due'
      ? sql`coalesce(${cases.resolutionDueAt}, ${sql.raw(`'${farFuture}'`)}::timestamptz)`
      : options.sort === 'updated'
        ? sql`${cases.updatedAt}`
        : sql`${cases.openedAt}`;
  const ascending = options.sort === 'due';
  if (options.cursor) {
    const value = options.cursor.value ?? farFuture;
    conditions.push(
      ascending
        ? sql`(${sortKey}, ${cases.id}) > (${value}::timestamptz, ${options.cursor.id}::uuid)`
        : sql`(${sortKey}, ${cases.id}) < (${value}::timestamptz, ${options.cursor.id}::uuid)`,
    );
  }

  const rows = await db
    .select({ ...caseSummaryColumns, sortValue: sql<string>`${sortKey}` })
    .from(cases)
    .where(and(...conditions))
    .orderBy(...(ascending ? [asc(sortKey), asc(cases.id)] : [desc(sortKey), desc(cases.id)]))
    .limit(options.limit + 1);

  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > options.limit && last
      ? encodeCursor({ value: new Date(last.sortValue).toISOString(), id: last.id })
      : null;
  return {
    items: page.map(({ sortValue: _sortValue, ...row }) => row as CaseSummaryRow),
    nextCursor,
  };
}

/** Finds one case with the names of its requester, unit, assignee, service and category. */
export async function findCase(db: Database, reference: string) {
  const [row] = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      type: cases.type,
      title: cases.title,
      description: cases.description,
      status: cases.status,
      channel: cases.channel,
      priority: cases.priority,
      impact: cases.impact,
      urgency: cases.urgency,
      serviceId: cases.serviceId,
      serviceNameMs: services.nameMs,
      serviceNameEn: services.nameEn,
      categoryId: cases.categoryId,
      categoryNameMs: categories.nameMs,
      categoryNameEn: categories.nameEn,
      requesterId: cases.requesterId,
      requesterName: people.name,
      requesterEmail: people.email,
      createdById: cases.createdById,
      unitId: cases.unitId,
      unitNameMs: units.nameMs,
      unitNameEn: units.nameEn,
      assigneeId: cases.assigneeId,
      assigneeName,
      workflowId: cases.workflowId,
      waitingFor: cases.waitingFor,
      openedAt: cases.openedAt,
      firstRespondedAt: cases.firstRespondedAt,
      resolvedAt: cases.resolvedAt,
      closedAt: cases.closedAt,
      firstResponseDueAt: cases.firstResponseDueAt,
      resolutionDueAt: cases.resolutionDueAt,
      firstResponseBreached: cases.firstResponseBreached,
      resolutionBreached: cases.resolutionBreached,
      reopenCount: cases.reopenCount,
      workMinutes: cases.workMinutes,
      resolutionNote: cases.resolutionNote,
      rating: cases.rating,
      ratingComment: cases.ratingComment,
      source: cases.source,
      externalRef: cases.externalRef,
    })
    .from(cases)
    .innerJoin(people, eq(people.id, cases.requesterId))
    .leftJoin(units, eq(units.id, cases.unitId))
    .leftJoin(services, eq(services.id, cases.serviceId))
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .where(eq(cases.reference, reference));
  return row ?? null;
}

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function listParticipantIds(db: Database, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ personId: caseParticipants.personId })
    .from(caseParticipants)
    .where(eq(caseParticipants.caseId, caseId));
  return rows.map((row) => row.personId);
}

/** Lists the case's timeline, with internal entries only when requested. */
export async function listMessages(db: Database, caseId: string, includeInternal: boolean) {
  return db
    .select({
      id: caseMessages.id,
      kind: caseMessages.kind,
      visibility: caseMessages.visibility,
      authorId: caseMessages.authorId,
      authorName: people.name,
      body: caseMessages.body,
      minutes: caseMessages.minutes,
      createdAt: caseMessages.createdAt,
    })
    .from(caseMessages)
    .leftJoin(people, eq(people.id, caseMessages.authorId))
    .where(
      includeInternal
        ? eq(caseMessages.caseId, caseId)
        : and(eq(caseMessages.caseId, caseId), eq(caseMessages.visibility, 'public')),
    )
    .orderBy(asc(caseMessages.createdAt), asc(caseMessages.id));
}

/**
 * Returns SQL that reads the Malay or English name behind a history value that is an id: the
 * person for assigneeId, the unit, category or service for theirs, and null for other fields. The
 * value is compared as text, so a value that is not a uuid simply finds no name.
 */
function historyValueName(value: AnyPgColumn, language: 'ms' | 'en') {
  const unitName = language === 'ms' ? units.nameMs : units.nameEn;
  const categoryName = language === 'ms' ? categories.nameMs : categories.nameEn;
  const serviceName = language === 'ms' ? services.nameMs : services.nameEn;
  return sql<string | null>`case ${caseHistory.field}
    when 'assigneeId' then (select name from ${people} named where named.id::text = ${value})
    when 'unitId' then (select ${unitName} from ${units} where ${units.id}::text = ${value})
    when 'categoryId' then (select ${categoryName} from ${categories} where ${categories.id}::text = ${value})
    when 'serviceId' then (select ${serviceName} from ${services} where ${services.id}::text = ${value})
    end`;
}

/** Lists a case's history oldest first, with the actor's name and the names behind changed ids. */
export async function listHistory(db: Database, caseId: string) {
  return db
    .select({
      id: caseHistory.id,
      at: caseHistory.at,
      actorId: caseHistory.actorId,
      actorName: people.name,
      action: caseHistory.action,
      field: caseHistory.field,
      oldValue: caseHistory.oldValue,
      newValue: caseHistory.newValue,
      oldNameMs: historyValueName(caseHistory.oldValue, 'ms'),
      oldNameEn: historyValueName(caseHistory.oldValue, 'en'),
      newNameMs: historyValueName(caseHistory.newValue, 'ms'),
      newNameEn: historyValueName(caseHistory.newValue, 'en'),
    })
    .from(caseHistory)
    .leftJoin(people, eq(people.id, caseHistory.actorId))
    .where(eq(caseHistory.caseId, caseId))
    .orderBy(asc(caseHistory.at), asc(caseHistory.id));
}

export async function listAttachments(db: Database, caseId: string) {
  return db
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.createdAt));
}

/** Finds an attachment of a case, with the visibility of the entry it belongs to. */
export async function findCaseAttachment(db: Database, caseId: string, attachmentId: string) {
  const [row] = await db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
      sha256: attachments.sha256,
      visibility: caseMessages.visibility,
    })
    .from(attachments)
    .leftJoin(caseMessages, eq(caseMessages.id, attachments.messageId))
    .where(and(eq(attachments.caseId, caseId), eq(attachments.id, attachmentId)));
  return row ?? null;
}

/** Finds the case behind a rating link by the SHA-256 of its token. */
export async function findRatingToken(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      caseId: ratingTokens.caseId,
      expiresAt: ratingTokens.expiresAt,
      usedAt: ratingTokens.usedAt,
      reference: cases.reference,
      title: cases.title,
      workflowId: cases.workflowId,
      rating: cases.rating,
    })
    .from(ratingTokens)
    .innerJoin(cases, eq(cases.id, ratingTokens.caseId))
    .where(eq(ratingTokens.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks a rating link used; returns false when it was already used. */
export async function useRatingToken(db: Database, tokenHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(ratingTokens)
    .set({ usedAt: at })
    .where(and(eq(ratingTokens.tokenHash, tokenHash), isNull(ratingTokens.usedAt)))
    .returning({ caseId: ratingTokens.caseId });
  return rows.length > 0;
}
