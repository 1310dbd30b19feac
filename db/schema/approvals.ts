import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ApprovalRuleLevel } from '../../common/approval';
import { people, units } from './identity';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Rules that choose the approval levels of a subject. The active rule with the lowest `priority`
 * whose non-null filters all match wins; a null filter matches anything.
 */
export const approvalRules = pgTable(
  'approval_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    subjectKind: text('subject_kind').notNull(),
    category: text('category'),
    unitId: uuid('unit_id').references(() => units.id),
    /** Inclusive lower bound of the subject's value in RM. */
    minValue: numeric('min_value', { precision: 14, scale: 2, mode: 'number' }),
    /** Exclusive upper bound of the subject's value in RM. */
    maxValue: numeric('max_value', { precision: 14, scale: 2, mode: 'number' }),
    priority: integer('priority').notNull().default(100),
    /** The levels in order, validated by `approvalRuleLevelsSchema` of common/approval.ts. */
    levels: jsonb('levels').$type<ApprovalRuleLevel[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('approval_rules_kind_idx').on(table.subjectKind, table.priority)],
);

/** An approver's absence: from `startsOn` to `endsOn` (inclusive, Malaysian dates) the delegate decides. */
export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => people.id),
    delegateId: uuid('delegate_id')
      .notNull()
      .references(() => people.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    index('approval_delegations_approver_idx').on(table.approverId, table.endsOn),
    index('approval_delegations_delegate_idx').on(table.delegateId, table.endsOn),
  ],
);

/**
 * One row per approver per level of a chain, with the decision once taken. `slotApproverId` is the
 * approver whose vote the row counts as: the approver themself, or the silent approver for a row
 * that an escalation created for their unit head.
 */
export const approvalTasks = pgTable(
  'approval_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: text('workflow_id').notNull(),
    subjectKind: text('subject_kind').notNull(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => people.id),
    link: text('link').notNull(),
    level: integer('level').notNull(),
    mode: text('mode').notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => people.id),
    slotApproverId: uuid('slot_approver_id')
      .notNull()
      .references(() => people.id),
    delegateId: uuid('delegate_id').references(() => people.id),
    /** 'pending', 'approved', 'rejected' or 'superseded'. */
    status: text('status').notNull().default('pending'),
    decidedById: uuid('decided_by_id').references(() => people.id),
    onBehalfOf: uuid('on_behalf_of').references(() => people.id),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    escalated: boolean('escalated').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('approval_tasks_slot_key').on(table.workflowId, table.level, table.approverId),
    index('approval_tasks_approver_idx').on(table.approverId, table.status),
    index('approval_tasks_delegate_idx').on(table.delegateId, table.status),
    index('approval_tasks_decider_idx').on(table.decidedById, table.decidedAt),
    index('approval_tasks_reference_idx').on(table.reference),
  ],
);

/** Single-use decision links sent by e-mail; only the SHA-256 of the token is stored. */
export const approvalLinks = pgTable(
  'approval_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => approvalTasks.id),
    /** The person the link was sent to: the approver or their delegate. */
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('approval_links_task_idx').on(table.taskId)],
);
