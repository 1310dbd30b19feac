/**
 * The default working calendar: Johor, where UTM's main campus is, with federal office hours,
 * Johor's weekend change of 1 January 2025, and the holidays and Ramadan of the current and the
 * next year from the `date-holidays` package (country MY, state 01 = Johor).
 *
 * Loading runs again safely. A calendar that exists keeps its rules. The package's holidays of a
 * year are loaded once, when that year has no seeded row yet, so a holiday that an administrator
 * deleted does not come back. Seeded holidays start unconfirmed because lunar dates are estimates.
 */
import Holidays from 'date-holidays';
import { and, eq, gte, lte } from 'drizzle-orm';
import {
  dateOfDay,
  dayOfDate,
  federalOfficeHours,
  johorWeekends,
  malaysiaTimeZone,
  officeHoursSince,
  parseTimeOfDay,
  ramadanOfficeHours,
  weekdays,
  type HolidayKind,
  type WeeklyHours,
} from '../../common/working-time';
import type { Database } from '../client';
import {
  calendarHolidays,
  calendarHours,
  calendarSpecialHours,
  calendarSpecialPeriods,
  calendarWeekends,
  calendars,
} from '../schema';

export const johorCalendarCode = 'JOHOR';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface SeededHoliday {
  date: string;
  nameMs: string;
  nameEn: string;
  kind: HolidayKind;
}

export interface SeededYear {
  holidays: SeededHoliday[];
  /** First and last day of Ramadan, when the package lists both the first day and Eid. */
  ramadan: { startDate: string; endDate: string } | null;
}

/**
 * Lists Johor's holidays of a year from `date-holidays`, with Malay and English names. A
 * substitute day is a replacement holiday; a day that the national list lacks is a state holiday.
 */
export function johorHolidaysOf(year: number): SeededYear {
  const johor = new Holidays('MY', '01');
  const national = new Holidays('MY');
  const key = (date: string, rule: string) => `${date.slice(0, 10)} ${rule}`;
  const nationalKeys = new Set(national.getHolidays(year).map((h) => key(h.date, h.rule)));
  const english = new Map(johor.getHolidays(year, 'en').map((h) => [key(h.date, h.rule), h.name]));

  const holidays: SeededHoliday[] = [];
  for (const holiday of johor.getHolidays(year, 'ms')) {
    const entryKey = key(holiday.date, holiday.rule);
    holidays.push({
      date: holiday.date.slice(0, 10),
      nameMs: holiday.name,
      nameEn: english.get(entryKey) ?? holiday.name,
      kind: holiday.substitute ? 'replacement' : nationalKeys.has(entryKey) ? 'public' : 'state',
    });
  }

  const firstDay = johor.getHolidays(year).find((h) => h.rule === '1 Ramadan');
  const eid = firstDay
    ? johor
        .getHolidays(year)
        .find(
          (h) => h.rule.startsWith('1 Shawwal') && h.date.slice(0, 10) > firstDay.date.slice(0, 10),
        )
    : undefined;
  const ramadan =
    firstDay && eid
      ? {
          startDate: firstDay.date.slice(0, 10),
          endDate: dateOfDay(dayOfDate(eid.date.slice(0, 10)) - 1),
        }
      : null;
  return { holidays, ramadan };
}

function hourRows(hours: WeeklyHours) {
  return weekdays.flatMap((weekday) =>
    (hours[weekday] ?? []).map((range) => ({
      weekday,
      startMinute: parseTimeOfDay(range.start),
      endMinute: parseTimeOfDay(range.end),
    })),
  );
}

/** Creates the Johor calendar with its rules when missing; returns its id. */
async function ensureJohorCalendar(tx: Transaction): Promise<string> {
  const [existing] = await tx
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.code, johorCalendarCode));
  if (existing) return existing.id;

  const [otherDefault] = await tx
    .select({ id: calendars.id })
    .from(calendars)
    .where(eq(calendars.isDefault, true));
  const [created] = await tx
    .insert(calendars)
    .values({
      code: johorCalendarCode,
      nameMs: 'Kalendar kerja Johor',
      nameEn: 'Johor working calendar',
      timeZone: malaysiaTimeZone,
      isDefault: !otherDefault,
    })
    .returning({ id: calendars.id });
  if (!created) throw new Error('insert into calendars returned no row');
  await tx.insert(calendarHours).values(
    hourRows(federalOfficeHours).map((row) => ({
      ...row,
      calendarId: created.id,
      effectiveFrom: officeHoursSince,
    })),
  );
  await tx.insert(calendarWeekends).values(
    johorWeekends.map((rule) => ({
      calendarId: created.id,
      effectiveFrom: rule.effectiveFrom,
      weekdays: [...rule.weekdays],
    })),
  );
  return created.id;
}

async function seedYear(tx: Transaction, calendarId: string, year: number): Promise<void> {
  const [seeded] = await tx
    .select({ id: calendarHolidays.id })
    .from(calendarHolidays)
    .where(
      and(
        eq(calendarHolidays.calendarId, calendarId),
        eq(calendarHolidays.source, 'seed'),
        gte(calendarHolidays.date, `${year}-01-01`),
        lte(calendarHolidays.date, `${year}-12-31`),
      ),
    )
    .limit(1);
  if (seeded) return;

  const { holidays, ramadan } = johorHolidaysOf(year);
  if (holidays.length > 0) {
    await tx
      .insert(calendarHolidays)
      .values(
        holidays.map((holiday) => ({ ...holiday, calendarId, confirmed: false, source: 'seed' })),
      )
      .onConflictDoNothing();
  }
  if (!ramadan) return;
  const [period] = await tx
    .insert(calendarSpecialPeriods)
    .values({ calendarId, ...ramadan, nameMs: 'Bulan Ramadan', nameEn: 'Ramadan' })
    .onConflictDoNothing()
    .returning({ id: calendarSpecialPeriods.id });
  if (!period) return;
  await tx
    .insert(calendarSpecialHours)
    .values(hourRows(ramadanOfficeHours).map((row) => ({ ...row, specialPeriodId: period.id })));
}

/** Returns the year of an instant in Malaysia. */
function malaysianYear(now: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone: malaysiaTimeZone, year: 'numeric' }).format(now),
  );
}

/** Creates the Johor calendar when missing and seeds the holidays of `now`'s year and the next. */
export async function seedCalendars(db: Database, now: Date = new Date()): Promise<void> {
  const year = malaysianYear(now);
  await db.transaction(async (tx) => {
    const calendarId = await ensureJohorCalendar(tx);
    await seedYear(tx, calendarId, year);
    await seedYear(tx, calendarId, year + 1);
  });
}
