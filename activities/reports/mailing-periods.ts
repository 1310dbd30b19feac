/**
 * The report periods that end just before a month starts: the previous month every month, the
 * previous quarter in January, April, July and October, and the previous year in January. Days
 * are Malaysian calendar days, YYYY-MM-DD.
 */

export const reportKinds = ['monthly', 'quarterly', 'annual'] as const;
/** How often a subscribed report is mailed, and so the length of its period. */
export type ReportKind = (typeof reportKinds)[number];

export interface MailingPeriod {
  kind: ReportKind;
  /** First day of the period. */
  from: string;
  /** Last day of the period, inclusive. */
  to: string;
}

function day(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** Returns the last day of a month (1–12). */
function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns the periods whose reports are due in the month of `date`, the month's own day. */
export function periodsEndingBefore(date: string): MailingPeriod[] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const previousYear = month === 1 ? year - 1 : year;
  const previousMonth = month === 1 ? 12 : month - 1;
  const periods: MailingPeriod[] = [
    {
      kind: 'monthly',
      from: day(previousYear, previousMonth, 1),
      to: day(previousYear, previousMonth, lastDayOf(previousYear, previousMonth)),
    },
  ];
  if ((month - 1) % 3 === 0) {
    const firstMonth = previousMonth - 2;
    periods.push({
      kind: 'quarterly',
      from: day(previousYear, firstMonth, 1),
      to: day(previousYear, previousMonth, lastDayOf(previousYear, previousMonth)),
    });
  }
  if (month === 1) {
    periods.push({ kind: 'annual', from: day(year - 1, 1, 1), to: day(year - 1, 12, 31) });
  }
  return periods;
}
