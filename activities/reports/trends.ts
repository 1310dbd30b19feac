/**
 * Trend analysis (analisa aduan): weekly counts of received cases per category, service or unit,
 * tested against a seasonal baseline by the method in trends-method.ts, and corrective-action
 * candidates raised from a flag with the evidence stored beside them.
 *
 * Weeks run Monday 00:00 to Monday 00:00 in Malaysian time.
 */
import { and, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { Database } from '../../db/client';
import {
  cases,
  categories,
  correctiveActionCandidates,
  people,
  services,
  units,
} from '../../db/schema';
import { malaysianMidnight } from './periodic-period';
import type { ReportScope } from './periodic-types';
import {
  defaultTrendOptions,
  detectRises,
  seasonalHalfWidth,
  seasonalYears,
  type TrendResult,
} from './trends-method';

export const trendDimensions = ['category', 'service', 'unit'] as const;
export type TrendDimension = (typeof trendDimensions)[number];

/** Weeks of history loaded before the tested week: three years and the seasonal window. */
const historyWeeks = seasonalYears * 52 + seasonalHalfWidth;
const weekMs = 7 * 24 * 60 * 60 * 1000;
/** Maximum case references stored as evidence with one candidate. */
const maxEvidenceReferences = 200;
/** Weekly counts returned with each result and stored as evidence, the tested week last. */
const shownWeeks = 12;

/** Returns the Monday (YYYY-MM-DD) of the week containing the calendar day. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - weekday * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function keyColumn(dimension: TrendDimension) {
  switch (dimension) {
    case 'category':
      return cases.categoryId;
    case 'service':
      return cases.serviceId;
    case 'unit':
      return cases.unitId;
  }
}

function scopeCondition(scope: ReportScope): SQL | undefined {
  if (scope.unitIds === null) return undefined;
  return scope.unitIds.length > 0 ? inArray(cases.unitId, scope.unitIds) : sql`false`;
}

/** Loads the weekly counts of every series; the tested week is the last index. */
export async function loadWeeklySeries(
  db: Database,
  dimension: TrendDimension,
  weekStart: string,
  scope: ReportScope,
): Promise<Map<string, number[]>> {
  const testedStart = malaysianMidnight(weekStart);
  const firstStart = new Date(testedStart.getTime() - historyWeeks * weekMs);
  const end = new Date(testedStart.getTime() + weekMs);
  const column = keyColumn(dimension);
  const first = sql`${firstStart.toISOString()}::timestamptz`;
  const weekIndex = sql<number>`floor(extract(epoch from (${cases.openedAt} - ${first})) / ${weekMs / 1000})::int`;
  const rows = await db
    .select({
      key: sql<string>`${column}::text`,
      week: weekIndex,
      count: sql<number>`count(*)::int`,
    })
    .from(cases)
    .where(
      and(
        isNotNull(column),
        sql`${cases.openedAt} >= ${first}`,
        sql`${cases.openedAt} < ${end.toISOString()}::timestamptz`,
        scopeCondition(scope),
      ),
    )
    .groupBy(sql.raw('1'), sql.raw('2'));
  // NOTE: weeks before a series' first case are zeros, so a series younger than a year gets a
  // seasonal baseline of zeros instead of the recent-weeks fallback.
  const series = new Map<string, number[]>();
  for (const row of rows) {
    const counts = series.get(row.key) ?? new Array<number>(historyWeeks + 1).fill(0);
    counts[row.week] = row.count;
    series.set(row.key, counts);
  }
  return series;
}

export interface LabelledTrendResult extends TrendResult {
  labelMs: string | null;
  labelEn: string | null;
  /** The last weekly counts of the series, oldest first, the tested week last. */
  recentWeeks: number[];
}

async function labelsOf(db: Database, dimension: TrendDimension, keys: string[]) {
  if (keys.length === 0) return new Map<string, { nameMs: string; nameEn: string }>();
  let table: typeof categories | typeof services | typeof units = units;
  if (dimension === 'category') table = categories;
  if (dimension === 'service') table = services;
  const rows = await db
    .select({ id: table.id, nameMs: table.nameMs, nameEn: table.nameEn })
    .from(table)
    .where(inArray(table.id, keys));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Tests every series of the dimension in the week of `day`, most significant first. */
export async function analyseTrends(
  db: Database,
  request: { dimension: TrendDimension; day: string; scope: ReportScope },
): Promise<{ weekStart: string; dimension: TrendDimension; results: LabelledTrendResult[] }> {
  const weekStart = mondayOf(request.day);
  const series = await loadWeeklySeries(db, request.dimension, weekStart, request.scope);
  const results = detectRises(series, historyWeeks, defaultTrendOptions);
  const labels = await labelsOf(
    db,
    request.dimension,
    results.map((result) => result.key),
  );
  return {
    weekStart,
    dimension: request.dimension,
    results: results.map((result) => ({
      ...result,
      labelMs: labels.get(result.key)?.nameMs ?? null,
      labelEn: labels.get(result.key)?.nameEn ?? null,
      recentWeeks: (series.get(result.key) ?? []).slice(-shownWeeks),
    })),
  };
}

export type CorrectiveActionCandidate = typeof correctiveActionCandidates.$inferSelect;

/**
 * Raises a corrective-action candidate from a flagged series, recomputing the test so that only a
 * real flag is stored. Raising the same series and week again returns the stored candidate.
 */
export async function raiseCandidate(
  db: Database,
  request: {
    dimension: TrendDimension;
    key: string;
    day: string;
    scope: ReportScope;
    createdById: string;
  },
): Promise<{ candidate: CorrectiveActionCandidate; created: boolean }> {
  const weekStart = mondayOf(request.day);
  const series = await loadWeeklySeries(db, request.dimension, weekStart, request.scope);
  const counts = series.get(request.key);
  const result = detectRises(series, historyWeeks).find((entry) => entry.key === request.key);
  if (!counts || !result || !result.flagged) {
    throw new AppError(
      'invalid_state',
      `${request.dimension} ${request.key} is not flagged in the week of ${weekStart}`,
      [{ field: 'key', message: 'not flagged in that week' }],
    );
  }

  const start = malaysianMidnight(weekStart);
  const end = new Date(start.getTime() + weekMs);
  const weekCases = await db
    .select({ reference: cases.reference })
    .from(cases)
    .where(
      and(
        sql`${keyColumn(request.dimension)}::text = ${request.key}`,
        sql`${cases.openedAt} >= ${start.toISOString()}::timestamptz`,
        sql`${cases.openedAt} < ${end.toISOString()}::timestamptz`,
        scopeCondition(request.scope),
      ),
    )
    .orderBy(cases.openedAt)
    .limit(maxEvidenceReferences);

  const evidence = {
    method: 'poisson-upper-tail-bonferroni',
    alpha: defaultTrendOptions.alpha,
    threshold: result.threshold,
    basis: result.basis,
    previousWeek: result.previous,
    recentWeeks: counts.slice(-shownWeeks),
    caseReferences: weekCases.map((row) => row.reference),
  };
  const inserted = await db
    .insert(correctiveActionCandidates)
    .values({
      kind: 'rise',
      dimension: request.dimension,
      seriesKey: request.key,
      weekStart,
      observed: result.observed,
      expected: result.expected,
      pValue: result.pValue,
      evidence,
      createdById: request.createdById,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { candidate: inserted[0], created: true };

  const [existing] = await db
    .select()
    .from(correctiveActionCandidates)
    .where(
      and(
        eq(correctiveActionCandidates.kind, 'rise'),
        eq(correctiveActionCandidates.dimension, request.dimension),
        eq(correctiveActionCandidates.seriesKey, request.key),
        eq(correctiveActionCandidates.weekStart, weekStart),
      ),
    );
  if (!existing) throw new Error('corrective-action candidate vanished after a conflict');
  return { candidate: existing, created: false };
}

/** Lists the newest corrective-action candidates with the names of their series. */
export async function listCandidates(
  db: Database,
  limit = 100,
): Promise<(CorrectiveActionCandidate & { labelMs: string | null; labelEn: string | null })[]> {
  const rows = await db
    .select()
    .from(correctiveActionCandidates)
    .orderBy(desc(correctiveActionCandidates.createdAt))
    .limit(limit);
  const labels = new Map<string, { nameMs: string; nameEn: string }>();
  for (const dimension of trendDimensions) {
    const keys = rows.filter((row) => row.dimension === dimension).map((row) => row.seriesKey);
    for (const [key, label] of await labelsOf(db, dimension, [...new Set(keys)])) {
      labels.set(`${dimension}:${key}`, label);
    }
  }
  return rows.map((row) => {
    const label = labels.get(`${row.dimension}:${row.seriesKey}`);
    return { ...row, labelMs: label?.nameMs ?? null, labelEn: label?.nameEn ?? null };
  });
}

export interface RepeatedFaultOptions {
  /** Length of the window, in days, ending where the tested week ends. */
  windowDays: number;
  /** Minimum cases in the window that make a repeated fault. */
  minCases: number;
}

export const defaultRepeatedFaultOptions: RepeatedFaultOptions = { windowDays: 14, minCases: 3 };
/** Maximum groups returned, most cases first. */
const maxRepeatedFaults = 100;
/** Maximum case references returned with one group. */
const maxGroupReferences = 50;

export interface RepeatedFault {
  serviceId: string;
  serviceMs: string;
  serviceEn: string;
  requesterId: string;
  requesterName: string;
  count: number;
  firstOpenedAt: string;
  lastOpenedAt: string;
  caseReferences: string[];
}

/**
 * Finds repeated faults: at least `minCases` cases on the same catalogue service from the same
 * requester, received in the `windowDays` days that end when the week of `day` ends.
 *
 * Cases record neither a location nor an asset, and `cases.unit_id` is the resolver unit, so the
 * requester is the closest record of "the same place or equipment" that a case carries.
 */
export async function findRepeatedFaults(
  db: Database,
  request: { day: string; scope: ReportScope; options?: RepeatedFaultOptions },
): Promise<{ from: string; to: string; options: RepeatedFaultOptions; groups: RepeatedFault[] }> {
  const options = request.options ?? defaultRepeatedFaultOptions;
  const end = new Date(malaysianMidnight(mondayOf(request.day)).getTime() + weekMs);
  const start = new Date(end.getTime() - options.windowDays * 24 * 60 * 60 * 1000);
  const rows = await db
    .select({
      serviceId: sql<string>`${cases.serviceId}::text`,
      serviceMs: services.nameMs,
      serviceEn: services.nameEn,
      requesterId: cases.requesterId,
      requesterName: people.name,
      count: sql<number>`count(*)::int`,
      firstOpenedAt: sql<string>`min(${cases.openedAt})`,
      lastOpenedAt: sql<string>`max(${cases.openedAt})`,
      caseReferences: sql<string[]>`array_agg(${cases.reference} order by ${cases.openedAt})`,
    })
    .from(cases)
    .innerJoin(services, eq(services.id, cases.serviceId))
    .innerJoin(people, eq(people.id, cases.requesterId))
    .where(
      and(
        sql`${cases.openedAt} >= ${start.toISOString()}::timestamptz`,
        sql`${cases.openedAt} < ${end.toISOString()}::timestamptz`,
        scopeCondition(request.scope),
      ),
    )
    .groupBy(cases.serviceId, services.nameMs, services.nameEn, cases.requesterId, people.name)
    .having(sql`count(*) >= ${options.minCases}`)
    .orderBy(sql`count(*) desc`, sql`max(${cases.openedAt}) desc`)
    .limit(maxRepeatedFaults);

  return {
    from: start.toISOString(),
    to: end.toISOString(),
    options,
    groups: rows.map((row) => ({
      ...row,
      firstOpenedAt: new Date(row.firstOpenedAt).toISOString(),
      lastOpenedAt: new Date(row.lastOpenedAt).toISOString(),
      caseReferences: row.caseReferences.slice(0, maxGroupReferences),
    })),
  };
}
