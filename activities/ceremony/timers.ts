/** When the readiness check of an event runs, on the working calendar. */
import {
  dateOfDay,
  describeDay,
  maxSearchDays,
  type WorkingCalendar,
} from '../../common/working-time';
import { dayMs, dayOfLocal, instantOfLocal, localOfInstant } from '../../common/working-time/zone';

/**
 * Returns the readiness check instant: the event's local start time on the last working day before
 * the event's day. An event on Monday at 09:00 is checked on Friday at 09:00 when Friday is worked
 * (Saturday and Sunday are the weekend), or on Thursday at 09:00 when Friday is a holiday.
 */
export function readinessCheckAt(calendar: WorkingCalendar, startsAt: Date): Date {
  const localStart = localOfInstant(calendar.timeZone, startsAt.getTime());
  const eventDay = dayOfLocal(localStart);
  for (let back = 1; back <= maxSearchDays; back += 1) {
    if (describeDay(calendar, dateOfDay(eventDay - back)).working) {
      return new Date(instantOfLocal(calendar.timeZone, localStart - back * dayMs));
    }
  }
  throw new RangeError(
    `no working day within ${maxSearchDays} days before ${startsAt.toISOString()}`,
  );
}
