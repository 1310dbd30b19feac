/** Response types of the calendars API as JSON delivers them, and the roles that read them. */
import type { z } from 'zod';
import type {
  calendarDetailSchema,
  calendarSummarySchema,
  holidaySchema,
  monthSchema,
} from '../../../../../api/schemas/calendars';
import type { Role } from '../../../../../common/enums';

export type CalendarSummary = z.infer<typeof calendarSummarySchema>;
export type CalendarDetail = z.infer<typeof calendarDetailSchema>;
export type Holiday = z.infer<typeof holidaySchema>;
export type Month = z.infer<typeof monthSchema>;
export type MonthDay = Month['days'][number];
export type WeeklyHours = CalendarDetail['weeklyHours'][number]['hours'];

/** Staff who open the calendar screens; only administrators change holidays. */
export const calendarReaderRoles: Role[] = ['admin', 'auditor', 'manager', 'supervisor'];

export const weekdayNumbers = [1, 2, 3, 4, 5, 6, 0] as const;

/** Formats `HH:MM–HH:MM` ranges, comma-separated. */
export function formatRanges(ranges: ReadonlyArray<{ start: string; end: string }>): string {
  return ranges.map((range) => `${range.start}–${range.end}`).join(', ');
}

/** Formats YYYY-MM-DD as dd/MM/yyyy. */
export function formatLocalDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
