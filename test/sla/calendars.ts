/**
 * Calendars for tests that run on a database: a default calendar open around the clock, for
 * workflow tests about the clock's mechanics rather than office hours, and one with office hours.
 */
import type { Database } from '../../db/client';
import { federalOfficeHours, johorWeekends, parseTimeOfDay } from '../../common/working-time';
import { calendarHours, calendarWeekends, calendars } from '../../db/schema';

/** Inserts a default calendar worked 00:00–24:00 every day, so working time equals calendar time. */
export async function insertAlwaysOpenCalendar(db: Database): Promise<string> {
  const [row] = await db
    .insert(calendars)
    .values({
      code: 'ALWAYS-OPEN',
      nameMs: 'Sentiasa dibuka',
      nameEn: 'Always open',
      timeZone: 'Asia/Kuala_Lumpur',
      isDefault: true,
    })
    .returning({ id: calendars.id });
  if (!row) throw new Error('insert into calendars returned no row');
  await db.insert(calendarHours).values(
    [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      calendarId: row.id,
      effectiveFrom: '2000-01-01',
      weekday,
      startMinute: 0,
      endMinute: 24 * 60,
    })),
  );
  return row.id;
}

/**
 * Inserts a default calendar with the federal office hours (Friday prayer break included) and the
 * Johor weekend change. It has no holidays, so tests add the ones they need.
 */
export async function insertOfficeCalendar(db: Database): Promise<string> {
  const [row] = await db
    .insert(calendars)
    .values({ code: 'OFFICE', nameMs: 'Pejabat', nameEn: 'Office', isDefault: true })
    .returning({ id: calendars.id });
  if (!row) throw new Error('insert into calendars returned no row');
  const hours = Object.entries(federalOfficeHours).flatMap(([weekday, ranges]) =>
    (ranges ?? []).map((range) => ({
      calendarId: row.id,
      effectiveFrom: '2014-01-01',
      weekday: Number(weekday),
      startMinute: parseTimeOfDay(range.start),
      endMinute: parseTimeOfDay(range.end),
    })),
  );
  await db.insert(calendarHours).values(hours);
  await db.insert(calendarWeekends).values(
    johorWeekends.map((rule) => ({
      calendarId: row.id,
      effectiveFrom: rule.effectiveFrom,
      weekdays: [...rule.weekdays],
    })),
  );
  return row.id;
}
