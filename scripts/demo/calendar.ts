/**
 * Time in Malaysia for the demo history: office hours, weekends, public holidays and the rhythm of
 * the academic year. Malaysia keeps UTC+8 all year (no daylight saving), so a fixed offset is exact.
 */

export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;
const offsetMs = 8 * hourMs;

export interface LocalTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0 is Sunday, as Date.getUTCDay. */
  weekday: number;
  hour: number;
  minute: number;
}

export function localTime(instantMs: number): LocalTime {
  const shifted = new Date(instantMs + offsetMs);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/** Converts a local (Malaysian) date and time to an instant. */
export function fromLocal(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - offsetMs;
}

/** Local midnight of the day that contains the instant. */
export function localMidnight(instantMs: number): number {
  const local = localTime(instantMs);
  return fromLocal(local.year, local.month, local.day);
}

/**
 * Public holidays on which the division is closed. Fixed-date national and Johor holidays, plus
 * the moving holidays of 2025 and 2026 as announced in advance.
 * NOTE: the moving dates follow the announced calendars and may differ by a day from the observed
 * ones. The demo uses them only to make those days quiet.
 */
const holidays = new Set<string>([
  '01-01',
  '05-01',
  '08-31',
  '09-16',
  '12-25',
  '2025-03-31',
  '2025-04-01',
  '2025-06-07',
  '2025-10-20',
  '2026-02-17',
  '2026-02-18',
  '2026-03-21',
  '2026-03-22',
  '2026-05-27',
  '2026-11-08',
]);

export function isHoliday(local: Pick<LocalTime, 'year' | 'month' | 'day'>): boolean {
  const monthDay = `${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  return holidays.has(monthDay) || holidays.has(`${local.year}-${monthDay}`);
}

/** Johor, where UTM's main campus is, has had a Saturday–Sunday weekend since January 2025. */
export function isWorkingDay(local: LocalTime): boolean {
  return local.weekday !== 0 && local.weekday !== 6 && !isHoliday(local);
}

/**
 * Office hours: 08:00–17:00, except the Friday prayer break 12:15–14:45. Returns the working
 * intervals of the local day as minutes after midnight.
 */
function workingIntervals(local: LocalTime): [number, number][] {
  if (!isWorkingDay(local)) return [];
  if (local.weekday === 5)
    return [
      [8 * 60, 12 * 60 + 15],
      [14 * 60 + 45, 17 * 60],
    ];
  return [[8 * 60, 17 * 60]];
}

/** Moves an instant forward by the given number of office-hour minutes. */
export function addWorkingMinutes(startMs: number, minutes: number): number {
  let remaining = Math.max(0, minutes);
  let dayStart = localMidnight(startMs);
  let cursor = startMs;
  // A bounded walk: at most two years of days, far beyond any demo duration.
  for (let days = 0; days < 730; days += 1) {
    for (const [from, to] of workingIntervals(localTime(dayStart + 12 * hourMs))) {
      const intervalStart = Math.max(cursor, dayStart + from * minuteMs);
      const intervalEnd = dayStart + to * minuteMs;
      if (intervalStart >= intervalEnd) continue;
      const available = (intervalEnd - intervalStart) / minuteMs;
      if (remaining <= available) return intervalStart + remaining * minuteMs;
      remaining -= available;
      cursor = intervalEnd;
    }
    dayStart += dayMs;
    cursor = Math.max(cursor, dayStart);
  }
  throw new Error('addWorkingMinutes: no office hours within two years');
}

export function isOfficeHours(instantMs: number): boolean {
  const local = localTime(instantMs);
  const minute = local.hour * 60 + local.minute;
  return workingIntervals(local).some(([from, to]) => minute >= from && minute < to);
}

/**
 * Volume of the service desk in each month compared with an average one. It follows the academic
 * calendar of a Malaysian public university: new intakes in October and March, examinations in
 * January and June, and the long break from July to September.
 */
const monthFactors = [1.1, 0.8, 1.25, 1.0, 1.0, 1.1, 0.8, 0.7, 0.9, 1.35, 1.1, 0.85];

/** Relative volume of new cases on the local day; registration weeks add a peak. */
export function dayFactor(local: LocalTime): number {
  let factor = monthFactors[local.month - 1] ?? 1;
  const registrationWeek = (local.month === 10 || local.month === 3) && local.day <= 14;
  if (registrationWeek) factor *= 1.4;
  if (!isWorkingDay(local)) factor *= isHoliday(local) ? 0.12 : 0.18;
  return factor;
}
