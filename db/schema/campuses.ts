import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Campuses (kampus) of the university, such as UTM's Johor Bahru and Kuala Lumpur campuses. A unit
 * works at one campus, and the periodic report filters cases by the campus of their unit.
 */
export const campuses = pgTable('campuses', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameMs: text('name_ms').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
