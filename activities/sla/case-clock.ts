/**
 * Loads what the clock explanation of one case needs (the default calendar and the case's status
 * history) and returns the explanation at the instant `now`.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Logger } from '../../common/logger';
import { dateOfDay, johorBaseCalendar, type WorkingCalendar } from '../../common/working-time';
import type { Database } from '../../db/client';
import { caseHistory } from '../../db/schema';
import { loadDefaultCalendar } from './calendars';
import { explainClock, type TargetClock } from './explain';

export interface ClockCase {
  id: string;
  openedAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
}

const dayMs = 86_400_000;

/**
 * Returns the default calendar with the holidays from `from` on, or the built-in Johor office
 * hours without holidays when the database has no default calendar.
 */
export async function loadClockCalendar(
  db: Database,
  logger: Pick<Logger, 'warn'>,
  from: Date,
): Promise<WorkingCalendar> {
  // Earlier holidays skip no time after `from`; two days of margin cover any time zone.
  const holidaysFrom = dateOfDay(Math.floor(from.getTime() / dayMs) - 2);
  const loaded = await loadDefaultCalendar(db, { holidaysFrom });
  if (loaded) return loaded.calendar;
  logger.warn('no default calendar; the clock uses the built-in Johor hours without holidays');
  return johorBaseCalendar();
}

export async function caseClock(
  db: Database,
  logger: Pick<Logger, 'warn'>,
  record: ClockCase,
  now: Date,
): Promise<TargetClock[]> {
  const calendar = await loadClockCalendar(db, logger, record.openedAt);
  const history = await db
    .select({ at: caseHistory.at, oldValue: caseHistory.oldValue, newValue: caseHistory.newValue })
    .from(caseHistory)
    .where(and(eq(caseHistory.caseId, record.id), eq(caseHistory.field, 'status')))
    .orderBy(asc(caseHistory.at), asc(caseHistory.id));
  return explainClock(
    calendar,
    {
      openedAt: record.openedAt,
      history,
      targets: [
        {
          target: 'first_response',
          dueAt: record.firstResponseDueAt,
          metAt: record.firstRespondedAt,
          breached: record.firstResponseBreached,
        },
        {
          target: 'resolution',
          dueAt: record.resolutionDueAt,
          metAt: record.resolvedAt,
          breached: record.resolutionBreached,
        },
      ],
    },
    now,
  );
}
