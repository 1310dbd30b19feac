/**
 * The complaint workflow on the time-skipping Temporal test server, with the real activities on
 * PGlite. Time moves only when a test sleeps with env.sleep or awaits a workflow's result.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import {
  complaintMessages,
  complaintWorkflowType,
  type ComplaintInput,
  type ComplaintState,
} from '../../common/complaint';
import type { CaseStatus } from '../../common/enums';
import {
  caseHistory,
  caseMessages,
  cases,
  knowledgeDrafts,
  notifications,
  ratingTokens,
} from '../../db/schema';
import {
  confirmationWindowMs,
  createComplaintFixture,
  day,
  hour,
  messages,
  minute,
  openComplaint,
  outcomeOf,
  queryState,
  recordHistory,
  send,
  waitForNotification,
  waitForState,
  type ComplaintFixture,
  type ComplaintHandle,
} from './complaint-fixture';

let fixture: ComplaintFixture;
let build: ReturnType<typeof messages>;

beforeAll(async () => {
  fixture = await createComplaintFixture();
  build = messages(fixture.cast);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

/** Drives a new complaint into the given status through real messages. */
async function complaintIn(status: CaseStatus): Promise<ComplaintHandle> {
  const { handle } = await openComplaint(fixture);
  if (status === 'new') return handle;
  await send(handle, 'assign', build.assign());
  if (status === 'assigned') return handle;
  await send(handle, 'logWork', build.logWork());
  if (status === 'in_progress') return handle;
  if (status === 'waiting_customer' || status === 'waiting_supplier') {
    await send(
      handle,
      'wait',
      build.wait(undefined, status === 'waiting_customer' ? 'customer' : 'supplier'),
    );
    return handle;
  }
  await send(handle, 'resolve', build.resolve());
  if (status === 'resolved') return handle;
  await send(handle, 'confirm', build.actor(fixture.cast.requester));
  return handle;
}

type Outcome = CaseStatus | 'invalid_state';
const statuses: CaseStatus[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_supplier',
  'resolved',
  'closed',
];
const no = 'invalid_state' as const;

/**
 * For every message (sent by someone allowed to send it) and every status: the status after the
 * message, or the rejection. Columns follow `statuses`.
 */
const matrix: Record<string, Outcome[]> = {
  classify: ['new', 'assigned', 'in_progress', 'waiting_customer', 'waiting_supplier', no, no],
  assign: ['assigned', 'assigned', 'in_progress', 'waiting_customer', 'waiting_supplier', no, no],
  logWork: [no, 'in_progress', 'in_progress', 'waiting_customer', 'waiting_supplier', no, no],
  reply: ['new', 'assigned', 'in_progress', 'waiting_customer', 'waiting_supplier', 'resolved', no],
  note: ['new', 'assigned', 'in_progress', 'waiting_customer', 'waiting_supplier', 'resolved', no],
  customerReply: [
    'new',
    'assigned',
    'in_progress',
    'in_progress',
    'waiting_supplier',
    'resolved',
    no,
  ],
  wait: [no, 'waiting_supplier', 'waiting_supplier', no, no, no, no],
  resume: [no, no, no, 'in_progress', 'in_progress', no, no],
  finding: [
    no,
    'in_progress',
    'in_progress',
    'waiting_customer',
    'waiting_supplier',
    'resolved',
    no,
  ],
  resolve: [no, 'resolved', 'resolved', 'resolved', 'resolved', no, no],
  confirm: [no, no, no, no, no, 'closed', no],
  reopen: [no, no, no, no, no, 'in_progress', no],
  rate: [no, no, no, no, no, 'resolved', 'closed'],
};

