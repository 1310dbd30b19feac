/**
 * The periodic report (laporan berkala): cases and requests by category, channel, unit and month;
 * backlog and ageing; first response and resolution times; reopen rate; service-level attainment;
 * satisfaction. Every number carries the query of the records behind it (see periodic-figures.ts).
 *
 * Times are elapsed time minus the recorded pauses (waiting for the customer or a supplier), not
 * working time: cases record their deadlines and breaches but not the working minutes spent.
 */
import { and, asc, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { rowsOf, type Database } from '../../db/client';
import { cases, categories, units } from '../../db/schema';
import {
  dimensionKey,
  figureCondition,
  filterCondition,
  recordsCondition,
  type FigureContext,
} from './periodic-figures';
import {
  ageBuckets,
  type BreakdownRow,
  type Dimension,
  type DurationSummary,
  type Figure,
  type FigureName,
  type FigureQuery,
  type PeriodicReport,
  type ReportFilters,
  type ReportRecord,
  type ReportScope,
} from './periodic-types';
import type { ReportPeriod } from './periodic-period';

export interface PeriodicReportRequest {
  period: ReportPeriod;
  filters: ReportFilters;
  scope: ReportScope;
  now?: Date;
}

function contextOf(period: ReportPeriod, now: Date): FigureContext {
  return { period, asOf: period.end.getTime() < now.getTime() ? period.end : now };
}

/** Builds the periodic report over the caller's scope. */
export async function buildPeriodicReport(
  db: Database,
  request: PeriodicReportRequest,
): Promise<PeriodicReport> {
  const now = request.now ?? new Date();
  const context = contextOf(request.period, now);
  const base = { from: request.period.from, to: request.period.to, ...request.filters };
  const figure = (name: FigureName, value: number, by?: Dimension, key?: string): Figure => ({
    value,
    query: by ? { ...base, figure: name, by, key } : { ...base, figure: name },
  });
  const scoped = filterCondition(request.filters, request.scope);

  const [received, resolved, backlog, closed, times, satisfaction] = await Promise.all([
    countFigure(db, 'received', context, scoped),
    countFigure(db, 'resolved', context, scoped),
    countFigure(db, 'backlog', context, scoped),
    countCases(db, and(figureCondition('closed', context), scoped)),
    summariseTimes(db, context, scoped),
    summariseRatings(db, context, scoped, figure),
  ]);
  const counts = { received, resolved, backlog };
  const breakdown = (dimension: Exclude<GroupedDimension, 'age'>) =>
    breakdownRows(dimension, counts, figure);
  const total = {
    received: received.total,
    resolved: resolved.total,
    closed,
    reopened: resolved.reopened,
    backlog: backlog.total,
    breached: resolved.breached,
  };
  const [byCategory, byUnit] = await Promise.all([
    labelled(db, 'category', breakdown('category')),
    labelled(db, 'unit', breakdown('unit')),
  ]);

  return {
    period: { from: request.period.from, to: request.period.to },
    filters: request.filters,
    generatedAt: now.toISOString(),
    asOf: context.asOf.toISOString(),
    timeMeasure: 'elapsed_minus_pauses',
    totals: {
      received: figure('received', total.received),
      resolved: figure('resolved', total.resolved),
      closed: figure('closed', total.closed),
      reopened: figure('reopened', total.reopened),
      backlog: figure('backlog', total.backlog),
      breached: figure('breached', total.breached),
      reopenRate: total.resolved > 0 ? total.reopened / total.resolved : null,
      resolutionAttainment:
        total.resolved > 0 ? (total.resolved - total.breached) / total.resolved : null,
    },
    byType: breakdown('type'),
    byCategory,
    byChannel: breakdown('channel'),
    byUnit,
    byMonth: breakdown('month'),
    ageing: ageBuckets.map((bucket) => ({
      key: bucket.key,
      backlog: figure('backlog', backlog.byKey.age.get(bucket.key) ?? 0, 'age', bucket.key),
    })),
    times,
    satisfaction,
  };
}

type FigureMaker = (name: FigureName, value: number, by?: Dimension, key?: string) => Figure;

type GroupedDimension = 'type' | 'category' | 'channel' | 'unit' | 'month' | 'age';
type BreakdownFigure = 'received' | 'resolved' | 'backlog';

/**
 * The dimensions each figure is grouped by. The month of a row depends on the figure (received
 * by opening, resolved by resolution); the backlog has no month but an age.
 */
const groupedBy: Record<BreakdownFigure, GroupedDimension[]> = {
  received: ['type', 'category', 'channel', 'unit', 'month'],
  resolved: ['type', 'category', 'channel', 'unit', 'month'],
  backlog: ['type', 'category', 'channel', 'unit', 'age'],
};

interface FigureCounts {
  total: number;
  /** Among the resolved cases only; 0 for the other figures. */
  reopened: number;
  breached: number;
  byKey: Record<GroupedDimension, Map<string, number>>;
}

/**
 * Counts one figure in total and by each of its dimensions in a single statement: GROUPING SETS
 * group its rows once per dimension, and the empty set gives the total. In grouping(), the bit
 * of the key a result row is grouped by is 0, and every bit is 1 in the total's row.
 * The resolved figure also counts the reopened and breached cases among them.
 */
async function countFigure(
  db: Database,
  name: BreakdownFigure,
  context: FigureContext,
  scoped: SQL | undefined,
): Promise<FigureCounts> {
  const dimensions = groupedBy[name];
  const keys = dimensions.map((dimension) => dimensionKey(dimension, name, context.asOf));
  const among =
    name === 'resolved'
      ? sql`, count(*) filter (where ${figureCondition('reopened', context)})::int as reopened,
          count(*) filter (where ${figureCondition('breached', context)})::int as breached`
      : sql``;
  const rows = rowsOf<{ grouped: number; value: number; reopened?: number; breached?: number }>(
    await db.execute(sql`
      select grouping(${sql.join(keys, sql`, `)}) as grouped,
        ${sql.join(
          keys.map((key, index) => sql`${key} as ${sql.identifier(`k${index}`)}`),
          sql`, `,
        )},
        count(*)::int as value ${among}
      from ${cases}
      where ${and(figureCondition(name, context), scoped)}
      group by grouping sets (${sql.join(
        keys.map((key) => sql`(${key})`),
        sql`, `,
      )}, ())`),
  );
  const counts: FigureCounts = {
    total: 0,
    reopened: 0,
    breached: 0,
    byKey: {
      type: new Map(),
      category: new Map(),
      channel: new Map(),
      unit: new Map(),
      month: new Map(),
      age: new Map(),
    },
  };
  const allGrouped = (1 << dimensions.length) - 1;
  for (const row of rows) {
    const grouped = Number(row.grouped);
    if (grouped === allGrouped) {
      counts.total = Number(row.value);
      counts.reopened = Number(row.reopened ?? 0);
      counts.breached = Number(row.breached ?? 0);
      continue;
    }
    const index = dimensions.findIndex(
      (_, position) => (grouped & (1 << (dimensions.length - 1 - position))) === 0,
    );
    const dimension = dimensions[index];
    const key = (row as Record<string, unknown>)[`k${index}`];
    if (dimension !== undefined && typeof key === 'string')
      counts.byKey[dimension].set(key, Number(row.value));
  }
  return counts;
}

/** Rows of one breakdown, by key, with the received, resolved and backlog figures of each. */
function breakdownRows(
  dimension: Exclude<GroupedDimension, 'age'>,
  counts: Record<BreakdownFigure, FigureCounts>,
  figure: FigureMaker,
): BreakdownRow[] {
  const keys = new Set<string>();
  for (const name of ['received', 'resolved', 'backlog'] as const)
    for (const key of counts[name].byKey[dimension].keys()) keys.add(key);
  const value = (name: BreakdownFigure, key: string) => counts[name].byKey[dimension].get(key) ?? 0;
  return [...keys]
    .sort((a, b) => a.localeCompare(b))
    .map((key) => ({
      key,
      labelMs: null,
      labelEn: null,
      received: figure('received', value('received', key), dimension, key),
      resolved: figure('resolved', value('resolved', key), dimension, key),
      backlog: figure('backlog', value('backlog', key), dimension, key),
    }));
}

async function countCases(db: Database, condition: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ value: sql<number>`count(*)::int` })
    .from(cases)
    .where(condition);
  return row?.value ?? 0;
}

