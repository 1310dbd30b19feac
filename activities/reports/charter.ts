/**
 * Client charter report: for the cases opened in a period, the share that met each service-level
 * target (first response and resolution), grouped by priority, unit and category. A case belongs
 * to the period in which it was opened, read in Malaysian time, so a case opened at 23:30 on the
 * last day of a month belongs to that month.
 *
 * TODO: group by SLA policy once cases record the policy that set their deadlines. Until then the
 * report groups by priority, which selects the target in sla_targets.
 */
import { and, asc, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import { malaysiaTimeZone } from '../../common/working-time';
import { dayOfDate, dayMs, instantOfLocal } from '../../common/working-time/zone';
import type { Database } from '../../db/client';
import { cases, categories, units } from '../../db/schema';

export const charterTargets = ['first_response', 'resolution'] as const;
export type CharterTarget = (typeof charterTargets)[number];

export const charterOutcomes = ['met', 'breached', 'pending', 'no_target'] as const;
/**
 * Outcome of one target of one case. `pending` is a target not met whose due time has not
 * passed; `no_target` a case without a due time. Neither counts in the share.
 */
export type CharterOutcome = (typeof charterOutcomes)[number];

/** Local dates of the report's time zone; `to` is the last day of the period, inclusive. */
export interface CharterPeriod {
  from: string;
  to: string;
}

export interface CharterFilters {
  /** Restricts the report to these units (a supervisor's own units); undefined for every unit. */
  unitIds?: readonly string[];
  /** One unit, or null for the cases without a unit. */
  unitId?: string | null;
  /** One category, or null for the cases without a category. */
  categoryId?: string | null;
  priority?: number;
}

export interface TargetCounts {
  met: number;
  breached: number;
  pending: number;
  noTarget: number;
  /** met / (met + breached), between 0 and 1, or null when no case was met or breached. */
  share: number | null;
}

export interface NamedRef {
  id: string;
  nameMs: string;
  nameEn: string;
}

export interface CharterRow {
  priority: number;
  unit: NamedRef | null;
  category: NamedRef | null;
  cases: number;
  firstResponse: TargetCounts;
  resolution: TargetCounts;
}

export interface CharterReport {
  period: CharterPeriod & { timeZone: string };
  rows: CharterRow[];
  totals: { cases: number; firstResponse: TargetCounts; resolution: TargetCounts };
}

export interface CharterCase {
  id: string;
  reference: string;
  title: string;
  priority: number;
  unitId: string | null;
  unitNameMs: string | null;
  unitNameEn: string | null;
  categoryId: string | null;
  categoryNameMs: string | null;
  categoryNameEn: string | null;
  openedAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
}

/** Returns the instants that bound a period: the local midnight of `from` and of the day after `to`. */
export function periodInstants(period: CharterPeriod, timeZone = malaysiaTimeZone) {
  return {
    start: new Date(instantOfLocal(timeZone, dayOfDate(period.from) * dayMs)),
    end: new Date(instantOfLocal(timeZone, (dayOfDate(period.to) + 1) * dayMs)),
  };
}

/** Decides the outcome of one target; a recorded breach flag wins over the comparison. */
export function outcomeOf(
  dueAt: Date | null,
  metAt: Date | null,
  breached: boolean,
  now: Date,
): CharterOutcome {
  if (!dueAt) return 'no_target';
  if (metAt) return breached || metAt > dueAt ? 'breached' : 'met';
  return breached || now >= dueAt ? 'breached' : 'pending';
}

export function targetOutcome(row: CharterCase, target: CharterTarget, now: Date): CharterOutcome {
  return target === 'first_response'
    ? outcomeOf(row.firstResponseDueAt, row.firstRespondedAt, row.firstResponseBreached, now)
    : outcomeOf(row.resolutionDueAt, row.resolvedAt, row.resolutionBreached, now);
}

function emptyCounts(): TargetCounts {
  return { met: 0, breached: 0, pending: 0, noTarget: 0, share: null };
}

function count(counts: TargetCounts, outcome: CharterOutcome): void {
  if (outcome === 'no_target') counts.noTarget += 1;
  else counts[outcome] += 1;
  const decided = counts.met + counts.breached;
  counts.share = decided === 0 ? null : counts.met / decided;
}

function named(id: string | null, nameMs: string | null, nameEn: string | null): NamedRef | null {
  return id === null ? null : { id, nameMs: nameMs ?? '', nameEn: nameEn ?? '' };
}

/** Reads the cases of a period that pass the filters, oldest first. */
export async function listCharterCases(
  db: Database,
  period: CharterPeriod,
  filters: CharterFilters,
): Promise<CharterCase[]> {
  const { start, end } = periodInstants(period);
  const conditions: SQL[] = [gte(cases.openedAt, start), lt(cases.openedAt, end)];
  if (filters.unitIds) {
    if (filters.unitIds.length === 0) return [];
    conditions.push(inArray(cases.unitId, [...filters.unitIds]));
  }
  if (filters.unitId !== undefined) {
    conditions.push(
      filters.unitId === null ? isNull(cases.unitId) : eq(cases.unitId, filters.unitId),
    );
  }
  if (filters.categoryId !== undefined) {
    conditions.push(
      filters.categoryId === null
        ? isNull(cases.categoryId)
        : eq(cases.categoryId, filters.categoryId),
    );
  }
  if (filters.priority !== undefined) conditions.push(eq(cases.priority, filters.priority));
  return db
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      priority: cases.priority,
      unitId: cases.unitId,
      unitNameMs: units.nameMs,
      unitNameEn: units.nameEn,
      categoryId: cases.categoryId,
      categoryNameMs: categories.nameMs,
      categoryNameEn: categories.nameEn,
      openedAt: cases.openedAt,
      firstRespondedAt: cases.firstRespondedAt,
      resolvedAt: cases.resolvedAt,
      firstResponseDueAt: cases.firstResponseDueAt,
      resolutionDueAt: cases.resolutionDueAt,
      firstResponseBreached: cases.firstResponseBreached,
      resolutionBreached: cases.resolutionBreached,
    })
    .from(cases)
    .leftJoin(units, eq(units.id, cases.unitId))
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .where(and(...conditions))
    .orderBy(asc(cases.openedAt), asc(cases.id));
}

