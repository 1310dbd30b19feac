/**
 * The ceremonySupport workflow on the time-skipping test server, with a real worker running the
 * real activities and the real approvalChain child over a fresh PGlite: equipment conflicts,
 * approval and rejection, team conflicts, the readiness check a day before, the day's log,
 * reconciliation with damage, rating and cancellation.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { readinessCheckAt } from '../../activities/ceremony/timers';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  decideApprovalUpdateName,
  type ApprovalChainState,
  type DecideApprovalInput,
} from '../../common/approval';
import {
  ceremonyMessages,
  ceremonySupportWorkflowType,
  type CeremonyNeed,
  type CeremonySupportInput,
  type CeremonySupportState,
  type ReconcileItem,
} from '../../common/ceremony';
import type { Actor } from '../../common/complaint';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { johorBaseCalendar } from '../../common/working-time';
import type { Database } from '../../db/client';
import {
  cases,
  ceremonyEquipment,
  ceremonyEvents,
  ceremonyLog,
  ceremonyTeam,
  inventoryResources,
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
const taskQueue = `ceremony-test-${randomUUID()}`;

interface Cast {
  requester: Actor;
  otherRequester: Actor;
  /** Head (ketua unit) of the support unit: forms teams and receives escalations. */
  supportHead: Actor;
  technician: Actor;
  secondTechnician: Actor;
  /** A technician of another unit, who may not join the team. */
  outsider: Actor;
  supportUnitId: string;
}
let cast: Cast;

function actorOf(
  person: { id: string; roles: string[] },
  unitIds: string[] = [],
  headOfUnitIds: string[] = [],
): Actor {
  return { id: person.id, roles: person.roles as Actor['roles'], unitIds, headOfUnitIds };
}

beforeAll(async () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  database = await openTestDatabase('pglite');
  db = database.db;
  await insertAlwaysOpenCalendar(db);

  const support = await createUnit(db, 'SOKONGAN-UPACARA');
  const other = await createUnit(db, 'APLIKASI');
  const faculty = await createUnit(db, 'FAKULTI');
  await createPerson(db, { roles: ['supervisor'], headOf: [faculty.id] });
  const requester = await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] });
  const otherRequester = await createPerson(db, { roles: ['customer'] });
  const head = await createPerson(db, { roles: ['supervisor'], headOf: [support.id] });
  const technician = await createPerson(db, {
    roles: ['technician'],
    unitIds: [support.id],
    name: 'Aminah Juruteknik',
  });
  const secondTechnician = await createPerson(db, { roles: ['technician'], unitIds: [support.id] });
  const outsider = await createPerson(db, { roles: ['technician'], unitIds: [other.id] });
  cast = {
    requester: actorOf(requester, [faculty.id]),
    otherRequester: actorOf(otherRequester),
    supportHead: actorOf(head, [], [support.id]),
    technician: actorOf(technician, [support.id]),
    secondTechnician: actorOf(secondTechnician, [support.id]),
    outsider: actorOf(outsider, [other.id]),
    supportUnitId: support.id,
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
      name: `Sistem PA ${tag}`,
      category: 'pa_system',
      location: 'Stor Dewan Sultan Iskandar',
      owningUnitId: cast.supportUnitId,
    })
    .returning({ id: inventoryResources.id });
  if (!row) throw new Error('insert into inventory_resources returned nothing');
  return row.id;
}

interface EventOptions {
  resourceIds?: string[];
  needs?: CeremonyNeed[];
  /** Start and end as offsets from `base`, by default the test server's current time. */
  startsInMs: number;
  endsInMs: number;
  base?: number;
  requester?: Actor;
}

interface StartedEvent {
  handle: WorkflowHandle;
  input: CeremonySupportInput;
  state: CeremonySupportState;
}

