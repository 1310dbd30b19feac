/**
 * Working calendars in the database: reading a calendar into the working-time engine's shape,
 * the calendar list and detail of the API, and the holidays that administrators add and remove.
 * Holiday changes append an audit_log row in the same transaction.
 */
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import {
  formatTimeOfDay,
  type Holiday,
  type HolidayKind,
  type SpecialPeriod,
  type TimeRange,
  type Weekday,
  type WeeklyHours,
  type WorkingCalendar,
} from '../../common/working-time';
import type { Database } from '../../db/client';
import {
  calendarHolidays,
  calendarHours,
  calendarSpecialHours,
  calendarSpecialPeriods,
  calendarWeekends,
  calendars,
} from '../../db/schema';
import { appendAudit } from '../identity/audit';
import { isUniqueViolation } from '../identity/constraints';

export interface CalendarSummary {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  timeZone: string;
  isDefault: boolean;
}

export interface HolidayRecord extends Holiday {
  id: string;
  confirmed: boolean;
  source: string;
}

export interface CalendarDetail extends CalendarSummary {
  weeklyHours: Array<{ effectiveFrom: string; hours: WeeklyHours }>;
  weekends: Array<{ effectiveFrom: string; weekdays: Weekday[] }>;
  holidays: HolidayRecord[];
  specialPeriods: SpecialPeriod[];
}

export interface LoadedCalendar {
  summary: CalendarSummary;
  calendar: WorkingCalendar;
}

const summaryColumns = {
  id: calendars.id,
  code: calendars.code,
  nameMs: calendars.nameMs,
  nameEn: calendars.nameEn,
  timeZone: calendars.timeZone,
  isDefault: calendars.isDefault,
};

interface HoursRow {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

function toWeeklyHours(rows: readonly HoursRow[]): WeeklyHours {
  const hours: Partial<Record<Weekday, TimeRange[]>> = {};
  const sorted = [...rows].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  for (const row of sorted) {
    const weekday = row.weekday as Weekday;
    const range = { start: formatTimeOfDay(row.startMinute), end: formatTimeOfDay(row.endMinute) };
    hours[weekday] = [...(hours[weekday] ?? []), range];
  }
  return hours;
}

export async function listCalendars(db: Database): Promise<CalendarSummary[]> {
  return db.select(summaryColumns).from(calendars).orderBy(asc(calendars.code));
}

/**
 * Reads one calendar with its rules, special periods and holidays. With `holidaysFrom` it reads
 * only the holidays on or after that local date, because earlier ones cannot move a deadline.
 */
export async function getCalendarDetail(
  db: Database,
  id: string,
  options: { holidaysFrom?: string } = {},
): Promise<CalendarDetail | null> {
  const [summary] = await db.select(summaryColumns).from(calendars).where(eq(calendars.id, id));
  if (!summary) return null;

  const hourRows = await db
    .select()
    .from(calendarHours)
    .where(eq(calendarHours.calendarId, id))
    .orderBy(asc(calendarHours.effectiveFrom));
  const rulesByDate = new Map<string, HoursRow[]>();
  for (const row of hourRows) {
    rulesByDate.set(row.effectiveFrom, [...(rulesByDate.get(row.effectiveFrom) ?? []), row]);
  }

  const weekendRows = await db
    .select()
    .from(calendarWeekends)
    .where(eq(calendarWeekends.calendarId, id))
    .orderBy(asc(calendarWeekends.effectiveFrom));

  const holidayFilter = options.holidaysFrom
    ? and(eq(calendarHolidays.calendarId, id), gte(calendarHolidays.date, options.holidaysFrom))
    : eq(calendarHolidays.calendarId, id);
  const holidayRows = await db
    .select()
    .from(calendarHolidays)
    .where(holidayFilter)
    .orderBy(asc(calendarHolidays.date), asc(calendarHolidays.nameEn));

  const periodRows = await db
    .select()
    .from(calendarSpecialPeriods)
    .where(eq(calendarSpecialPeriods.calendarId, id))
    .orderBy(asc(calendarSpecialPeriods.startDate));
  const specialHourRows =
    periodRows.length === 0
      ? []
      : await db
          .select()
          .from(calendarSpecialHours)
          .where(
            inArray(
              calendarSpecialHours.specialPeriodId,
              periodRows.map((row) => row.id),
            ),
          );

  return {
    ...summary,
    weeklyHours: [...rulesByDate].map(([effectiveFrom, rows]) => ({
      effectiveFrom,
      hours: toWeeklyHours(rows),
    })),
    weekends: weekendRows.map((row) => ({
      effectiveFrom: row.effectiveFrom,
      weekdays: row.weekdays as Weekday[],
    })),
    holidays: holidayRows.map((row) => ({
      id: row.id,
      date: row.date,
      nameMs: row.nameMs,
      nameEn: row.nameEn,
      kind: row.kind as HolidayKind,
      confirmed: row.confirmed,
      source: row.source,
    })),
    specialPeriods: periodRows.map((row) => ({
      startDate: row.startDate,
      endDate: row.endDate,
      nameMs: row.nameMs,
      nameEn: row.nameEn,
      hours: toWeeklyHours(specialHourRows.filter((hours) => hours.specialPeriodId === row.id)),
    })),
  };
}

export function toWorkingCalendar(detail: CalendarDetail): WorkingCalendar {
  return {
    timeZone: detail.timeZone,
    weeklyHours: detail.weeklyHours,
    weekends: detail.weekends,
    holidays: detail.holidays,
    specialPeriods: detail.specialPeriods,
  };
}

/** Loads the default calendar (is_default), or null when there is none. */
export async function loadDefaultCalendar(
  db: Database,
  options: { holidaysFrom?: string } = {},
): Promise<LoadedCalendar | null> {
  const [row] = await db
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.isDefault, true));
  if (!row) return null;
  const detail = await getCalendarDetail(db, row.id, options);
  if (!detail) return null;
  const {
    weeklyHours: _hours,
    weekends: _weekends,
    holidays: _holidays,
    specialPeriods: _periods,
    ...summary
  } = detail;
  return { summary, calendar: toWorkingCalendar(detail) };
}