/** Adds the Malay and English names of categories or units to breakdown rows. */
async function labelled(
  db: Database,
  dimension: 'category' | 'unit',
  rows: BreakdownRow[],
): Promise<BreakdownRow[]> {
  const ids = rows.map((row) => row.key).filter((key) => /^[0-9a-f-]{36}$/.test(key));
  if (ids.length === 0) return rows;
  const table = dimension === 'category' ? categories : units;
  const names = await db
    .select({ id: table.id, nameMs: table.nameMs, nameEn: table.nameEn })
    .from(table)
    .where(inArray(table.id, ids));
  const byId = new Map(names.map((name) => [name.id, name]));
  return rows.map((row) => ({
    ...row,
    labelMs: byId.get(row.key)?.nameMs ?? null,
    labelEn: byId.get(row.key)?.nameEn ?? null,
  }));
}

/** Minutes between two instants in double precision (see ageDays on date_part and extract). */
const minutesBetween = (from: SQLWrapper, to: SQLWrapper) =>
  sql`date_part('epoch', ${to} - ${from}) / 60`;

async function summariseDuration(
  db: Database,
  minutes: SQL,
  condition: SQL,
): Promise<DurationSummary> {
  // Both percentiles from one sort of the durations.
  const [row] = await db
    .select({
      cases: sql<number>`count(*)::int`,
      percentiles: sql<
        number[] | null
      >`percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${minutes})`,
    })
    .from(cases)
    .where(condition);
  const round = (value: string | number | null | undefined) =>
    value === null || value === undefined ? null : Math.round(Number(value));
  const [median, p90] = row?.percentiles ?? [];
  return { cases: row?.cases ?? 0, medianMinutes: round(median), p90Minutes: round(p90) };
}