async function startEvent(options: EventOptions): Promise<StartedEvent> {
  const now = options.base ?? (await env.currentTimeMs());
  const requester = options.requester ?? cast.requester;
  const eventId = randomUUID();
  const input: CeremonySupportInput = {
    eventId,
    reference: `UPC-2026-${eventId.slice(0, 6)}`,
    title: 'Majlis Konvokesyen ke-70',
    venue: 'Dewan Sultan Iskandar',
    startsAt: new Date(now + options.startsInMs).toISOString(),
    endsAt: new Date(now + options.endsInMs).toISOString(),
    audienceSize: 800,
    needs: options.needs ?? ['pa_system'],
    resourceIds: options.resourceIds ?? [],
    requesterId: requester.id,
    requesterUnitId: requester.unitIds[0] ?? null,
    supportUnitId: cast.supportUnitId,
    notes: '',
    requestedAt: new Date(now).toISOString(),
    language: 'ms',
  };
  const handle = await env.client.workflow.start(ceremonySupportWorkflowType, {
    workflowId: input.reference,
    taskQueue,
    args: [input],
  });
  const state = await handle.executeUpdate<CeremonySupportState, []>(ceremonyMessages.opened);
  return { handle, input, state };
}

/** Waits until the event's approval chain waits for a decision, then decides it. */
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

