/**
 * Service-level deadlines. Every deadline the complaint workflow keeps comes from
 * `computeDeadlines`: the targets of `sla_targets` are working minutes of the default calendar
 * (office hours, weekends, holidays, Ramadan hours), counted from the case's opening, and the time
 * the case waited for the customer or a supplier does not count.
 */
import { eq } from 'drizzle-orm';
import type { Priority } from '../../common/enums';
import type { Logger } from '../../common/logger';
import {
  addWorkingMs,
  dateOfDay,
  johorBaseCalendar,
  WorkingTimeError,
  type Interval,
  type WorkingCalendar,
} from '../../common/working-time';
import type { Database } from '../../db/client';
import { slaTargets } from '../../db/schema';
import { loadDefaultCalendar } from './calendars';
import { pausedSpans } from './pauses';

export interface DeadlineRequest {
  caseId: string;
  openedAt: string;
  priority: Priority;
  /** Time spent waiting for the customer or a supplier so far; it moves every deadline. */
  pausedMs: number;
  /** Share of each target after which the warning is due, between 0 and 1. */
  warningShare: number;
}

/** One target: its length in working time, when it is due, and when the warning is due. */
export interface Deadline {
  targetMs: number;
  dueAt: string;
  warnAt: string;
}

export interface Deadlines {
  firstResponse: Deadline | null;
  resolution: Deadline | null;
}

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

interface Clock {
  calendar: WorkingCalendar;
  start: number;
  exclusions: Interval[];
}

function deadline(clock: Clock, targetMinutes: number, warningShare: number): Deadline {
  const targetMs = targetMinutes * minuteMs;
  const options = { exclusions: clock.exclusions };
  return {
    targetMs,
    dueAt: addWorkingMs(clock.calendar, clock.start, targetMs, options).toISOString(),
    warnAt: addWorkingMs(
      clock.calendar,
      clock.start,
      Math.round(targetMs * warningShare),
      options,
    ).toISOString(),
  };
}

/**
 * Returns the default calendar, or the built-in Johor office hours without holidays when the
 * database has no default calendar (a database seeded before calendars existed).
 */
async function calendarFor(
  db: Database,
  logger: Logger,
  request: DeadlineRequest,
  openedAtMs: number,
): Promise<WorkingCalendar> {
  // Holidays before the opening cannot move a deadline; the margin of two days covers any zone.
  const holidaysFrom = dateOfDay(Math.floor(openedAtMs / dayMs) - 2);
  const loaded = await loadDefaultCalendar(db, { holidaysFrom });
  if (loaded) return loaded.calendar;
  logger.warn(
    { caseId: request.caseId },
    'no default calendar in calendars; deadlines use the built-in Johor office hours without holidays',
  );
  return johorBaseCalendar();
}

async function clockFor(
  db: Database,
  logger: Logger,
  request: DeadlineRequest,
  calendar: WorkingCalendar,
): Promise<Clock> {
  const openedAtMs = Date.parse(request.openedAt);
  if (request.pausedMs <= 0) return { calendar, start: openedAtMs, exclusions: [] };
  const spans = await pausedSpans(db, request.caseId, request.pausedMs);
  if (spans) return { calendar, start: openedAtMs, exclusions: spans };
  // NOTE: without the spans, the paused time shifts the start of the clock instead, which can
  // differ from the true deadline by the office hours inside or outside the unknown spans.
  logger.warn(
    { caseId: request.caseId, pausedMs: request.pausedMs },
    'case_history does not account for the paused time; the clock start moves by pausedMs instead',
  );
  return { calendar, start: openedAtMs + request.pausedMs, exclusions: [] };
}

function computeWith(
  clock: Clock,
  target: { firstResponseMinutes: number; resolutionMinutes: number },
  warningShare: number,
): Deadlines {
  return {
    firstResponse: deadline(clock, target.firstResponseMinutes, warningShare),
    resolution: deadline(clock, target.resolutionMinutes, warningShare),
  };
}

/**
 * Computes both deadlines of a case in working time. A priority without a row in `sla_targets`
 * has no deadlines (null), which the workflow treats as "no timers", and is logged as a warning.
 * A stored calendar that the engine rejects is logged as an error and replaced by the built-in
 * one, so a bad calendar row delays no case.
 */
export async function computeDeadlines(
  db: Database,
  logger: Logger,
  request: DeadlineRequest,
): Promise<Deadlines> {
  const [target] = await db
    .select({
      firstResponseMinutes: slaTargets.firstResponseMinutes,
      resolutionMinutes: slaTargets.resolutionMinutes,
    })
    .from(slaTargets)
    .where(eq(slaTargets.priority, request.priority));
  if (!target) {
    logger.warn(
      { caseId: request.caseId, priority: request.priority },
      'no SLA target for this priority in sla_targets; the case has no deadlines',
    );
    return { firstResponse: null, resolution: null };
  }

  const calendar = await calendarFor(db, logger, request, Date.parse(request.openedAt));
  const clock = await clockFor(db, logger, request, calendar);
  try {
    return computeWith(clock, target, request.warningShare);
  } catch (error) {
    if (!(error instanceof WorkingTimeError)) throw error;
    logger.error(
      { caseId: request.caseId, error: error.message },
      'the default calendar is invalid; deadlines use the built-in Johor office hours',
    );
    return computeWith({ ...clock, calendar: johorBaseCalendar() }, target, request.warningShare);
  }
}

export * from './calendars';
export { pausedSpans } from './pauses';
