/**
 * Timer arithmetic of the complaint workflow: which service-level and closing events are pending,
 * which are due, and how long to sleep until the next one. Pure functions of the state and the
 * workflow clock; the deadlines themselves come from the computeDeadlines activity.
 */
import type { ComplaintState, TargetState } from '../../common/complaint';
import { pausedStatuses } from '../../common/enums';
import type { Deadline } from '../../activities/sla';

export type SlaTargetName = 'firstResponse' | 'resolution';
export const slaTargetNames: readonly SlaTargetName[] = ['firstResponse', 'resolution'];

export type ClockEvent =
  | { kind: 'warning'; target: SlaTargetName }
  | { kind: 'breach'; target: SlaTargetName }
  | { kind: 'autoClose' }
  | { kind: 'ratingClosed' };

export interface TimedEvent {
  at: number;
  event: ClockEvent;
}

/** Returns whether a target's clock runs: it exists, is unmet, and the case is neither paused nor done. */
export function isClockRunning(state: ComplaintState, target: SlaTargetName): boolean {
  if (pausedStatuses.includes(state.status)) return false;
  if (state.status === 'resolved' || state.status === 'closed') return false;
  const targetState = state[target];
  return targetState !== null && targetState.metAt === null;
}

export function pendingEvents(state: ComplaintState): TimedEvent[] {
  const events: TimedEvent[] = [];
  for (const target of slaTargetNames) {
    const targetState = state[target];
    if (!targetState || !isClockRunning(state, target)) continue;
    if (!targetState.warned && !targetState.breached) {
      events.push({ at: Date.parse(targetState.warnAt), event: { kind: 'warning', target } });
    }
    if (!targetState.breached) {
      events.push({ at: Date.parse(targetState.dueAt), event: { kind: 'breach', target } });
    }
  }
  if (state.status === 'resolved' && state.closesAt) {
    events.push({ at: Date.parse(state.closesAt), event: { kind: 'autoClose' } });
  }
  if (state.status === 'closed' && !state.rated && state.ratingClosesAt) {
    events.push({ at: Date.parse(state.ratingClosesAt), event: { kind: 'ratingClosed' } });
  }
  return events.sort((a, b) => a.at - b.at);
}

export function dueEvents(state: ComplaintState, now: number): ClockEvent[] {
  return pendingEvents(state)
    .filter((timed) => timed.at <= now)
    .map((timed) => timed.event);
}

/** Milliseconds until the next pending event (at least 1), or null when nothing is pending. */
export function msUntilNextEvent(state: ComplaintState, now: number): number | null {
  const next = pendingEvents(state)[0];
  if (!next) return null;
  return Math.max(1, next.at - now);
}

/**
 * Applies a freshly computed deadline to a target and keeps what already happened: the time it
 * was met and a breach. A warning is kept only if the new warning time has already passed, so a
 * target that moved later (a pause, a lower priority) warns again.
 */
export function withDeadline(
  previous: TargetState | null,
  deadline: Deadline | null,
  now: number,
): TargetState | null {
  if (!deadline) return null;
  const warned = (previous?.warned ?? false) && Date.parse(deadline.warnAt) <= now;
  return {
    targetMs: deadline.targetMs,
    dueAt: deadline.dueAt,
    warnAt: deadline.warnAt,
    warned,
    breached: previous?.breached ?? false,
    breachedAt: previous?.breachedAt ?? null,
    metAt: previous?.metAt ?? null,
  };
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
