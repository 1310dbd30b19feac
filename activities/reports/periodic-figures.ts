/**
 * The figures of the periodic report as SQL conditions over `cases`. The count of a figure and the
 * list of records behind it are built from the same condition, so a drill-down always lists
 * exactly the cases that the number counted.
 *
 * Each case is one row of `cases` whatever its history, so a case reopened or closed twice is
 * counted once: by its latest resolution (`resolved_at`, cleared on reopening and set again on the
 * next resolution) and its latest closure (`closed_at`).
 */
import { and, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { cases, units } from '../../db/schema';
import { reportTimeZone, type ReportPeriod } from './periodic-period';
import {
  ageBuckets,
  noneKey,
  type Dimension,
  type FigureName,
  type FigureQuery,
  type ReportFilters,
  type ReportScope,
} from './periodic-types';

/** Context every condition needs: the period and the instant at which the backlog is measured. */
export interface FigureContext {
  period: ReportPeriod;
  /** The period's end, or now when the period has not ended yet. */
  asOf: Date;
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

function within(column: SQLWrapper, context: FigureContext): SQL {
  return sql`(${column} >= ${at(context.period.start)} and ${column} < ${at(context.period.end)})`;
}

/** Returns the column whose instant places a figure in a month, or null for the backlog. */
export function figureInstant(figure: FigureName) {
  switch (figure) {
    case 'received':
      return cases.openedAt;
    case 'resolved':
    case 'reopened':
    case 'breached':
      return cases.resolvedAt;
    case 'closed':
      return cases.closedAt;
    case 'rated':
      return cases.ratedAt;
    case 'backlog':
      return null;
  }
}

/** Returns the condition that selects the cases a figure counts. */
export function figureCondition(figure: FigureName, context: FigureContext): SQL {
  switch (figure) {
    case 'received':
      return within(cases.openedAt, context);
    case 'resolved':
      return within(cases.resolvedAt, context);
    case 'closed':
      return within(cases.closedAt, context);
    case 'reopened':
      return sql`(${within(cases.resolvedAt, context)} and ${cases.reopenCount} > 0)`;
    case 'breached':
      return sql`(${within(cases.resolvedAt, context)} and ${cases.resolutionBreached})`;
    case 'rated':
      return sql`(${within(cases.ratedAt, context)} and ${cases.rating} is not null)`;
    case 'backlog':
      return backlogCondition(context.asOf);
  }
}

/**
 * Open at the instant: received before it and neither resolved nor closed before it.
 * NOTE: a case reopened after the instant shows its latest resolution only, so for a past period
 * it may be missing from that period's backlog. The full record is in case_history.
 *
 * The condition "resolved and closed each missing or not before the instant" is written as three
 * disjoint branches: still open, resolved at or after it, and closed at or after it without a
 * resolution. PostgreSQL can then combine cases_unfinished_idx, cases_resolved_idx and
 * cases_closed_idx instead of reading every case.
 */
function backlogCondition(asOf: Date): SQL {
  const instant = at(asOf);
  return sql`(${cases.openedAt} < ${instant} and (
    (${cases.resolvedAt} is null and ${cases.closedAt} is null)
    or (${cases.resolvedAt} >= ${instant} and (${cases.closedAt} is null or ${cases.closedAt} >= ${instant}))
    or (${cases.resolvedAt} is null and ${cases.closedAt} >= ${instant})))`;
}

/**
 * An instant as an SQL literal, for the keys that must carry no bound parameter (see
 * dimensionKey). toISOString() writes only digits and `-:.TZ`.
 */
const instantLiteral = (instant: Date) => sql.raw(`'${instant.toISOString()}'::timestamptz`);

/**
 * Returns the age of a case at the instant in whole days. It uses date_part, which gives double
 * precision, because extract gives numeric, and numeric arithmetic is slower per row.
 */
function ageDays(asOf: Date): SQL<number> {
  return sql<number>`floor(date_part('epoch', ${instantLiteral(asOf)} - ${cases.openedAt}) / 86400)::int`;
}

/** `none` as an SQL literal: a bound parameter would make each use of a key a new expression. */
const none = sql.raw(`'${noneKey}'`);

/**
 * Returns the SQL expression of a breakdown's key; empty values become `none`. No key carries a
 * bound parameter, so the same key written twice in one statement (in GROUPING SETS and in
 * grouping()) is the same expression to PostgreSQL.
 */
export function dimensionKey(dimension: Dimension, figure: FigureName, asOf: Date): SQL<string> {
  switch (dimension) {
    case 'category':
      return sql<string>`coalesce(${cases.categoryId}::text, ${none})`;
    case 'unit':
      return sql<string>`coalesce(${cases.unitId}::text, ${none})`;
    case 'channel':
      return sql<string>`${cases.channel}`;
    case 'type':
      return sql<string>`${cases.type}`;
    case 'rating':
      return sql<string>`coalesce(${cases.rating}::text, ${none})`;
    case 'month': {
      const instant = figureInstant(figure) ?? cases.openedAt;
      return sql<string>`to_char(${instant} at time zone ${sql.raw(`'${reportTimeZone}'`)}, 'YYYY-MM')`;
    }
    case 'age':
      return ageBucketKey(asOf);
  }
}

/** The age bucket of a case at the instant; the bounds and keys are literals from ageBuckets. */
function ageBucketKey(asOf: Date): SQL<string> {
  const days = ageDays(asOf);
  const literal = (value: string | number) =>
    sql.raw(typeof value === 'number' ? String(value) : `'${value}'`);
  const branches = ageBuckets.map((bucket) =>
    bucket.maxDays === null
      ? sql`when ${days} >= ${literal(bucket.minDays)} then ${literal(bucket.key)}`
      : sql`when ${days} between ${literal(bucket.minDays)} and ${literal(bucket.maxDays)} then ${literal(bucket.key)}`,
  );
  return sql<string>`(case ${sql.join(branches, sql` `)} end)`;
}

/** Returns the condition of the report's filters and the caller's scope. */
export function filterCondition(filters: ReportFilters, scope: ReportScope): SQL | undefined {
  const parts: SQL[] = [];
  if (filters.unitId) parts.push(sql`${cases.unitId} = ${filters.unitId}`);
  if (filters.category) parts.push(sql`${cases.categoryId} = ${filters.category}`);
  if (filters.channel) parts.push(sql`${cases.channel} = ${filters.channel}`);
  if (filters.campus) {
    parts.push(
      sql`${cases.unitId} in (select ${units.id} from ${units} where ${units.campusId} = ${filters.campus})`,
    );
  }
  if (scope.unitIds !== null) {
    parts.push(scope.unitIds.length > 0 ? inArray(cases.unitId, scope.unitIds) : sql`false`);
  }
  return parts.length > 0 ? and(...parts) : undefined;
}

/** Returns the condition selecting the records behind one number of the report. */
export function recordsCondition(
  query: FigureQuery,
  context: FigureContext,
  scope: ReportScope,
): SQL {
  const parts: SQL[] = [figureCondition(query.figure, context)];
  const filters = filterCondition(query, scope);
  if (filters) parts.push(filters);
  if (query.by && query.key !== undefined) {
    const key = dimensionKey(query.by, query.figure, context.asOf);
    parts.push(sql`${key} = ${query.key}`);
  }
  return and(...parts) ?? sql`true`;
}
