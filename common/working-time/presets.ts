/**
 * Default office hours and weekends of Malaysian public offices, which the seed writes into the
 * database and the deadline activity falls back to when no calendar exists. Administrators change
 * the stored copies; these constants are only the starting point.
 */
import type { TimeRange, WeekendRule, WeeklyHours, WorkingCalendar } from './types';

export const malaysiaTimeZone = 'Asia/Kuala_Lumpur';

const regularDay: readonly TimeRange[] = [
  { start: '08:00', end: '13:00' },
  { start: '14:00', end: '17:00' },
];
/** Friday with the break for Friday prayers. */
const friday: readonly TimeRange[] = [
  { start: '08:00', end: '12:15' },
  { start: '14:45', end: '17:00' },
];

/**
 * Federal office hours for every weekday: Monday to Thursday 08:00–13:00 and 14:00–17:00, Friday
 * 08:00–12:15 and 14:45–17:00. Saturday and Sunday get the regular day too, because the weekend
 * rule (not the hours) decides which days are rest days, and states with a Friday–Saturday
 * weekend work on Sunday.
 */
export const federalOfficeHours: WeeklyHours = {
  0: regularDay,
  1: regularDay,
  2: regularDay,
  3: regularDay,
  4: regularDay,
  5: friday,
  6: regularDay,
};

const ramadanDay: readonly TimeRange[] = [
  { start: '08:00', end: '13:00' },
  { start: '13:30', end: '16:30' },
];
const ramadanFriday: readonly TimeRange[] = [
  { start: '08:00', end: '12:30' },
  { start: '14:30', end: '16:30' },
];

/** Ramadan hours: a 30-minute lunch break, closing 30 minutes earlier, Friday break 12:30–14:30. */
export const ramadanOfficeHours: WeeklyHours = {
  0: ramadanDay,
  1: ramadanDay,
  2: ramadanDay,
  3: ramadanDay,
  4: ramadanDay,
  5: ramadanFriday,
  6: ramadanDay,
};

/** Johor rested on Friday and Saturday from 2014 to 2024, and on Saturday and Sunday from 2025. */
export const johorWeekends: readonly WeekendRule[] = [
  { effectiveFrom: '2014-01-01', weekdays: [5, 6] },
  { effectiveFrom: '2025-01-01', weekdays: [6, 0] },
];

export const officeHoursSince = '2014-01-01';

/** Builds the Johor calendar without holidays or special periods. */
export function johorBaseCalendar(): WorkingCalendar {
  return {
    timeZone: malaysiaTimeZone,
    weeklyHours: [{ effectiveFrom: officeHoursSince, hours: federalOfficeHours }],
    weekends: johorWeekends,
    holidays: [],
    specialPeriods: [],
  };
}
