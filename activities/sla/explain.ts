/**
 * Explains a case's service-level clock per target. The explanation lists the spans in which the
 * clock ran and the spans in which it was paused because the case waited for the customer or a
 * supplier. It also lists the time the calendar skipped, with the reason: outside office hours,
 * weekend, a named holiday, a lunch or Friday prayer break, or special hours such as Ramadan.
 * Pure over the calendar and the case's status history, so the API and the tests build the same
 * explanation.
 *
 * NOTE: only the waiting statuses pause the clock here, as in the deadline activity. The time
 * between a resolution and a reopening counts as running time.
 */
import { pausedStatuses, type CaseStatus, type WaitReason } from '../../common/enums';
import {
  explainSpan,
  workingMsBetween,
  type HolidayName,
  type Interval,
  type NamedDay,
  type Segment,
  type WorkingCalendar,
} from '../../common/working-time';
import { dayOfLocal, localOfInstant, minuteMs, weekdayOfDay } from '../../common/working-time/zone';

export const clockTargets = ['first_response', 'resolution'] as const;
export type ClockTarget = (typeof clockTargets)[number];

export const skipReasons = [
  'outside_hours',
  'weekend',
  'holiday',
  'prayer_break',
  'break',
  'special_hours',
] as const;
/**
 * Reason the calendar skipped time. `prayer_break` is the break between two office-hour ranges on
 * a Friday, `break` one on another day (lunch), and `special_hours` time outside the office hours
 * of a special period such as Ramadan.
 */
export type SkipReason = (typeof skipReasons)[number];

export type ClockSpan =
  | { kind: 'running'; start: string; end: string; minutes: number }
  | { kind: 'paused'; start: string; end: string; minutes: number; waitingFor: WaitReason }
  | {
      kind: 'skipped';
      start: string;
      end: string;
      minutes: number;
      reason: SkipReason;
      holidays: HolidayName[];
      specialPeriod: NamedDay | null;
    };

export const clockStates = ['running', 'paused', 'met', 'breached', 'no_target'] as const;
export type ClockState = (typeof clockStates)[number];

export interface TargetClock {
  target: ClockTarget;
  state: ClockState;
  dueAt: string | null;
  /** When the target was met (first response or resolution), or null. */
  metAt: string | null;
  /** The due time when the target was breached, or null. */
  breachedAt: string | null;
  /** Working minutes the clock has run, without paused time. */
  elapsedMinutes: number;
  /** Wall-clock minutes the case waited for the customer or a supplier. */
  pausedMinutes: number;
  /** Working minutes from now to the due time for a target still running or paused, else null. */
  remainingMinutes: number | null;
  spans: ClockSpan[];
}

/** One status change of a case, as case_history stores it. */
export interface StatusChange {
  at: Date;
  oldValue: string | null;
  newValue: string | null;
}

export interface ClockFacts {
  openedAt: Date;
  history: readonly StatusChange[];
  targets: ReadonlyArray<{
    target: ClockTarget;
    dueAt: Date | null;
    metAt: Date | null;
    /** The breach flag the workflow recorded; it wins over the computed comparison. */
    breached: boolean;
  }>;
}

interface PausedSpan extends Interval {
  waitingFor: WaitReason;
}

function waitReasonOf(status: string | null): WaitReason | null {
  if (status === null || !pausedStatuses.includes(status as CaseStatus)) return null;
  return status === 'waiting_supplier' ? 'supplier' : 'customer';
}

/** Rebuilds the waiting spans from the status changes; a span still open ends at `until`. */
export function waitingSpans(history: readonly StatusChange[], until: number): PausedSpan[] {
  const sorted = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const spans: PausedSpan[] = [];
  let open: { start: number; waitingFor: WaitReason } | null = null;
  for (const change of sorted) {
    const at = change.at.getTime();
    const reason = waitReasonOf(change.newValue);
    if (open && open.waitingFor !== reason) {
      spans.push({ start: open.start, end: at, waitingFor: open.waitingFor });
      open = null;
    }
    if (!open && reason) open = { start: at, waitingFor: reason };
  }
  if (open) spans.push({ start: open.start, end: until, waitingFor: open.waitingFor });
  return spans.filter((span) => span.end > span.start);
}

