/**
 * The spans during which a case waited for the customer or a supplier, rebuilt from its status
 * rows in case_history, so the deadline excludes exactly the working time inside those spans.
 *
 * The workflow passes only the total paused milliseconds (`pausedMs`). When it resumes a case, it
 * calls this activity before it records the resuming step, so the last waiting span is still open
 * in the history. That span's length is the part of `pausedMs` that the closed spans leave over.
 */
import { and, asc, eq } from 'drizzle-orm';
import { pausedStatuses } from '../../common/enums';
import type { Interval } from '../../common/working-time';
import type { Database } from '../../db/client';
import { caseHistory } from '../../db/schema';

/**
 * Returns the spans in `statuses` (default: both waiting statuses) of a case whose lengths add up
 * to `pausedMs`, or null when the status
 * history does not account for `pausedMs` (a case imported while waiting, or history rows missing).
 */
export async function pausedSpans(
  db: Database,
  caseId: string,
  pausedMs: number,
  statuses: readonly string[] = pausedStatuses,
): Promise<Interval[] | null> {
  const isPaused = (status: string | null) => status !== null && statuses.includes(status);
  const rows = await db
    .select({ at: caseHistory.at, oldValue: caseHistory.oldValue, newValue: caseHistory.newValue })
    .from(caseHistory)
    .where(and(eq(caseHistory.caseId, caseId), eq(caseHistory.field, 'status')))
    .orderBy(asc(caseHistory.at), asc(caseHistory.id));

  const spans: Interval[] = [];
  let openSince: number | null = null;
  for (const row of rows) {
    const at = row.at.getTime();
    if (openSince !== null && isPaused(row.oldValue) && !isPaused(row.newValue)) {
      spans.push({ start: openSince, end: at });
      openSince = null;
    }
    if (openSince === null && isPaused(row.newValue)) openSince = at;
  }

  const explained = spans.reduce((sum, span) => sum + span.end - span.start, 0);
  const unexplained = pausedMs - explained;
  if (unexplained < 0) return null;
  if (openSince !== null) {
    spans.push({ start: openSince, end: openSince + unexplained });
    return spans;
  }
  return unexplained === 0 ? spans : null;
}
