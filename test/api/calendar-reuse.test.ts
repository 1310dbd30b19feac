/**
 * The case list's calendar cache: it must not serve a calendar older than its time to live, and it
 * must hand back the same object for equal content so that compiled day plans are reused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { johorBaseCalendar, type WorkingCalendar } from '../../common/working-time';
import { createClockCalendarCache } from '../../api/calendar-reuse';

const dayMs = 86_400_000;

function countingLoader(make: () => WorkingCalendar = johorBaseCalendar) {
  const requested: Date[] = [];
  return {
    requested,
    load: (from: Date) => {
      requested.push(from);
      return Promise.resolve(make());
    },
  };
}

describe('clock calendar cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reuses a loaded calendar within its time to live', async () => {
    const loader = countingLoader();
    const cache = createClockCalendarCache(loader.load, 5_000);
    const from = new Date('2026-11-02T03:00:00Z');

    const first = await cache.get(from);
    const second = await cache.get(new Date(from.getTime() + 3_600_000));

    expect(second).toBe(first);
    expect(loader.requested).toHaveLength(1);
  });

  it('loads holidays from the start of the day of the oldest case', async () => {
    const loader = countingLoader();
    const cache = createClockCalendarCache(loader.load, 5_000);

    await cache.get(new Date('2026-11-02T15:30:00Z'));

    expect(loader.requested[0]?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
  });

  it('reloads after the time to live', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z'), toFake: ['Date'] });
    let holidayName = 'Hari Pertama';
    const loader = countingLoader(() => ({
      ...johorBaseCalendar(),
      holidays: [{ date: '2026-12-10', nameMs: holidayName, nameEn: holidayName, kind: 'state' }],
    }));
    const cache = createClockCalendarCache(loader.load, 5_000);
    const from = new Date('2026-11-02T03:00:00Z');

    const before = await cache.get(from);
    holidayName = 'Hari Kedua';
    vi.setSystemTime(Date.now() + 4_999);
    const stillCached = await cache.get(from);
    vi.setSystemTime(Date.now() + 2);
    const reloaded = await cache.get(from);

    expect(stillCached).toBe(before);
    expect(loader.requested).toHaveLength(2);
    expect(reloaded.holidays[0]?.nameMs).toBe('Hari Kedua');
  });

  it('returns the earlier object for a reload with equal content', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z'), toFake: ['Date'] });
    const loader = countingLoader();
    const cache = createClockCalendarCache(loader.load, 1_000);
    const from = new Date('2026-11-02T03:00:00Z');

    const first = await cache.get(from);
    vi.setSystemTime(Date.now() + 2_000);
    const second = await cache.get(from);

    expect(loader.requested).toHaveLength(2);
    expect(second).toBe(first);
  });

  it('keeps calendars of different days apart', async () => {
    const loader = countingLoader();
    const cache = createClockCalendarCache(loader.load, 5_000);

    await cache.get(new Date('2026-11-02T03:00:00Z'));
    await cache.get(new Date(Date.parse('2026-11-02T03:00:00Z') - dayMs));

    expect(loader.requested.map((from) => from.toISOString())).toEqual([
      '2026-11-02T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    ]);
  });

  it('does not keep a failed load', async () => {
    let fail = true;
    const cache = createClockCalendarCache(() => {
      if (fail) return Promise.reject(new Error('database unavailable'));
      return Promise.resolve(johorBaseCalendar());
    }, 5_000);
    const from = new Date('2026-11-02T03:00:00Z');

    await expect(cache.get(from)).rejects.toThrow('database unavailable');
    fail = false;
    await expect(cache.get(from)).resolves.toMatchObject({ timeZone: 'Asia/Kuala_Lumpur' });
  });
});
