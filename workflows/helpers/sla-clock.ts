/**
 * Timer arithmetic of the complaint workflow: which service-level and closing events are pending,
 * which are due, and how long to sleep until the next one. Pure functions of the state and the
 * workflow clock; the deadlines themselves come from the computeDeadlines activity.
 */
import type { ComplaintState, TargetState } from '../../common/complaint';
import { pausedStatuses, type CaseStatus } from '../../common/enums';
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

/** Statuses that pause the case's clock: those of its policy, or both waiting statuses before one is known. */
export function pauseStatusesOf(state: ComplaintState): readonly CaseStatus[] {
  return state.sla?.pauseStatuses ?? pausedStatuses;
}

/** Returns whether a target's clock runs: it exists, is unmet, and the case is neither paused nor done. */
export function isClockRunning(state: ComplaintState, target: SlaTargetName): boolean {
  if (pauseStatusesOf(state).includes(state.status)) return false;
  if (state.status === 'resolved' || state.status === 'closed') return false;
  const targetState = state[target];
  return targetState !== null && targetState.metAt === null;
}

/** Returns the warning instants of a target; a state from before policies has only `warnAt`. */
export function warningInstants(target: TargetState): string[] {
  return target.warnAts ?? [target.warnAt];
}

export function warningsSentOf(target: TargetState): number {
  return target.warningsSent ?? (target.warned ? 1 : 0);
}

/** Returns the instant of the next warning to send, or null when every warning has been sent. */
export function nextWarningAt(target: TargetState): string | null {
  if (target.warned) return null;
  return warningInstants(target)[warningsSentOf(target)] ?? null;
}

/** Marks the next warning sent; `warned` becomes true with the last one. */
export function withWarningSent(target: TargetState): TargetState {
  const sent = warningsSentOf(target) + 1;
  const withCount = target.warnAts ? { warningsSent: sent } : {};
  return { ...target, ...withCount, warned: sent >= warningInstants(target).length };
}

export function pendingEvents(state: ComplaintState): TimedEvent[] {
  const events: TimedEvent[] = [];
  for (const target of slaTargetNames) {
    const targetState = state[target];
    if (!targetState || !isClockRunning(state, target)) continue;
    const nextWarning = nextWarningAt(targetState);
    if (nextWarning !== null && !targetState.breached) {
      events.push({ at: Date.parse(nextWarning), event: { kind: 'warning', target } });
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
 * was met and a breach. A sent warning is kept only if its new instant has already passed, so a
 * target that moved later (a pause, a lower priority, a new holiday) warns again.
 */
export function withDeadline(
  previous: TargetState | null,
  deadline: Deadline | null,
  now: number,
): TargetState | null {
  if (!deadline) return null;
  if (!deadline.warnAts) {
    // A deadline recorded before policies existed, replayed from an old history.
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
  const sentBefore = previous ? warningsSentOf(previous) : 0;
  const passed = deadline.warnAts.filter((at) => Date.parse(at) <= now).length;
  const warningsSent = Math.min(sentBefore, passed);
  return {
    targetMs: deadline.targetMs,
    dueAt: deadline.dueAt,
    warnAt: deadline.warnAt,
    warnAts: deadline.warnAts,
    warningsSent,
    warned: warningsSent >= deadline.warnAts.length,
    breached: previous?.breached ?? false,
    breachedAt: previous?.breachedAt ?? null,
    metAt: previous?.metAt ?? null,
  };
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
