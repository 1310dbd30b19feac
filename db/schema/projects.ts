import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  GuaranteeRefundResult,
  ProcurementContract,
  ProjectDocument,
  ProjectThresholds,
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
    /** The thresholds the workflow read when it started; null for projects opened before them. */
    thresholds: jsonb('thresholds').$type<ProjectThresholds>(),
    /** Perlu perolehan?, the security kind and the defects-liability days given with the need. */
    procurementNeeded: boolean('procurement_needed'),
    securityKind: text('security_kind'),
    defectsLiabilityDays: integer('defects_liability_days'),
    workflowId: text('workflow_id').notNull(),
    lastStep: integer('last_step').notNull().default(1),
    requestedAt: at('requested_at').notNull(),
    closedAt: at('closed_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('ict_projects_status_idx').on(table.status),
    index('ict_projects_requested_idx').on(table.requestedAt, table.id),
    index('ict_projects_applicant_idx').on(table.applicantId, table.requestedAt),
  ],
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

const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });
const rate = (name: string) => numeric(name, { precision: 6, scale: 5, mode: 'number' });

/**
 * The project settings: one row (id 1) of value thresholds in RM, rates as fractions and the
 * procurement deadlines in days, which the ictProject workflow reads when it starts. The
 * migrations seed the Treasury defaults.
 */
export const projectSettings = pgTable(
  'project_settings',
  {
    id: smallint('id').primaryKey().default(1),
    approvalUniversity: money('approval_university').notNull(),
    approvalKpt: money('approval_kpt').notNull(),
    approvalMampu: money('approval_mampu').notNull(),
    quotationAbove: money('quotation_above').notNull(),
    tenderAbove: money('tender_above').notNull(),
    securityRequiredAbove: money('security_required_above').notNull(),
    securityHigherRateAbove: money('security_higher_rate_above').notNull(),
    securityRate: rate('security_rate').notNull(),
    securityHigherRate: rate('security_higher_rate').notNull(),
    retentionRate: rate('retention_rate').notNull(),
    retentionReleasedAtCompletion: rate('retention_released_at_completion').notNull(),
    financeEmail: text('finance_email'),
    // Procurement deadlines in calendar days; the defaults match procurementDeadlineDefaults.
    documentsDays: smallint('documents_days').notNull().default(14),
    evaluationDays: smallint('evaluation_days').notNull().default(14),
    vendorAppointmentDays: smallint('vendor_appointment_days').notNull().default(7),
    purchaseOrderDays: smallint('purchase_order_days').notNull().default(7),
    contractDays: smallint('contract_days').notNull().default(14),
    reminderLeadDays: smallint('reminder_lead_days').notNull().default(2),
    updatedById: uuid('updated_by_id').references(() => people.id),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    check('project_settings_single_row_check', sql`${table.id} = 1`),
    check(
      'project_settings_ascending_check',
      sql`${table.approvalUniversity} < ${table.approvalKpt} and ${table.approvalKpt} < ${table.approvalMampu} and ${table.quotationAbove} < ${table.tenderAbove} and ${table.securityRequiredAbove} < ${table.securityHigherRateAbove}`,
    ),
    check(
      'project_settings_deadlines_check',
      sql`least(${table.documentsDays}, ${table.evaluationDays}, ${table.vendorAppointmentDays}, ${table.purchaseOrderDays}, ${table.contractDays}) > ${table.reminderLeadDays} and ${table.reminderLeadDays} >= 1 and greatest(${table.documentsDays}, ${table.evaluationDays}, ${table.vendorAppointmentDays}, ${table.purchaseOrderDays}, ${table.contractDays}) <= 365`,
    ),
  ],
);

/** Milestones of a project with planned and actual dates, for the timeline. Removed ones stay. */
export const ictProjectMilestones = pgTable(
  'ict_project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => ictProjects.id),
    name: text('name').notNull(),
    plannedStart: date('planned_start', { mode: 'string' }).notNull(),
    plannedEnd: date('planned_end', { mode: 'string' }).notNull(),
    actualStart: date('actual_start', { mode: 'string' }),
    actualEnd: date('actual_end', { mode: 'string' }),
    status: text('status').notNull().default('planned'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    removedAt: at('removed_at'),
  },
  (table) => [
    index('ict_project_milestones_project_idx').on(table.projectId, table.plannedStart),
    check(
      'ict_project_milestones_planned_check',
      sql`${table.plannedEnd} >= ${table.plannedStart}`,
    ),
    check(
      'ict_project_milestones_actual_check',
      sql`${table.actualEnd} is null or (${table.actualStart} is not null and ${table.actualEnd} >= ${table.actualStart})`,
    ),
  ],
);

/** The technical and management team of a project: a person and their role on it. */
export const ictProjectTeam = pgTable(
  'ict_project_team',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => ictProjects.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    removedAt: at('removed_at'),
  },
  (table) => [
    uniqueIndex('ict_project_team_member_key')
      .on(table.projectId, table.personId, table.role)
      .where(sql`${table.removedAt} is null`),
    index('ict_project_team_person_idx').on(table.personId),
  ],
);

/** The risk register of a project: likelihood and impact from 1 to 5, owner and mitigation. */
export const ictProjectRisks = pgTable(
  'ict_project_risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => ictProjects.id),
    description: text('description').notNull(),
    likelihood: smallint('likelihood').notNull(),
    impact: smallint('impact').notNull(),
    ownerId: uuid('owner_id').references(() => people.id),
    mitigation: text('mitigation').notNull().default(''),
    status: text('status').notNull().default('open'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    removedAt: at('removed_at'),
  },
  (table) => [
    index('ict_project_risks_project_idx').on(table.projectId),
    check(
      'ict_project_risks_levels_check',
      sql`${table.likelihood} between 1 and 5 and ${table.impact} between 1 and 5`,
    ),
  ],
);
