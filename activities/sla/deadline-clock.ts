/**
 * The default calendar and the paused spans of a case: what the deadline and result activities
 * count working time on.
 */
import type { Logger } from '../../common/logger';
import {
  dateOfDay,
  johorBaseCalendar,
  type Interval,
  type WorkingCalendar,
} from '../../common/working-time';
import type { Database } from '../../db/client';
import { loadDefaultCalendar } from './calendars';
import { pausedSpans } from './pauses';

const dayMs = 24 * 60 * 60_000;

/** Start of a target's clock and the spans it skips because the case was paused. */
export interface Clock {
  calendar: WorkingCalendar;
  start: number;
  exclusions: Interval[];
}

/**
 * Returns the default calendar, or the built-in Johor office hours without holidays when the
 * database has no default calendar (a database seeded before calendars existed).
 */
export async function calendarFor(
  db: Database,
  logger: Logger,
  caseId: string,
  openedAtMs: number,
): Promise<WorkingCalendar> {
  // Holidays before the opening cannot move a deadline; the margin of two days covers any zone.
  const holidaysFrom = dateOfDay(Math.floor(openedAtMs / dayMs) - 2);
  const loaded = await loadDefaultCalendar(db, { holidaysFrom });
  if (loaded) return loaded.calendar;
  logger.warn(
    { caseId },
    'no default calendar in calendars; deadlines use the built-in Johor office hours without holidays',
  );
  return johorBaseCalendar();
}

/** Returns where the clock starts and which spans it skips because the case was paused. */
export async function clockFor(
  db: Database,
  logger: Logger,
  request: { caseId: string; openedAt: string; pausedMs: number },
  calendar: WorkingCalendar,
  statuses: readonly string[],
): Promise<Clock> {
  const openedAtMs = Date.parse(request.openedAt);
  if (request.pausedMs <= 0) return { calendar, start: openedAtMs, exclusions: [] };
  const spans = await pausedSpans(db, request.caseId, request.pausedMs, statuses);
  if (spans) return { calendar, start: openedAtMs, exclusions: spans };
  // NOTE: without the spans, the paused time shifts the start of the clock instead, which can
  // differ from the true deadline by the office hours inside or outside the unknown spans.
  logger.warn(
    { caseId: request.caseId, pausedMs: request.pausedMs },
    'case_history does not account for the paused time; the clock start moves by pausedMs instead',
  );
  return { calendar, start: openedAtMs + request.pausedMs, exclusions: [] };
}
