/**
 * The result of a closed case against each of its targets, written once. The insert does nothing
 * when a row for the case and target exists, so a retried activity, a replayed workflow or a later
 * calendar or policy change never rewrites a recorded result.
 */
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { slaResults } from '../../db/schema';
import { workingMsBetween } from '../../common/working-time';
import { calendarFor, clockFor } from './deadline-clock';

export interface TargetOutcome {
  target: 'firstResponse' | 'resolution';
  targetMs: number;
  dueAt: string;
  metAt: string | null;
  breachedAt: string | null;
  /** Start of this target's clock when it is not the opening (a restarted resolution clock). */
  startedAt?: string | null;
}

export interface SlaResultRequest {
  caseId: string;
  policyId: string | null;
  openedAt: string;
  closedAt: string;
  /** Time the case was paused, as the result records it. */
  pausedMs: number;
  /**
   * Length of the spans in `pausedStatuses` that the case history contains at the close, from
   * which the paused spans are rebuilt. It exceeds `pausedMs` when a reopened case closes from
   * resolved.
   */
  historyPausedMs?: number;
  pausedStatuses: string[];
  targets: TargetOutcome[];
}

/**
 * Records one row per target: the working time from the start of its clock to the time it was met
 * (or to the close when it never was), the case's paused time, and whether it was met in time.
 * Returns the number of rows written by this call.
 */
export async function recordSlaResults(
  db: Database,
  logger: Logger,
  request: SlaResultRequest,
): Promise<number> {
  const openedAtMs = Date.parse(request.openedAt);
  const calendar = await calendarFor(db, logger, request.caseId, openedAtMs);
  const clock = await clockFor(
    db,
    logger,
    { ...request, pausedMs: request.historyPausedMs ?? request.pausedMs },
    calendar,
    request.pausedStatuses,
  );
  let written = 0;
  for (const outcome of request.targets) {
    const start = Math.max(clock.start, outcome.startedAt ? Date.parse(outcome.startedAt) : 0);
    const end = Date.parse(outcome.metAt ?? request.closedAt);
    const workingMsElapsed = workingMsBetween(calendar, start, end, {
      exclusions: clock.exclusions,
    });
    const met = outcome.metAt !== null && outcome.breachedAt === null;
    const rows = await db
      .insert(slaResults)
      .values({
        caseId: request.caseId,
        target: outcome.target,
        policyId: request.policyId,
        targetMs: outcome.targetMs,
        dueAt: new Date(outcome.dueAt),
        workingMsElapsed,
        pausedMs: request.pausedMs,
        met,
        metAt: outcome.metAt ? new Date(outcome.metAt) : null,
        breachedAt: outcome.breachedAt ? new Date(outcome.breachedAt) : null,
      })
      .onConflictDoNothing()
      .returning({ caseId: slaResults.caseId });
    written += rows.length;
  }
  logger.info({ caseId: request.caseId, written }, 'SLA results recorded');
  return written;
}
