/**
 * The state of a case's resolution target as the agent queues colour it: the working minutes
 * left until the due time, the warning time (after the warning share of the target), and a
 * level: `ok`, `warning` once the warning time has passed, `breached` once the due time has.
 */
import { addWorkingMs, workingMsBetween, type WorkingCalendar } from '../../common/working-time';

export const dueLevels = ['ok', 'warning', 'breached', 'paused'] as const;
export type DueLevel = (typeof dueLevels)[number];

export interface QueueDueState {
  warnAt: string | null;
  /** Working minutes from now to the due time; 0 once it has passed. */
  remainingWorkingMinutes: number | null;
  /** Null for a case without a due time or whose target is met. */
  level: DueLevel | null;
}

export interface QueueDueFacts {
  openedAt: Date;
  dueAt: Date | null;
  breached: boolean;
  /** True while the case waits for the customer or a supplier. */
  paused: boolean;
  /** True once the target is met (resolved or closed). */
  done: boolean;
}

const minuteMs = 60_000;

/**
 * Computes the queue state of one target. The target's length is taken as the working time from
 * the opening to the due time.
 *
 * NOTE: that length includes the office hours the case spent waiting, so for a case that has
 * waited the warning time comes earlier than the workflow's own warning.
 */
export function queueDueState(
  calendar: WorkingCalendar,
  facts: QueueDueFacts,
  now: Date,
  warningShare: number,
): QueueDueState {
  if (!facts.dueAt || facts.done)
    return { warnAt: null, remainingWorkingMinutes: null, level: null };
  const targetMs = workingMsBetween(calendar, facts.openedAt, facts.dueAt);
  const warnAt = addWorkingMs(calendar, facts.openedAt, Math.round(targetMs * warningShare));
  const remainingWorkingMinutes = Math.round(
    workingMsBetween(calendar, now, facts.dueAt) / minuteMs,
  );
  let level: DueLevel = 'ok';
  if (facts.breached || now >= facts.dueAt) level = 'breached';
  else if (facts.paused) level = 'paused';
  else if (now >= warnAt) level = 'warning';
  return { warnAt: warnAt.toISOString(), remainingWorkingMinutes, level };
}
