/**
 * SLA warnings with two workers polling one task queue on the Temporal dev server, in real time.
 * Every warning and breach notification reaches the outbox exactly once per recipient, although
 * either worker may run any workflow task or activity. The policy's targets
 * are seconds long so the test runs in real time; the calendar is open around the clock.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createActivities, type KhidmatActivities } from '../../activities';
import {
  complaintMessages,
  complaintWorkflowType,
  type ComplaintInput,
  type ComplaintState,
} from '../../common/complaint';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { notifications, people, slaPolicies, unitMembers, units } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createDevServerEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const caseCount = 6;
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let workers: Worker[] = [];
let connections: NativeConnection[] = [];
let running: Promise<void>[] = [];
const taskQueue = `sla-two-workers-${randomUUID()}`;
/** Activities run by each worker, to show that both took part. */
const activityRuns = [0, 0];
let requesterId: string;
let headId: string;
let unitId: string;

/** Counts every activity call of one worker before running it. */
function countedActivities(index: number): KhidmatActivities {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const activities = createActivities({ db: database.db, config, logger });
  const counted: Record<string, unknown> = {};
  for (const [name, activity] of Object.entries(activities)) {
    counted[name] = (...args: unknown[]) => {
      activityRuns[index] = (activityRuns[index] ?? 0) + 1;
      return (activity as (...input: unknown[]) => unknown)(...args);
    };
  }
  return counted as unknown as KhidmatActivities;
}

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  await insertAlwaysOpenCalendar(database.db);
  // Targets of a few seconds, written straight to the table; the API accepts whole minutes only.
  await database.db.insert(slaPolicies).values({
    code: 'seconds',
    nameMs: 'Saat',
    nameEn: 'Seconds',
    workflowType: 'complaint',
    firstResponse: { kind: 'workingMinutes', minutes: 0.1 },
    resolution: { kind: 'workingMinutes', minutes: 60 },
    warningShares: [0.3, 0.6],
  });
  const [unit] = await database.db
    .insert(units)
    .values({ code: 'RANGKAIAN', nameMs: 'Unit Rangkaian', nameEn: 'Network Unit' })
    .returning({ id: units.id });
  unitId = unit?.id ?? '';
  const [requester, head] = await database.db
    .insert(people)
    .values([
      { email: `${randomUUID()}@test.khidmat.invalid`, name: 'Pelanggan', roles: ['customer'] },
      { email: `${randomUUID()}@test.khidmat.invalid`, name: 'Ketua', roles: ['supervisor'] },
    ])
    .returning({ id: people.id });
  requesterId = requester?.id ?? '';
  headId = head?.id ?? '';
  await database.db.insert(unitMembers).values({ unitId, personId: headId, role: 'head' });

  env = await createDevServerEnv();
  const bundle = await bundleWorkflows(logger);
  // One connection each, as two worker processes would have: the SDK refuses a second worker for
  // the same task queue on one connection.
  connections = await Promise.all(
    [0, 1].map(() => NativeConnection.connect({ address: env.address })),
  );
  workers = await Promise.all(
    [0, 1].map((index) =>
      createWorker({
        connection: connections[index] as NativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        activities: countedActivities(index),
        logger,
        workflowBundle: bundle,
      }),
    ),
  );
  running = workers.map((worker) => worker.run());
}, 180_000);

afterAll(async () => {
  for (const worker of workers) worker.shutdown();
  await Promise.all(running);
  await Promise.all(connections.map((connection) => connection.close()));
  await env?.teardown();
  await database?.destroy();
});

async function startCase(): Promise<string> {
  const caseId = randomUUID();
  const reference = `ADU-2026-${caseId.slice(0, 6)}`;
  const input: ComplaintInput = {
    caseId,
    reference,
    title: 'Rangkaian terputus',
    description: 'Ujian dua pekerja',
    channel: 'portal',
    requesterId,
    createdById: requesterId,
    serviceId: null,
    categoryId: null,
    impact: 2,
    urgency: 2,
    unitId,
    attachmentIds: [],
    openedAt: new Date().toISOString(),
    confirmationWindowMs: 60_000,
    warningShare: 0.75,
  };
  const handle = await env.client.workflow.start(complaintWorkflowType, {
    workflowId: `complaint-${reference}`,
    taskQueue,
    args: [input],
  });
  await handle.executeUpdate<ComplaintState, []>(complaintMessages.opened);
  return caseId;
}

async function countOf(caseId: string, template: string): Promise<number> {
  const rows = await database.db
    .select({ recipientId: notifications.recipientId })
    .from(notifications)
    .where(and(eq(notifications.caseId, caseId), eq(notifications.template, template)));
  return rows.filter((row) => row.recipientId === headId).length;
}

test('each warning is sent once with two workers', async () => {
  const caseIds = await Promise.all(Array.from({ length: caseCount }, () => startCase()));

  // First response: warnings at 1.8 s and 3.6 s, breach at 6 s; wait for every breach.
  const deadline = Date.now() + 60_000;
  for (const caseId of caseIds) {
    while ((await countOf(caseId, 'slaBreach')) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  // Let any duplicate a second delivery would write arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  for (const caseId of caseIds) {
    expect(await countOf(caseId, 'slaWarning')).toBe(2);
    expect(await countOf(caseId, 'slaBreach')).toBe(1);
  }
  expect(activityRuns[0]).toBeGreaterThan(0);
  expect(activityRuns[1]).toBeGreaterThan(0);

  for (const caseId of caseIds) {
    await env.client.workflow
      .getHandle(`complaint-ADU-2026-${caseId.slice(0, 6)}`)
      .terminate('test done');
  }
}, 120_000);

test('repeated notify with one key writes once', async () => {
  const caseId = await startCase();
  const activities = createActivities({
    db: database.db,
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }),
    logger,
  });
  const request = {
    template: 'slaWarning' as const,
    caseId,
    audience: 'watchers' as const,
    key: 'sla:firstResponse:warning:retry-test',
    at: new Date().toISOString(),
    target: 'firstResponse' as const,
    dueAt: new Date().toISOString(),
  };
  // A retried activity, as after a worker lost before reporting completion, and a concurrent one.
  const results = await Promise.allSettled([
    activities.notify(request),
    activities.notify(request),
    activities.notify(request),
  ]);
  expect(results.some((result) => result.status === 'fulfilled')).toBe(true);
  const rows = await database.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.caseId, caseId),
        eq(notifications.idempotencyKey, `${caseId}:${request.key}:${headId}`),
      ),
    );
  expect(rows).toHaveLength(1);
  await env.client.workflow
    .getHandle(`complaint-ADU-2026-${caseId.slice(0, 6)}`)
    .terminate('test done');
}, 60_000);
