import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { categories, services } from './catalogue';
import { people, units } from './identity';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** Yearly sequences behind readable references such as ADU-2026-000123. */
export const referenceCounters = pgTable(
  'reference_counters',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.prefix, table.year] })],
);

/** Cases (kes): complaints now, requests later. Written only by activities. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    /** 'incident' (aduan) or 'request' (permohonan). */
    type: text('type').notNull().default('incident'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull(),
    channel: text('channel').notNull(),
    priority: integer('priority').notNull(),
    impact: integer('impact').notNull(),
    urgency: integer('urgency').notNull(),
    serviceId: uuid('service_id').references(() => services.id),
    categoryId: uuid('category_id').references(() => categories.id),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => people.id),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => people.id),
    unitId: uuid('unit_id').references(() => units.id),
    assigneeId: uuid('assignee_id').references(() => people.id),
    /** Empty for imported cases that were already closed. */
    workflowId: text('workflow_id'),
    waitingFor: text('waiting_for'),
    openedAt: at('opened_at').notNull(),
    firstRespondedAt: at('first_responded_at'),
    resolvedAt: at('resolved_at'),
    closedAt: at('closed_at'),
    firstResponseDueAt: at('first_response_due_at'),
    resolutionDueAt: at('resolution_due_at'),
    firstResponseBreached: boolean('first_response_breached').notNull().default(false),
    resolutionBreached: boolean('resolution_breached').notNull().default(false),
    pausedMs: integer('paused_ms').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    reassignmentCount: integer('reassignment_count').notNull().default(0),
    workMinutes: integer('work_minutes').notNull().default(0),
    resolutionNote: text('resolution_note'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: at('rated_at'),
    /** Where the case came from: 'khidmat' or an import such as 'servicenow'. */
    source: text('source').notNull().default('khidmat'),
    /** The case's number in the system it was imported from. */
    externalRef: text('external_ref'),
    /** The workflow step last written, so a retried activity does not write it twice. */
    lastStep: integer('last_step').notNull().default(0),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(reference, '') || ' ' || coalesce(title, '') || ' ' || coalesce(description, ''))`,
    ),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('cases_source_external_ref_key').on(table.source, table.externalRef),
    index('cases_requester_idx').on(table.requesterId, table.openedAt),
    index('cases_unit_status_due_idx').on(table.unitId, table.status, table.resolutionDueAt),
    index('cases_assignee_status_idx').on(table.assigneeId, table.status),
    index('cases_status_opened_idx').on(table.status, table.openedAt),
    index('cases_opened_idx').on(table.openedAt, table.id),
    index('cases_search_idx').using('gin', table.search),
    // The agent queue: open cases of a unit in the order listCases sorts by deadline, so a page
    // is read in order without a sort. The expression and the status list must stay equal to
    // listCases' due sort key and to openStatuses, or the planner cannot use the index.
    index('cases_open_queue_idx')
      .on(
        table.unitId,
        sql`coalesce(${table.resolutionDueAt}, '9999-12-31T00:00:00.000Z'::timestamptz)`,
        table.id,
      )
      .where(
        sql`${table.status} in ('new', 'assigned', 'in_progress', 'waiting_customer', 'waiting_supplier')`,
      ),
    // The periodic report counts cases by the instant they were resolved, closed or rated. Its
    // backlog reads the cases resolved or closed after an instant and those still open (see
    // periodic-figures.ts). With these indexes each figure reads its own rows, not every case. The
    // resolved cases are the report's largest set: their index, like that of the rated cases,
    // also contains every column the report reads of them, so PostgreSQL answers from the index
    // without visiting the table.
    index('cases_resolved_idx')
      .on(
        table.resolvedAt,
        table.openedAt,
        table.type,
        table.channel,
        table.categoryId,
        table.unitId,
        table.pausedMs,
        table.reopenCount,
        table.resolutionBreached,
      )
      .where(sql`${table.resolvedAt} is not null`),
    index('cases_closed_idx')
      .on(table.closedAt)
      .where(sql`${table.closedAt} is not null`),
    index('cases_rated_idx')
      .on(table.ratedAt, table.rating)
      .where(sql`${table.ratedAt} is not null`),
    index('cases_unfinished_idx')
      .on(table.openedAt)
      .where(sql`${table.resolvedAt} is null and ${table.closedAt} is null`),
  ],
);

/** People copied on a case besides the requester; they may read it and reply. */
export const caseParticipants = pgTable(
  'case_participants',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.personId] }),
    index('case_participants_person_idx').on(table.personId),
  ],
);

/**
 * Append-only history of every change to a case: who, when, what, old and new values. Reports of
 * time in a status are computed from the 'status' rows.
 */
export const caseHistory = pgTable(
  'case_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: at('at').notNull(),
    actorId: uuid('actor_id').references(() => people.id),
    /** What happened: 'opened', 'classified', 'assigned', 'status', 'imported', ... */
    action: text('action').notNull(),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    details: jsonb('details'),
    /** Makes a retried write a no-op: '<workflow step>:<n>' or an import row key. */
    idempotencyKey: text('idempotency_key'),
  },
  (table) => [
    index('case_history_case_idx').on(table.caseId, table.at),
    uniqueIndex('case_history_idempotency_key').on(table.caseId, table.idempotencyKey),
  ],
);

/** The case's timeline: replies, internal notes, work logs, findings and the resolution. */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    /** 'public' entries are shown to the customer; 'internal' ones only to staff. */
    visibility: text('visibility').notNull(),
    authorId: uuid('author_id').references(() => people.id),
    body: text('body').notNull(),
    minutes: integer('minutes'),
    createdAt: at('created_at').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (table) => [
    index('case_messages_case_idx').on(table.caseId, table.createdAt),
    uniqueIndex('case_messages_idempotency_key').on(table.caseId, table.idempotencyKey),
  ],
);

/** Attachments; the content lives in DATA_DIR/files under its SHA-256. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    messageId: uuid('message_id').references(() => caseMessages.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => people.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('attachments_case_idx').on(table.caseId)],
);

/** Findings (dapatan baharu) kept as knowledge-base drafts. */
export const knowledgeDrafts = pgTable(
  'knowledge_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => people.id),
    status: text('status').notNull().default('draft'),
    createdAt: at('created_at').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
  },
  (table) => [index('knowledge_drafts_case_idx').on(table.caseId)],
);

/** Single-use rating links sent with the resolution; only the SHA-256 of the token is stored. */
export const ratingTokens = pgTable('rating_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});
