import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import type {
  GuaranteeRefundResult,
  ProcurementContract,
  ProjectDocument,
} from '../../common/ict-project';
import { people, units } from './identity';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** ICT projects (projek ICT): the current state of each ictProject workflow. */
export const ictProjects = pgTable(
  'ict_projects',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    variant: text('variant').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => people.id),
    applicantUnitId: uuid('applicant_unit_id').references(() => units.id),
    estimatedValue: numeric('estimated_value', {
      precision: 14,
      scale: 2,
      mode: 'number',
    }).notNull(),
    status: text('status').notNull(),
    currentGate: text('current_gate'),
    /** Approval authority chosen by value: division, university, kpt or mampu. */
    authority: text('authority').notNull(),
    rejectedAt: text('rejected_at'),
    reason: text('reason'),
    documents: jsonb('documents')
      .$type<ProjectDocument[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    contract: jsonb('contract').$type<ProcurementContract>(),
    refund: jsonb('refund').$type<GuaranteeRefundResult>(),
    workflowId: text('workflow_id').notNull(),
    lastStep: integer('last_step').notNull().default(1),
    requestedAt: at('requested_at').notNull(),
    closedAt: at('closed_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [index('ict_projects_status_idx').on(table.status)],
);

/**
 * Append-only timeline of a project: one row per step of the project workflow (`source` project)
 * or of its procurement and guarantee children, each numbered by its own workflow.
 */
export const ictProjectHistory = pgTable(
  'ict_project_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => ictProjects.id),
    source: text('source').notNull(),
    step: integer('step').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => people.id),
    details: jsonb('details').notNull().default({}),
    at: at('at').notNull(),
  },
  (table) => [
    uniqueIndex('ict_project_history_step_key').on(table.projectId, table.source, table.step),
  ],
);
