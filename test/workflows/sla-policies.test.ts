/**
 * SLA policies in the complaint workflow on the time-skipping Temporal test server, with federal
 * office hours, the Johor weekend and holidays that each test adds. Every case opens on a Friday
 * at 15:55 Malaysian time, 65 working minutes before closing, so its targets cross the weekend and
 * the holiday on the Monday after. The time is not 16:00, because a case opens a few milliseconds
 * after the server's clock reaches it, which would push a due time at 17:00 to Tuesday. Expected instants are written out as local times and checked
 * against the working-time engine on the same calendar.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requestDeadlineRecompute } from '../../api/sla-recompute';
import { recomputeDeadlinesWorkflowId, type ComplaintState } from '../../common/complaint';
import { createLogger } from '../../common/logger';
import type { SlaEscalation, SlaTarget } from '../../common/sla';
import {
  addWorkingMs,
  federalOfficeHours,
  johorWeekends,
  type Holiday,
  type WorkingCalendar,
} from '../../common/working-time';
import {
  calendarHolidays,
  calendars,
  caseHistory,
  categories,
  notifications,
  services,
  slaPolicies,
  slaResults,
} from '../../db/schema';
import { show } from '../sla/calendar-fixture';
import {
  createComplaintFixture,
  currentTime,
  day,
  hour,
  messages,
  minute,
  openComplaint,
  queryState,
  recordHistory,
  send,
  waitForState,
  type ComplaintFixture,
  type ComplaintHandle,
} from './complaint-fixture';

const malaysiaOffsetMs = 8 * hour;
/**
 * Tolerance of a measured working time: the server's clock runs in real time while the worker
 * processes messages between the skipped sleeps, seconds at most on a loaded machine.
 */
const messageSlackMs = 10_000;
const logger = createLogger('silent');

let fixture: ComplaintFixture;
let build: ReturnType<typeof messages>;
let calendarId: string;
let escalatingCategoryId: string;
/** Holidays added so far, mirrored into the expected calendar. */
const holidays: Holiday[] = [];

function localDate(ms: number): string {
  return new Date(ms + malaysiaOffsetMs).toISOString().slice(0, 10);
}

function weekdayName(ms: number): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][
    new Date(ms + malaysiaOffsetMs).getUTCDay()
  ] as string;
}

/**
 * `Tue 09:00`: the local weekday and time of an instant, to the nearest minute, because a case
 * opens a few milliseconds after the test server's clock reaches 16:00.
 */
function local(instant: string | undefined): string {
  const ms = Math.round(Date.parse(instant ?? '') / minute) * minute;
  return `${weekdayName(ms)} ${show(new Date(ms)).slice(11)}`;
}

function expectedCalendar(): WorkingCalendar {
  return {
    timeZone: 'Asia/Kuala_Lumpur',
    weeklyHours: [{ effectiveFrom: '2014-01-01', hours: federalOfficeHours }],
    weekends: johorWeekends,
    holidays: [...holidays],
    specialPeriods: [],
  };
}

async function addHoliday(date: string): Promise<void> {
  await fixture.db.insert(calendarHolidays).values({
    calendarId,
    date,
    nameMs: `Cuti ujian ${date}`,
    nameEn: `Test holiday ${date}`,
    kind: 'one_off',
    confirmed: true,
  });
  holidays.push({ date, nameMs: 'Cuti', nameEn: 'Holiday', kind: 'one_off' });
}

/**
 * Moves the test server's clock to the next Friday 15:55 in Malaysia (at least a day ahead, so
 * earlier cases of the file are far behind) and makes the Monday after it a holiday.
 */
async function nextFridayAfternoon(): Promise<number> {
  const now = await currentTime(fixture);
  let target = Date.parse(`${localDate(now + day)}T15:55:00+08:00`);
  while (weekdayName(target) !== 'Fri') target += day;
  await fixture.env.sleep(target - now);
  await addHoliday(localDate(target + 3 * day));
  return target;
}

async function sleepUntil(instant: number): Promise<void> {
  const now = await currentTime(fixture);
  if (instant > now) await fixture.env.sleep(instant - now);
}

async function historyAt(caseId: string, action: string): Promise<number[]> {
  const rows = await fixture.db
    .select({ at: caseHistory.at })
    .from(caseHistory)
    .where(
      and(
        eq(caseHistory.caseId, caseId),
        eq(caseHistory.action, action),
        isNull(caseHistory.field),
      ),
    )
    .orderBy(asc(caseHistory.at));
  return rows.map((row) => row.at.getTime());
}

