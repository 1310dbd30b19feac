/**
 * The dailyDigest workflow on the time-skipping test server with the real activities over PGlite
 * (office hours, Johor weekends, a holiday on Monday 1 June 2026), and the creation of its
 * Temporal Schedule on the dev server. Times are Malaysian time (UTC+8).
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { dailyDigestScheduleId, ensureDailyDigestSchedule } from '../../api/schedules';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { calendarHolidays, cases, notifications } from '../../db/schema';
import type { DailyDigestResult } from '../../workflows/daily-digest';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { createDevServerEnv, createTimeSkippingEnv } from '../helpers/temporal';
import { insertOfficeCalendar } from '../sla/calendars';

const myt = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');

describe('dailyDigest workflow', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let taskQueue: string;
  let headA: string;
  let headB: string;

  beforeAll(async () => {
    installRuntimeLogger(logger);
    database = await openTestDatabase('pglite');
    const db = database.db;
    const calendarId = await insertOfficeCalendar(db);
    await db.insert(calendarHolidays).values({
      calendarId,
      date: '2026-06-01',
      nameMs: 'Hari Keputeraan Yang di-Pertuan Agong',
      nameEn: "King's Birthday",
      kind: 'public',
      confirmed: true,
    });

    const unitA = await createUnit(db);
    const unitB = await createUnit(db);
    const unitC = await createUnit(db);
    headA = (await createPerson(db, { roles: ['supervisor'], language: 'ms', headOf: [unitA.id] }))
      .id;
    headB = (await createPerson(db, { roles: ['supervisor'], language: 'en', headOf: [unitB.id] }))
      .id;
    // A head without cases gets no e-mail; a head without the supervisor role is not a recipient.
    await createPerson(db, { roles: ['supervisor'], headOf: [unitC.id] });
    await createPerson(db, { roles: ['technician'], headOf: [unitA.id] });
    const requester = await createPerson(db, { roles: ['customer'] });

    const base = {
      description: 'Fixture',
      status: 'in_progress',
      channel: 'portal',
      priority: 2,
      impact: 2,
      urgency: 2,
      requesterId: requester.id,
      createdById: requester.id,
      openedAt: myt('2026-05-28 09:00'),
    };
    await db.insert(cases).values([
      // Unit A: past due, due today, due tomorrow, waiting, resolved.
      {
        ...base,
        unitId: unitA.id,
        reference: 'DG-A1',
        title: 'Overdue',
        resolutionDueAt: myt('2026-06-02 17:00'),
      },
      {
        ...base,
        unitId: unitA.id,
        reference: 'DG-A2',
        title: 'Due today',
        resolutionDueAt: myt('2026-06-03 16:00'),
      },
      {
        ...base,
        unitId: unitA.id,
        reference: 'DG-A3',
        title: 'Tomorrow',
        resolutionDueAt: myt('2026-06-04 10:00'),
      },
      {
        ...base,
        unitId: unitA.id,
        reference: 'DG-A4',
        title: 'Waiting',
        status: 'waiting_customer',
        resolutionDueAt: myt('2026-06-02 10:00'),
      },
      {
        ...base,
        unitId: unitA.id,
        reference: 'DG-A5',
        title: 'Resolved',
        status: 'resolved',
        resolvedAt: myt('2026-06-02 09:00'),
        resolutionDueAt: myt('2026-06-02 10:00'),
      },
      // Unit B: a first response due at 12:00 today, already given, and one not given.
      {
        ...base,
        unitId: unitB.id,
        reference: 'DG-B1',
        title: '=Answered',
        firstResponseDueAt: myt('2026-06-03 12:00'),
        firstRespondedAt: myt('2026-06-02 12:00'),
        resolutionDueAt: myt('2026-06-10 12:00'),
      },
      {
        ...base,
        unitId: unitB.id,
        reference: 'DG-B2',
        title: 'No answer yet',
        firstResponseDueAt: myt('2026-06-03 12:00'),
        resolutionDueAt: myt('2026-06-10 12:00'),
      },
    ]);

    env = await createTimeSkippingEnv();
    taskQueue = `digest-test-${randomUUID()}`;
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({
        db,
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }),
        logger,
      }),
      logger,
      workflowBundle: await bundleWorkflows(logger),
    });
    running = worker.run();
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.destroy();
  });

  function runDigest(local: string): Promise<DailyDigestResult> {
    return env.client.workflow.execute('dailyDigest', {
      workflowId: `daily-digest-${randomUUID()}`,
      taskQueue,
      args: [{ at: myt(local).toISOString() }],
    });
  }

  async function digestOf(personId: string, date: string) {
    const [row] = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.idempotencyKey, `digest:${date}:${personId}`));
    return row;
  }

  it('working day sends one digest per head with cases', async () => {
    const result = await runDigest('2026-06-03 07:30');
    expect(result).toEqual({
      date: '2026-06-03',
      workingDay: true,
      outcomes: { sent: 0, recorded: 2, skipped: 0, empty: 1, failed: 0 },
    });
  });

  it('digest lists cases near or past due only', async () => {
    const digestA = await digestOf(headA, '2026-06-03');
    expect(digestA?.language).toBe('ms');
    expect(digestA?.data).toEqual({ date: '2026-06-03', references: ['DG-A1', 'DG-A2'] });
    expect(digestA?.subject).toBe(
      'Ringkasan SLA harian 03/06/2026: 2 kes hampir atau melepasi sasaran',
    );
    expect(digestA?.bodyText).toContain('[Melanggar SLA] DG-A1 (P2) Overdue');
    expect(digestA?.bodyText).toContain('[Tamat hari ini] DG-A2 (P2) Due today');
    expect(digestA?.bodyText).toContain('penyelesaian, sasaran 03/06/2026 16:00');
  });

  it('digest is in the head language', async () => {
    const digestB = await digestOf(headB, '2026-06-03');
    expect(digestB?.language).toBe('en');
    expect(digestB?.data).toEqual({ date: '2026-06-03', references: ['DG-B2'] });
    expect(digestB?.bodyText).toContain('[Due today] DG-B2 (P2) No answer yet');
    expect(digestB?.bodyText).toContain('first response, due 03/06/2026 12:00');
  });

  it('second run on the same day sends nothing again', async () => {
    const result = await runDigest('2026-06-03 09:00');
    expect(result.outcomes).toEqual({ sent: 0, recorded: 0, skipped: 2, empty: 1, failed: 0 });
    const rows = await database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(like(notifications.idempotencyKey, 'digest:2026-06-03:%'));
    expect(rows).toHaveLength(2);
  });

  it('weekend gets no digest', async () => {
    const result = await runDigest('2026-06-06 07:30');
    expect(result).toMatchObject({ date: '2026-06-06', workingDay: false });
    expect(result.outcomes.recorded).toBe(0);
  });

  it('holiday gets no digest', async () => {
    const result = await runDigest('2026-06-01 07:30');
    expect(result).toMatchObject({ date: '2026-06-01', workingDay: false });
  });
});

describe('daily digest schedule', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    installRuntimeLogger(logger);
    env = await createDevServerEnv();
  }, 180_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('is created once and updated after', async () => {
    expect(await ensureDailyDigestSchedule(env.client, 'khidmat-test', logger)).toBe('created');
    expect(await ensureDailyDigestSchedule(env.client, 'khidmat-test', logger)).toBe('updated');
    const description = await env.client.schedule.getHandle(dailyDigestScheduleId).describe();
    expect(description.spec.timezone).toBe('Asia/Kuala_Lumpur');
    expect(description.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 7, end: 7, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    });
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'dailyDigest',
      taskQueue: 'khidmat-test',
    });
  });
});
