/**
 * The working-time engine on a Johor calendar. Due times cross breaks, weekends (including the
 * change of Johor's weekend on 1 January 2025), holidays, Ramadan hours, leap days and the turn of
 * the year. The other functions are checked too: working time between instants, the next working
 * instant, the n-th working day, and explanations of a span.
 */
import { describe, expect, test } from 'vitest';
import {
  addWorkingTime,
  describeMonth,
  endOfNthWorkingDay,
  explainSpan,
  federalOfficeHours,
  nextWorkingInstant,
  workingMinutesBetween,
  WorkingTimeError,
  type WorkingCalendar,
} from '../../common/working-time';
import { at, johorTestCalendar as calendar, show } from './calendar-fixture';

/** [case, start, working minutes, due], all in Malaysian time. */
const dueCases: Array<[string, string, number, string]> = [
  ['within the morning', '2026-12-07 09:00', 30, '2026-12-07 09:30'],
  ['across the lunch break', '2026-12-07 12:45', 30, '2026-12-07 14:15'],
  ['ending exactly at 17:00 is due at 17:00', '2026-12-07 16:00', 60, '2026-12-07 17:00'],
  ['one minute past closing moves to the next morning', '2026-12-07 16:00', 61, '2026-12-08 08:01'],
  ['a full working day from opening', '2026-12-07 08:00', 480, '2026-12-07 17:00'],
  ['a full day plus one minute', '2026-12-07 08:00', 481, '2026-12-08 08:01'],
  ['Friday 12:30, in the prayer break', '2026-12-04 12:30', 30, '2026-12-04 15:15'],
  ['Friday across the prayer break', '2026-12-04 12:00', 30, '2026-12-04 15:00'],
  ['Friday afternoon across the weekend', '2026-12-04 16:30', 60, '2026-12-07 08:30'],
  ['intake before opening', '2026-12-07 06:30', 30, '2026-12-07 08:30'],
  ['intake in the evening', '2026-12-07 19:00', 30, '2026-12-08 08:30'],
  ['intake at 17:00 exactly', '2026-12-07 17:00', 30, '2026-12-08 08:30'],
  ['intake on a Saturday', '2026-12-05 10:00', 240, '2026-12-07 12:00'],
  ['intake during lunch', '2026-12-07 13:20', 60, '2026-12-07 15:00'],
  ['a holiday on a Monday is skipped', '2026-08-28 16:00', 120, '2026-09-01 09:00'],
  ['intake on a holiday', '2026-08-31 10:00', 30, '2026-09-01 08:30'],
  ['a day across a weekend and a Monday holiday', '2026-05-29 10:00', 480, '2026-06-02 11:30'],
  [
    'Johor 2024: Friday and Saturday rest, Sunday works',
    '2024-12-26 16:00',
    120,
    '2024-12-29 09:00',
  ],
  ['Johor 2024: 10 hours from Thursday', '2024-12-26 16:00', 600, '2024-12-30 09:00'],
  ['Johor 2024: intake on a Saturday', '2024-12-28 10:00', 30, '2024-12-29 08:30'],
  ['Johor 2025: Friday works, Sunday rests', '2025-01-02 16:00', 600, '2025-01-07 10:30'],
  [
    'Johor 2025: intake on a Sunday before a one-off holiday',
    '2025-01-05 10:00',
    30,
    '2025-01-07 08:30',
  ],
  ['Johor keeps 1 January as a working day', '2024-12-31 16:00', 120, '2025-01-01 09:00'],
  ['intake on Christmas 2024', '2024-12-25 09:00', 30, '2024-12-26 08:30'],
  ['Ramadan: 30-minute lunch break', '2026-03-02 12:45', 60, '2026-03-02 14:15'],
  ['Ramadan: closing at 16:30', '2026-03-02 16:00', 60, '2026-03-03 08:30'],
  ['Ramadan: ending exactly at 16:30', '2026-03-02 16:00', 30, '2026-03-02 16:30'],
  ['Ramadan Friday break 12:30-14:30', '2026-03-06 12:00', 60, '2026-03-06 15:00'],
  ['into Ramadan across two holidays', '2026-02-16 16:00', 120, '2026-02-19 09:00'],
  ['29 February 2028 is a working day', '2028-02-28 16:00', 120, '2028-02-29 09:00'],
  ['all of 29 February 2028', '2028-02-29 08:00', 480, '2028-02-29 17:00'],
  ['from 29 February into March', '2028-02-29 16:30', 60, '2028-03-01 08:30'],
  ['the turn of the year', '2026-12-31 16:00', 120, '2027-01-01 09:00'],
  ['Christmas on a Friday then the weekend', '2026-12-24 16:00', 480, '2026-12-28 16:00'],
  ['seven working days', '2026-12-07 08:00', 3360, '2026-12-16 09:30'],
  ['P1 resolution, 4 working hours late in the day', '2026-12-07 15:00', 240, '2026-12-08 10:00'],
  ['zero minutes in office hours', '2026-12-07 10:00', 0, '2026-12-07 10:00'],
  ['zero minutes at night start the next morning', '2026-12-07 18:00', 0, '2026-12-08 08:00'],
  ['a fraction of a minute', '2026-12-07 12:59', 22.5, '2026-12-07 14:21:30.000'],
  ['24 working hours from Monday 10:00', '2026-12-07 10:00', 1440, '2026-12-10 10:00'],
  ['24 working hours from before opening', '2026-12-07 07:30', 1440, '2026-12-09 17:00'],
  ['24 working hours from Thursday 10:00', '2026-12-10 10:00', 1440, '2026-12-15 11:30'],
];