function allowedMessage(name: string): unknown {
  const { cast } = fixture;
  switch (name) {
    case 'classify':
      return build.classify();
    case 'assign':
      return build.assign();
    case 'logWork':
      return build.logWork();
    case 'reply':
    case 'note':
      return build.text(cast.agent);
    case 'customerReply':
      return build.text(cast.requester, 'Masih tidak boleh.');
    case 'wait':
      return build.wait();
    case 'resume':
      return build.actor(cast.technician);
    case 'finding':
      return build.finding();
    case 'resolve':
      return build.resolve();
    case 'confirm':
      return build.actor(cast.requester);
    case 'reopen':
      return build.reopen();
    case 'rate':
      return build.rate();
    default:
      throw new Error(`no message for ${name}`);
  }
}

describe('complaint gates', () => {
  test.each(statuses)(
    'every message while %s',
    async (status) => {
      const names = Object.keys(matrix);
      const expected = Object.fromEntries(
        names.map((name) => [name, matrix[name]?.[statuses.indexOf(status)]]),
      );
      const actual = Object.fromEntries(
        await Promise.all(
          names.map(async (name): Promise<[string, string]> => {
            const handle = await complaintIn(status);
            const outcome = await outcomeOf(
              send(handle, name as Parameters<typeof send>[1], allowedMessage(name)),
            );
            const after = await queryState(handle);
            if (outcome !== 'accepted') {
              // A rejected message changes nothing.
              return [name, after.status === status ? outcome : `${outcome} but ${after.status}`];
            }
            return [name, after.status];
          }),
        ),
      );
      expect(actual).toEqual(expected);
    },
    120_000,
  );

  test('messages from the wrong person are forbidden', async () => {
    const { cast } = fixture;
    const inProgress = await complaintIn('in_progress');
    const waiting = await complaintIn('waiting_supplier');
    const resolved = await complaintIn('resolved');
    const fresh = await complaintIn('new');
    const cases: [string, ComplaintHandle, string, unknown][] = [
      ['classify by a technician', fresh, 'classify', build.classify(cast.technician)],
      ['classify by another unit head', fresh, 'classify', build.classify(cast.otherHead)],
      ['assign by a customer', fresh, 'assign', build.assign(cast.requester)],
      ['logWork by another technician', inProgress, 'logWork', build.logWork(cast.otherTechnician)],
      ['logWork by an agent', inProgress, 'logWork', build.logWork(cast.agent)],
      ['reply by the requester', inProgress, 'reply', build.text(cast.requester)],
      ['note by another technician', inProgress, 'note', build.text(cast.otherTechnician)],
      ['customerReply by an agent', inProgress, 'customerReply', build.text(cast.agent)],
      [
        'customerReply by another customer',
        inProgress,
        'customerReply',
        build.text(cast.otherCustomer),
      ],
      ['wait by an agent', inProgress, 'wait', build.wait(cast.agent)],
      ['resume by an agent', waiting, 'resume', build.actor(cast.agent)],
      ['finding by another technician', inProgress, 'finding', build.finding(cast.otherTechnician)],
      ['resolve by an agent', inProgress, 'resolve', build.resolve(cast.agent)],
      ['resolve by another unit head', inProgress, 'resolve', build.resolve(cast.otherHead)],
      ['confirm by an agent', resolved, 'confirm', build.actor(cast.agent)],
      ['confirm by another customer', resolved, 'confirm', build.actor(cast.otherCustomer)],
      ['reopen by the technician', resolved, 'reopen', build.reopen(cast.technician)],
      ['rate by the technician', resolved, 'rate', build.rate(cast.technician)],
    ];
    for (const [label, handle, name, message] of cases) {
      const outcome = await outcomeOf(send(handle, name as Parameters<typeof send>[1], message));
      expect(outcome, label).toBe('forbidden');
    }
  }, 60_000);

  test('unit heads, admins and agents act where allowed', async () => {
    const { cast } = fixture;
    const fresh = await complaintIn('new');
    expect(await outcomeOf(send(fresh, 'classify', build.classify(cast.admin)))).toBe('accepted');
    expect(await outcomeOf(send(fresh, 'classify', build.classify(cast.head)))).toBe('accepted');
    // The head of the target unit may take a case into their unit.
    const intoOtherUnit = {
      ...build.assign(cast.otherHead, cast.otherTechnician.id),
      unitId: cast.otherUnitId,
    };
    const assigned = await send(fresh, 'assign', intoOtherUnit);
    expect(assigned.unitId).toBe(cast.otherUnitId);
    expect(assigned.assigneeId).toBe(cast.otherTechnician.id);

    const inProgress = await complaintIn('in_progress');
    expect(await outcomeOf(send(inProgress, 'logWork', build.logWork(cast.head)))).toBe('accepted');
    const resolved = await send(inProgress, 'resolve', build.resolve(cast.head));
    expect(resolved.status).toBe('resolved');
    const reopened = await send(inProgress, 'reopen', build.reopen(cast.agent));
    expect(reopened.status).toBe('in_progress');
  }, 60_000);

  test('invalid fields fail validation', async () => {
    const { cast } = fixture;
    const fresh = await complaintIn('new');
    const inProgress = await complaintIn('in_progress');
    const resolved = await complaintIn('resolved');
    const cases: [string, ComplaintHandle, string, unknown][] = [
      ['classify impact 5', fresh, 'classify', { ...build.classify(), impact: 5 }],
      ['assign without reason', fresh, 'assign', { ...build.assign(), reason: '  ' }],
      ['assign without unit', fresh, 'assign', { ...build.assign(), unitId: '' }],
      ['logWork of 0 minutes', inProgress, 'logWork', build.logWork(cast.technician, 0)],
      ['logWork of 2000 minutes', inProgress, 'logWork', build.logWork(cast.technician, 2000)],
      ['logWork of 1.5 minutes', inProgress, 'logWork', build.logWork(cast.technician, 1.5)],
      ['reply without body', inProgress, 'reply', build.text(cast.agent, '')],
      ['wait for lunch', inProgress, 'wait', { ...build.wait(), reason: 'lunch' }],
      ['finding without title', inProgress, 'finding', { ...build.finding(), title: '' }],
      ['resolve without note', inProgress, 'resolve', { ...build.resolve(), resolutionNote: '' }],
      ['reopen without reason', resolved, 'reopen', { ...build.reopen(), reason: '' }],
      ['rate 6', resolved, 'rate', build.rate(cast.requester, 6)],
      ['rate 0 through the link', resolved, 'rate', build.rate(null, 0)],
      ['message without actor', inProgress, 'note', { body: 'x', attachmentIds: [] }],
    ];
    for (const [label, handle, name, message] of cases) {
      const outcome = await outcomeOf(send(handle, name as Parameters<typeof send>[1], message));
      expect(outcome, label).toBe('validation_failed');
    }
  }, 60_000);

  test('out-of-order messages are rejected', async () => {
    const fresh = await complaintIn('new');
    expect(await outcomeOf(send(fresh, 'resolve', build.resolve()))).toBe('invalid_state');
    expect(await outcomeOf(send(fresh, 'confirm', build.actor(fixture.cast.requester)))).toBe(
      'invalid_state',
    );
    const closed = await complaintIn('closed');
    expect(await outcomeOf(send(closed, 'logWork', build.logWork()))).toBe('invalid_state');
    expect(await outcomeOf(send(closed, 'reopen', build.reopen()))).toBe('invalid_state');
  }, 60_000);
});

