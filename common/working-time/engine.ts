/**
 * Working-time arithmetic over a calendar: due times, working time between two instants, the next
 * working instant, the end of the n-th working day, and an explanation of a span.
 *
 * Working ranges are half-open: a calendar worked 08:00–17:00 works at 08:00 and not at 17:00. A
 * duration that ends exactly at a closing time is due at that closing time, while a clock that
 * starts at a closing time starts at the next opening.
 */
import { compileCalendar, planOf, type CompiledCalendar, type DayPlan } from './plan';
import {
  WorkingTimeError,
  type HolidayKind,
  type Instant,
  type Interval,
  type LocalDate,
  type Weekday,
  type WorkingCalendar,
} from './types';
import { dayOfDate, dayOfLocal, formatTimeOfDay, localOfInstant, minuteMs } from './zone';

/** How far the engine looks ahead for working time before it gives up (about ten years). */
export const maxSearchDays = 3660;

export interface WorkingTimeOptions {
  /**
   * Spans that do not count even inside office hours, such as the time a case waited for the
   * customer. They may overlap and come in any order.
   */
  exclusions?: readonly Interval[];
}

function toMs(instant: Instant, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  if (!Number.isFinite(ms)) throw new WorkingTimeError(`${name} is not a valid instant`);
  return ms;
}

function localDayOf(calendar: CompiledCalendar, instant: number): number {
  return dayOfLocal(localOfInstant(calendar.timeZone, instant));
}

/** Sorts and merges the exclusions, dropping empty ones. */
function normaliseExclusions(exclusions: readonly Interval[] | undefined): Interval[] {
  const sorted = (exclusions ?? [])
    .filter((span) => span.end > span.start)
    .map((span) => ({ start: span.start, end: span.end }))
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged;
}

function* withoutExclusions(range: Interval, exclusions: readonly Interval[]): Generator<Interval> {
  let cursor = range.start;
  for (const span of exclusions) {
    if (span.end <= cursor) continue;
    if (span.start >= range.end) break;
    if (span.start > cursor) yield { start: cursor, end: span.start };
    cursor = Math.max(cursor, span.end);
    if (cursor >= range.end) return;
  }
  if (cursor < range.end) yield { start: cursor, end: range.end };
}

/** Yields the working intervals after `from` in order, the first one clipped to start at `from`. */
function* workingIntervals(
  calendar: CompiledCalendar,
  from: number,
  exclusions: readonly Interval[],
): Generator<Interval> {
  const firstDay = localDayOf(calendar, from);
  for (let day = firstDay; day <= firstDay + maxSearchDays; day += 1) {
    for (const range of planOf(calendar, day).ranges) {
      if (range.end <= from) continue;
      yield* withoutExclusions({ start: Math.max(range.start, from), end: range.end }, exclusions);
    }
  }
  throw new WorkingTimeError(
    `no working time within ${maxSearchDays} days after ${new Date(from).toISOString()}`,
  );
}

/** Returns the instant at which `durationMs` of working time have passed since `start`. */
export function addWorkingMs(
  calendar: WorkingCalendar,
  start: Instant,
  durationMs: number,
  options: WorkingTimeOptions = {},
): Date {
  const from = toMs(start, 'start');
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new WorkingTimeError(`duration ${durationMs} ms is invalid; it must be 0 or more`);
  }
  let remaining = Math.round(durationMs);
  const compiled = compileCalendar(calendar);
  for (const interval of workingIntervals(
    compiled,
    from,
    normaliseExclusions(options.exclusions),
  )) {
    const available = interval.end - interval.start;
    if (remaining <= available) return new Date(interval.start + remaining);
    remaining -= available;
  }
  throw new WorkingTimeError('unreachable: workingIntervals ends by throwing');
}

/**
 * Returns the due instant of a target of `durationMinutes` working minutes that starts at `start`.
 * Outside office hours the clock starts at the next working instant; a duration of 0 is due then.
 */
export function addWorkingTime(
  calendar: WorkingCalendar,
  start: Instant,
  durationMinutes: number,
  options: WorkingTimeOptions = {},
): Date {
  return addWorkingMs(calendar, start, durationMinutes * minuteMs, options);
}

/** Returns the first instant at or after `instant` at which the clock runs. */
export function nextWorkingInstant(
  calendar: WorkingCalendar,
  instant: Instant,
  options: WorkingTimeOptions = {},
): Date {
  return addWorkingMs(calendar, instant, 0, options);
}

