/**
 * A Johor calendar for the working-time tests, with holidays chosen to exercise the engine (a
 * Monday holiday, a one-off day, two holidays on one day, Christmas on a Friday) and Ramadan 2026.
 * Instants are written and shown in Malaysian time (UTC+8 all year), which the tests may assume.
 */
import {
  federalOfficeHours,
  johorWeekends,
  ramadanOfficeHours,
  type Holiday,
  type WorkingCalendar,
} from '../../common/working-time';

function holiday(date: string, nameMs: string, nameEn: string, kind: Holiday['kind']): Holiday {
  return { date, nameMs, nameEn, kind };
}

export const johorTestCalendar: WorkingCalendar = {
  timeZone: 'Asia/Kuala_Lumpur',
  weeklyHours: [{ effectiveFrom: '2014-01-01', hours: federalOfficeHours }],
  weekends: johorWeekends,
  holidays: [
    holiday('2024-12-25', 'Hari Krismas', 'Christmas Day', 'public'),
    holiday('2025-01-06', 'Cuti Peristiwa Negeri Johor', 'Johor one-off holiday', 'one_off'),
    holiday('2026-02-17', 'Tahun Baru Cina', 'Chinese New Year', 'public'),
    holiday('2026-02-18', 'Tahun Baru Cina', 'Chinese New Year', 'public'),
    holiday('2026-02-18', 'Awal Ramadan', 'First day of Ramadan', 'state'),
    holiday('2026-06-01', 'Hari Keputeraan Yang di-Pertuan Agong', "King's Birthday", 'public'),
    holiday('2026-08-31', 'Hari Kebangsaan', 'National Day', 'public'),
    holiday('2026-12-25', 'Hari Krismas', 'Christmas Day', 'public'),
  ],
  specialPeriods: [
    {
      startDate: '2026-02-18',
      endDate: '2026-03-20',
      nameMs: 'Ramadan',
      nameEn: 'Ramadan',
      hours: ramadanOfficeHours,
    },
  ],
};

/** Parses `YYYY-MM-DD HH:MM` as Malaysian time. */
export function at(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

/** Formats an instant as `YYYY-MM-DD HH:MM` in Malaysian time (seconds shown when not zero). */
export function show(instant: Date): string {
  const text = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  const seconds = text.slice(17, 23);
  return `${text.slice(0, 10)} ${text.slice(11, 16)}${seconds === '00.000' ? '' : `:${seconds}`}`;
}
