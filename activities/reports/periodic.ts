/**
 * The periodic report (laporan berkala): cases and requests by category, channel, unit and month;
 * backlog and ageing; first response and resolution times; reopen rate; service-level attainment;
 * satisfaction. Every number carries the query of the records behind it (see periodic-figures.ts).
 *
 * Times are elapsed time minus the recorded pauses (waiting for the customer or a supplier), not
 * working time: cases record their deadlines and breaches but not the working minutes spent.
 */
import { and, asc, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../db/client';
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

/**
 * Groups by the first selected column by position: a key expression repeated in GROUP BY would
 * carry fresh bind parameters, and PostgreSQL would not see the two as the same expression.
 */
const firstColumn = sql.raw('1');

const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;

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

  const [totals] = await db
    .select({
      received: countWhere(figureCondition('received', context)),
      resolved: countWhere(figureCondition('resolved', context)),
      closed: countWhere(figureCondition('closed', context)),
      reopened: countWhere(figureCondition('reopened', context)),
      backlog: countWhere(figureCondition('backlog', context)),
      breached: countWhere(figureCondition('breached', context)),
    })
    .from(cases)
    .where(scoped);
  const total = totals ?? {
    received: 0,
    resolved: 0,
    closed: 0,
    reopened: 0,
    backlog: 0,
    breached: 0,
  };

  const breakdown = (dimension: Dimension) =>
    countBreakdown(db, dimension, context, scoped, figure);

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
    byType: await breakdown('type'),
    byCategory: await labelled(db, 'category', await breakdown('category')),
    byChannel: await breakdown('channel'),
    byUnit: await labelled(db, 'unit', await breakdown('unit')),
    byMonth: await breakdown('month'),
    ageing: await countAgeing(db, context, scoped, figure),
    times: await summariseTimes(db, context, scoped),
    satisfaction: await summariseRatings(db, context, scoped, figure),
  };
}

type FigureMaker = (name: FigureName, value: number, by?: Dimension, key?: string) => Figure;

async function countBreakdown(
  db: Database,
  dimension: Dimension,
  context: FigureContext,
  scoped: SQL | undefined,
  figure: FigureMaker,
): Promise<BreakdownRow[]> {
  // The month of a row depends on the figure (received by opening, resolved by resolution), so
  // the month breakdown groups each figure by its own instant in a separate query.
  const figures: FigureName[] = ['received', 'resolved', 'backlog'];
  const rows = new Map<string, Record<'received' | 'resolved' | 'backlog', number>>();
  for (const name of figures) {
    if (dimension === 'month' && name === 'backlog') continue;
    const key = dimensionKey(dimension, name, context.asOf);
    const counted = await db
      .select({ key, value: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(figureCondition(name, context), scoped))
      .groupBy(firstColumn);
    for (const row of counted) {
      const entry = rows.get(row.key) ?? { received: 0, resolved: 0, backlog: 0 };
      entry[name as 'received' | 'resolved' | 'backlog'] = row.value;
      rows.set(row.key, entry);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, counts]) => ({
      key,
      labelMs: null,
      labelEn: null,
      received: figure('received', counts.received, dimension, key),
      resolved: figure('resolved', counts.resolved, dimension, key),
      backlog: figure('backlog', counts.backlog, dimension, key),
    }));
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

async function countAgeing(
  db: Database,
  context: FigureContext,
  scoped: SQL | undefined,
  figure: FigureMaker,
) {
  const key = dimensionKey('age', 'backlog', context.asOf);
  const counted = await db
    .select({ key, value: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(figureCondition('backlog', context), scoped))
    .groupBy(firstColumn);
  const byKey = new Map(counted.map((row) => [row.key, row.value]));
  return ageBuckets.map((bucket) => ({
    key: bucket.key,
    backlog: figure('backlog', byKey.get(bucket.key) ?? 0, 'age', bucket.key),
  }));
}

const minutesBetween = (from: SQLWrapper, to: SQLWrapper) =>
  sql`extract(epoch from (${to} - ${from})) / 60.0`;

async function summariseDuration(
  db: Database,
  minutes: SQL,
  condition: SQL,
): Promise<DurationSummary> {
  const [row] = await db
    .select({
      cases: sql<number>`count(*)::int`,
      median: sql<string | null>`percentile_cont(0.5) within group (order by ${minutes})`,
      p90: sql<string | null>`percentile_cont(0.9) within group (order by ${minutes})`,
    })
    .from(cases)
    .where(condition);
  const round = (value: string | number | null | undefined) =>
    value === null || value === undefined ? null : Math.round(Number(value));
  return { cases: row?.cases ?? 0, medianMinutes: round(row?.median), p90Minutes: round(row?.p90) };
}

async function summariseTimes(db: Database, context: FigureContext, scoped: SQL | undefined) {
  const firstResponse = await summariseDuration(
    db,
    minutesBetween(cases.openedAt, cases.firstRespondedAt),
    and(figureCondition('received', context), sql`${cases.firstRespondedAt} is not null`, scoped) ??
      sql`true`,
  );
  const resolution = await summariseDuration(
    db,
    sql`greatest(${minutesBetween(cases.openedAt, cases.resolvedAt)} - ${cases.pausedMs} / 60000.0, 0)`,
    and(figureCondition('resolved', context), scoped) ?? sql`true`,
  );
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