export interface NewHoliday {
  date: string;
  nameMs: string;
  nameEn: string;
  kind: HolidayKind;
  confirmed: boolean;
}

/** Adds a holiday to a calendar; a second holiday with the same date and English name is a conflict. */
export async function addHoliday(
  db: Database,
  actorId: string,
  calendarId: string,
  input: NewHoliday,
): Promise<HolidayRecord> {
  try {
    return await db.transaction(async (tx) => {
      const [calendar] = await tx
        .select({ id: calendars.id })
        .from(calendars)
        .where(eq(calendars.id, calendarId));
      if (!calendar) throw new AppError('not_found', `No calendar ${calendarId}`);
      const [row] = await tx
        .insert(calendarHolidays)
        .values({ ...input, calendarId, source: 'manual' })
        .returning();
      if (!row) throw new Error('insert into calendar_holidays returned no row');
      await appendAudit(tx, {
        actorId,
        entity: 'calendar_holiday',
        entityId: row.id,
        action: 'created',
        newValue: { calendarId, ...input },
      });
      return {
        id: row.id,
        date: row.date,
        nameMs: row.nameMs,
        nameEn: row.nameEn,
        kind: row.kind as HolidayKind,
        confirmed: row.confirmed,
        source: row.source,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'calendar_holidays_calendar_date_name_key')) {
      throw new AppError(
        'conflict',
        `Calendar ${calendarId} already has the holiday ${JSON.stringify(input.nameEn)} on ${input.date}`,
        { field: 'date' },
      );
    }
    throw error;
  }
}

/** Deletes a holiday of a calendar; returns false when the calendar has no such holiday. */
export async function deleteHoliday(
  db: Database,
  actorId: string,
  calendarId: string,
  holidayId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(calendarHolidays)
      .where(and(eq(calendarHolidays.id, holidayId), eq(calendarHolidays.calendarId, calendarId)))
      .returning();
    if (!row) return false;
    await appendAudit(tx, {
      actorId,
      entity: 'calendar_holiday',
      entityId: row.id,
      action: 'deleted',
      oldValue: {
        calendarId,
        date: row.date,
        nameMs: row.nameMs,
        nameEn: row.nameEn,
        kind: row.kind,
      },
    });
    return true;
  });
}
