/**
 * Service-level policies and the result of each case against them. `sla_policies` replaces the
 * per-priority `sla_targets` for the workflows; `sla_targets` stays for the demo's history
 * generator, which reads it.
 */
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SlaEscalation, SlaTarget } from '../../common/sla';
import { cases } from './cases';
import { categories } from './catalogue';

export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key of a seeded policy, so loading the reference data again updates it. */
    code: text('code').notNull().unique(),
    nameMs: text('name_ms').notNull(),
    nameEn: text('name_en').notNull(),
    /** One of common/sla.ts slaWorkflowTypes. */
    workflowType: text('workflow_type').notNull(),
    /** Null applies the policy to every category. */
    categoryId: uuid('category_id').references(() => categories.id),
    /** Null applies the policy to every priority. */
    priority: integer('priority'),
    /** Null means the workflow type has no such target. */
    firstResponse: jsonb('first_response').$type<SlaTarget>(),
    resolution: jsonb('resolution').$type<SlaTarget>(),
    pauseStatuses: text('pause_statuses')
      .array()
      .notNull()
      .default(['waiting_customer', 'waiting_supplier']),
    /** 'continue' or 'restart', see common/sla.ts ReopenMode. */
    reopenMode: text('reopen_mode').notNull().default('continue'),
    warningShares: jsonb('warning_shares').$type<number[]>().notNull().default([0.75]),
    escalation: jsonb('escalation')
      .$type<SlaEscalation>()
      .notNull()
      .default({ notifyUnitHead: true, raisePriority: false, reassignToUnitQueue: false }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('sla_policies_scope_key')
      .on(table.workflowType, table.categoryId, table.priority)
      .nullsNotDistinct(),
  ],
);

/**
 * The result of one case against one target, written once when the case closes. Rows are never
 * updated: the insert does nothing when the row exists.
 */
export const slaResults = pgTable(
  'sla_results',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** 'firstResponse' or 'resolution'. */
    target: text('target').notNull(),
    policyId: uuid('policy_id').references(() => slaPolicies.id),
    targetMs: bigint('target_ms', { mode: 'number' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Working time from the start of the clock to the time the target was met (or the close). */
    workingMsElapsed: bigint('working_ms_elapsed', { mode: 'number' }).notNull(),
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull(),
    met: boolean('met').notNull(),
    metAt: timestamp('met_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.target] }),
    index('sla_results_policy_idx').on(table.policyId, table.recordedAt),
  ],
);