describe('complaint lane', () => {
  test('full lane from receipt to rating', async () => {
    const { cast, db } = fixture;
    const { handle, input, state: opened } = await openComplaint(fixture);
    expect(opened.recorded).toBe(true);
    expect(opened.status).toBe('new');
    expect(opened.priority).toBe(4);

    const classified = await send(handle, 'classify', build.classify(cast.agent, 2, 2));
    expect(classified.priority).toBe(3);
    expect(classified.firstResponse?.targetMs).toBe(480 * minute);

    const assigned = await send(handle, 'assign', build.assign());
    expect(assigned.status).toBe('assigned');
    const working = await send(handle, 'logWork', build.logWork(cast.technician, 45));
    expect(working.status).toBe('in_progress');
    expect(working.workMinutes).toBe(45);
    expect(working.firstResponse?.metAt).not.toBeNull();

    await send(handle, 'finding', build.finding());
    await send(handle, 'reply', build.text(cast.technician, 'Kami sedang menyemak.'));
    const resolved = await send(handle, 'resolve', build.resolve());
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution?.metAt).not.toBeNull();
    const closed = await send(handle, 'confirm', build.actor(cast.requester));
    expect(closed.status).toBe('closed');
    const rated = await send(handle, 'rate', build.rate(cast.requester, 4));
    expect(rated.rated).toBe(true);
    const final = (await handle.result()) as ComplaintState;
    expect(final.status).toBe('closed');

    const [row] = await db.select().from(cases).where(eq(cases.id, input.caseId));
    expect(row?.status).toBe('closed');
    expect(row?.channel).toBe('portal');
    expect(row?.priority).toBe(3);
    expect(row?.assigneeId).toBe(cast.technician.id);
    expect(row?.workMinutes).toBe(45);
    expect(row?.rating).toBe(4);
    expect(row?.resolutionNote).toBe(build.resolve().resolutionNote);
    expect(row?.firstRespondedAt).not.toBeNull();
    expect(row?.closedAt).not.toBeNull();
    expect(row?.workflowId).toBe(`complaint-${input.reference}`);

    const statusRows = await db
      .select()
      .from(caseHistory)
      .where(and(eq(caseHistory.caseId, input.caseId), eq(caseHistory.action, 'status')))
      .orderBy(asc(caseHistory.id));
    expect(statusRows.map((entry) => entry.newValue)).toEqual([
      'new',
      'assigned',
      'in_progress',
      'resolved',
      'closed',
    ]);

    const timeline = await db
      .select()
      .from(caseMessages)
      .where(eq(caseMessages.caseId, input.caseId))
      .orderBy(asc(caseMessages.createdAt));
    expect(timeline.map((entry) => entry.kind).sort()).toEqual(
      ['finding', 'reply', 'resolution', 'work_log'].sort(),
    );
    const drafts = await db
      .select()
      .from(knowledgeDrafts)
      .where(eq(knowledgeDrafts.caseId, input.caseId));
    expect(drafts).toHaveLength(1);

    const sent = await db
      .select()
      .from(notifications)
      .where(eq(notifications.caseId, input.caseId));
    expect(sent.map((entry) => entry.template).sort()).toEqual(
      ['acknowledgement', 'assigned', 'closed', 'reply', 'resolved'].sort(),
    );
    expect(sent.every((entry) => entry.status === 'recorded')).toBe(true);
    const acknowledgement = sent.find((entry) => entry.template === 'acknowledgement');
    expect(acknowledgement?.language).toBe('ms');
    expect(acknowledgement?.subject).toContain(`Akuan terima aduan ${input.reference}`);
    const resolution = sent.find((entry) => entry.template === 'resolved');
    expect(resolution?.bodyText).toContain('/rate/[token]');

    const tokens = await db
      .select()
      .from(ratingTokens)
      .where(eq(ratingTokens.caseId, input.caseId));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[0]?.usedAt).not.toBeNull();
    await recordHistory(handle, 'happy-path');
  }, 60_000);

  test('opening runs one activity', async () => {
    const { handle } = await openComplaint(fixture);
    const events = (await handle.fetchHistory()).events ?? [];
    const scheduled = events.flatMap(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );

    expect(scheduled[0]).toBe('openCase');
    expect(scheduled).not.toContain('computeDeadlines');
    expect(scheduled).not.toContain('recordOpened');
  });

  test('rating given twice is rejected', async () => {
    const handle = await complaintIn('resolved');
    expect(await outcomeOf(send(handle, 'rate', build.rate(null, 3)))).toBe('accepted');
    expect(await outcomeOf(send(handle, 'rate', build.rate(null, 5)))).toBe('invalid_state');
    expect(await outcomeOf(send(handle, 'rate', build.rate()))).toBe('invalid_state');
    const state = await queryState(handle);
    expect(state.rated).toBe(true);
    const [row] = await fixture.db.select().from(cases).where(eq(cases.id, state.caseId));
    expect(row?.rating).toBe(3);
  }, 30_000);

  test('reopening continues the resolution clock', async () => {
    const { cast, db } = fixture;
    const handle = await complaintIn('resolved');
    const before = await queryState(handle);
    const reopened = await send(handle, 'reopen', build.reopen());
    expect(reopened.status).toBe('in_progress');
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.resolution?.metAt).toBeNull();
    // The time resolved is paused time, so the due time moves by exactly that much (the test
    // calendar is always open).
    const resolvedMs = reopened.pausedMs - before.pausedMs;
    expect(resolvedMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(reopened.resolution?.dueAt ?? '')).toBe(
      Date.parse(before.resolution?.dueAt ?? '') + resolvedMs,
    );
    expect(reopened.closesAt).toBeNull();
    const [notice] = await waitForNotification(db, before.caseId, 'reopened');
    expect(notice?.recipientId).toBe(cast.technician.id);

    const again = await send(handle, 'resolve', build.resolve());
    expect(again.status).toBe('resolved');
    await send(handle, 'confirm', build.actor(cast.requester));
    await send(handle, 'rate', build.rate());
    await handle.result();
    const [row] = await db.select().from(cases).where(eq(cases.id, before.caseId));
    expect(row?.reopenCount).toBe(1);
    await recordHistory(handle, 'reopen');
  }, 30_000);
});

