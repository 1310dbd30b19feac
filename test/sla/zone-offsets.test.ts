/**
 * Offsets between UTC and local time, which the working-time engine keeps per UTC hour. Around a
 * daylight-saving change every minute must still get the offset of its own side of the change,
 * in whichever order the instants are asked for.
 */
import { describe, expect, test } from 'vitest';
import { offsetAt } from '../../common/working-time/zone';

const minute = 60_000;
const hour = 60 * minute;

/** [zone, instant of the change in UTC, offset before, offset after], offsets in minutes. */
const changes: Array<[string, string, number, number]> = [
  // New York moves from -05:00 to -04:00 at 02:00 local on 8 March 2026.
  ['America/New_York', '2026-03-08T07:00:00Z', -300, -240],
  // Lord Howe Island moves forward half an hour at 02:00 local on 4 October 2026, which is half
  // past a UTC hour.
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', 630, 660],
  // Malaysia keeps +08:00 all year.
  ['Asia/Kuala_Lumpur', '2026-03-08T07:00:00Z', 480, 480],
];

describe('offsetAt', () => {
  test.each(changes)('%s around %s', (zone, change, before, after) => {
    const changeMs = Date.parse(change);
    const minutes = Array.from(
      { length: 4 * 60 },
      (_, index) => changeMs - 2 * hour + index * minute,
    );
    const expected = (instant: number) => (instant < changeMs ? before : after) * minute;

    // Latest first, then earliest first, so both orders meet a cached and an uncached hour.
    for (const instant of [...minutes].reverse())
      expect(offsetAt(zone, instant)).toBe(expected(instant));
    for (const instant of minutes) expect(offsetAt(zone, instant + 30_000)).toBe(expected(instant));
  });
});
