/**
 * The period picker's state in the page URL (kind, year, month or quarter, or a date range) and
 * the calendar days it covers in Malaysian time.
 */
import { malaysianToday } from '../../format';

export { formatDay, malaysianToday } from '../../format';

export const periodKinds = ['month', 'quarter', 'year', 'range'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  month: number;
  quarter: number;
  from: string;
  to: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns the first and last day (inclusive) that the choice covers. */
export function periodDays(choice: PeriodChoice): { from: string; to: string } {
  const { year } = choice;
  switch (choice.kind) {
    case 'month':
      return {
        from: `${year}-${pad(choice.month)}-01`,
        to: `${year}-${pad(choice.month)}-${pad(lastDayOfMonth(year, choice.month))}`,
      };
    case 'quarter': {
      const first = (choice.quarter - 1) * 3 + 1;
      const last = first + 2;
      return {
        from: `${year}-${pad(first)}-01`,
        to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
      };
    }
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'range':
      return { from: choice.from, to: choice.to };
  }
}

function numberParam(params: URLSearchParams, name: string, fallback: number, max: number) {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

/** Reads the choice from the URL; anything missing or invalid falls back to the current month. */
export function readChoice(params: URLSearchParams): PeriodChoice {
  const today = malaysianToday();
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  const kindParam = params.get('kind');
  const kind = periodKinds.find((candidate) => candidate === kindParam) ?? 'month';
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    kind,
    year: numberParam(params, 'year', thisYear, 9999),
    month: numberParam(params, 'month', thisMonth, 12),
    quarter: numberParam(params, 'quarter', Math.ceil(thisMonth / 3), 4),
    from: day.test(from) ? from : `${today.slice(0, 8)}01`,
    to: day.test(to) ? to : today,
  };
}

/** Writes the choice into URL parameters, keeping only what its kind needs. */
export function choiceParams(choice: PeriodChoice): URLSearchParams {
  const params = new URLSearchParams({ kind: choice.kind });
  if (choice.kind === 'range') {
    params.set('from', choice.from);
    params.set('to', choice.to);
    return params;
  }
  params.set('year', String(choice.year));
  if (choice.kind === 'month') params.set('month', String(choice.month));
  if (choice.kind === 'quarter') params.set('quarter', String(choice.quarter));
  return params;
}
