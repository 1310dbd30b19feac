/**
 * The facilityRequest workflow on the time-skipping test server, with a real worker running the
 * real activities and the real approvalChain child over a fresh PGlite: approval and rejection,
 * provision steps and their rules, the provision deadline (a reminder to the provider unit, then
 * a notice to its heads once it passes), and the applicant's acknowledgement.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createApplication } from '../../activities/facilities/queries';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  decideApprovalUpdateName,
  type ApprovalChainState,
  type DecideApprovalInput,
} from '../../common/approval';
import { loadConfig } from '../../common/config';
import {
  acknowledgeUpdateName,
  completeStepUpdateName,
  facilityRequestStateQueryName,
  facilityRequestWorkflowType,
  type FacilityRequestInput,
  type FacilityRequestState,
} from '../../common/facility-request';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import {
  facilityApplicationEvents,
  facilityApplications,
  facilityItems,
  notifications,
  slaPolicies,
} from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const hour = 60 * 60 * 1000;

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Database;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `facility-test-${randomUUID()}`;

interface Cast {
  applicantId: string;
  applicantUnitId: string;
  otherCustomerId: string;
  providerMemberId: string;
  providerHeadId: string;
}
let cast: Cast;
let item: typeof facilityItems.$inferSelect;

beforeAll(async () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  database = await openTestDatabase('pglite');
  db = database.db;
  // Working time equals calendar time, so the 72-hour target is due 72 hours after approval.
  await insertAlwaysOpenCalendar(db);
  await db.insert(slaPolicies).values({
    code: 'facility-request-test',
    nameMs: 'Permohonan kemudahan ICT',
    nameEn: 'ICT facility request',
    workflowType: 'facilityRequest',
    firstResponse: null,
    resolution: { kind: 'workingMinutes', minutes: 72 * 60 },
    warningShares: [0.75],
  });

  const provider = await createUnit(db, 'SISTEM');
  const faculty = await createUnit(db, 'FAKULTI');
  const applicant = await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] });
  await createPerson(db, { roles: ['supervisor'], headOf: [faculty.id] });
  cast = {
    applicantId: applicant.id,
    applicantUnitId: faculty.id,
    otherCustomerId: (await createPerson(db, { roles: ['customer'] })).id,
    providerMemberId: (await createPerson(db, { roles: ['technician'], unitIds: [provider.id] }))
      .id,
    providerHeadId: (await createPerson(db, { roles: ['supervisor'], headOf: [provider.id] })).id,
  };
  const [row] = await db
    .insert(facilityItems)
    .values({
      code: 'AKAUN-VPN',
      nameMs: 'Akaun VPN',
      nameEn: 'VPN account',
      kind: 'service',
      unitId: provider.id,
      provisionSteps: ['Cipta akaun', 'Hantar tetapan'],
    })
    .returning();
  if (!row) throw new Error('insert into facility_items returned nothing');
  item = row;

  env = await createTimeSkippingEnv();
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ db, config, logger }),
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

async function apply(): Promise<{ handle: WorkflowHandle; input: FacilityRequestInput }> {
  const created = await createApplication(db, {
    item,
    requesterId: cast.applicantId,
    requesterUnitId: cast.applicantUnitId,
    answers: {},
  });
  const input: FacilityRequestInput = {
    applicationId: created.id,
    reference: created.reference,
    title: item.nameMs,
    requesterId: cast.applicantId,
    requesterUnitId: cast.applicantUnitId,
    itemCode: item.code,
    value: null,
    steps: item.provisionSteps,
  };
  const handle = await env.client.workflow.start(facilityRequestWorkflowType, {
    workflowId: input.reference,
    taskQueue,
    args: [input],
  });
  return { handle, input };
}

/** Waits until the application's approval chain waits for a decision, then decides it. */
async function decide(reference: string, decision: 'approved' | 'rejected', comment = '') {
  const chain = env.client.workflow.getHandle(approvalChainWorkflowId(reference));
  let approverId: string | undefined;
  for (let attempt = 0; attempt < 100 && !approverId; attempt += 1) {
    const chainState = await chain
      .query<ApprovalChainState>(approvalChainStateQueryName)
      .catch(() => null);
    const level = chainState?.levels.find((entry) => entry.level === chainState.currentLevel);
    approverId = level?.approvers[0]?.approverId;
    if (!approverId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!approverId) throw new Error(`the approval chain of ${reference} never waited`);
  const payload: DecideApprovalInput = { actorId: approverId, decision, comment };
  await chain.executeUpdate(decideApprovalUpdateName, { args: [payload] });
}

async function waitFor(
  handle: WorkflowHandle,
  accept: (state: FacilityRequestState) => boolean,
  expected: string,
): Promise<FacilityRequestState> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await handle.query<FacilityRequestState>(facilityRequestStateQueryName);
    if (accept(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the application never reached: ${expected}`);
}

const completeStep = (handle: WorkflowHandle, actorId: string, stepIndex: number) =>
  handle.executeUpdate<FacilityRequestState, [{ actorId: string; stepIndex: number }]>(
    completeStepUpdateName,
    {
      args: [{ actorId, stepIndex }],
    },
  );

const acknowledge = (handle: WorkflowHandle, actorId: string) =>
  handle.executeUpdate<FacilityRequestState, [{ actorId: string }]>(acknowledgeUpdateName, {
    args: [{ actorId }],
  });

/** Returns the failure type of a rejected update, such as 'invalid_state'. */
async function rejectionType(update: Promise<unknown>): Promise<string | undefined> {
  const error = await update.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
}

async function timeline(applicationId: string): Promise<string[]> {
  const rows = await db
    .select({ kind: facilityApplicationEvents.kind })
    .from(facilityApplicationEvents)
    .where(eq(facilityApplicationEvents.applicationId, applicationId))
    .orderBy(asc(facilityApplicationEvents.step));
  return rows.map((row) => row.kind);
}

async function provisionNotices(applicationId: string) {
  const rows = await db
    .select({ template: notifications.template, recipientId: notifications.recipientId })
    .from(notifications)
    .where(like(notifications.idempotencyKey, `facility:${applicationId}:provision_%`));
  return rows;
}

describe('facilityRequest workflow', () => {
  it('approved application provided in time', async () => {
    const { handle, input } = await apply();
    await decide(input.reference, 'approved', 'Disokong');
    const provisioning = await waitFor(
      handle,
      (state) => state.status === 'provisioning' && Boolean(state.provisionDueAt),
      'provisioning with a deadline',
    );
    const now = await env.currentTimeMs();
    const dueIn = Date.parse(provisioning.provisionDueAt ?? '') - now;
    expect(dueIn).toBeGreaterThan(71 * hour);
    expect(dueIn).toBeLessThanOrEqual(72 * hour);

    // The applicant cannot confirm receipt before the handover.
    expect(await rejectionType(acknowledge(handle, cast.applicantId))).toBe('invalid_state');
    await completeStep(handle, cast.providerMemberId, 0);
    expect(await rejectionType(completeStep(handle, cast.providerMemberId, 0))).toBe(
      'invalid_state',
    );
    expect(await rejectionType(completeStep(handle, cast.providerMemberId, 2))).toBe(
      'validation_failed',
    );
    await completeStep(handle, cast.providerMemberId, 1);
    await waitFor(handle, (state) => state.status === 'awaiting_acknowledgement', 'the handover');

    // Only the applicant confirms receipt.
    expect(await rejectionType(acknowledge(handle, cast.otherCustomerId))).toBe('forbidden');
    const done = await acknowledge(handle, cast.applicantId);
    expect(done.status).toBe('completed');
    expect(done.provisionOverdue).toBe(false);
    await handle.result();

    expect(await timeline(input.applicationId)).toEqual([
      'submitted',
      'approved',
      'provision_due',
      'step_done',
      'step_done',
      'handed_over',
      'acknowledged',
    ]);
    expect(await provisionNotices(input.applicationId)).toEqual([]);
    const [row] = await db
      .select()
      .from(facilityApplications)
      .where(eq(facilityApplications.id, input.applicationId));
    expect(row?.status).toBe('completed');
    expect(row?.acknowledgedAt).not.toBeNull();
  });

  it('rejection sends reason, sets no deadline', async () => {
    const { handle, input } = await apply();
    expect(await rejectionType(completeStep(handle, cast.providerMemberId, 0))).toBe(
      'invalid_state',
    );
    await decide(input.reference, 'rejected', 'Tiada peruntukan');
    const state = await handle.result();
    expect(state).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Tiada peruntukan',
      provisionDueAt: null,
    });
    expect(await timeline(input.applicationId)).toEqual(['submitted', 'rejected']);
    const [notice] = await db
      .select({ recipientId: notifications.recipientId, body: notifications.bodyText })
      .from(notifications)
      .where(
        eq(
          notifications.idempotencyKey,
          `facility:${input.applicationId}:rejected:${cast.applicantId}`,
        ),
      );
    expect(notice?.body).toContain('Tiada peruntukan');
  });

  it('stalled provision reminds, then escalates', async () => {
    const { handle, input } = await apply();
    await decide(input.reference, 'approved');
    await waitFor(handle, (state) => Boolean(state.provisionDueAt), 'a provision deadline');
    await completeStep(handle, cast.providerMemberId, 0);

    // Before the warning (75 % of 72 hours is 54 hours) nothing is sent.
    await env.sleep(50 * hour);
    expect(await provisionNotices(input.applicationId)).toEqual([]);

    await env.sleep(6 * hour);
    let notices = await provisionNotices(input.applicationId);
    for (let attempt = 0; attempt < 50 && notices.length < 2; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      notices = await provisionNotices(input.applicationId);
    }
    expect(notices.map((notice) => notice.recipientId).sort()).toEqual(
      [cast.providerMemberId, cast.providerHeadId].sort(),
    );
    expect(new Set(notices.map((notice) => notice.template))).toEqual(
      new Set(['facility_provision_due_soon']),
    );

    await env.sleep(20 * hour);
    const overdue = await waitFor(handle, (state) => state.provisionOverdue === true, 'overdue');
    expect(overdue.status).toBe('provisioning');
    let overdueNotices: { template: string; recipientId: string | null }[] = [];
    for (let attempt = 0; attempt < 50 && overdueNotices.length === 0; attempt += 1) {
      overdueNotices = (await provisionNotices(input.applicationId)).filter(
        (notice) => notice.template === 'facility_provision_overdue',
      );
      if (overdueNotices.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(overdueNotices.map((notice) => notice.recipientId)).toEqual([cast.providerHeadId]);

    // The late provision still finishes and hands over.
    await completeStep(handle, cast.providerMemberId, 1);
    await waitFor(handle, (state) => state.status === 'awaiting_acknowledgement', 'the handover');
    await acknowledge(handle, cast.applicantId);
    await handle.result();
    expect(await timeline(input.applicationId)).toEqual([
      'submitted',
      'approved',
      'provision_due',
      'step_done',
      'provision_overdue',
      'step_done',
      'handed_over',
      'acknowledged',
    ]);
  });
});
