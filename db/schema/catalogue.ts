import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from './identity';

/** Services of the catalogue (perkhidmatan), each with Malay and English names. */
export const services = pgTable('services', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameMs: text('name_ms').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionMs: text('description_ms').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  defaultUnitId: uuid('default_unit_id').references(() => units.id),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Categories (kategori) within a service; a case is classified by one. */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    code: text('code').notNull().unique(),
    nameMs: text('name_ms').notNull(),
    nameEn: text('name_en').notNull(),
    /** Unit that receives cases of this category when none is chosen; else the service's. */
    defaultUnitId: uuid('default_unit_id').references(() => units.id),
    defaultImpact: integer('default_impact').notNull().default(2),
    defaultUrgency: integer('default_urgency').notNull().default(2),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('categories_service_idx').on(table.serviceId)],
);

/** Service targets per priority, in working minutes of the default calendar (see calendars.ts). */
export const slaTargets = pgTable('sla_targets', {
  priority: integer('priority').primaryKey(),
  nameMs: text('name_ms').notNull(),
  nameEn: text('name_en').notNull(),
  firstResponseMinutes: integer('first_response_minutes').notNull(),
  resolutionMinutes: integer('resolution_minutes').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