describe('complaint clocks', () => {
  test('warning at 75 % and breach at the due time', async () => {
    const { cast, db, env } = fixture;
    // Impact 1 × urgency 1 is P1: first response in 30 minutes, resolution in 240.
    const { handle, state } = await openComplaint(fixture, { impact: 1, urgency: 1 });
    expect(state.priority).toBe(1);
    expect(state.firstResponse?.targetMs).toBe(30 * minute);

    await env.sleep(20 * minute);
    expect((await queryState(handle)).firstResponse?.warned).toBe(false);
    await env.sleep(3 * minute);
    const warned = await waitForState(handle, (current) => current.firstResponse?.warned === true);
    expect(warned.firstResponse?.breached).toBe(false);
    const [warning] = await waitForNotification(db, state.caseId, 'slaWarning');
    // No assignee yet: the head of the case's unit is warned.
    expect(warning?.recipientId).toBe(cast.head.id);
    expect(warning?.subject).toContain('Amaran SLA');

    await env.sleep(8 * minute);
    const breached = await waitForState(
      handle,
      (current) => current.firstResponse?.breached === true,
    );
    expect(breached.resolution?.breached).toBe(false);
    const breaches = await waitForNotification(db, state.caseId, 'slaBreach');
    expect(breaches[0]?.subject).toContain('melanggar SLA');
    const [row] = await db.select().from(cases).where(eq(cases.id, state.caseId));
    expect(row?.firstResponseBreached).toBe(true);
    expect(row?.resolutionBreached).toBe(false);

    // The first work log meets the first response, late; the resolution clock still runs.
    await send(handle, 'assign', build.assign());
    await send(handle, 'logWork', build.logWork());
    await env.sleep(4 * hour);
    const late = await waitForState(handle, (current) => current.resolution?.breached === true);
    expect(late.firstResponse?.breached).toBe(true);
    const watchers = (await waitForNotification(db, state.caseId, 'slaBreach')).map(
      (entry) => entry.recipientId,
    );
    expect(watchers).toContain(cast.technician.id);

    await send(handle, 'resolve', build.resolve());
    await send(handle, 'confirm', build.actor(cast.requester));
    await send(handle, 'rate', build.rate());
    await handle.result();
    await recordHistory(handle, 'breach');
  }, 60_000);

  test('waiting pauses the clock and moves the deadlines', async () => {
    const { cast, db, env } = fixture;
    const { handle, state } = await openComplaint(fixture, { impact: 1, urgency: 1 });
    await send(handle, 'assign', build.assign());
    await send(handle, 'logWork', build.logWork());
    const waiting = await send(handle, 'wait', build.wait(cast.technician, 'supplier'));
    expect(waiting.status).toBe('waiting_supplier');
    expect(waiting.pausedSince).not.toBeNull();
    const dueBefore = Date.parse(waiting.resolution?.dueAt ?? '');

    // Five hours of waiting: past the 240-minute resolution target, but the clock is paused.
    await env.sleep(5 * hour);
    const paused = await queryState(handle);
    expect(paused.resolution?.warned).toBe(false);
    expect(paused.resolution?.breached).toBe(false);

    const resumed = await send(handle, 'resume', build.actor(cast.technician));
    expect(resumed.status).toBe('in_progress');
    expect(resumed.pausedMs).toBeGreaterThanOrEqual(5 * hour);
    const dueAfter = Date.parse(resumed.resolution?.dueAt ?? '');
    expect(dueAfter - dueBefore).toBe(resumed.pausedMs);
    const [row] = await db.select().from(cases).where(eq(cases.id, state.caseId));
    expect(row?.resolutionDueAt?.getTime()).toBe(dueAfter);
    expect(row?.pausedMs).toBe(resumed.pausedMs);

    // Waiting for the customer; their reply resumes the clock.
    const waitingCustomer = await send(handle, 'wait', build.wait(cast.technician, 'customer'));
    expect(waitingCustomer.status).toBe('waiting_customer');
    await env.sleep(hour);
    const replied = await send(handle, 'customerReply', build.text(cast.requester, 'Esok pagi.'));
    expect(replied.status).toBe('in_progress');
    expect(replied.pausedMs).toBeGreaterThanOrEqual(6 * hour);

    // After the pause the clock runs again and the moved deadline warns.
    await env.sleep(3 * hour + 10 * minute);
    await waitForState(handle, (current) => current.resolution?.warned === true);
    const notices = await db
      .select()
      .from(notifications)
      .where(eq(notifications.caseId, state.caseId));
    expect(notices.filter((entry) => entry.template === 'slaBreach')).toHaveLength(0);

    await send(handle, 'resolve', build.resolve());
    await send(handle, 'confirm', build.actor(cast.requester));
    await send(handle, 'rate', build.rate());
    await handle.result();
    await recordHistory(handle, 'waiting');
  }, 60_000);

  test('reclassification recomputes the deadlines', async () => {
    const { handle, state } = await openComplaint(fixture);
    expect(state.resolution?.targetMs).toBe(10080 * minute);
    const raised = await send(handle, 'classify', build.classify(fixture.cast.agent, 1, 1));
    expect(raised.priority).toBe(1);
    expect(raised.resolution?.targetMs).toBe(240 * minute);
    expect(Date.parse(raised.resolution?.dueAt ?? '')).toBe(
      Date.parse(state.resolution?.dueAt ?? '') - (10080 - 240) * minute,
    );
  }, 30_000);

  test('auto-close after the confirmation window', async () => {
    const { cast, db, env } = fixture;
    const handle = await complaintIn('resolved');
    const resolved = await queryState(handle);
    expect(Date.parse(resolved.closesAt ?? '') - Date.parse(resolved.resolvedAt ?? '')).toBe(
      confirmationWindowMs,
    );
    await env.sleep(confirmationWindowMs - hour);
    expect((await queryState(handle)).status).toBe('resolved');
    await env.sleep(2 * hour);
    const closed = await waitForState(handle, (current) => current.status === 'closed');
    expect(closed.closedAt).not.toBeNull();
    await waitForNotification(db, closed.caseId, 'closed');
    const [row] = await db.select().from(cases).where(eq(cases.id, closed.caseId));
    expect(row?.status).toBe('closed');
    const autoClosed = await db
      .select()
      .from(caseHistory)
      .where(and(eq(caseHistory.caseId, closed.caseId), eq(caseHistory.action, 'auto_closed')));
    expect(autoClosed).toHaveLength(1);

    // The rating stays open after the closure, until the rating window ends.
    expect(await outcomeOf(send(handle, 'rate', build.rate(cast.requester, 2)))).toBe('accepted');
    const final = (await handle.result()) as ComplaintState;
    expect(final.rated).toBe(true);
    await recordHistory(handle, 'auto-close');
  }, 60_000);

  test('workflow ends when the rating window passes unrated', async () => {
    const handle = await complaintIn('closed');
    const closed = await queryState(handle);
    expect(closed.ratingClosesAt).not.toBeNull();
    const final = (await handle.result()) as ComplaintState;
    expect(final.status).toBe('closed');
    expect(final.rated).toBe(false);
    expect(Date.parse(final.ratingClosesAt ?? '')).toBeGreaterThan(
      Date.parse(final.closedAt ?? ''),
    );
    expect(final.ratingClosesAt).toBe(
      new Date(Date.parse(final.resolvedAt ?? '') + confirmationWindowMs + 14 * day).toISOString(),
    );
  }, 30_000);
});

