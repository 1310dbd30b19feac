import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity';

/** Filters of a subscribed periodic report: ids of a unit, a category and a campus, and a channel. */
export interface ReportSubscriptionFilters {
  unitId?: string;
  category?: string;
  channel?: string;
  campus?: string;
}

/**
 * People who receive the periodic report by e-mail when its period ends. A cancelled
 * subscription keeps its row with `cancelled_at` set.
 */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** 'monthly', 'quarterly' or 'annual'. */
    kind: text('kind').notNull(),
    /** 'ms' or 'en'. */
    language: text('language').notNull(),
    /** 'xlsx' or 'pdf'. */
    format: text('format').notNull(),
    filters: jsonb('filters').$type<ReportSubscriptionFilters>().notNull().default({}),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledById: uuid('cancelled_by_id').references(() => people.id),
  },
  (table) => [
    // One active subscription per person and report, so subscribing twice is a conflict.
    uniqueIndex('report_subscriptions_active_key')
      .on(table.personId, table.kind, table.language, table.format, table.filters)
      .where(sql`${table.cancelledAt} is null`),
    index('report_subscriptions_kind_idx').on(table.kind, table.cancelledAt),
  ],
);
