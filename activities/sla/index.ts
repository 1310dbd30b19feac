/**
 * Service-level deadlines. Every deadline the complaint workflow keeps comes from
 * `computeDeadlines`: the most specific policy of `sla_policies` (or the `sla_targets` row of the
 * priority when no policy applies) counted in working time of the default calendar (office hours,
 * weekends, holidays, Ramadan hours) from the case's opening. Time in a status that the policy
 * pauses on does not count.
 */
import type { Priority } from '../../common/enums';
import type { Logger } from '../../common/logger';
import type { SlaRules, SlaTarget, SlaWorkflowType } from '../../common/sla';
import {
  addWorkingMs,
  endOfNthWorkingDay,
  johorBaseCalendar,
  workingMsBetween,
  WorkingTimeError,
  type WorkingCalendar,
} from '../../common/working-time';
import type { Database } from '../../db/client';
import { calendarFor, clockFor, type Clock } from './deadline-clock';
import { findPolicy } from './policies';

export interface DeadlineRequest {
  caseId: string;
  openedAt: string;
  priority: Priority;
  /** Absent in requests of workflows started before policies existed; then null. */
  categoryId?: string | null;
  /** Default 'complaint'. */
  workflowType?: SlaWorkflowType;
  /** Time in paused statuses so far; it moves every deadline. */
  pausedMs: number;
  /** Warning share used when the policy comes from `sla_targets`, which has none of its own. */
  warningShare: number;
  /**
   * Start of the resolution clock when it differs from the opening: the last reopening, for a
   * policy whose reopen mode is 'restart'.
   */
  resolutionStartedAt?: string | null;
  /**
   * Statuses whose spans in the case's history make up `pausedMs`. Default: the policy's pause
   * statuses; the workflow adds 'resolved' when a reopened case continues its clock.
   */
  pausedStatuses?: string[];
}

/** One target: its length in working time, when it is due, and when each warning is due. */
export interface Deadline {
  targetMs: number;
  dueAt: string;
  /** The first warning; the same as `warnAts[0]`. */
  warnAt: string;
  /** One instant per warning share, ascending; absent in results recorded before policies. */
  warnAts?: string[];
}

export interface Deadlines {
  firstResponse: Deadline | null;
  resolution: Deadline | null;
  /** The policy's rules for the workflow; absent when no policy applies. */
  rules?: SlaRules;
}

const minuteMs = 60_000;

/**
 * Converts a target to working milliseconds counted from `start`. A working-day target is the
 * working time from `start` to the close of the n-th working day (see common/sla.ts SlaTarget for
 * which day counts as the first), so time paused later extends it like a working duration.
 */
export function targetLengthMs(
  calendar: WorkingCalendar,
  start: number,
  target: SlaTarget,
): number {
  if (target.kind === 'workingMinutes') return target.minutes * minuteMs;
  return workingMsBetween(calendar, start, endOfNthWorkingDay(calendar, start, target.days));
}

function deadline(clock: Clock, target: SlaTarget, warningShares: readonly number[]): Deadline {
  const targetMs = targetLengthMs(clock.calendar, clock.start, target);
  const options = { exclusions: clock.exclusions };
  const instantAfter = (ms: number) =>
    addWorkingMs(clock.calendar, clock.start, ms, options).toISOString();
  const warnAts = warningShares.map((share) => instantAfter(Math.round(targetMs * share)));
  const dueAt = instantAfter(targetMs);
  return { targetMs, dueAt, warnAt: warnAts[0] ?? dueAt, warnAts };
}

interface Targets {
  firstResponse: SlaTarget | null;
  resolution: SlaTarget | null;
  warningShares: number[];
}

function computeWith(clock: Clock, targets: Targets, resolutionStart: number | null): Deadlines {
  const resolutionClock =
    resolutionStart === null ? clock : { ...clock, start: Math.max(clock.start, resolutionStart) };
  return {
    firstResponse: targets.firstResponse
      ? deadline(clock, targets.firstResponse, targets.warningShares)
      : null,
    resolution: targets.resolution
      ? deadline(resolutionClock, targets.resolution, targets.warningShares)
      : null,
  };
}

/**
 * Computes both deadlines of a case in working time, with the rules of its policy. A case without
 * a policy has no deadlines (null), which the workflow treats as "no timers", and is logged as a
 * warning. A stored calendar that the engine rejects is logged as an error and replaced by the
 * built-in one, so a bad calendar row delays no case.
 */
export async function computeDeadlines(
  db: Database,
  logger: Logger,
  request: DeadlineRequest,
): Promise<Deadlines> {
  const policy = await findPolicy(db, {
    workflowType: request.workflowType ?? 'complaint',
    categoryId: request.categoryId ?? null,
    priority: request.priority,
  });
  if (!policy) {
    logger.warn(
      { caseId: request.caseId, priority: request.priority, categoryId: request.categoryId },
      'no SLA policy applies to this case; it has no deadlines',
    );
    return { firstResponse: null, resolution: null };
  }

  const rules: SlaRules = {
    policyId: policy.id === '' ? null : policy.id,
    pauseStatuses: policy.pauseStatuses,
    reopenMode: policy.reopenMode,
    escalation: policy.escalation,
  };
  const targets: Targets = {
    firstResponse: policy.firstResponse,
    resolution: policy.resolution,
    warningShares: policy.id === '' ? [request.warningShare] : policy.warningShares,
  };
  const resolutionStart = request.resolutionStartedAt
    ? Date.parse(request.resolutionStartedAt)
    : null;
  const statuses = request.pausedStatuses ?? policy.pauseStatuses;
  const calendar = await calendarFor(db, logger, request.caseId, Date.parse(request.openedAt));
  const clock = await clockFor(db, logger, request, calendar, statuses);
  try {
    return { ...computeWith(clock, targets, resolutionStart), rules };
  } catch (error) {
    if (!(error instanceof WorkingTimeError)) throw error;
    logger.error(
      { caseId: request.caseId, error: error.message },
      'the default calendar is invalid; deadlines use the built-in Johor office hours',
    );
    const fallback = { ...clock, calendar: johorBaseCalendar() };
    return { ...computeWith(fallback, targets, resolutionStart), rules };
  }
}

export { calendarFor, clockFor } from './deadline-clock';
export * from './calendars';
export { pausedSpans } from './pauses';
export * from './policies';
export * from './results';
export * from './recompute';
