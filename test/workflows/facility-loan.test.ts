/**
 * The facilityLoan workflow on the time-skipping test server, with a real worker running the real
 * activities and the real approvalChain child over a fresh PGlite: reservation conflicts, approval
 * and rejection, cancellation, handover, reminder, overdue escalation, and damage at the return.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  decideApprovalUpdateName,
  type ApprovalChainState,
  type DecideApprovalInput,
} from '../../common/approval';
import type { Actor } from '../../common/complaint';
import { loadConfig } from '../../common/config';
import {
  facilityLoanMessages,
  facilityLoanWorkflowType,
  type CheckInMessage,
  type FacilityLoanInput,
  type FacilityLoanState,
  type HandoverMessage,
} from '../../common/facility-loan';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import {
  cases,
  inventoryHistory,
  inventoryResources,
  loanHistory,
  notifications,
  resourceReservations,
} from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Database;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `loan-test-${randomUUID()}`;

interface Cast {
  borrower: Actor;
  otherBorrower: Actor;
  technician: Actor;
  otherTechnician: Actor;
  /** Approves the borrower's loans: the approval chain's default rule picks the unit head. */
  borrowerHeadId: string;
  owningUnitId: string;
  borrowerUnitId: string;
}
let cast: Cast;

function actorOf(person: { id: string; roles: string[] }, unitIds: string[] = []): Actor {
  return { id: person.id, roles: person.roles as Actor['roles'], unitIds, headOfUnitIds: [] };
}

beforeAll(async () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  database = await openTestDatabase('pglite');
  db = database.db;
  await insertAlwaysOpenCalendar(db);

  const owning = await createUnit(db, 'SOKONGAN');
  const other = await createUnit(db, 'APLIKASI');
  const faculty = await createUnit(db, 'FAKULTI');
  const borrower = await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] });
  const otherBorrower = await createPerson(db, { roles: ['customer'] });
  const technician = await createPerson(db, { roles: ['technician'], unitIds: [owning.id] });
  const otherTechnician = await createPerson(db, { roles: ['technician'], unitIds: [other.id] });
  cast = {
    borrower: actorOf(borrower, [faculty.id]),
    otherBorrower: actorOf(otherBorrower),
    technician: actorOf(technician, [owning.id]),
    otherTechnician: actorOf(otherTechnician, [other.id]),
    borrowerHeadId: (await createPerson(db, { roles: ['supervisor'], headOf: [faculty.id] })).id,
    owningUnitId: owning.id,
    borrowerUnitId: faculty.id,
  };

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

async function createResource(tag: string): Promise<string> {
  const [row] = await db
    .insert(inventoryResources)
    .values({
      tag,
      name: `Projektor ${tag}`,
      category: 'projector',
      location: 'Bilik Stor N28',
      owningUnitId: cast.owningUnitId,
      maxLoanHours: 72,
    })
    .returning({ id: inventoryResources.id });
  if (!row) throw new Error('insert into inventory_resources returned nothing');
  return row.id;
}

interface LoanOptions {
  resourceId: string;
  /** Start and end as offsets from `base`, by default the test server's current time. */
  startsInMs: number;
  endsInMs: number;
  base?: number;
  borrower?: Actor;
}

async function startLoan(
  options: LoanOptions,
): Promise<{ handle: WorkflowHandle; input: FacilityLoanInput; state: FacilityLoanState }> {
  const now = options.base ?? (await env.currentTimeMs());
  const borrower = options.borrower ?? cast.borrower;
  const loanId = randomUUID();
  const input: FacilityLoanInput = {
    loanId,
    reference: `PJM-2026-${loanId.slice(0, 6)}`,
    resourceId: options.resourceId,
    borrowerId: borrower.id,
    borrowerUnitId: borrower.unitIds[0] ?? null,
    owningUnitId: cast.owningUnitId,
    resourceName: 'Projektor',
    purpose: 'Taklimat pelajar baharu',
    startsAt: new Date(now + options.startsInMs).toISOString(),
    endsAt: new Date(now + options.endsInMs).toISOString(),
    termsAcceptedAt: new Date(now).toISOString(),
    requestedAt: new Date(now).toISOString(),
    language: 'ms',
  };
  const handle = await env.client.workflow.start(facilityLoanWorkflowType, {
    workflowId: input.reference,
    taskQueue,
    args: [input],
  });
  const state = await handle.executeUpdate<FacilityLoanState, []>(facilityLoanMessages.opened);
  return { handle, input, state };
}

