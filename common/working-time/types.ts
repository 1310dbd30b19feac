/**
 * The shape of a working calendar. Every field is plain data (JSON-serialisable), so a calendar
 * loaded from the database, sent over the API or built in a test is the same value.
 */

/** Day of the week as JavaScript's Date.getDay() and PostgreSQL's extract(dow) number it: 0 is Sunday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const weekdays: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** A date in the calendar's time zone, written `YYYY-MM-DD`. */
export type LocalDate = string;

/** Office hours within one day, as `HH:MM` local times; `end` may be `24:00` and is exclusive. */
export interface TimeRange {
  start: string;
  end: string;
}

/** Office hours per weekday, several ranges a day. A weekday without an entry has no office hours. */
export type WeeklyHours = Partial<Record<Weekday, readonly TimeRange[]>>;

/** Weekly hours that apply from `effectiveFrom` until the next rule's date. */
export interface WeeklyHoursRule {
  effectiveFrom: LocalDate;
  hours: WeeklyHours;
}

/** Rest days that apply from `effectiveFrom` until the next rule's date. */
export interface WeekendRule {
  effectiveFrom: LocalDate;
  weekdays: readonly Weekday[];
}

export const holidayKinds = ['public', 'state', 'one_off', 'replacement'] as const;
export type HolidayKind = (typeof holidayKinds)[number];

/** A whole local day without work. Replacement days and one-off holidays are holidays too. */
export interface Holiday {
  date: LocalDate;
  nameMs: string;
  nameEn: string;
  kind: HolidayKind;
}

/**
 * Dates with their own office hours, such as Ramadan. A weekday listed in `hours` uses those
 * ranges; a weekday not listed keeps the regular weekly hours. Weekends and holidays still apply.
 */
export interface SpecialPeriod {
  startDate: LocalDate;
  /** Last day of the period, inclusive. */
  endDate: LocalDate;
  nameMs: string;
  nameEn: string;
  hours: WeeklyHours;
}

export interface WorkingCalendar {
  /** IANA time zone in which dates and office hours are read, such as `Asia/Kuala_Lumpur`. */
  timeZone: string;
  /** At least one rule. The earliest rule also applies to dates before its `effectiveFrom`. */
  weeklyHours: readonly WeeklyHoursRule[];
  /** The earliest rule also applies to dates before its `effectiveFrom`; none means no rest days. */
  weekends: readonly WeekendRule[];
  holidays: readonly Holiday[];
  specialPeriods: readonly SpecialPeriod[];
}

/** A span of instants, in epoch milliseconds, with `start` inclusive and `end` exclusive. */
export interface Interval {
  start: number;
  end: number;
}

export type Instant = Date | number;

/** Raised for an invalid calendar or argument; the message names the value and what is wrong. */
export class WorkingTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkingTimeError';
  }
}