describe('addWorkingTime', () => {
  test.each(dueCases)('%s', (_name, start, minutes, due) => {
    expect(show(addWorkingTime(calendar, at(start), minutes))).toBe(due);
  });

  test('negative duration is rejected', () => {
    expect(() => addWorkingTime(calendar, at('2026-12-07 09:00'), -1)).toThrow(WorkingTimeError);
  });
});

/** [case, from, to, working minutes]. */
const betweenCases: Array<[string, string, string, number]> = [
  ['one full Monday', '2026-12-07 08:00', '2026-12-07 17:00', 480],
  ['a Friday and a weekend', '2026-12-04 00:00', '2026-12-07 00:00', 390],
  ['Friday across the prayer break', '2026-12-04 12:00', '2026-12-04 15:00', 30],
  ['Johor 2024: Thursday to Monday counts Sunday', '2024-12-26 00:00', '2024-12-30 00:00', 960],
  ['Johor 2025: Thursday to Tuesday counts Friday', '2025-01-02 00:00', '2025-01-07 00:00', 870],
  ['a Ramadan week', '2026-03-02 00:00', '2026-03-07 00:00', 2310],
  ['a holiday counts nothing', '2026-08-31 00:00', '2026-09-01 00:00', 0],
  ['the end before the start counts nothing', '2026-12-07 12:00', '2026-12-07 09:00', 0],
];

describe('workingMinutesBetween', () => {
  test.each(betweenCases)('%s', (_name, from, to, minutes) => {
    expect(workingMinutesBetween(calendar, at(from), at(to))).toBe(minutes);
  });
});

/** [case, instant, next working instant]. */
const nextCases: Array<[string, string, string]> = [
  ['Saturday goes to Monday opening', '2026-12-05 12:00', '2026-12-07 08:00'],
  ['Friday 12:15 goes to 14:45', '2026-12-04 12:15', '2026-12-04 14:45'],
  ['a working instant is itself', '2026-12-07 10:00', '2026-12-07 10:00'],
  ['a Monday holiday goes to Tuesday', '2026-08-31 07:00', '2026-09-01 08:00'],
  ['Friday in Johor 2024 goes to Sunday', '2024-12-27 09:00', '2024-12-29 08:00'],
];

describe('nextWorkingInstant', () => {
  test.each(nextCases)('%s', (_name, instant, next) => {
    expect(show(nextWorkingInstant(calendar, at(instant)))).toBe(next);
  });
});

/** [case, start, n, due]: compare with the 24-working-hour rows of dueCases. */
const nthDayCases: Array<[string, string, number, string]> = [
  ['third working day from Monday 10:00', '2026-12-07 10:00', 3, '2026-12-10 17:00'],
  ['third working day from before opening', '2026-12-07 07:30', 3, '2026-12-09 17:00'],
  ['third working day from Thursday 10:00', '2026-12-10 10:00', 3, '2026-12-15 17:00'],
  ['first working day from Friday afternoon', '2026-12-04 16:00', 1, '2026-12-07 17:00'],
  ['first working day of a Ramadan Friday', '2026-03-06 07:00', 1, '2026-03-06 16:30'],
  ['second working day over a Monday holiday', '2026-08-28 09:00', 2, '2026-09-02 17:00'],
];

describe('endOfNthWorkingDay', () => {
  test.each(nthDayCases)('%s', (_name, start, n, due) => {
    expect(show(endOfNthWorkingDay(calendar, at(start), n))).toBe(due);
  });

  test('end of the third working day differs from 24 working hours', () => {
    const start = at('2026-12-07 10:00');
    const byDays = endOfNthWorkingDay(calendar, start, 3);
    const byHours = addWorkingTime(calendar, start, 24 * 60);
    expect(byDays.getTime() - byHours.getTime()).toBe(7 * 3_600_000);
  });

  test('n below 1 is rejected', () => {
    expect(() => endOfNthWorkingDay(calendar, at('2026-12-07 10:00'), 0)).toThrow(WorkingTimeError);
  });
});

