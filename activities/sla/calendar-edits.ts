/**
 * Changes to a calendar's holidays besides adding and removing them: editing one holiday's date,
 * names, kind or confirmation. The change appends an audit_log row in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { HolidayKind } from '../../common/working-time';
import type { Database } from '../../db/client';
import { calendarHolidays } from '../../db/schema';
import { appendAudit } from '../identity/audit';
import { isUniqueViolation } from '../identity/constraints';
import type { HolidayRecord, NewHoliday } from './calendars';

/**
 * Updates the given fields of a holiday; returns null when the calendar has no such holiday. A
 * date and English name that another holiday of the calendar has is a conflict.
 */
export async function updateHoliday(
  db: Database,
  actorId: string,
  calendarId: string,
  holidayId: string,
  changes: Partial<NewHoliday>,
): Promise<HolidayRecord | null> {
  try {
    return await db.transaction(async (tx) => {
      const where = and(
        eq(calendarHolidays.id, holidayId),
        eq(calendarHolidays.calendarId, calendarId),
      );
      const [before] = await tx.select().from(calendarHolidays).where(where);
      if (!before) return null;
      const [row] = await tx
        .update(calendarHolidays)
        .set({ ...changes, source: 'manual' })
        .where(where)
        .returning();
      if (!row) return null;
      await appendAudit(tx, {
        actorId,
        entity: 'calendar_holiday',
        entityId: row.id,
        action: 'updated',
        oldValue: {
          date: before.date,
          nameMs: before.nameMs,
          nameEn: before.nameEn,
          kind: before.kind,
          confirmed: before.confirmed,
        },
        newValue: { calendarId, ...changes },
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
        `Calendar ${calendarId} already has a holiday with that date and English name`,
        { field: 'date' },
      );
    }
    throw error;
  }
}
