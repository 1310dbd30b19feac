/**
 * A short-lived cache of the working calendar that case lists compute their queue times with.
 *
 * Loading the default calendar takes seven queries, measured at 9 ms p50 on 2 shared cores with
 * PostgreSQL on the same machine, more than the agent queue's own query. The working-time library
 * caches a calendar's compiled form and day plans per calendar object, so a calendar loaded afresh
 * on every request was recompiled every time. A CPU profile put 21 ms of each 50-row agent-queue
 * request in that (docs/benchmarks.md has the run).
 */
import type { WorkingCalendar } from '../common/working-time';

const dayMs = 86_400_000;
/**
 * Maximum number of calendars kept. Lists whose oldest cases opened on different days load
 * different holidays.
 */
const maxEntries = 8;

interface Entry {
  calendar: Promise<WorkingCalendar>;
  loadedAt: number;
}

export interface ClockCalendarCache {
  /** Returns the calendar with holidays from the day of `from`, loading it when missing or stale. */
  get(from: Date): Promise<WorkingCalendar>;
}

/**
 * Creates a cache over `load`. An entry is reused for `ttlMs`, so a list may show queue times on a
 * calendar up to that old after an administrator edits it. Stored deadlines and the case page's
 * clock do not use this cache and see an edit at once.
 */
export function createClockCalendarCache(
  load: (from: Date) => Promise<WorkingCalendar>,
  ttlMs: number,
): ClockCalendarCache {
  const entries = new Map<number, Entry>();
  const calendarsByContent = new Map<string, WorkingCalendar>();

  // A reloaded calendar with unchanged content is replaced by the earlier object, whose compiled
  // form and day plans the working-time library has already cached.
  function reuseEqual(calendar: WorkingCalendar): WorkingCalendar {
    const key = JSON.stringify(calendar);
    const earlier = calendarsByContent.get(key);
    if (earlier) return earlier;
    calendarsByContent.set(key, calendar);
    if (calendarsByContent.size > maxEntries) {
      const oldestKey = calendarsByContent.keys().next().value;
      if (oldestKey !== undefined) calendarsByContent.delete(oldestKey);
    }
    return calendar;
  }

  return {
    get(from) {
      const day = Math.floor(from.getTime() / dayMs);
      const now = Date.now();
      const cached = entries.get(day);
      if (cached && now - cached.loadedAt < ttlMs) return cached.calendar;

      const calendar = load(new Date(day * dayMs)).then(reuseEqual);
      entries.delete(day);
      entries.set(day, { calendar, loadedAt: now });
      if (entries.size > maxEntries) {
        const oldestDay = entries.keys().next().value;
        if (oldestDay !== undefined) entries.delete(oldestDay);
      }
      // A failed load is not kept, so the next request tries again.
      calendar.catch(() => {
        if (entries.get(day)?.calendar === calendar) entries.delete(day);
      });
      return calendar;
    },
  };
}
