/**
 * The complaint workflow with the seeded Johor calendar as its default, on the time-skipping
 * server: the deadlines it keeps are in working time, the breach fires at the working-time due
 * instant, and a pause excludes only the office hours inside it. The server's clock starts at the
 * real time, so expected instants come from the working-time engine and the stored calendar.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDefaultCalendar } from '../../activities/sla';
import {
  addWorkingMs,
  addWorkingTime,
  nextWorkingInstant,
  type WorkingCalendar,
} from '../../common/working-time';
import { calendars } from '../../db/schema';
import { seedCalendars } from '../../db/seed/calendars';
import {
  createComplaintFixture,
  messages,
  minute,
  openComplaint,
  queryState,
  send,
  waitForState,
  type ComplaintFixture,
} from '../workflows/complaint-fixture';

let fixture: ComplaintFixture;
let build: ReturnType<typeof messages>;
let calendar: WorkingCalendar;

beforeAll(async () => {
  fixture = await createComplaintFixture();
  build = messages(fixture.cast);
  // Replace the fixture's always-open default with the seeded Johor calendar.
  await fixture.db.update(calendars).set({ isDefault: false });
  await seedCalendars(fixture.db, new Date(await fixture.env.currentTimeMs()));
  const loaded = await loadDefaultCalendar(fixture.db);
  if (!loaded) throw new Error('seedCalendars made no default calendar');
  calendar = loaded.calendar;
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

/** Moves the test server's clock to one hour after the next opening, so a case starts at work. */
async function skipToOfficeHours(): Promise<void> {
  const now = await fixture.env.currentTimeMs();
  const opening = nextWorkingInstant(calendar, now).getTime();
  await fixture.env.sleep(opening - now + 60 * minute);
}

describe('complaint on the Johor calendar', () => {
  test('deadlines and the breach follow working time', async () => {
    const { handle, input, state } = await openComplaint(fixture, { impact: 1, urgency: 1 });
    const due = addWorkingTime(calendar, Date.parse(input.openedAt), 30);
    expect(state.firstResponse?.dueAt).toBe(due.toISOString());
    expect(state.resolution?.dueAt).toBe(
      addWorkingTime(calendar, Date.parse(input.openedAt), 240).toISOString(),
    );

    const now = await fixture.env.currentTimeMs();
    await fixture.env.sleep(due.getTime() - now - minute);
    expect((await queryState(handle)).firstResponse?.breached).toBe(false);
    await fixture.env.sleep(2 * minute);
    const breached = await waitForState(
      handle,
      (current) => current.firstResponse?.breached === true,
    );
    expect(Date.parse(breached.firstResponse?.breachedAt ?? '')).toBeGreaterThanOrEqual(
      due.getTime(),
    );
  }, 60_000);

  test('a pause excludes only its office hours', async () => {
    await skipToOfficeHours();
    const { handle, input } = await openComplaint(fixture, { impact: 2, urgency: 1 });
    await send(handle, 'assign', build.assign());
    await send(handle, 'logWork', build.logWork());
    const waiting = await send(handle, 'wait', build.wait(fixture.cast.technician, 'supplier'));
    const pausedSince = Date.parse(waiting.pausedSince ?? '');

    await fixture.env.sleep(5 * 60 * minute);
    const resumed = await send(handle, 'resume', build.actor(fixture.cast.technician));
    const pause = { start: pausedSince, end: pausedSince + resumed.pausedMs };
    const expected = addWorkingMs(
      calendar,
      Date.parse(input.openedAt),
      resumed.resolution?.targetMs ?? 0,
      {
        exclusions: [pause],
      },
    );
    expect(resumed.resolution?.dueAt).toBe(expected.toISOString());
  }, 60_000);
});
