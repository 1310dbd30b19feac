/**
 * Types and constants of the periodic report, shared by the API and the web app. The file imports
 * nothing beyond common/, so the web app can use it.
 */
import type { channels } from '../../common/enums';

export const figureNames = [
  'received',
  'resolved',
  'closed',
  'reopened',
  'backlog',
  'breached',
  'rated',
] as const;
/**
 * A counted figure: received (opened in the period), resolved (latest resolution in the period),
 * closed (latest closure in the period), reopened (resolved in the period after at least one
 * reopening), backlog (neither resolved nor closed at the period's end), breached (resolved in
 * the period after its resolution deadline), rated (rating given in the period).
 */
export type FigureName = (typeof figureNames)[number];

export const dimensions = [
  'category',
  'channel',
  'unit',
  'type',
  'month',
  'age',
  'rating',
] as const;
/** A breakdown of a figure; `month` is the Malaysian calendar month of the figure's instant. */
export type Dimension = (typeof dimensions)[number];

/** The key of rows whose dimension value is empty (a case with no category or unit). */
export const noneKey = 'none';

/** Ageing buckets of the backlog, in whole days since the case was received. */
export const ageBuckets = [
  { key: '0-2', minDays: 0, maxDays: 2 },
  { key: '3-7', minDays: 3, maxDays: 7 },
  { key: '8-14', minDays: 8, maxDays: 14 },
  { key: '15-30', minDays: 15, maxDays: 30 },
  { key: '31+', minDays: 31, maxDays: null },
] as const;

/** Filters of a report request, applied to every figure. */
export interface ReportFilters {
  unitId?: string;
  /** Category id. */
  category?: string;
  channel?: (typeof channels)[number];
  /** Campus id: the cases of the units that work at the campus. */
  campus?: string;
}

/** The units a caller may report on: null for every unit (managers, auditors, administrators). */
export type ReportScope = { unitIds: string[] | null };

/** The query that produces one number of a report, as sent to the records endpoint. */
export interface FigureQuery extends ReportFilters {
  figure: FigureName;
  from: string;
  to: string;
  by?: Dimension;
  key?: string;
}

/** A number on the report with the query of the records behind it. */
export interface Figure {
  value: number;
  query: FigureQuery;
}

/** One row of a breakdown: the key, its names in Malay and English, and its figures. */
export interface BreakdownRow {
  key: string;
  labelMs: string | null;
  labelEn: string | null;
  received: Figure;
  resolved: Figure;
  backlog: Figure;
}

/** Median and 90th percentile of a duration, in minutes; null when no case had one. */
export interface DurationSummary {
  cases: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface PeriodicReport {
  period: { from: string; to: string };
  filters: ReportFilters;
  generatedAt: string;
  /** The instant the backlog and ageing are measured at. */
  asOf: string;
  /** Duration measure: elapsed time minus recorded pauses. */
  timeMeasure: 'elapsed_minus_pauses';
  totals: {
    received: Figure;
    resolved: Figure;
    closed: Figure;
    reopened: Figure;
    backlog: Figure;
    breached: Figure;
    /** Share of resolved cases that had been reopened at least once, 0..1. */
    reopenRate: number | null;
    /** Share of resolved cases resolved within their resolution deadline, 0..1. */
    resolutionAttainment: number | null;
  };
  byType: BreakdownRow[];
  byCategory: BreakdownRow[];
  byChannel: BreakdownRow[];
  byUnit: BreakdownRow[];
  byMonth: BreakdownRow[];
  ageing: { key: string; backlog: Figure }[];
  times: { firstResponse: DurationSummary; resolution: DurationSummary };
  satisfaction: {
    rated: Figure;
    mean: number | null;
    distribution: { rating: number; rated: Figure }[];
  };
}

/** One record behind a number of the report. */
export interface ReportRecord {
  reference: string;
  title: string;
  status: string;
  type: string;
  channel: string;
  unitId: string | null;
  categoryId: string | null;
  openedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  rating: number | null;
}
