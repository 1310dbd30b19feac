import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people, units } from './identity';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** ICT assets and bookable resources (inventori ICT): laptops, projectors, PA systems, rooms. */
export const inventoryResources = pgTable(
  'inventory_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The asset tag printed on the item, unique. */
    tag: text('tag').notNull(),
    serialNumber: text('serial_number'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    location: text('location').notNull(),
    condition: text('condition').notNull().default('good'),
    status: text('status').notNull().default('available'),
    owningUnitId: uuid('owning_unit_id')
      .notNull()
      .references(() => units.id),
    /** Whether customers may reserve and borrow it. */
    bookable: boolean('bookable').notNull().default(true),
    maxLoanHours: integer('max_loan_hours').notNull().default(168),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('inventory_resources_tag_key').on(table.tag),
    index('inventory_resources_unit_idx').on(table.owningUnitId),
    check('inventory_resources_max_loan_hours_check', sql`${table.maxLoanHours} > 0`),
  ],
);

/** Append-only history of every change, movement, handover and return of a resource. */
export const inventoryHistory = pgTable(
  'inventory_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => inventoryResources.id),
    event: text('event').notNull(),
    actorId: uuid('actor_id').references(() => people.id),
    /** Old and new values of the changed fields. */
    oldValues: jsonb('old_values').notNull().default({}),
    newValues: jsonb('new_values').notNull().default({}),
    note: text('note').notNull().default(''),
    /** The loan or event behind a handover or return. */
    holderReference: text('holder_reference'),
    /** Set by workflow activities so that a retried write is recorded once. */
    idempotencyKey: text('idempotency_key'),
    at: at('at').notNull().defaultNow(),
  },
  (table) => [
    index('inventory_history_resource_idx').on(table.resourceId, table.at),
    uniqueIndex('inventory_history_idempotency_key').on(table.idempotencyKey),
  ],
);

/**
 * Reservations of a resource for a period [starts_at, ends_at). Writers lock the resource row
 * before checking for overlap, so two overlapping held reservations cannot both be inserted.
 */
export const resourceReservations = pgTable(
  'resource_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => inventoryResources.id),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    status: text('status').notNull().default('held'),
    holderKind: text('holder_kind').notNull(),
    holderReference: text('holder_reference').notNull(),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: at('created_at').notNull().defaultNow(),
    endedAt: at('ended_at'),
  },
  (table) => [
    uniqueIndex('resource_reservations_holder_key').on(table.holderReference, table.resourceId),
    index('resource_reservations_period_idx').on(table.resourceId, table.startsAt),
    check('resource_reservations_period_check', sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

/** Loans (pinjaman) of a resource: one row per facilityLoan workflow, written by its activities. */
export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => inventoryResources.id),
    borrowerId: uuid('borrower_id')
      .notNull()
      .references(() => people.id),
    borrowerUnitId: uuid('borrower_unit_id').references(() => units.id),
    owningUnitId: uuid('owning_unit_id')
      .notNull()
      .references(() => units.id),
    purpose: text('purpose').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    status: text('status').notNull(),
    endReason: text('end_reason'),
    reason: text('reason'),
    termsAcceptedAt: at('terms_accepted_at').notNull(),
    requestedAt: at('requested_at').notNull(),
    handedOverAt: at('handed_over_at'),
    handedOverById: uuid('handed_over_by_id').references(() => people.id),
    checkoutCondition: text('checkout_condition'),
    borrowerAcknowledgedAt: at('borrower_acknowledged_at'),
    returnedAt: at('returned_at'),
    returnedToId: uuid('returned_to_id').references(() => people.id),
    checkinCondition: text('checkin_condition'),
    damage: text('damage'),
    damageCaseReference: text('damage_case_reference'),
    reminderSentAt: at('reminder_sent_at'),
    overdueSince: at('overdue_since'),
    escalatedAt: at('escalated_at'),
    closedAt: at('closed_at'),
    workflowId: text('workflow_id').notNull(),
    lastStep: integer('last_step').notNull().default(0),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('loans_reference_key').on(table.reference),
    index('loans_borrower_idx').on(table.borrowerId, table.requestedAt),
    index('loans_owning_unit_idx').on(table.owningUnitId, table.status),
  ],
);

/** Append-only timeline of a loan: one row per workflow step. */
export const loanHistory = pgTable(
  'loan_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    step: integer('step').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => people.id),
    details: jsonb('details').notNull().default({}),
    at: at('at').notNull(),
  },
  (table) => [uniqueIndex('loan_history_step_key').on(table.loanId, table.step)],
);
