/** Zod schemas of the working calendars: request bodies and responses. */
import { z } from 'zod';
import { holidayKinds } from '../../common/working-time';
import { line } from './common';

const weekday = z.int().min(0).max(6).describe('0 is Sunday, 6 is Saturday');
const localDate = z.iso.date().describe('A local date of the calendar, YYYY-MM-DD');
const timeRange = z.object({
  start: z.string().describe('HH:MM, local time'),
  end: z.string().describe('HH:MM, local time, exclusive; 24:00 is midnight'),
});
const weeklyHours = z
  .record(z.string(), z.array(timeRange).readonly())
  .describe('Office hours per weekday number ("0" is Sunday); a missing weekday has none');
const holidayKind = z.enum(holidayKinds);

export const calendarSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  timeZone: z.string().describe('IANA time zone'),
  isDefault: z.boolean().describe('Whether service-level deadlines use this calendar'),
});

export const holidaySchema = z.object({
  id: z.uuid(),
  date: localDate,
  nameMs: z.string(),
  nameEn: z.string(),
  kind: holidayKind,
  confirmed: z.boolean().describe('False while the date is an estimate'),
  source: z.string().describe("'seed' (from the date-holidays package) or 'manual'"),
});

export const calendarDetailSchema = calendarSummarySchema.extend({
  weeklyHours: z.array(z.object({ effectiveFrom: localDate, hours: weeklyHours })),
  weekends: z.array(z.object({ effectiveFrom: localDate, weekdays: z.array(weekday) })),
  holidays: z.array(holidaySchema),
  specialPeriods: z.array(
    z.object({
      startDate: localDate,
      endDate: localDate.describe('Last day of the period, inclusive'),
      nameMs: z.string(),
      nameEn: z.string(),
      hours: weeklyHours,
    }),
  ),
});

export const newHolidayBody = z.strictObject({
  date: localDate,
  nameMs: line(200),
  nameEn: line(200),
  kind: holidayKind.default('one_off'),
  confirmed: z.boolean().default(true),
});

export const holidayParams = z.object({ id: z.uuid(), holidayId: z.uuid() });

export const monthQuery = z.object({
  year: z.coerce.number().int().min(1900).max(9999),
  month: z.coerce.number().int().min(1).max(12),
});

const namedDay = z.object({ nameMs: z.string(), nameEn: z.string() });

export const monthSchema = z.object({
  calendarId: z.uuid(),
  timeZone: z.string(),
  year: z.int(),
  month: z.int(),
  days: z.array(
    z.object({
      date: localDate,
      weekday,
      working: z.boolean(),
      reason: z
        .enum(['weekend', 'holiday', 'no_hours'])
        .nullable()
        .describe('Why the day is not worked; null on a worked day'),
      ranges: z.array(timeRange),
      workingMinutes: z.int(),
      holidays: z.array(namedDay.extend({ kind: holidayKind })),
      specialPeriod: namedDay.nullable().describe('Such as Ramadan, whose hours apply'),
    }),
  ),
});