/** Waits until the loan's approval chain waits for a decision, then decides it. */
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

async function waitForStatus(handle: WorkflowHandle, status: FacilityLoanState['status']) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await handle.query<FacilityLoanState>(facilityLoanMessages.state);
    if (state.status === status) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the loan did not reach ${status}`);
}

function handover(actor: Actor = cast.technician): HandoverMessage {
  return {
    actor,
    condition: 'good',
    note: 'Lengkap dengan kabel HDMI',
    borrowerAcknowledged: true,
  };
}

function checkIn(damage = '', actor: Actor = cast.technician): CheckInMessage {
  return { actor, condition: damage ? 'damaged' : 'good', note: '', damage };
}

/**
 * Terminates a loan that a test leaves waiting, and its approval chain first: the time-skipping
 * test server (temporal-test-server, Java) left such chains running after their parent was
 * terminated, which stopped time skipping for the later tests.
 */
async function stopLoan(handle: WorkflowHandle): Promise<void> {
  await env.client.workflow
    .getHandle(approvalChainWorkflowId(handle.workflowId))
    .terminate('test finished')
    .catch(() => undefined);
  await handle.terminate('test finished');
}

async function rejectionType(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
}

async function templatesSentTo(reference: string, personId: string): Promise<string[]> {
  const rows = await db
    .select({ template: notifications.template })
    .from(notifications)
    .where(
      and(
        like(notifications.idempotencyKey, `loan:${reference}:%`),
        eq(notifications.recipientId, personId),
      ),
    );
  return rows.map((row) => row.template).sort();
}

async function reservationStatus(reference: string): Promise<string | undefined> {
  const [row] = await db
    .select({ status: resourceReservations.status })
    .from(resourceReservations)
    .where(eq(resourceReservations.holderReference, reference));
  return row?.status;
}

// NOTE: these tests skip time and run first. On the Java time-skipping test server, time stopped
// skipping after an earlier test had ended an approval chain before its decision.
describe('facilityLoan timers', () => {
  it('cancels an approved loan that is never collected', async () => {
    const resourceId = await createResource('PRJ-NOSHOW');
    const loan = await startLoan({ resourceId, startsInMs: 2 * hour, endsInMs: 6 * hour });
    await decide(loan.input.reference, 'approved');
    const result = (await loan.handle.result()) as FacilityLoanState;

    expect(result.status).toBe('cancelled');
    expect(result.endReason).toBe('not_collected');
    expect(await reservationStatus(loan.input.reference)).toBe('released');
  });

  it('reminds, marks overdue and escalates a late return', async () => {
    const resourceId = await createResource('PRJ-LATE');
    const loan = await startLoan({ resourceId, startsInMs: 2 * hour, endsInMs: 2 * day });
    await decide(loan.input.reference, 'approved');
    await waitForStatus(loan.handle, 'approved');
    await loan.handle.executeUpdate(facilityLoanMessages.handover, { args: [handover()] });

    await env.sleep(4 * day);
    const late = await loan.handle.query<FacilityLoanState>(facilityLoanMessages.state);
    expect(late.reminderSentAt).not.toBeNull();
    expect(late.overdueSince).toBe(loan.input.endsAt);
    expect(late.escalatedAt).not.toBeNull();
    expect(Date.parse(late.escalatedAt ?? '')).toBeGreaterThan(Date.parse(loan.input.endsAt));

    await loan.handle.executeUpdate(facilityLoanMessages.checkIn, { args: [checkIn()] });
    const result = (await loan.handle.result()) as FacilityLoanState;
    expect(result.status).toBe('closed');
    expect(await templatesSentTo(loan.input.reference, cast.borrower.id)).toEqual([
      'loanApproved',
      'loanEscalation',
      'loanHandedOver',
      'loanOverdue',
      'loanReminder',
      'loanReturned',
    ]);
    expect(await templatesSentTo(loan.input.reference, cast.borrowerHeadId)).toEqual([
      'loanEscalation',
    ]);
    expect(await reservationStatus(loan.input.reference)).toBe('completed');
  });
});

describe('facilityLoan reservations', () => {
  it('rejects an overlapping reservation', async () => {
    const resourceId = await createResource('PRJ-OVERLAP');
    const first = await startLoan({ resourceId, startsInMs: 2 * hour, endsInMs: 6 * hour });
    const second = await startLoan({ resourceId, startsInMs: 4 * hour, endsInMs: 8 * hour });

    expect(first.state.reserved).toBe(true);
    expect(first.state.status).toBe('pending_approval');
    expect(second.state.status).toBe('rejected');
    expect(second.state.endReason).toBe('reservation_conflict');
    expect(second.state.conflicts).toEqual([first.input.reference]);
    expect(await reservationStatus(second.input.reference)).toBeUndefined();
    await stopLoan(first.handle);
  });

  it('accepts touching reservations', async () => {
    const resourceId = await createResource('PRJ-TOUCH');
    const base = await env.currentTimeMs();
    const first = await startLoan({ resourceId, base, startsInMs: 2 * hour, endsInMs: 6 * hour });
    const second = await startLoan({ resourceId, base, startsInMs: 6 * hour, endsInMs: 9 * hour });
    const before = await startLoan({ resourceId, base, startsInMs: 1 * hour, endsInMs: 2 * hour });

    expect(first.state.reserved).toBe(true);
    expect(second.state.reserved).toBe(true);
    expect(before.state.reserved).toBe(true);
    for (const loan of [first, second, before]) await stopLoan(loan.handle);
  });
});

describe('facilityLoan approval', () => {
  it('releases the reservation when approval is rejected', async () => {
    const resourceId = await createResource('PRJ-REJECT');
    const loan = await startLoan({ resourceId, startsInMs: 2 * hour, endsInMs: 6 * hour });
    await decide(loan.input.reference, 'rejected', 'Projektor diperlukan untuk peperiksaan');
    const result = (await loan.handle.result()) as FacilityLoanState;

    expect(result.status).toBe('rejected');
    expect(result.endReason).toBe('approval_rejected');
    expect(result.reason).toBe('Projektor diperlukan untuk peperiksaan');
    expect(await reservationStatus(loan.input.reference)).toBe('released');
    expect(await templatesSentTo(loan.input.reference, cast.borrower.id)).toEqual(['loanRejected']);
    const retry = await startLoan({ resourceId, startsInMs: 3 * hour, endsInMs: 5 * hour });
    expect(retry.state.reserved).toBe(true);
    await stopLoan(retry.handle);
  });

  it('cancels before handover and releases the reservation', async () => {
    const resourceId = await createResource('PRJ-CANCEL');
    const loan = await startLoan({ resourceId, startsInMs: 2 * hour, endsInMs: 6 * hour });
    const forbidden = loan.handle.executeUpdate(facilityLoanMessages.cancel, {
      args: [{ actor: cast.otherBorrower, reason: 'bukan saya' }],
    });
    expect(await rejectionType(forbidden)).toBe('forbidden');

    const state = await loan.handle.executeUpdate<FacilityLoanState, [unknown]>(
      facilityLoanMessages.cancel,
      { args: [{ actor: cast.borrower, reason: 'Taklimat ditangguhkan' }] },
    );
    const result = (await loan.handle.result()) as FacilityLoanState;

    expect(state.status).toBe('cancelled');
    expect(result.endReason).toBe('cancelled');
    expect(await reservationStatus(loan.input.reference)).toBe('released');
    // The chain's cancellation is delivered after the loan ends, so wait for it, at most 5 s.
    const chain = env.client.workflow.getHandle(approvalChainWorkflowId(loan.input.reference));
    let chainStatus = (await chain.describe()).status.name;
    for (let attempt = 0; attempt < 50 && chainStatus === 'RUNNING'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      chainStatus = (await chain.describe()).status.name;
    }
    expect(chainStatus).not.toBe('RUNNING');
  });
});

describe('facilityLoan handover and return', () => {
  it('allows handover only by staff of the owning unit', async () => {
    const resourceId = await createResource('PRJ-STAFF');
    const loan = await startLoan({ resourceId, startsInMs: 2 * hour, endsInMs: 6 * hour });
    const early = loan.handle.executeUpdate(facilityLoanMessages.handover, {
      args: [handover()],
    });
    expect(await rejectionType(early)).toBe('invalid_state');
    await decide(loan.input.reference, 'approved');
    await waitForStatus(loan.handle, 'approved');

    const outsider = loan.handle.executeUpdate(facilityLoanMessages.handover, {
      args: [handover(cast.otherTechnician)],
    });
    expect(await rejectionType(outsider)).toBe('forbidden');
    const unacknowledged = loan.handle.executeUpdate(facilityLoanMessages.handover, {
      args: [{ ...handover(), borrowerAcknowledged: false }],
    });
    expect(await rejectionType(unacknowledged)).toBe('validation_failed');
    const state = await loan.handle.executeUpdate<FacilityLoanState, [HandoverMessage]>(
      facilityLoanMessages.handover,
      { args: [handover()] },
    );
    expect(state.status).toBe('on_loan');
    const cancelAfterHandover = loan.handle.executeUpdate(facilityLoanMessages.cancel, {
      args: [{ actor: cast.borrower, reason: 'terlambat' }],
    });
    expect(await rejectionType(cancelAfterHandover)).toBe('invalid_state');
    await stopLoan(loan.handle);
  });

  it('opens a complaint for damage found at the return', async () => {
    const resourceId = await createResource('PRJ-DAMAGE');
    const loan = await startLoan({ resourceId, startsInMs: 2 * hour, endsInMs: 2 * day });
    await decide(loan.input.reference, 'approved');
    await waitForStatus(loan.handle, 'approved');
    await loan.handle.executeUpdate(facilityLoanMessages.handover, { args: [handover()] });
    const withoutDescription = loan.handle.executeUpdate(facilityLoanMessages.checkIn, {
      args: [{ ...checkIn(), condition: 'damaged' }],
    });
    expect(await rejectionType(withoutDescription)).toBe('validation_failed');

    await loan.handle.executeUpdate(facilityLoanMessages.checkIn, {
      args: [checkIn('Lensa retak dan kipas berbunyi')],
    });
    const result = (await loan.handle.result()) as FacilityLoanState;

    expect(result.status).toBe('closed');
    expect(result.reminderSentAt).toBeNull();
    expect(result.damageCaseReference).toMatch(/^ADU-\d{4}-\d{6}$/);
    const caseReference = result.damageCaseReference ?? '';
    await env.client.workflow.getHandle(caseReference).executeUpdate('opened');
    const [caseRow] = await db
      .select({ description: cases.description, unitId: cases.unitId })
      .from(cases)
      .where(eq(cases.reference, caseReference));
    expect(caseRow?.description).toContain(loan.input.reference);
    expect(caseRow?.unitId).toBe(cast.owningUnitId);
    const [resource] = await db
      .select({ status: inventoryResources.status, condition: inventoryResources.condition })
      .from(inventoryResources)
      .where(eq(inventoryResources.id, resourceId));
    expect(resource).toEqual({ status: 'in_repair', condition: 'damaged' });
    const events = await db
      .select({ event: inventoryHistory.event })
      .from(inventoryHistory)
      .where(eq(inventoryHistory.resourceId, resourceId));
    expect(events.map((row) => row.event).sort()).toEqual(['checked_in', 'checked_out']);
    const steps = await db
      .select({ action: loanHistory.action })
      .from(loanHistory)
      .where(eq(loanHistory.loanId, loan.input.loanId));
    expect(steps.map((row) => row.action)).toEqual([
      'requested',
      'approved',
      'handed_over',
      'returned',
      'damage_case_opened',
    ]);
  });
});
