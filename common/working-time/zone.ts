/**
 * Conversions between instants and local wall-clock time in an IANA time zone, through
 * Intl.DateTimeFormat, so no UTC offset is written in the code.
 */
import { WorkingTimeError, type LocalDate } from './types';

export const minuteMs = 60_000;
export const dayMs = 24 * 60 * minuteMs;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new WorkingTimeError(`invalid time zone ${JSON.stringify(timeZone)}; use an IANA name`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Checks that Intl supports the time zone, and throws WorkingTimeError if it does not. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Computes the zone's offset from UTC at the instant through Intl, in milliseconds. */
function computeOffset(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((candidate) => candidate.type === type);
    return part ? Number(part.value) : 0;
  };
  const wallClock = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return wallClock - wholeSeconds;
}

const hourMs = 60 * minuteMs;
/** Hours cached per zone before its cache starts again: about 11 years of distinct hours. */
const maxCachedHours = 100_000;
/** Per zone, the offset of each UTC hour seen, or NaN for an hour in which the offset changes. */
const offsetsByHour = new Map<string, Map<number, number>>();

/**
 * Returns the zone's offset from UTC at the instant, in milliseconds (east positive). Intl was the
 * largest single cost of listing a queue page in a CPU profile, so the offset is kept per UTC hour
 * when it is the same at the hour's first and last millisecond.
 */
export function offsetAt(timeZone: string, instant: number): number {
  let hours = offsetsByHour.get(timeZone);
  if (!hours) {
    hours = new Map();
    offsetsByHour.set(timeZone, hours);
  }
  const hour = Math.floor(instant / hourMs);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = computeOffset(timeZone, hour * hourMs);
    const last = computeOffset(timeZone, (hour + 1) * hourMs - 1);
    offset = first === last ? first : Number.NaN;
    if (hours.size >= maxCachedHours) hours.clear();
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? computeOffset(timeZone, instant) : offset;
}

/**
 * Returns the instant of a local wall-clock time given as milliseconds since the local epoch. A
 * wall-clock time skipped by a daylight-saving change maps to the instant after the gap.
 */
export function instantOfLocal(timeZone: string, localMs: number): number {
  const firstGuess = offsetAt(timeZone, localMs);
  const instant = localMs - firstGuess;
  const corrected = offsetAt(timeZone, instant);
  return corrected === firstGuess ? instant : localMs - corrected;
}

/** Returns the local wall-clock time of an instant, as milliseconds since the local epoch. */
export function localOfInstant(timeZone: string, instant: number): number {
  return instant + offsetAt(timeZone, instant);
}

/** Returns the local day number (days since 1970-01-01) of a local time in milliseconds. */
export function dayOfLocal(localMs: number): number {
  return Math.floor(localMs / dayMs);
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into a day number; throws WorkingTimeError for an invalid date. */
export function dayOfDate(date: LocalDate): number {
  const match = datePattern.exec(date);
  if (!match) throw new WorkingTimeError(`invalid date ${JSON.stringify(date)}; use YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new WorkingTimeError(`invalid date ${JSON.stringify(date)}; no such day`);
  }
  return ms / dayMs;
}

export function dateOfDay(day: number): LocalDate {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** Returns the weekday of a day number, 0 for Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const timePattern = /^(\d{2}):(\d{2})$/;

/** Parses `HH:MM` (00:00 to 24:00) into minutes after midnight. */
export function parseTimeOfDay(time: string): number {
  const match = timePattern.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || minutes > 24 * 60) {
    throw new WorkingTimeError(
      `invalid time of day ${JSON.stringify(time)}; use HH:MM from 00:00 to 24:00`,
    );
  }
  return minutes;
}

export function formatTimeOfDay(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
