/**
 * Service-level deadline figures of `npm run bench`: the pure working-time computation that the
 * deadline activity does for one case, and for every open case after a calendar edit. The
 * calendar is Johor's: federal office hours, the weekend change, this year's and next year's
 * holidays from date-holidays, and Ramadan hours. Cases open at random instants of the last 60
 * days with random targets, and one case in four has a paused span.
 */
import { performance } from 'node:perf_hooks';
import { targetLengthMs } from '../activities/sla';
import type { SlaTarget } from '../common/sla';
import {
  addWorkingMs,
  federalOfficeHours,
  johorWeekends,
  ramadanOfficeHours,
  type Holiday,
  type Interval,
  type WorkingCalendar,
} from '../common/working-time';
import { johorHolidaysOf } from '../db/seed/calendars';
import { summarise, type Summary } from './stats';

export const openDeadlineCount = Number(process.env.BENCH_OPEN_DEADLINES ?? 100_000);

const minute = 60_000;
const day = 24 * 60 * minute;

const targets: SlaTarget[] = [
  { kind: 'workingMinutes', minutes: 30 },
  { kind: 'workingMinutes', minutes: 240 },
  { kind: 'workingMinutes', minutes: 480 },
  { kind: 'workingMinutes', minutes: 3_360 },
  { kind: 'workingMinutes', minutes: 14_400 },
  { kind: 'workingDays', days: 1 },
  { kind: 'workingDays', days: 3 },
  { kind: 'workingDays', days: 7 },
];

interface OpenCase {
  openedAt: number;
  target: SlaTarget;
  paused: Interval[];
}

function johorCalendar(year: number, extraHolidays: Holiday[] = []): WorkingCalendar {
  const seeded = [johorHolidaysOf(year), johorHolidaysOf(year + 1)];
  return {
    timeZone: 'Asia/Kuala_Lumpur',
    weeklyHours: [{ effectiveFrom: '2014-01-01', hours: federalOfficeHours }],
    weekends: johorWeekends,
    holidays: [...seeded.flatMap((entry) => entry.holidays), ...extraHolidays],
    specialPeriods: seeded.flatMap((entry) =>
      entry.ramadan
        ? [{ ...entry.ramadan, nameMs: 'Ramadan', nameEn: 'Ramadan', hours: ramadanOfficeHours }]
        : [],
    ),
  };
}

/** A small deterministic generator (mulberry32), so every run computes the same cases. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function openCases(count: number, now: number): OpenCase[] {
  const next = random(4);
  const cases: OpenCase[] = [];
  for (let index = 0; index < count; index += 1) {
    const openedAt = now - Math.floor(next() * 60 * day);
    const target = targets[Math.floor(next() * targets.length)] as SlaTarget;
    const pauseStart = openedAt + Math.floor(next() * 3 * day);
    const paused =
      next() < 0.25 ? [{ start: pauseStart, end: pauseStart + Math.floor(next() * 2 * day) }] : [];
    cases.push({ openedAt, target, paused });
  }
  return cases;
}

/** Computes the due time and the warning at 75 % of one case, as computeDeadlines does. */
function dueTimes(calendar: WorkingCalendar, entry: OpenCase): number {
  const length = targetLengthMs(calendar, entry.openedAt, entry.target);
  const options = { exclusions: entry.paused };
  addWorkingMs(calendar, entry.openedAt, Math.round(length * 0.75), options);
  return addWorkingMs(calendar, entry.openedAt, length, options).getTime();
}

export interface SlaFigures {
  /** One case's due time and warning on a calendar already compiled, in microseconds. */
  oneDueTimeMicroseconds: Summary;
  /** The first computation on a new calendar value, which compiles it, in milliseconds. */
  firstDueTimeAfterEditMs: number;
  openDeadlines: number;
  /** Every open case's due time and warning after a holiday is added, in milliseconds. */
  recomputeAllAfterEditMs: number;
  /** How many due times the edit moved. */
  moved: number;
}

export function measureSlaFigures(now = Date.now()): SlaFigures {
  const year = new Date(now).getUTCFullYear();
  const cases = openCases(openDeadlineCount, now);
  const before = johorCalendar(year);
  const dueBefore = cases.map((entry) => dueTimes(before, entry));

  const samples: number[] = [];
  for (let index = 0; index < 2_000; index += 1) {
    const entry = cases[index % cases.length] as OpenCase;
    const started = performance.now();
    dueTimes(before, entry);
    samples.push((performance.now() - started) * 1_000);
  }

  // The edit: a one-off holiday on the first Wednesday at least a week from now (Malaysian date),
  // as an administrator would add one.
  let holidayMs = now + 7 * day + 8 * 60 * minute;
  while (new Date(holidayMs).getUTCDay() !== 3) holidayMs += day;
  const holidayDate = new Date(holidayMs).toISOString().slice(0, 10);
  const after = johorCalendar(year, [
    { date: holidayDate, nameMs: 'Cuti peristiwa', nameEn: 'One-off holiday', kind: 'one_off' },
  ]);
  const firstStarted = performance.now();
  dueTimes(after, cases[0] as OpenCase);
  const firstDueTimeAfterEditMs = performance.now() - firstStarted;

  const started = performance.now();
  let moved = 0;
  for (const [index, entry] of cases.entries()) {
    if (dueTimes(after, entry) !== dueBefore[index]) moved += 1;
  }
  const recomputeAllAfterEditMs = performance.now() - started;

  return {
    oneDueTimeMicroseconds: summarise(samples),
    firstDueTimeAfterEditMs: Math.round(firstDueTimeAfterEditMs * 100) / 100,
    openDeadlines: cases.length,
    recomputeAllAfterEditMs: Math.round(recomputeAllAfterEditMs),
    moved,
  };
}

/** `npx tsx bench/sla-figures.ts` prints the figures alone, without Temporal or a database. */
if (process.argv[1]?.endsWith('sla-figures.ts')) {
  console.log(JSON.stringify(measureSlaFigures(), null, 2));
}
