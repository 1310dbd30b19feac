import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from './identity';

/**
 * Corrective-action candidates (calon tindakan pembetulan) raised from a trend flag, with the
 * evidence as it stood when the flag was raised. One candidate per series and week.
 */
export const correctiveActionCandidates = pgTable(
  'corrective_action_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'rise': a significant weekly rise in a series. */
    kind: text('kind').notNull(),
    /** The series' dimension: 'category', 'service' or 'unit'. */
    dimension: text('dimension').notNull(),
    /** The id of the category, service or unit. */
    seriesKey: text('series_key').notNull(),
    /** Monday starting the flagged week, Malaysian calendar. */
    weekStart: date('week_start').notNull(),
    observed: integer('observed').notNull(),
    expected: doublePrecision('expected').notNull(),
    pValue: doublePrecision('p_value').notNull(),
    /** The weekly counts, the baseline, the test and the references of the cases in the week. */
    evidence: jsonb('evidence').notNull(),
    /** 'open' until the quality coordinator accepts or dismisses it. */
    status: text('status').notNull().default('open'),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('corrective_action_candidates_series_week_key').on(
      table.kind,
      table.dimension,
      table.seriesKey,
      table.weekStart,
    ),
    index('corrective_action_candidates_status_idx').on(table.status, table.createdAt),
  ],
);
