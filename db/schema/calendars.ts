/**
 * Working calendars of the service-level clock: office hours and weekends that change on a date,
 * holidays, and special periods with their own hours (Ramadan). Dates are local dates of the
 * calendar's time zone; times of day are minutes after local midnight (1440 is 24:00).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const calendars = pgTable(
  'calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    nameMs: text('name_ms').notNull(),
    nameEn: text('name_en').notNull(),
    /** IANA time zone, such as Asia/Kuala_Lumpur. */
    timeZone: text('time_zone').notNull().default('Asia/Kuala_Lumpur'),
    /** The calendar of the service-level deadlines; at most one row has it. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('calendars_one_default_key')
      .on(table.isDefault)
      .where(sql`${table.isDefault}`),
  ],
);

/** One office-hours range of a weekday, part of the weekly hours in force from `effective_from`. */
export const calendarHours = pgTable(
  'calendar_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    effectiveFrom: date('effective_from').notNull(),
    /** 0 is Sunday, as extract(dow) numbers it. */
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (table) => [
    index('calendar_hours_calendar_idx').on(table.calendarId, table.effectiveFrom),
    check('calendar_hours_weekday_check', sql`${table.weekday} between 0 and 6`),
    check(
      'calendar_hours_range_check',
      sql`${table.startMinute} >= 0 and ${table.startMinute} < ${table.endMinute} and ${table.endMinute} <= 1440`,
    ),
  ],
);

/** The rest days in force from `effective_from` until the next rule's date. */
export const calendarWeekends = pgTable(
  'calendar_weekends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    effectiveFrom: date('effective_from').notNull(),
    /** Weekday numbers, 0 for Sunday. */
    weekdays: integer('weekdays').array().notNull(),
  },
  (table) => [
    uniqueIndex('calendar_weekends_calendar_from_key').on(table.calendarId, table.effectiveFrom),
  ],
);

export const calendarHolidays = pgTable(
  'calendar_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    nameMs: text('name_ms').notNull(),
    nameEn: text('name_en').notNull(),
    /** 'public', 'state', 'one_off' or 'replacement'. */
    kind: text('kind').notNull(),
    /** False for dates that are still estimates, such as lunar holidays seeded ahead of time. */
    confirmed: boolean('confirmed').notNull().default(false),
    /** 'seed' for rows loaded from the date-holidays package, 'manual' for rows an administrator added. */
    source: text('source').notNull().default('manual'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('calendar_holidays_calendar_date_name_key').on(
      table.calendarId,
      table.date,
      table.nameEn,
    ),
    check(
      'calendar_holidays_kind_check',
      sql`${table.kind} in ('public', 'state', 'one_off', 'replacement')`,
    ),
  ],
);

/** Dates with their own office hours, such as Ramadan; `end_date` is inclusive. */
export const calendarSpecialPeriods = pgTable(
  'calendar_special_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    nameMs: text('name_ms').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('calendar_special_periods_calendar_start_key').on(
      table.calendarId,
      table.startDate,
    ),
    check('calendar_special_periods_dates_check', sql`${table.startDate} <= ${table.endDate}`),
  ],
);

/** One office-hours range of a weekday during a special period. */
export const calendarSpecialHours = pgTable(
  'calendar_special_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    specialPeriodId: uuid('special_period_id')
      .notNull()
      .references(() => calendarSpecialPeriods.id, { onDelete: 'cascade' }),
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (table) => [
    index('calendar_special_hours_period_idx').on(table.specialPeriodId),
    check('calendar_special_hours_weekday_check', sql`${table.weekday} between 0 and 6`),
    check(
      'calendar_special_hours_range_check',
      sql`${table.startMinute} >= 0 and ${table.startMinute} < ${table.endMinute} and ${table.endMinute} <= 1440`,
    ),
  ],
);
