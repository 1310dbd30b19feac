/**
 * A calendar compiled for fast lookups, and the plan of one local day: whether it is worked, why
 * not, and its working ranges as instants. Plans are cached per compiled calendar, which is why a
 * calendar value must not be changed after its first use.
 */
import {
  WorkingTimeError,
  weekdays,
  type Holiday,
  type Interval,
  type LocalDate,
  type SpecialPeriod,
  type Weekday,
  type WeeklyHours,
  type WorkingCalendar,
} from './types';
import {
  assertTimeZone,
  dateOfDay,
  dayMs,
  dayOfDate,
  instantOfLocal,
  minuteMs,
  parseTimeOfDay,
  weekdayOfDay,
} from './zone';

/** Local minutes after midnight, start inclusive and end exclusive. */
type MinuteRange = readonly [number, number];
type DailyMinutes = ReadonlyMap<number, readonly MinuteRange[]>;

export type DayStatus = 'working' | 'weekend' | 'holiday' | 'no_hours';

export interface DayPlan {
  day: number;
  date: LocalDate;
  weekday: Weekday;
  status: DayStatus;
  holidays: readonly Holiday[];
  specialPeriod: SpecialPeriod | null;
  /** Office hours of the day in local minutes; empty unless the day is worked. */
  minuteRanges: readonly MinuteRange[];
  /** The same ranges as instants. */
  ranges: readonly Interval[];
  /** Local midnight at the start of the day and at the start of the next, as instants. */
  start: number;
  end: number;
}

interface CompiledCalendar {
  timeZone: string;
  hoursRules: ReadonlyArray<{ fromDay: number; hours: DailyMinutes }>;
  weekendRules: ReadonlyArray<{ fromDay: number; weekdays: ReadonlySet<number> }>;
  holidaysByDay: ReadonlyMap<number, Holiday[]>;
  periods: ReadonlyArray<{
    fromDay: number;
    toDay: number;
    period: SpecialPeriod;
    hours: DailyMinutes;
  }>;
  plans: Map<number, DayPlan>;
}

const maxCachedPlans = 20_000;
const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function compileHours(hours: WeeklyHours, where: string): DailyMinutes {
  const daily = new Map<number, MinuteRange[]>();
  for (const weekday of weekdays) {
    const ranges = hours[weekday];
    if (!ranges) continue;
    const parsed = ranges
      .map((range): MinuteRange => [parseTimeOfDay(range.start), parseTimeOfDay(range.end)])
      .sort((a, b) => a[0] - b[0]);
    for (const [index, [start, end]] of parsed.entries()) {
      if (start >= end) {
        throw new WorkingTimeError(
          `${where}, weekday ${weekday}: a range must start before it ends`,
        );
      }
      const previous = parsed[index - 1];
      if (previous && previous[1] > start) {
        throw new WorkingTimeError(`${where}, weekday ${weekday}: ranges overlap`);
      }
    }
    daily.set(weekday, parsed);
  }
  return daily;
}

/** Checks a calendar and returns its compiled form; throws WorkingTimeError for invalid data. */
export function compileCalendar(calendar: WorkingCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;

  assertTimeZone(calendar.timeZone);
  if (calendar.weeklyHours.length === 0) {
    throw new WorkingTimeError('a calendar needs at least one weekly hours rule');
  }
  const hoursRules = calendar.weeklyHours
    .map((rule) => ({
      fromDay: dayOfDate(rule.effectiveFrom),
      hours: compileHours(rule.hours, `weekly hours from ${rule.effectiveFrom}`),
    }))
    .sort((a, b) => a.fromDay - b.fromDay);
  const weekendRules = calendar.weekends
    .map((rule) => {
      for (const weekday of rule.weekdays) {
        if (!weekdays.includes(weekday)) {
          throw new WorkingTimeError(
            `weekend from ${rule.effectiveFrom}: invalid weekday ${weekday}`,
          );
        }
      }
      return { fromDay: dayOfDate(rule.effectiveFrom), weekdays: new Set<number>(rule.weekdays) };
    })
    .sort((a, b) => a.fromDay - b.fromDay);
  const holidaysByDay = new Map<number, Holiday[]>();
  for (const holiday of calendar.holidays) {
    const day = dayOfDate(holiday.date);
    holidaysByDay.set(day, [...(holidaysByDay.get(day) ?? []), holiday]);
  }
  const periods = calendar.specialPeriods.map((period) => {
    const fromDay = dayOfDate(period.startDate);
    const toDay = dayOfDate(period.endDate);
    if (toDay < fromDay) {
      throw new WorkingTimeError(`special period ${period.nameEn}: endDate is before startDate`);
    }
    return {
      fromDay,
      toDay,
      period,
      hours: compileHours(period.hours, `special period ${period.nameEn}`),
    };
  });

  const result: CompiledCalendar = {
    timeZone: calendar.timeZone,
    hoursRules,
    weekendRules,
    holidaysByDay,
    periods,
    plans: new Map(),
  };
  compiled.set(calendar, result);
  return result;
}

/** Returns the rule in force on a day: the last one starting on or before it, else the earliest. */
function ruleOn<T extends { fromDay: number }>(rules: readonly T[], day: number): T | undefined {
  let found = rules[0];
  for (const rule of rules) {
    if (rule.fromDay <= day) found = rule;
    else break;
  }
  return found;
}

function buildPlan(calendar: CompiledCalendar, day: number): DayPlan {
  const weekday = weekdayOfDay(day) as Weekday;
  const start = instantOfLocal(calendar.timeZone, day * dayMs);
  const end = instantOfLocal(calendar.timeZone, (day + 1) * dayMs);
  const holidays = calendar.holidaysByDay.get(day) ?? [];
  const period = calendar.periods.find((entry) => entry.fromDay <= day && day <= entry.toDay);
  const base = {
    day,
    date: dateOfDay(day),
    weekday,
    holidays,
    specialPeriod: period?.period ?? null,
    start,
    end,
  };
  const closed = { minuteRanges: [], ranges: [] };

  if (holidays.length > 0) return { ...base, ...closed, status: 'holiday' };
  if (ruleOn(calendar.weekendRules, day)?.weekdays.has(weekday)) {
    return { ...base, ...closed, status: 'weekend' };
  }
  const minuteRanges =
    period?.hours.get(weekday) ?? ruleOn(calendar.hoursRules, day)?.hours.get(weekday) ?? [];
  if (minuteRanges.length === 0) return { ...base, ...closed, status: 'no_hours' };
  const ranges = minuteRanges.map(([from, to]) => ({
    start: instantOfLocal(calendar.timeZone, day * dayMs + from * minuteMs),
    end: instantOfLocal(calendar.timeZone, day * dayMs + to * minuteMs),
  }));
  return { ...base, status: 'working', minuteRanges, ranges };
}

export function planOf(calendar: CompiledCalendar, day: number): DayPlan {
  let plan = calendar.plans.get(day);
  if (!plan) {
    if (calendar.plans.size >= maxCachedPlans) calendar.plans.clear();
    plan = buildPlan(calendar, day);
    calendar.plans.set(day, plan);
  }
  return plan;
}

export type { CompiledCalendar };