/** Groups cases by priority, unit and category and counts the outcome of each target. */
export function summariseCharter(
  rows: readonly CharterCase[],
  period: CharterPeriod,
  now: Date,
): CharterReport {
  const groups = new Map<string, CharterRow>();
  const totals = { cases: 0, firstResponse: emptyCounts(), resolution: emptyCounts() };
  for (const row of rows) {
    const key = JSON.stringify([row.priority, row.unitId, row.categoryId]);
    let group = groups.get(key);
    if (!group) {
      group = {
        priority: row.priority,
        unit: named(row.unitId, row.unitNameMs, row.unitNameEn),
        category: named(row.categoryId, row.categoryNameMs, row.categoryNameEn),
        cases: 0,
        firstResponse: emptyCounts(),
        resolution: emptyCounts(),
      };
      groups.set(key, group);
    }
    const firstResponse = targetOutcome(row, 'first_response', now);
    const resolution = targetOutcome(row, 'resolution', now);
    group.cases += 1;
    totals.cases += 1;
    count(group.firstResponse, firstResponse);
    count(totals.firstResponse, firstResponse);
    count(group.resolution, resolution);
    count(totals.resolution, resolution);
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.priority - b.priority ||
      (a.unit?.nameEn ?? '').localeCompare(b.unit?.nameEn ?? '') ||
      (a.category?.nameEn ?? '').localeCompare(b.category?.nameEn ?? ''),
  );
  return { period: { ...period, timeZone: malaysiaTimeZone }, rows: sorted, totals };
}

/** Keeps the cases of one group whose target had the outcome, for the list behind a number. */
export function filterCharterCases(
  rows: readonly CharterCase[],
  target: CharterTarget,
  outcome: CharterOutcome,
  now: Date,
): CharterCase[] {
  return rows.filter((row) => targetOutcome(row, target, now) === outcome);
}
