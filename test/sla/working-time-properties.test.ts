/**
 * Properties of the working-time engine, checked with fast-check on random instants between 2024
 * and 2028 (across Johor's weekend change, Ramadan and the test holidays) and random durations.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addWorkingMs,
  addWorkingTime,
  isWorkingInstant,
  workingMsBetween,
  type Interval,
} from '../../common/working-time';
import { johorTestCalendar as calendar } from './calendar-fixture';

const minute = 60_000;
const from = Date.parse('2024-06-01T00:00:00+08:00');
const to = Date.parse('2028-12-31T00:00:00+08:00');

const instant = fc.integer({ min: from, max: to });
/** Up to about 40 working days, in whole minutes. */
const minutes = fc.integer({ min: 0, max: 20_000 });
const exclusions = fc.array(
  fc
    .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 10 * 24 * 60 }))
    .map(([start, length]): Interval => ({ start, end: start + length * minute })),
  { maxLength: 4 },
);

describe('working-time properties', () => {
  test('a due time is never inside non-working time', () => {
    fc.assert(
      fc.property(instant, minutes, (start, duration) => {
        const due = addWorkingTime(calendar, start, duration);
        // Either the clock runs at the due time, or the due time closes a working range.
        const inWorkingRange =
          isWorkingInstant(calendar, due) || isWorkingInstant(calendar, due.getTime() - 1);
        expect(inWorkingRange).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('working time from start to due equals the target', () => {
    fc.assert(
      fc.property(instant, minutes, (start, duration) => {
        const due = addWorkingTime(calendar, start, duration);
        expect(workingMsBetween(calendar, start, due)).toBe(duration * minute);
      }),
      { numRuns: 500 },
    );
  });

  test('adding in two steps equals adding once', () => {
    fc.assert(
      fc.property(instant, minutes, fc.integer({ min: 1, max: 20_000 }), (start, first, second) => {
        const once = addWorkingTime(calendar, start, first + second);
        const twice = addWorkingTime(calendar, addWorkingTime(calendar, start, first), second);
        expect(twice.toISOString()).toBe(once.toISOString());
      }),
      { numRuns: 500 },
    );
  });

  test('exclusions are not counted as working time', () => {
    fc.assert(
      fc.property(instant, minutes, exclusions, (start, duration, spans) => {
        const due = addWorkingMs(calendar, start, duration * minute, { exclusions: spans });
        expect(workingMsBetween(calendar, start, due, { exclusions: spans })).toBe(
          duration * minute,
        );
        const withoutExclusions = addWorkingMs(calendar, start, duration * minute);
        expect(due.getTime()).toBeGreaterThanOrEqual(withoutExclusions.getTime());
      }),
      { numRuns: 300 },
    );
  });

  test('one due time takes at most a millisecond on average', () => {
    // A loose bound for slow CI machines: on a 2-core development machine it measured 7 to 35
    // microseconds per due time (npx tsx over 20,000 starts, day plans warm and cold).
    const starts = Array.from({ length: 5_000 }, (_, index) => from + index * 7_919_000);
    const began = performance.now();
    for (const start of starts) addWorkingTime(calendar, start, 3_360);
    const averageMs = (performance.now() - began) / starts.length;
    expect(averageMs).toBeLessThan(1);
  });
});
