/**
 * Report periods in Malaysian time. A period is a range of calendar days in Asia/Kuala_Lumpur,
 * so a case received at 23:30 on the last day of a month belongs to that month.
 */

/** The zone whose midnight starts a report day. */
export const reportTimeZone = 'Asia/Kuala_Lumpur';

/**
 * Malaysia has kept UTC+08:00 without daylight saving since 1 January 1982 (tz database), so a
 * local midnight is a fixed offset from UTC for every date a report can cover.
 */
const malaysianOffset = '+08:00';

/** Maximum days a report may cover. A longer range is rejected as invalid. */
export const maxPeriodDays = 3 * 366;

export interface ReportPeriod {
  /** First day, YYYY-MM-DD, Malaysian calendar. */
  from: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  to: string;
  /** Local midnight starting `from`, as a UTC instant. */
  start: Date;
  /** Local midnight after `to`: the period is [start, end). */
  end: Date;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the instant of local midnight that starts the given Malaysian calendar day. */
export function malaysianMidnight(day: string): Date {
  return new Date(`${day}T00:00:00${malaysianOffset}`);
}

/** True when the text is a real calendar day in the form YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  if (!isoDay.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

/** Builds the period from two inclusive calendar days; the caller has checked both days. */
export function reportPeriod(from: string, to: string): ReportPeriod {
  const start = malaysianMidnight(from);
  const end = new Date(malaysianMidnight(to).getTime() + 24 * 60 * 60 * 1000);
  return { from, to, start, end };
}

/** Returns the number of days in the period. */
export function periodDays(period: ReportPeriod): number {
  return Math.round((period.end.getTime() - period.start.getTime()) / (24 * 60 * 60 * 1000));
}