/** Returns the working milliseconds between `a` and `b`; 0 when `b` is not after `a`. */
export function workingMsBetween(
  calendar: WorkingCalendar,
  a: Instant,
  b: Instant,
  options: WorkingTimeOptions = {},
): number {
  const from = toMs(a, 'a');
  const to = toMs(b, 'b');
  if (to <= from) return 0;
  const compiled = compileCalendar(calendar);
  const lastDay = localDayOf(compiled, to);
  const exclusions = normaliseExclusions(options.exclusions);
  let total = 0;
  for (let day = localDayOf(compiled, from); day <= lastDay; day += 1) {
    for (const range of planOf(compiled, day).ranges) {
      const clipped = { start: Math.max(range.start, from), end: Math.min(range.end, to) };
      if (clipped.end <= clipped.start) continue;
      for (const piece of withoutExclusions(clipped, exclusions)) total += piece.end - piece.start;
    }
  }
  return total;
}

export function workingMinutesBetween(
  calendar: WorkingCalendar,
  a: Instant,
  b: Instant,
  options: WorkingTimeOptions = {},
): number {
  return workingMsBetween(calendar, a, b, options) / minuteMs;
}

/** Returns whether the clock runs at the instant: inside a working range, before its end. */
export function isWorkingInstant(calendar: WorkingCalendar, instant: Instant): boolean {
  const at = toMs(instant, 'instant');
  const compiled = compileCalendar(calendar);
  return planOf(compiled, localDayOf(compiled, at)).ranges.some(
    (range) => range.start <= at && at < range.end,
  );
}

/**
 * Returns the closing time of the n-th working day (n ≥ 1) counted from `start`. The day on which
 * the clock starts is the first working day only when the clock starts at that day's opening, as
 * for a case that arrived before office hours. Otherwise the first working day is the next one, so
 * a case received on Monday at 10:00 is due on Wednesday at closing for n = 2.
 */
export function endOfNthWorkingDay(calendar: WorkingCalendar, start: Instant, n: number): Date {
  if (!Number.isInteger(n) || n < 1) {
    throw new WorkingTimeError(`n = ${n} is invalid; it must be a whole number of 1 or more`);
  }
  const compiled = compileCalendar(calendar);
  const clockStart = nextWorkingInstant(calendar, start).getTime();
  const firstDay = localDayOf(compiled, clockStart);
  const firstPlan = planOf(compiled, firstDay);
  let count = firstPlan.ranges[0]?.start === clockStart ? 1 : 0;
  if (count === n) return new Date(closingOf(firstPlan));
  for (let day = firstDay + 1; day <= firstDay + maxSearchDays; day += 1) {
    const plan = planOf(compiled, day);
    if (plan.status !== 'working') continue;
    count += 1;
    if (count === n) return new Date(closingOf(plan));
  }
  throw new WorkingTimeError(`fewer than ${n} working days within ${maxSearchDays} days`);
}

function closingOf(plan: DayPlan): number {
  const last = plan.ranges[plan.ranges.length - 1];
  if (!last) throw new WorkingTimeError(`${plan.date} has no working ranges`);
  return last.end;
}

// ---------------------------------------------------------------------------------------------
// Explanations: why a span counts as it does
// ---------------------------------------------------------------------------------------------

/**
 * Kind of time in an explanation. A `break` lies between two ranges of a worked day, such as lunch
 * or the Friday prayer break. A `closed` span lies before the opening or after the closing of a
 * worked day, or covers a whole day that is neither weekend nor holiday but has no office hours.
 */
export type SegmentKind = 'working' | 'break' | 'closed' | 'weekend' | 'holiday';

export interface NamedDay {
  nameMs: string;
  nameEn: string;
}

export interface HolidayName extends NamedDay {
  kind: HolidayKind;
}

export interface Segment {
  kind: SegmentKind;
  start: Date;
  end: Date;
  minutes: number;
  /** The holidays of a `holiday` segment. */
  holidays: HolidayName[];
  /** The special period (such as Ramadan) whose hours shape a segment of a worked day. */
  specialPeriod: NamedDay | null;
}

interface Piece {
  kind: SegmentKind;
  start: number;
  end: number;
  plan: DayPlan;
}

function piecesOfDay(plan: DayPlan): Piece[] {
  if (plan.status === 'holiday')
    return [{ kind: 'holiday', start: plan.start, end: plan.end, plan }];
  if (plan.status === 'weekend')
    return [{ kind: 'weekend', start: plan.start, end: plan.end, plan }];
  if (plan.status === 'no_hours')
    return [{ kind: 'closed', start: plan.start, end: plan.end, plan }];
  const pieces: Piece[] = [];
  let cursor = plan.start;
  for (const [index, range] of plan.ranges.entries()) {
    if (range.start > cursor) {
      pieces.push({
        kind: index === 0 ? 'closed' : 'break',
        start: cursor,
        end: range.start,
        plan,
      });
    }
    pieces.push({ kind: 'working', start: range.start, end: range.end, plan });
    cursor = range.end;
  }
  if (cursor < plan.end) pieces.push({ kind: 'closed', start: cursor, end: plan.end, plan });
  return pieces;
}