function skipReasonOf(calendar: WorkingCalendar, segment: Segment): SkipReason {
  if (segment.kind === 'weekend') return 'weekend';
  if (segment.kind === 'holiday') return 'holiday';
  if (segment.kind === 'break') {
    const day = dayOfLocal(localOfInstant(calendar.timeZone, segment.start.getTime()));
    if (weekdayOfDay(day) === 5) return 'prayer_break';
    return segment.specialPeriod ? 'special_hours' : 'break';
  }
  return segment.specialPeriod ? 'special_hours' : 'outside_hours';
}

function spanOfSegment(calendar: WorkingCalendar, segment: Segment): ClockSpan {
  const times = {
    start: segment.start.toISOString(),
    end: segment.end.toISOString(),
    minutes: segment.minutes,
  };
  if (segment.kind === 'working') return { kind: 'running', ...times };
  return {
    kind: 'skipped',
    ...times,
    reason: skipReasonOf(calendar, segment),
    holidays: segment.holidays,
    specialPeriod: segment.specialPeriod,
  };
}

/** Splits the span from `start` to `end` into running, paused and skipped spans, in order. */
function spansBetween(
  calendar: WorkingCalendar,
  start: number,
  end: number,
  paused: readonly PausedSpan[],
): ClockSpan[] {
  const spans: ClockSpan[] = [];
  let cursor = start;
  const explainUntil = (until: number) => {
    if (until <= cursor) return;
    for (const segment of explainSpan(calendar, cursor, until)) {
      spans.push(spanOfSegment(calendar, segment));
    }
  };
  for (const pause of paused) {
    const from = Math.max(pause.start, cursor);
    const to = Math.min(pause.end, end);
    if (to <= from) continue;
    explainUntil(from);
    spans.push({
      kind: 'paused',
      start: new Date(from).toISOString(),
      end: new Date(to).toISOString(),
      minutes: (to - from) / minuteMs,
      waitingFor: pause.waitingFor,
    });
    cursor = to;
  }
  explainUntil(end);
  return spans;
}

function stateOf(
  target: ClockFacts['targets'][number],
  now: number,
  pausedNow: boolean,
): { state: ClockState; breachedAt: string | null } {
  const due = target.dueAt?.getTime() ?? null;
  if (due === null) return { state: 'no_target', breachedAt: null };
  const breachedAt = new Date(due).toISOString();
  if (target.metAt) {
    const late = target.breached || target.metAt.getTime() > due;
    return late ? { state: 'breached', breachedAt } : { state: 'met', breachedAt: null };
  }
  if (target.breached || now >= due) return { state: 'breached', breachedAt };
  return { state: pausedNow ? 'paused' : 'running', breachedAt: null };
}

/**
 * Builds the clock of every target of a case at the instant `now`. A target's timeline runs from
 * the opening to the instant it was met, or to `now` while it is not met.
 */
export function explainClock(
  calendar: WorkingCalendar,
  facts: ClockFacts,
  now: Date,
): TargetClock[] {
  const opened = facts.openedAt.getTime();
  const nowMs = Math.max(now.getTime(), opened);
  const paused = waitingSpans(facts.history, nowMs);
  const pausedNow = paused.some((span) => span.start <= nowMs && nowMs <= span.end);

  return facts.targets.map((target) => {
    const end = Math.max(opened, target.metAt?.getTime() ?? nowMs);
    const spans = spansBetween(calendar, opened, end, paused);
    const { state, breachedAt } = stateOf(target, nowMs, pausedNow);
    const elapsedMs = workingMsBetween(calendar, opened, end, { exclusions: paused });
    const open = state === 'running' || state === 'paused';
    return {
      target: target.target,
      state,
      dueAt: target.dueAt?.toISOString() ?? null,
      metAt: target.metAt?.toISOString() ?? null,
      breachedAt,
      elapsedMinutes: Math.round(elapsedMs / minuteMs),
      pausedMinutes: Math.round(
        spans.reduce((sum, span) => sum + (span.kind === 'paused' ? span.minutes : 0), 0),
      ),
      remainingMinutes:
        open && target.dueAt
          ? Math.round(workingMsBetween(calendar, nowMs, target.dueAt) / minuteMs)
          : null,
      spans,
    };
  });
}
