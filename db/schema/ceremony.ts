import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { inventoryResources } from './inventory';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Event support requests (sokongan upacara & teknikal ICT): one row per ceremonySupport workflow,
 * written by its activities.
 */
export const ceremonyEvents = pgTable(
  'ceremony_events',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    venue: text('venue').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    audienceSize: integer('audience_size').notNull(),
    /** CeremonyNeed values of common/ceremony.ts. */
    needs: jsonb('needs').$type<string[]>().notNull(),
    notes: text('notes').notNull().default(''),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => people.id),
    requesterUnitId: uuid('requester_unit_id').references(() => units.id),
    supportUnitId: uuid('support_unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').notNull(),
    endReason: text('end_reason'),
    reason: text('reason'),
    /** References of the reservations that blocked the equipment. */
    conflicts: jsonb('conflicts').$type<string[]>().notNull().default([]),
    requestedAt: at('requested_at').notNull(),
    approvedAt: at('approved_at'),
    teamAssignedAt: at('team_assigned_at'),
    readinessCheckAt: at('readiness_check_at'),
    escalatedAt: at('escalated_at'),
    reconciledAt: at('reconciled_at'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: at('rated_at'),
    closedAt: at('closed_at'),
    workflowId: text('workflow_id').notNull(),
    lastStep: integer('last_step').notNull().default(0),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('ceremony_events_reference_key').on(table.reference),
    index('ceremony_events_requester_idx').on(table.requesterId, table.requestedAt),
    index('ceremony_events_period_idx').on(table.startsAt, table.endsAt),
    check('ceremony_events_period_check', sql`${table.endsAt} > ${table.startsAt}`),
    check(
      'ceremony_events_rating_check',
      sql`${table.rating} IS NULL OR ${table.rating} BETWEEN 1 AND 5`,
    ),
  ],
);

/** Append-only timeline of an event: one row per workflow step. */
export const ceremonyHistory = pgTable(
  'ceremony_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => ceremonyEvents.id),
    step: integer('step').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => people.id),
    details: jsonb('details').notNull().default({}),
    at: at('at').notNull(),
  },
  (table) => [uniqueIndex('ceremony_history_step_key').on(table.eventId, table.step)],
);

/** The work team (pasukan kerja) of an event; a new assignment replaces the rows. */
export const ceremonyTeam = pgTable(
  'ceremony_team',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => ceremonyEvents.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    assignedById: uuid('assigned_by_id').references(() => people.id),
    assignedAt: at('assigned_at').notNull(),
  },
  (table) => [
    uniqueIndex('ceremony_team_member_key').on(table.eventId, table.personId),
    index('ceremony_team_person_idx').on(table.personId),
  ],
);

/** The readiness checklist: a set-up and a test item for each need, ticked by team members. */
export const ceremonyChecklist = pgTable(
  'ceremony_checklist',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => ceremonyEvents.id),
    key: text('key').notNull(),
    need: text('need').notNull(),
    kind: text('kind').notNull(),
    position: integer('position').notNull(),
    tickedById: uuid('ticked_by_id').references(() => people.id),
    tickedAt: at('ticked_at'),
  },
  (table) => [uniqueIndex('ceremony_checklist_item_key').on(table.eventId, table.key)],
);

/** The day's log: entries written by team members during the event. */
export const ceremonyLog = pgTable(
  'ceremony_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => ceremonyEvents.id),
    /** The workflow step that wrote the entry, so a retried write is stored once. */
    step: integer('step').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => people.id),
    body: text('body').notNull(),
    at: at('at').notNull(),
  },
  (table) => [uniqueIndex('ceremony_log_step_key').on(table.eventId, table.step)],
);

/** Equipment reserved for an event and, after it, the reconciliation of each item. */
export const ceremonyEquipment = pgTable(
  'ceremony_equipment',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => ceremonyEvents.id),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => inventoryResources.id),
    /** ReconcileOutcome of common/ceremony.ts, null until reconciled. */
    outcome: text('outcome'),
    location: text('location'),
    note: text('note'),
    damage: text('damage'),
    damageCaseReference: text('damage_case_reference'),
    reconciledById: uuid('reconciled_by_id').references(() => people.id),
    reconciledAt: at('reconciled_at'),
  },
  (table) => [uniqueIndex('ceremony_equipment_item_key').on(table.eventId, table.resourceId)],
);