function labelOf(piece: Piece): string {
  const holidays = piece.kind === 'holiday' ? piece.plan.holidays.map((h) => h.nameEn) : [];
  const period = piece.kind === 'weekend' ? null : (piece.plan.specialPeriod?.nameEn ?? null);
  return JSON.stringify([piece.kind, holidays, period]);
}

function segmentOf(piece: Piece): Segment {
  const period = piece.plan.specialPeriod;
  return {
    kind: piece.kind,
    start: new Date(piece.start),
    end: new Date(piece.end),
    minutes: (piece.end - piece.start) / minuteMs,
    holidays:
      piece.kind === 'holiday'
        ? piece.plan.holidays.map(({ nameMs, nameEn, kind }) => ({ nameMs, nameEn, kind }))
        : [],
    specialPeriod:
      period && piece.kind !== 'weekend' && piece.kind !== 'holiday'
        ? { nameMs: period.nameMs, nameEn: period.nameEn }
        : null,
  };
}

/**
 * Splits the span from `a` to `b` into working, break, closed, weekend and holiday segments, in
 * order, merging neighbours of the same kind and names (a night and the weekend stay apart).
 */
export function explainSpan(calendar: WorkingCalendar, a: Instant, b: Instant): Segment[] {
  const from = toMs(a, 'a');
  const to = toMs(b, 'b');
  if (to <= from) return [];
  const compiled = compileCalendar(calendar);
  const firstDay = localDayOf(compiled, from);
  const lastDay = localDayOf(compiled, to);
  if (lastDay - firstDay > maxSearchDays) {
    throw new WorkingTimeError(`a span to explain may cover at most ${maxSearchDays} days`);
  }
  const merged: Array<{ piece: Piece; label: string }> = [];
  for (let day = firstDay; day <= lastDay; day += 1) {
    for (const piece of piecesOfDay(planOf(compiled, day))) {
      const clipped = {
        ...piece,
        start: Math.max(piece.start, from),
        end: Math.min(piece.end, to),
      };
      if (clipped.end <= clipped.start) continue;
      const label = labelOf(clipped);
      const last = merged[merged.length - 1];
      if (last && last.label === label && last.piece.end === clipped.start) {
        last.piece = { ...last.piece, end: clipped.end };
      } else {
        merged.push({ piece: clipped, label });
      }
    }
  }
  return merged.map(({ piece }) => segmentOf(piece));
}

// ---------------------------------------------------------------------------------------------
// Days and months, for calendar views
// ---------------------------------------------------------------------------------------------

export interface DayDescription {
  date: LocalDate;
  weekday: Weekday;
  working: boolean;
  /** Reason the day is not worked, or null on a worked day. */
  reason: 'weekend' | 'holiday' | 'no_hours' | null;
  /** Office hours as local `HH:MM` ranges; empty unless the day is worked. */
  ranges: Array<{ start: string; end: string }>;
  workingMinutes: number;
  holidays: HolidayName[];
  specialPeriod: NamedDay | null;
}

function describePlan(plan: DayPlan): DayDescription {
  return {
    date: plan.date,
    weekday: plan.weekday,
    working: plan.status === 'working',
    reason: plan.status === 'working' ? null : plan.status,
    ranges: plan.minuteRanges.map(([start, end]) => ({
      start: formatTimeOfDay(start),
      end: formatTimeOfDay(end),
    })),
    workingMinutes: plan.minuteRanges.reduce((sum, [start, end]) => sum + end - start, 0),
    holidays: plan.holidays.map(({ nameMs, nameEn, kind }) => ({ nameMs, nameEn, kind })),
    specialPeriod: plan.specialPeriod
      ? { nameMs: plan.specialPeriod.nameMs, nameEn: plan.specialPeriod.nameEn }
      : null,
  };
}

export function describeDay(calendar: WorkingCalendar, date: LocalDate): DayDescription {
  return describePlan(planOf(compileCalendar(calendar), dayOfDate(date)));
}

/** Describes every day of a month (1 to 12) of a year. */
export function describeMonth(
  calendar: WorkingCalendar,
  year: number,
  month: number,
): DayDescription[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new WorkingTimeError(`year ${year} is invalid; use 1900 to 9999`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new WorkingTimeError(`month ${month} is invalid; use 1 to 12`);
  }
  const compiled = compileCalendar(calendar);
  const first = Date.UTC(year, month - 1, 1) / 86_400_000;
  const next = Date.UTC(year, month, 1) / 86_400_000;
  const days: DayDescription[] = [];
  for (let day = first; day < next; day += 1) days.push(describePlan(planOf(compiled, day)));
  return days;
}
