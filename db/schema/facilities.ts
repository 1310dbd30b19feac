import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { FacilityField, FacilityItemKind } from '../../common/facility-request';
import { people, units } from './identity';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** ICT facilities that can be applied for (kemudahan ICT), each with its own application fields. */
export const facilityItems = pgTable('facility_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameMs: text('name_ms').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').$type<FacilityItemKind>().notNull(),
  /** Unit that provides the facility and works its provision steps. */
  unitId: uuid('unit_id').references(() => units.id),
  fields: jsonb('fields').$type<FacilityField[]>().notNull().default([]),
  /** Names of the provision steps, in order. */
  provisionSteps: jsonb('provision_steps').$type<string[]>().notNull().default([]),
  /** Download URL given to the entitled requester of a software item after handover. */
  downloadUrl: text('download_url'),
  value: integer('value'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/** Applications for a facility (permohonan kemudahan ICT), written by the facilityRequest workflow. */
export const facilityApplications = pgTable(
  'facility_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => facilityItems.id),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => people.id),
    requesterUnitId: uuid('requester_unit_id').references(() => units.id),
    providerUnitId: uuid('provider_unit_id').references(() => units.id),
    answers: jsonb('answers').$type<Record<string, string | number | boolean>>().notNull(),
    /** See `facilityRequestStatuses` in common/facility-request.ts. */
    status: text('status').notNull().default('pending_approval'),
    rejectionReason: text('rejection_reason'),
    /** Provision steps with who finished each and when. */
    steps: jsonb('steps')
      .$type<{ name: string; doneById: string | null; doneAt: string | null }[]>()
      .notNull()
      .default([]),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    lastStep: integer('last_step').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('facility_applications_requester_idx').on(table.requesterId, table.createdAt),
    index('facility_applications_status_idx').on(table.status, table.providerUnitId),
  ],
);

/** The timeline of an application: one row per change, in order of `step`. */
export const facilityApplicationEvents = pgTable(
  'facility_application_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => facilityApplications.id),
    step: integer('step').notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').references(() => people.id),
    detail: text('detail'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [index('facility_application_events_app_idx').on(table.applicationId, table.step)],
);