describe('explainSpan', () => {
  test('Friday prayer break is a break', () => {
    const segments = explainSpan(calendar, at('2026-12-04 12:00'), at('2026-12-04 15:00'));
    expect(segments.map((s) => [s.kind, show(s.start), show(s.end), s.minutes])).toEqual([
      ['working', '2026-12-04 12:00', '2026-12-04 12:15', 15],
      ['break', '2026-12-04 12:15', '2026-12-04 14:45', 150],
      ['working', '2026-12-04 14:45', '2026-12-04 15:00', 15],
    ]);
  });

  test('weekend and a named holiday', () => {
    const segments = explainSpan(calendar, at('2026-08-28 16:00'), at('2026-09-01 09:00'));
    expect(segments.map((s) => [s.kind, show(s.start), show(s.end)])).toEqual([
      ['working', '2026-08-28 16:00', '2026-08-28 17:00'],
      ['closed', '2026-08-28 17:00', '2026-08-29 00:00'],
      ['weekend', '2026-08-29 00:00', '2026-08-31 00:00'],
      ['holiday', '2026-08-31 00:00', '2026-09-01 00:00'],
      ['closed', '2026-09-01 00:00', '2026-09-01 08:00'],
      ['working', '2026-09-01 08:00', '2026-09-01 09:00'],
    ]);
    expect(segments[3]?.holidays).toEqual([
      { nameMs: 'Hari Kebangsaan', nameEn: 'National Day', kind: 'public' },
    ]);
  });

  test('two holidays on one day keep both names', () => {
    const [segment] = explainSpan(calendar, at('2026-02-18 09:00'), at('2026-02-18 10:00'));
    expect(segment?.kind).toBe('holiday');
    expect(segment?.holidays.map((h) => h.nameEn)).toEqual([
      'Chinese New Year',
      'First day of Ramadan',
    ]);
  });

  test('Ramadan segments name the period', () => {
    const segments = explainSpan(calendar, at('2026-03-02 12:00'), at('2026-03-02 14:00'));
    expect(segments.map((s) => [s.kind, show(s.start), show(s.end)])).toEqual([
      ['working', '2026-03-02 12:00', '2026-03-02 13:00'],
      ['break', '2026-03-02 13:00', '2026-03-02 13:30'],
      ['working', '2026-03-02 13:30', '2026-03-02 14:00'],
    ]);
    expect(segments[0]?.specialPeriod?.nameEn).toBe('Ramadan');
  });

  test('working segments add up to workingMinutesBetween', () => {
    const from = at('2024-12-20 10:00');
    const to = at('2025-01-10 15:00');
    const working = explainSpan(calendar, from, to)
      .filter((s) => s.kind === 'working')
      .reduce((sum, s) => sum + s.minutes, 0);
    expect(working).toBe(workingMinutesBetween(calendar, from, to));
  });
});

describe('describeMonth', () => {
  test('January 2025 in Johor', () => {
    const days = describeMonth(calendar, 2025, 1);
    expect(days).toHaveLength(31);
    const byDate = new Map(days.map((day) => [day.date, day]));
    expect(byDate.get('2025-01-01')?.working).toBe(true);
    expect(byDate.get('2025-01-03')?.ranges).toEqual([
      { start: '08:00', end: '12:15' },
      { start: '14:45', end: '17:00' },
    ]);
    expect(byDate.get('2025-01-05')?.reason).toBe('weekend');
    expect(byDate.get('2025-01-06')?.reason).toBe('holiday');
    expect(byDate.get('2025-01-06')?.holidays[0]?.kind).toBe('one_off');
    expect(byDate.get('2025-01-07')?.workingMinutes).toBe(480);
  });

  test('invalid month is rejected', () => {
    expect(() => describeMonth(calendar, 2025, 13)).toThrow(WorkingTimeError);
  });
});

describe('calendar validation and time zones', () => {
  const base: WorkingCalendar = {
    timeZone: 'Asia/Kuala_Lumpur',
    weeklyHours: [{ effectiveFrom: '2020-01-01', hours: federalOfficeHours }],
    weekends: [],
    holidays: [],
    specialPeriods: [],
  };

  test('overlapping ranges are rejected', () => {
    const overlapping: WorkingCalendar = {
      ...base,
      weeklyHours: [
        {
          effectiveFrom: '2020-01-01',
          hours: {
            1: [
              { start: '08:00', end: '13:00' },
              { start: '12:00', end: '17:00' },
            ],
          },
        },
      ],
    };
    expect(() => nextWorkingInstant(overlapping, at('2026-12-07 09:00'))).toThrow(/overlap/);
  });

  test('unknown time zone is rejected', () => {
    const wrongZone = { ...base, timeZone: 'Asia/Johor_Bahru_Nowhere' };
    expect(() => nextWorkingInstant(wrongZone, at('2026-12-07 09:00'))).toThrow(/time zone/);
  });

  test('a calendar without working time fails instead of looping', () => {
    const never: WorkingCalendar = {
      ...base,
      weeklyHours: [{ effectiveFrom: '2020-01-01', hours: {} }],
    };
    expect(() => addWorkingTime(never, at('2026-12-07 09:00'), 1)).toThrow(/no working time/);
  });

  test('office hours follow daylight saving in another zone', () => {
    const berlin: WorkingCalendar = { ...base, timeZone: 'Europe/Berlin' };
    // Berlin moved from UTC+1 to UTC+2 on 29 March 2026, a Sunday (worked in this calendar).
    expect(nextWorkingInstant(berlin, new Date('2026-03-28T00:00:00Z')).toISOString()).toBe(
      '2026-03-28T07:00:00.000Z',
    );
    expect(nextWorkingInstant(berlin, new Date('2026-03-30T00:00:00Z')).toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
  });
});