describe('imported complaint', () => {
  test('resumeFrom continues without recording the opening', async () => {
    const { cast, db, env } = fixture;
    const caseId = randomUUID();
    const reference = `ADU-2025-${caseId.slice(0, 6)}`;
    const openedAt = new Date((await env.currentTimeMs()) - hour).toISOString();
    await db.insert(cases).values({
      id: caseId,
      reference,
      title: 'Pencetak rosak',
      description: 'Diimport daripada sistem lama',
      status: 'in_progress',
      channel: 'phone',
      priority: 2,
      impact: 1,
      urgency: 2,
      requesterId: cast.requester.id,
      createdById: cast.agent.id,
      unitId: cast.unitId,
      assigneeId: cast.technician.id,
      openedAt: new Date(openedAt),
      workMinutes: 90,
      source: 'servicenow',
      externalRef: `INC${caseId.slice(0, 6)}`,
    });
    const handle = await fixture.env.client.workflow.start(complaintWorkflowType, {
      workflowId: `complaint-${reference}`,
      taskQueue: fixture.taskQueue,
      args: [
        {
          caseId,
          reference,
          title: 'Pencetak rosak',
          description: 'Diimport daripada sistem lama',
          channel: 'phone',
          requesterId: cast.requester.id,
          createdById: cast.agent.id,
          serviceId: null,
          categoryId: null,
          impact: 1,
          urgency: 2,
          unitId: cast.unitId,
          attachmentIds: [],
          openedAt,
          confirmationWindowMs,
          warningShare: 0.75,
          resumeFrom: {
            status: 'in_progress',
            priority: 2,
            unitId: cast.unitId,
            assigneeId: cast.technician.id,
            firstRespondedAt: openedAt,
            resolvedAt: null,
            reopenCount: 0,
            workMinutes: 90,
          },
        } satisfies ComplaintInput,
      ],
    });
    const state = await handle.executeUpdate<ComplaintState, []>(complaintMessages.opened);
    expect(state.status).toBe('in_progress');
    expect(state.recorded).toBe(true);
    expect(state.resolution?.dueAt).toBe(
      new Date(Date.parse(openedAt) + 1440 * minute).toISOString(),
    );
    expect(state.firstResponse?.metAt).toBe(openedAt);

    const logged = await send(handle, 'logWork', build.logWork(cast.technician, 15));
    expect(logged.workMinutes).toBe(105);
    const history = await db.select().from(caseHistory).where(eq(caseHistory.caseId, caseId));
    expect(history.some((entry) => entry.action === 'opened')).toBe(false);
    const acknowledgements = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.template, 'acknowledgement')));
    expect(acknowledgements).toHaveLength(0);
    const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.workflowId).toBe(`complaint-${reference}`);
    expect(row?.resolutionDueAt?.toISOString()).toBe(state.resolution?.dueAt);
    expect(row?.workMinutes).toBe(105);
  }, 30_000);
});