/** Requests the recomputation as the API does after a change, and waits until it has finished. */
async function recomputeAll(reason: string): Promise<void> {
  const temporal = {
    client: fixture.env.client,
    namespace: 'default',
    taskQueue: fixture.taskQueue,
  };
  await requestDeadlineRecompute(temporal, logger, reason);
  await fixture.env.client.workflow.getHandle(recomputeDeadlinesWorkflowId).result();
}

async function insertPolicy(
  code: string,
  categoryId: string | null,
  targets: { firstResponse: SlaTarget; resolution: SlaTarget },
  escalation: SlaEscalation,
): Promise<void> {
  await fixture.db.insert(slaPolicies).values({
    code,
    nameMs: code,
    nameEn: code,
    workflowType: 'complaint',
    categoryId,
    priority: null,
    ...targets,
    pauseStatuses: ['waiting_customer', 'waiting_supplier'],
    reopenMode: 'continue',
    warningShares: [0.5, 0.75],
    escalation,
  });
}

beforeAll(async () => {
  fixture = await createComplaintFixture({ calendar: 'office' });
  build = messages(fixture.cast);
  const [calendar] = await fixture.db.select({ id: calendars.id }).from(calendars);
  calendarId = calendar?.id ?? '';
  const [service] = await fixture.db
    .insert(services)
    .values({ code: 'NETWORK', nameMs: 'Rangkaian', nameEn: 'Network' })
    .returning({ id: services.id });
  const [category] = await fixture.db
    .insert(categories)
    .values({
      serviceId: service?.id ?? '',
      code: 'NET-OUTAGE',
      nameMs: 'Gangguan',
      nameEn: 'Outage',
    })
    .returning({ id: categories.id });
  escalatingCategoryId = category?.id ?? '';

  // Every complaint: first response in 2 working hours, resolution by the end of the second
  // working day, warnings at half and three quarters of each.
  const defaultEscalation = {
    notifyUnitHead: true,
    raisePriority: false,
    reassignToUnitQueue: false,
  };
  await insertPolicy(
    'test-any',
    null,
    {
      firstResponse: { kind: 'workingMinutes', minutes: 120 },
      resolution: { kind: 'workingDays', days: 2 },
    },
    defaultEscalation,
  );
  await insertPolicy(
    'test-outage',
    escalatingCategoryId,
    {
      firstResponse: { kind: 'workingMinutes', minutes: 30 },
      resolution: { kind: 'workingMinutes', minutes: 240 },
    },
    { notifyUnitHead: true, raisePriority: true, reassignToUnitQueue: true },
  );
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

async function openOnFriday(): Promise<{
  handle: ComplaintHandle;
  state: ComplaintState;
  opened: number;
}> {
  await nextFridayAfternoon();
  const { handle, state, input } = await openComplaint(fixture);
  return { handle, state, opened: Date.parse(input.openedAt) };
}

describe('SLA policy deadlines', () => {
  test('policy targets cross the weekend and the holiday', async () => {
    const { state, opened } = await openOnFriday();
    const calendar = expectedCalendar();
    const firstResponse = state.firstResponse;
    const resolution = state.resolution;

    // 120 working minutes: 15:55–17:00 on Friday, then 08:00–08:55 on Tuesday.
    expect(firstResponse?.targetMs).toBe(120 * minute);
    expect(firstResponse?.warnAts?.map(local)).toEqual(['Fri 16:55', 'Tue 08:25']);
    expect(local(firstResponse?.dueAt)).toBe('Tue 08:55');
    expect(Date.parse(firstResponse?.dueAt ?? '')).toBe(
      addWorkingMs(calendar, opened, 120 * minute).getTime(),
    );

    // End of the second working day: Friday is not day 1 (the case opened after 08:00) and
    // Monday is a holiday, so day 1 is Tuesday and day 2 is Wednesday.
    expect(local(resolution?.dueAt)).toBe('Wed 17:00');
    expect(Math.abs((resolution?.targetMs ?? 0) - (65 + 480 + 480) * minute)).toBeLessThan(1_000);
  }, 60_000);

  test('warnings and breach fire at the computed instants', async () => {
    const { handle, state } = await openOnFriday();
    const warnAts = (state.firstResponse?.warnAts ?? []).map((at) => Date.parse(at));
    const dueAt = Date.parse(state.firstResponse?.dueAt ?? '');
    expect(warnAts).toHaveLength(2);

    await sleepUntil((warnAts[0] ?? 0) - minute);
    expect((await queryState(handle)).firstResponse?.warningsSent).toBe(0);
    await sleepUntil((warnAts[0] ?? 0) + minute);
    await waitForState(handle, (current) => current.firstResponse?.warningsSent === 1);

    // Over the weekend and the holiday nothing fires.
    await sleepUntil((warnAts[1] ?? 0) - minute);
    expect((await queryState(handle)).firstResponse?.warningsSent).toBe(1);
    await sleepUntil((warnAts[1] ?? 0) + minute);
    const warned = await waitForState(handle, (current) => current.firstResponse?.warned === true);
    expect(warned.firstResponse?.breached).toBe(false);

    await sleepUntil(dueAt + minute);
    await waitForState(handle, (current) => current.firstResponse?.breached === true);

    const warnings = await historyAt(state.caseId, 'sla_warning');
    const breaches = await historyAt(state.caseId, 'sla_breached');
    expect(warnings).toHaveLength(2);
    expect(Math.abs((warnings[0] ?? 0) - (warnAts[0] ?? 0))).toBeLessThan(1_000);
    expect(Math.abs((warnings[1] ?? 0) - (warnAts[1] ?? 0))).toBeLessThan(1_000);
    expect(breaches).toHaveLength(1);
    expect(Math.abs((breaches[0] ?? 0) - dueAt)).toBeLessThan(1_000);

    // Unassigned: each warning goes to the head of the case's unit, once.
    const sent = await fixture.db
      .select({ template: notifications.template, recipientId: notifications.recipientId })
      .from(notifications)
      .where(eq(notifications.caseId, state.caseId));
    const warningRecipients = sent
      .filter((row) => row.template === 'slaWarning')
      .map((row) => row.recipientId);
    expect(warningRecipients).toEqual([fixture.cast.head.id, fixture.cast.head.id]);
    await handle.terminate('test done');
  }, 120_000);

  test('pause moves the deadlines by its working time', async () => {
    const { handle, state, opened } = await openOnFriday();
    await send(handle, 'assign', build.assign());
    await send(handle, 'logWork', build.logWork());
    await fixture.env.sleep(30 * minute);
    const waiting = await send(handle, 'wait', build.wait(fixture.cast.technician, 'supplier'));
    expect(local(waiting.resolution?.dueAt)).toBe('Wed 17:00');

    // The supplier replies on Tuesday at 10:00, after the weekend and the holiday.
    const resumeAt = Date.parse(`${localDate(opened + 4 * day)}T10:00:00+08:00`);
    await sleepUntil(resumeAt);
    const resumed = await send(handle, 'resume', build.actor(fixture.cast.technician));

    // 30 minutes used on Friday; 995 left from Tuesday 10:00: 360 on Tuesday, 480 on Wednesday
    // and 155 on Thursday from 08:00.
    expect(local(resumed.resolution?.dueAt)).toBe('Thu 10:35');
    const pause = { start: Date.parse(waiting.pausedSince ?? ''), end: resumeAt };
    const expected = addWorkingMs(expectedCalendar(), opened, resumed.resolution?.targetMs ?? 0, {
      exclusions: [pause],
    });
    expect(Math.abs(Date.parse(resumed.resolution?.dueAt ?? '') - expected.getTime())).toBeLessThan(
      1_000,
    );
    expect(Date.parse(resumed.resolution?.warnAts?.[1] ?? '')).toBeGreaterThan(
      Date.parse(state.resolution?.warnAts?.[1] ?? ''),
    );
    await handle.terminate('test done');
  }, 120_000);

  test('holiday added while open moves the deadline', async () => {
    const { handle, state, opened } = await openOnFriday();
    expect(local(state.resolution?.dueAt)).toBe('Wed 17:00');

    await addHoliday(localDate(opened + 5 * day));
    await recomputeAll('test holiday added');

    // Wednesday is now a holiday: day 2 is Thursday. The first response is not affected.
    const moved = await waitForState(
      handle,
      (current) => current.resolution?.dueAt !== state.resolution?.dueAt,
    );
    expect(local(moved.resolution?.dueAt)).toBe('Thu 17:00');
    expect(moved.firstResponse?.dueAt).toBe(state.firstResponse?.dueAt);
    expect(await historyAt(state.caseId, 'sla_recomputed')).toHaveLength(1);
    await handle.terminate('test done');
  }, 120_000);

  test('closed case keeps its result', async () => {
    const { handle, state, opened } = await openOnFriday();
    await send(handle, 'assign', build.assign());
    await fixture.env.sleep(20 * minute);
    await send(handle, 'logWork', build.logWork());
    await sleepUntil(Date.parse(`${localDate(opened + 4 * day)}T09:00:00+08:00`));
    await send(handle, 'resolve', build.resolve());
    const closed = await send(handle, 'confirm', build.actor(fixture.cast.requester));
    expect(closed.status).toBe('closed');

    const read = () =>
      fixture.db
        .select()
        .from(slaResults)
        .where(eq(slaResults.caseId, state.caseId))
        .orderBy(asc(slaResults.target));
    const before = await read();
    expect(before.map((row) => [row.target, row.met])).toEqual([
      ['firstResponse', true],
      ['resolution', true],
    ]);
    // Resolved on Tuesday 09:00: 65 working minutes on Friday and 60 on Tuesday.
    const resolution = before.find((row) => row.target === 'resolution');
    expect(Math.abs((resolution?.workingMsElapsed ?? 0) - 125 * minute)).toBeLessThan(
      messageSlackMs,
    );
    const firstResponse = before.find((row) => row.target === 'firstResponse');
    expect(Math.abs((firstResponse?.workingMsElapsed ?? 0) - 20 * minute)).toBeLessThan(
      messageSlackMs,
    );

    await addHoliday(localDate(opened + 5 * day));
    await recomputeAll('test holiday after close');
    expect(await read()).toEqual(before);
    expect((await queryState(handle)).resolution).toEqual(closed.resolution);
    await send(handle, 'rate', build.rate());
    await handle.result();
    await recordHistory(handle, 'sla-result');
  }, 120_000);

  test('breach escalates by the policy options', async () => {
    const { handle, state } = await openOnFriday();
    await send(handle, 'assign', build.assign());
    const classified = await send(handle, 'classify', {
      actor: fixture.cast.agent,
      categoryId: escalatingCategoryId,
      serviceId: null,
      impact: 3,
      urgency: 3,
    });
    // The category's policy applies: 30 working minutes to the first response.
    expect(classified.firstResponse?.targetMs).toBe(30 * minute);
    expect(classified.priority).toBe(4);

    await fixture.env.sleep(31 * minute);
    const escalated = await waitForState(handle, (current) => current.assigneeId === null);
    expect(escalated.firstResponse?.breached).toBe(true);
    expect(escalated.priority).toBe(3);
    expect(escalated.status).toBe('new');
    expect(escalated.reassignmentCount).toBe(1);
    expect(await historyAt(state.caseId, 'sla_escalated')).toHaveLength(1);

    // The breach reached the assignee before the case went back to the unit's queue.
    const breachRecipients = await waitForRecipients(state.caseId, 'slaBreach', 2);
    expect(breachRecipients.sort()).toEqual(
      [fixture.cast.technician.id, fixture.cast.head.id].sort(),
    );
    await handle.terminate('test done');
  }, 120_000);

  // TODO: find why 'breach escalates by the policy options' hung until its timeout in two runs
  // when it came after this test. It passes alone and in this order.
  test('reopened result skips resolved time', async () => {
    const { handle, state, opened } = await openOnFriday();
    await send(handle, 'assign', build.assign());
    await send(handle, 'logWork', build.logWork());
    await fixture.env.sleep(30 * minute);
    await send(handle, 'resolve', build.resolve());

    // Reopened on Tuesday at 09:00 and resolved again half an hour later.
    await sleepUntil(Date.parse(`${localDate(opened + 4 * day)}T09:00:00+08:00`));
    const reopened = await send(handle, 'reopen', build.reopen());
    // The clock continues: 30 minutes used, 995 left from Tuesday 09:00 (420 on Tuesday, 480 on
    // Wednesday, 95 on Thursday), because Tuesday 08:00–09:00 passed while the case was resolved.
    expect(local(reopened.resolution?.dueAt)).toBe('Thu 09:35');
    await fixture.env.sleep(30 * minute);
    await send(handle, 'resolve', build.resolve());
    await send(handle, 'confirm', build.actor(fixture.cast.requester));

    const [resolution] = await fixture.db
      .select()
      .from(slaResults)
      .where(and(eq(slaResults.caseId, state.caseId), eq(slaResults.target, 'resolution')));
    // 30 working minutes before the first resolution and 30 after the reopening; the weekend,
    // the holiday and Tuesday 08:00–09:00 passed while the case was resolved.
    expect(Math.abs((resolution?.workingMsElapsed ?? 0) - 60 * minute)).toBeLessThan(
      messageSlackMs,
    );
    expect(resolution?.met).toBe(true);
    await handle.terminate('test done');
  }, 120_000);
});

async function waitForRecipients(
  caseId: string,
  template: string,
  expected: number,
): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await fixture.db
      .select({ recipientId: notifications.recipientId, template: notifications.template })
      .from(notifications)
      .where(eq(notifications.caseId, caseId));
    const recipients = rows
      .filter((row) => row.template === template)
      .map((row) => row.recipientId ?? '');
    if (recipients.length >= expected || Date.now() > deadline) return recipients;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