async function summariseTimes(db: Database, context: FigureContext, scoped: SQL | undefined) {
  const [firstResponse, resolution] = await Promise.all([
    summariseDuration(
      db,
      minutesBetween(cases.openedAt, cases.firstRespondedAt),
      and(
        figureCondition('received', context),
        sql`${cases.firstRespondedAt} is not null`,
        scoped,
      ) ?? sql`true`,
    ),
    summariseDuration(
      db,
      sql`greatest(${minutesBetween(cases.openedAt, cases.resolvedAt)} - ${cases.pausedMs}::float8 / 60000, 0)`,
      and(figureCondition('resolved', context), scoped) ?? sql`true`,
    ),
  ]);
  return { firstResponse, resolution };
}

async function summariseRatings(
  db: Database,
  context: FigureContext,
  scoped: SQL | undefined,
  figure: FigureMaker,
) {
  const condition = and(figureCondition('rated', context), scoped);
  const counted = await db
    .select({ rating: cases.rating, value: sql<number>`count(*)::int` })
    .from(cases)
    .where(condition)
    .groupBy(cases.rating);
  const byRating = new Map(counted.map((row) => [row.rating, row.value]));
  const rated = counted.reduce((sum, row) => sum + row.value, 0);
  const weighted = counted.reduce((sum, row) => sum + (row.rating ?? 0) * row.value, 0);
  return {
    rated: figure('rated', rated),
    mean: rated > 0 ? Math.round((weighted / rated) * 100) / 100 : null,
    distribution: [1, 2, 3, 4, 5].map((rating) => ({
      rating,
      rated: figure('rated', byRating.get(rating) ?? 0, 'rating', String(rating)),
    })),
  };
}

/** Maximum records one drill-down returns; `total` still counts them all. */
export const maxRecords = 500;

/** Lists the cases behind one number of the report, oldest first. */
export async function listFigureRecords(
  db: Database,
  query: FigureQuery,
  period: ReportPeriod,
  scope: ReportScope,
  now = new Date(),
): Promise<{ total: number; items: ReportRecord[] }> {
  const condition = recordsCondition(query, contextOf(period, now), scope);
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(cases)
    .where(condition);
  const rows = await db
    .select({
      reference: cases.reference,
      title: cases.title,
      status: cases.status,
      type: cases.type,
      channel: cases.channel,
      unitId: cases.unitId,
      categoryId: cases.categoryId,
      openedAt: cases.openedAt,
      resolvedAt: cases.resolvedAt,
      closedAt: cases.closedAt,
      rating: cases.rating,
    })
    .from(cases)
    .where(condition)
    .orderBy(asc(cases.openedAt), asc(cases.reference))
    .limit(maxRecords);
  return {
    total: counted?.total ?? 0,
    items: rows.map((row) => ({
      ...row,
      openedAt: row.openedAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
    })),
  };
}