async function waitForStatus(handle: WorkflowHandle, status: CeremonySupportState['status']) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await handle.query<CeremonySupportState>(ceremonyMessages.state);
    if (state.status === status) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the event did not reach ${status}`);
}

async function approved(options: EventOptions): Promise<StartedEvent> {
  const event = await startEvent(options);
  await decide(event.input.reference, 'approved');
  await waitForStatus(event.handle, 'preparing');
  return event;
}

function update(
  event: StartedEvent,
  name: string,
  payload: Record<string, unknown>,
): Promise<CeremonySupportState> {
  return event.handle.executeUpdate<CeremonySupportState, [Record<string, unknown>]>(name, {
    args: [payload],
  });
}

function assignTeam(event: StartedEvent, technicians: Actor[], actor = cast.supportHead) {
  return update(event, ceremonyMessages.assignTeam, {
    actor,
    technicianIds: technicians.map((technician) => technician.id),
  });
}

async function tickAll(event: StartedEvent, actor = cast.technician): Promise<void> {
  const state = await event.handle.query<CeremonySupportState>(ceremonyMessages.state);
  for (const item of state.checklist) {
    await update(event, ceremonyMessages.tickChecklist, { actor, key: item.key, ticked: true });
  }
}

function returned(resourceId: string): ReconcileItem {
  return { resourceId, outcome: 'returned', location: '', note: '', damage: '' };
}

/**
 * Terminates an event that a test leaves waiting, and its approval chain first: the time-skipping
 * test server (temporal-test-server, Java) left such chains running after their parent was
 * terminated, which stopped time skipping for the later tests.
 */
async function stopEvent(handle: WorkflowHandle): Promise<void> {
  await env.client.workflow
    .getHandle(approvalChainWorkflowId(handle.workflowId))
    .terminate('test finished')
    .catch(() => undefined);
  await handle.terminate('test finished').catch(() => undefined);
}

async function rejection(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

async function templatesSentTo(reference: string, personId: string): Promise<string[]> {
  const rows = await db
    .select({ template: notifications.template })
    .from(notifications)
    .where(
      and(
        like(notifications.idempotencyKey, `ceremony:${reference}:%`),
        eq(notifications.recipientId, personId),
      ),
    );
  return rows.map((row) => row.template).sort();
}

async function reservationStatuses(reference: string): Promise<string[]> {
  const rows = await db
    .select({ status: resourceReservations.status })
    .from(resourceReservations)
    .where(eq(resourceReservations.holderReference, reference));
  return rows.map((row) => row.status);
}

// NOTE: these tests skip time and run first. On the Java time-skipping test server, time stopped
// skipping after an earlier test had ended an approval chain before its decision.
describe('ceremonySupport readiness check', () => {
  it('escalates once when not ready a day before', async () => {
    const event = await approved({
      needs: ['pa_system', 'projector'],
      startsInMs: 3 * day,
      endsInMs: 3 * day + 4 * hour,
    });
    await assignTeam(event, [cast.technician]);
    await update(event, ceremonyMessages.tickChecklist, {
      actor: cast.technician,
      key: 'pa_system.setup',
      ticked: true,
    });

    await env.sleep(2 * day + 2 * hour);
    const state = await event.handle.query<CeremonySupportState>(ceremonyMessages.state);
    expect(state.status).toBe('preparing');
    expect(state.escalatedAt).not.toBeNull();
    expect(Date.parse(state.escalatedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(event.input.startsAt) - day,
    );
    expect(state.readinessCheckAt).toBe(
      new Date(Date.parse(event.input.startsAt) - day).toISOString(),
    );

    await env.sleep(day);
    const started = await waitForStatus(event.handle, 'in_progress');
    expect(started.escalatedAt).toBe(state.escalatedAt);
    expect(await templatesSentTo(event.input.reference, cast.supportHead.id)).toEqual([
      'ceremonyNotReady',
    ]);
    expect(await templatesSentTo(event.input.reference, cast.technician.id)).toEqual([
      'ceremonyNotReady',
      'ceremonyTeamAssigned',
    ]);
    const [notice] = await db
      .select({ bodyText: notifications.bodyText })
      .from(notifications)
      .where(
        and(
          like(notifications.idempotencyKey, `ceremony:${event.input.reference}:%`),
          eq(notifications.template, 'ceremonyNotReady'),
          eq(notifications.recipientId, cast.supportHead.id),
        ),
      );
    expect(notice?.bodyText).toContain('projector.test');
    expect(notice?.bodyText).not.toContain('pa_system.setup');
    await stopEvent(event.handle);
  });

  it('ready in time: no escalation, then rating', async () => {
    const resourceId = await createResource('PA-READY');
    const event = await approved({
      resourceIds: [resourceId],
      startsInMs: 3 * day,
      endsInMs: 3 * day + 4 * hour,
    });
    await assignTeam(event, [cast.technician, cast.secondTechnician]);
    const outsiderTick = update(event, ceremonyMessages.tickChecklist, {
      actor: cast.outsider,
      key: 'pa_system.setup',
      ticked: true,
    });
    expect((await rejection(outsiderTick)).type).toBe('forbidden');
    const earlyLog = update(event, ceremonyMessages.logEntry, {
      actor: cast.technician,
      body: 'Terlalu awal',
    });
    expect((await rejection(earlyLog)).type).toBe('invalid_state');
    await tickAll(event, cast.secondTechnician);

    await env.sleep(3 * day + hour);
    const during = await waitForStatus(event.handle, 'in_progress');
    expect(during.escalatedAt).toBeNull();
    await update(event, ceremonyMessages.logEntry, {
      actor: cast.technician,
      body: 'Mikrofon kedua diganti pada 10:15',
    });
    const earlyRating = update(event, ceremonyMessages.rate, {
      actor: cast.requester,
      rating: 5,
      comment: '',
    });
    expect((await rejection(earlyRating)).type).toBe('invalid_state');

    await env.sleep(4 * hour);
    await waitForStatus(event.handle, 'reconciling');
    const incomplete = update(event, ceremonyMessages.reconcile, {
      actor: cast.technician,
      items: [],
    });
    expect((await rejection(incomplete)).type).toBe('validation_failed');
    const reconciled = await update(event, ceremonyMessages.reconcile, {
      actor: cast.technician,
      items: [returned(resourceId)],
    });
    expect(reconciled.status).toBe('awaiting_rating');

    const strangerRating = update(event, ceremonyMessages.rate, {
      actor: cast.otherRequester,
      rating: 4,
      comment: '',
    });
    expect((await rejection(strangerRating)).type).toBe('forbidden');
    const outOfRange = update(event, ceremonyMessages.rate, {
      actor: cast.requester,
      rating: 6,
      comment: '',
    });
    const outOfRangeFailure = await rejection(outOfRange);
    expect(outOfRangeFailure.type).toBe('validation_failed');
    await update(event, ceremonyMessages.rate, {
      actor: cast.requester,
      rating: 5,
      comment: 'Bunyi jelas sepanjang majlis',
    });
    const result = (await event.handle.result()) as CeremonySupportState;

    expect(result.status).toBe('closed');
    expect(result.rating).toBe(5);
    expect(result.logEntries).toBe(1);
    expect(await reservationStatuses(event.input.reference)).toEqual(['completed']);
    const [row] = await db
      .select({ rating: ceremonyEvents.rating, escalatedAt: ceremonyEvents.escalatedAt })
      .from(ceremonyEvents)
      .where(eq(ceremonyEvents.id, event.input.eventId));
    expect(row).toEqual({ rating: 5, escalatedAt: null });
    const log = await db
      .select({ body: ceremonyLog.body })
      .from(ceremonyLog)
      .where(eq(ceremonyLog.eventId, event.input.eventId));
    expect(log).toEqual([{ body: 'Mikrofon kedua diganti pada 10:15' }]);
    expect(await templatesSentTo(event.input.reference, cast.requester.id)).toEqual([
      'ceremonyApproved',
      'ceremonyRatingRequest',
    ]);
  });

  it('opens a complaint for a damaged item at the reconciliation', async () => {
    const damagedId = await createResource('PA-DAMAGED');
    const movedId = await createResource('PA-MOVED');
    const event = await approved({
      resourceIds: [damagedId, movedId],
      startsInMs: 2 * day,
      endsInMs: 2 * day + 3 * hour,
    });
    await assignTeam(event, [cast.technician]);
    await tickAll(event);
    await env.sleep(2 * day + 4 * hour);
    await waitForStatus(event.handle, 'reconciling');

    const undescribed = update(event, ceremonyMessages.reconcile, {
      actor: cast.technician,
      items: [{ ...returned(damagedId), outcome: 'damaged' }, returned(movedId)],
    });
    const failure = await rejection(undescribed);
    expect(failure.type).toBe('validation_failed');
    expect(failure.details).toEqual([{ field: 'items.0.damage' }]);
    const reconciled = await update(event, ceremonyMessages.reconcile, {
      actor: cast.technician,
      items: [
        { ...returned(damagedId), outcome: 'damaged', damage: 'Pembesar suara kiri terbakar' },
        { ...returned(movedId), outcome: 'moved', location: 'Stor Fakulti Kejuruteraan' },
      ],
    });

    expect(reconciled.damageCaseReferences).toHaveLength(1);
    const caseReference = reconciled.damageCaseReferences[0] ?? '';
    expect(caseReference).toMatch(/^ADU-\d{4}-\d{6}$/);
    await env.client.workflow.getHandle(caseReference).executeUpdate('opened');
    const [caseRow] = await db
      .select({ description: cases.description, unitId: cases.unitId })
      .from(cases)
      .where(eq(cases.reference, caseReference));
    expect(caseRow?.description).toContain(event.input.reference);
    expect(caseRow?.unitId).toBe(cast.supportUnitId);
    const resources = await db
      .select({
        id: inventoryResources.id,
        status: inventoryResources.status,
        condition: inventoryResources.condition,
        location: inventoryResources.location,
      })
      .from(inventoryResources)
      .where(eq(inventoryResources.owningUnitId, cast.supportUnitId));
    expect(resources.find((row) => row.id === damagedId)).toMatchObject({
      status: 'in_repair',
      condition: 'damaged',
    });
    expect(resources.find((row) => row.id === movedId)?.location).toBe('Stor Fakulti Kejuruteraan');
    const equipment = await db
      .select({
        outcome: ceremonyEquipment.outcome,
        caseReference: ceremonyEquipment.damageCaseReference,
      })
      .from(ceremonyEquipment)
      .where(eq(ceremonyEquipment.eventId, event.input.eventId));
    expect(equipment).toContainEqual({ outcome: 'damaged', caseReference });
    expect(equipment).toContainEqual({ outcome: 'moved', caseReference: null });
    await stopEvent(event.handle);
  });
});

describe('ceremonySupport equipment', () => {
  it('rejects a request whose equipment is already reserved', async () => {
    const resourceId = await createResource('PA-TAKEN');
    const freeId = await createResource('PA-FREE');
    const first = await startEvent({
      resourceIds: [resourceId],
      startsInMs: 5 * day,
      endsInMs: 5 * day + 4 * hour,
    });
    const second = await startEvent({
      resourceIds: [freeId, resourceId],
      startsInMs: 5 * day + 2 * hour,
      endsInMs: 5 * day + 6 * hour,
    });

    expect(first.state.status).toBe('pending_approval');
    expect(second.state.status).toBe('rejected');
    expect(second.state.endReason).toBe('equipment_conflict');
    expect(second.state.conflicts).toEqual([first.input.reference]);
    expect(await reservationStatuses(second.input.reference)).toEqual(['released']);
    await stopEvent(first.handle);
  });

  it('releases the reservations when approval is rejected', async () => {
    const resourceId = await createResource('PA-REJECT');
    const event = await startEvent({
      resourceIds: [resourceId],
      startsInMs: 5 * day,
      endsInMs: 5 * day + 4 * hour,
    });
    await decide(event.input.reference, 'rejected', 'Dewan ditutup untuk penyelenggaraan');
    const result = (await event.handle.result()) as CeremonySupportState;

    expect(result.status).toBe('rejected');
    expect(result.endReason).toBe('approval_rejected');
    expect(result.reason).toBe('Dewan ditutup untuk penyelenggaraan');
    expect(await reservationStatuses(event.input.reference)).toEqual(['released']);
    expect(await templatesSentTo(event.input.reference, cast.requester.id)).toEqual([
      'ceremonyRejected',
    ]);
  });

  it('cancels before the event and releases the reservations', async () => {
    const resourceId = await createResource('PA-CANCEL');
    const event = await approved({
      resourceIds: [resourceId],
      startsInMs: 5 * day,
      endsInMs: 5 * day + 4 * hour,
    });
    await assignTeam(event, [cast.technician]);
    const stranger = update(event, ceremonyMessages.cancel, {
      actor: cast.otherRequester,
      reason: 'bukan saya',
    });
    expect((await rejection(stranger)).type).toBe('forbidden');

    const state = await update(event, ceremonyMessages.cancel, {
      actor: cast.requester,
      reason: 'Majlis ditangguhkan',
    });
    const result = (await event.handle.result()) as CeremonySupportState;

    expect(state.status).toBe('cancelled');
    expect(result.endReason).toBe('cancelled');
    expect(await reservationStatuses(event.input.reference)).toEqual(['released']);
    expect(await templatesSentTo(event.input.reference, cast.technician.id)).toEqual([
      'ceremonyCancelled',
      'ceremonyTeamAssigned',
    ]);
  });
});

describe('ceremonySupport work team', () => {
  it('rejects a technician already on an overlapping event', async () => {
    const base = await env.currentTimeMs();
    const first = await approved({ base, startsInMs: 6 * day, endsInMs: 6 * day + 4 * hour });
    const overlapping = await approved({
      base,
      startsInMs: 6 * day + 3 * hour,
      endsInMs: 6 * day + 8 * hour,
    });
    const touching = await approved({
      base,
      startsInMs: 6 * day + 4 * hour,
      endsInMs: 6 * day + 6 * hour,
    });

    const byTechnician = assignTeam(first, [cast.technician], cast.technician);
    expect((await rejection(byTechnician)).type).toBe('forbidden');
    const withOutsider = assignTeam(first, [cast.technician, cast.outsider]);
    expect((await rejection(withOutsider)).type).toBe('validation_failed');
    await assignTeam(first, [cast.technician]);

    const clash = await rejection(
      assignTeam(overlapping, [cast.secondTechnician, cast.technician]),
    );
    expect(clash.type).toBe('conflict');
    expect(clash.message).toContain(first.input.reference);
    expect(clash.message).toContain('Aminah Juruteknik');
    const team = await db
      .select({ personId: ceremonyTeam.personId })
      .from(ceremonyTeam)
      .where(eq(ceremonyTeam.eventId, overlapping.input.eventId));
    expect(team).toEqual([]);

    const assigned = await assignTeam(touching, [cast.technician]);
    expect(assigned.team).toEqual([cast.technician.id]);
    await assignTeam(overlapping, [cast.secondTechnician]);
    for (const event of [first, overlapping, touching]) await stopEvent(event.handle);
  });

  it('lets only team members tick the checklist', async () => {
    const event = await approved({
      needs: ['projector', 'live_streaming'],
      startsInMs: 7 * day,
      endsInMs: 7 * day + 2 * hour,
    });
    expect(event.state.checklist.map((item) => item.key)).toEqual([
      'projector.setup',
      'projector.test',
      'live_streaming.setup',
      'live_streaming.test',
    ]);
    const beforeTeam = update(event, ceremonyMessages.tickChecklist, {
      actor: cast.technician,
      key: 'projector.setup',
      ticked: true,
    });
    expect((await rejection(beforeTeam)).type).toBe('forbidden');
    await assignTeam(event, [cast.technician]);
    const byHead = update(event, ceremonyMessages.tickChecklist, {
      actor: cast.supportHead,
      key: 'projector.setup',
      ticked: true,
    });
    expect((await rejection(byHead)).type).toBe('forbidden');
    const unknownKey = update(event, ceremonyMessages.tickChecklist, {
      actor: cast.technician,
      key: 'catering.setup',
      ticked: true,
    });
    expect((await rejection(unknownKey)).details).toEqual([{ field: 'key' }]);

    const ticked = await update(event, ceremonyMessages.tickChecklist, {
      actor: cast.technician,
      key: 'projector.test',
      ticked: true,
    });
    expect(ticked.checklist.find((item) => item.key === 'projector.test')?.tickedById).toBe(
      cast.technician.id,
    );
    const cleared = await update(event, ceremonyMessages.tickChecklist, {
      actor: cast.technician,
      key: 'projector.test',
      ticked: false,
    });
    expect(cleared.checklist.find((item) => item.key === 'projector.test')?.tickedAt).toBeNull();
    await stopEvent(event.handle);
  });
});

describe('readinessCheckAt', () => {
  it('falls on the previous working day at the same time', () => {
    const calendar = johorBaseCalendar();
    const mondayEvent = new Date('2026-12-07T01:00:00Z');
    expect(readinessCheckAt(calendar, mondayEvent).toISOString()).toBe('2026-12-04T01:00:00.000Z');
    const wednesdayEvent = new Date('2026-12-09T06:30:00Z');
    expect(readinessCheckAt(calendar, wednesdayEvent).toISOString()).toBe(
      '2026-12-08T06:30:00.000Z',
    );
  });

  it('skips a holiday before the event', () => {
    const calendar = {
      ...johorBaseCalendar(),
      holidays: [
        { date: '2026-12-04', nameMs: 'Cuti', nameEn: 'Holiday', kind: 'one_off' as const },
      ],
    };
    const mondayEvent = new Date('2026-12-07T01:00:00Z');
    expect(readinessCheckAt(calendar, mondayEvent).toISOString()).toBe('2026-12-03T01:00:00.000Z');
  });
});
