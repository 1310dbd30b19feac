/**
 * Service-level deadlines. Every deadline the complaint workflow keeps comes from
 * `computeDeadlines`, so the working-time engine (business hours, holidays) replaces this one
 * function. For now the targets of `sla_targets` are counted in calendar time.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { slaTargets } from '../db/schema';
import type { Priority } from '../common/enums';
import type { Logger } from '../common/logger';

export interface DeadlineRequest {
  caseId: string;
  openedAt: string;
  priority: Priority;
  /** Time spent waiting for the customer or a supplier so far; it moves every deadline. */
  pausedMs: number;
  /** Share of each target after which the warning is due, between 0 and 1. */
  warningShare: number;
}

/** One target: its length, when it is due, and when the warning is due. */
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

function deadline(openedAtMs: number, targetMinutes: number, request: DeadlineRequest): Deadline {
  const targetMs = targetMinutes * minuteMs;
  const start = openedAtMs + request.pausedMs;
  return {
    targetMs,
    dueAt: new Date(start + targetMs).toISOString(),
    warnAt: new Date(start + Math.round(targetMs * request.warningShare)).toISOString(),
  };
}

/**
 * Computes both deadlines of a case in calendar time. A priority without a row in `sla_targets`
 * has no deadlines (null), which the workflow treats as "no timers", and is logged as a warning.
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
  const openedAtMs = Date.parse(request.openedAt);
  return {
    firstResponse: deadline(openedAtMs, target.firstResponseMinutes, request),
    resolution: deadline(openedAtMs, target.resolutionMinutes, request),
  };
}
