/**
 * The complaint workflow under test: the time-skipping Temporal test server, a real worker with
 * the real activities over a fresh PGlite, and the people, units and SLA targets that the tests
 * use. Messages are sent by name, as the API sends them.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { createActivities } from '../../activities';
import {
  complaintMessages,
  complaintWorkflowType,
  type Actor,
  type ComplaintInput,
  type ComplaintState,
} from '../../common/complaint';
import { loadConfig } from '../../common/config';
import type { Level } from '../../common/enums';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import { notifications, people, slaTargets, unitMembers, units } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { insertAlwaysOpenCalendar, insertOfficeCalendar } from '../sla/calendars';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { historyToJson } from './history-json';

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;
export const confirmationWindowMs = 5 * day;

export const historiesDir = fileURLToPath(new URL('../histories/', import.meta.url));

export interface Cast {
  requester: Actor;
  otherCustomer: Actor;
  agent: Actor;
  technician: Actor;
  otherTechnician: Actor;
  head: Actor;
  otherHead: Actor;
  admin: Actor;
  unitId: string;
  otherUnitId: string;
}

export interface ComplaintFixture {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  db: Database;
  worker: Worker;
  cast: Cast;
  taskQueue: string;
  bundle: WorkflowBundleWithSourceMap;
  close(): Promise<void>;
}

/** The service targets of the tests, in minutes: the values the reference seed will load. */
const targets = [
  { priority: 1, firstResponseMinutes: 30, resolutionMinutes: 240 },
  { priority: 2, firstResponseMinutes: 120, resolutionMinutes: 1440 },
  { priority: 3, firstResponseMinutes: 480, resolutionMinutes: 4320 },
  { priority: 4, firstResponseMinutes: 1440, resolutionMinutes: 10080 },
];

async function insertPerson(
  db: Database,
  name: string,
  roles: Actor['roles'],
  language: 'ms' | 'en',
  membership: { unitIds?: string[]; headOf?: string[] } = {},
): Promise<Actor> {
  const [row] = await db
    .insert(people)
    .values({ email: `${randomUUID()}@test.khidmat.invalid`, name, roles, language })
    .returning({ id: people.id });
  if (!row) throw new Error('insert into people returned nothing');
  for (const unitId of membership.unitIds ?? []) {
    await db.insert(unitMembers).values({ unitId, personId: row.id, role: 'member' });
  }
  for (const unitId of membership.headOf ?? []) {
    await db.insert(unitMembers).values({ unitId, personId: row.id, role: 'head' });
  }
  return {
    id: row.id,
    roles,
    unitIds: [...(membership.unitIds ?? []), ...(membership.headOf ?? [])],
    headOfUnitIds: membership.headOf ?? [],
  };
}

export interface FixtureOptions {
  /**
   * 'alwaysOpen' (default) for tests of the clock's mechanics; 'office' for federal office hours
   * and Johor weekends without holidays, which tests add.
   */
  calendar?: 'alwaysOpen' | 'office';
}

async function seed(db: Database, options: FixtureOptions): Promise<Cast> {
  if (options.calendar === 'office') await insertOfficeCalendar(db);
  else await insertAlwaysOpenCalendar(db);
  await db.insert(slaTargets).values(
    targets.map((target) => ({
      ...target,
      nameMs: `P${target.priority}`,
      nameEn: `P${target.priority}`,
    })),
  );
  const [network, apps] = await db
    .insert(units)
    .values([
      { code: 'RANGKAIAN', nameMs: 'Unit Rangkaian', nameEn: 'Network Unit' },
      { code: 'APLIKASI', nameMs: 'Unit Aplikasi', nameEn: 'Applications Unit' },
    ])
    .returning({ id: units.id });
  if (!network || !apps) throw new Error('insert into units returned nothing');
  return {
    requester: await insertPerson(db, 'Aminah Yusof', ['customer'], 'ms'),
    otherCustomer: await insertPerson(db, 'Chong Wei Ming', ['customer'], 'en'),
    agent: await insertPerson(db, 'Ejen Meja', ['agent'], 'ms', { unitIds: [network.id] }),
    technician: await insertPerson(db, 'Rahman Juruteknik', ['technician'], 'ms', {
      unitIds: [network.id],
    }),
    otherTechnician: await insertPerson(db, 'Priya Technician', ['technician'], 'en', {
      unitIds: [apps.id],
    }),
    head: await insertPerson(db, 'Ketua Rangkaian', ['supervisor'], 'ms', { headOf: [network.id] }),
    otherHead: await insertPerson(db, 'Head of Applications', ['supervisor'], 'en', {
      headOf: [apps.id],
    }),
    admin: await insertPerson(db, 'Pentadbir', ['admin'], 'ms'),
    unitId: network.id,
    otherUnitId: apps.id,
  };
}

export async function createComplaintFixture(
  options: FixtureOptions = {},
): Promise<ComplaintFixture> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const database = await openTestDatabase('pglite');
  const cast = await seed(database.db, options);
  const env = await createTimeSkippingEnv();
  const bundle = await bundleWorkflows(logger);
  const taskQueue = `complaint-test-${randomUUID()}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ db: database.db, config, logger }),
    logger,
    workflowBundle: bundle,
  });
  const running = worker.run();
  return {
    env,
    database,
    db: database.db,
    worker,
    cast,
    taskQueue,
    bundle,
    close: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
      await database.destroy();
    },
  };
}

export interface CaseOptions {
  impact?: Level;
  urgency?: Level;
  unitId?: string | null;
}

export type ComplaintHandle = WorkflowHandle;

/** Starts a complaint and waits until its case record is written. */
export async function openComplaint(
  fixture: ComplaintFixture,
  options: CaseOptions = {},
): Promise<{ handle: ComplaintHandle; input: ComplaintInput; state: ComplaintState }> {
  const caseId = randomUUID();
  const reference = `ADU-2026-${caseId.slice(0, 6)}`;
  const input: ComplaintInput = {
    caseId,
    reference,
    title: 'Wi-Fi tidak dapat disambung di Blok N28',
    description: 'Sejak pagi tadi komputer riba tidak dapat menyambung ke UTMWiFi.',
    channel: 'portal',
    requesterId: fixture.cast.requester.id,
    createdById: fixture.cast.requester.id,
    serviceId: null,
    categoryId: null,
    impact: options.impact ?? 3,
    urgency: options.urgency ?? 3,
    unitId: options.unitId === undefined ? fixture.cast.unitId : options.unitId,
    attachmentIds: [],
    openedAt: new Date(await currentTime(fixture)).toISOString(),
    confirmationWindowMs,
    warningShare: 0.75,
  };
  const handle = await fixture.env.client.workflow.start(complaintWorkflowType, {
    workflowId: `complaint-${reference}`,
    taskQueue: fixture.taskQueue,
    args: [input],
  });
  const state = await handle.executeUpdate<ComplaintState, []>(complaintMessages.opened);
  return { handle, input, state };
}

/** Returns the test server's clock, which the workflow also reads. */
export async function currentTime(fixture: ComplaintFixture): Promise<number> {
  return fixture.env.currentTimeMs();
}

export function send<M>(
  handle: ComplaintHandle,
  name: keyof typeof complaintMessages,
  message: M,
): Promise<ComplaintState> {
  return handle.executeUpdate<ComplaintState, [M]>(complaintMessages[name], { args: [message] });
}

/** 'accepted', or the `type` of the ApplicationFailure that rejected the update. */
export async function outcomeOf(sending: Promise<ComplaintState>): Promise<string> {
  try {
    await sending;
    return 'accepted';
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return error.cause.type ?? 'untyped';
    }
    throw error;
  }
}

export function queryState(handle: ComplaintHandle): Promise<ComplaintState> {
  return handle.query<ComplaintState>(complaintMessages.state);
}

/** Polls the workflow's state until the predicate is true (activities run in real time). */
export async function waitForState(
  handle: ComplaintHandle,
  predicate: (state: ComplaintState) => boolean,
  timeoutMs = 15_000,
): Promise<ComplaintState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queryState(handle);
    if (predicate(state)) return state;
    if (Date.now() > deadline) {
      throw new Error(`state did not reach the expected condition: ${JSON.stringify(state)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls the outbox until a notification of the template exists for the case. */
export async function waitForNotification(
  db: Database,
  caseId: string,
  template: string,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db.select().from(notifications).where(eq(notifications.caseId, caseId));
    const matching = rows.filter((row) => row.template === template);
    if (matching.length > 0) return matching;
    if (Date.now() > deadline) {
      throw new Error(
        `no ${template} notification for case ${caseId}; found: ${rows.map((row) => row.template).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Writes the workflow's history to test/histories/ when RECORD_HISTORIES=1. */
export async function recordHistory(handle: ComplaintHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  mkdirSync(historiesDir, { recursive: true });
  writeFileSync(
    `${historiesDir}complaint-${name}.json`,
    `${JSON.stringify(historyToJson(history), null, 2)}\n`,
  );
}

/** Message payloads with sensible defaults, so a test states only what it is about. */
export function messages(cast: Cast) {
  return {
    classify: (actor: Actor = cast.agent, impact: Level = 2, urgency: Level = 2) => ({
      actor,
      categoryId: null,
      serviceId: null,
      impact,
      urgency,
    }),
    assign: (actor: Actor = cast.agent, assigneeId: string | null = cast.technician.id) => ({
      actor,
      unitId: cast.unitId,
      assigneeId,
      reason: 'Masalah rangkaian di Blok N28',
    }),
    logWork: (actor: Actor = cast.technician, minutes = 30) => ({
      actor,
      minutes,
      body: 'Semak titik capaian di aras 2',
    }),
    text: (actor: Actor, body = 'Sila cuba sambung semula.') => ({
      actor,
      body,
      attachmentIds: [] as string[],
    }),
    wait: (actor: Actor = cast.technician, reason: 'customer' | 'supplier' = 'supplier') => ({
      actor,
      reason,
      body: reason === 'customer' ? 'Bila masa sesuai untuk kami datang?' : 'Menunggu alat ganti',
    }),
    actor: (actor: Actor) => ({ actor }),
    finding: (actor: Actor = cast.technician) => ({
      actor,
      title: 'Titik capaian N28 perlu dikemas kini',
      body: 'Perisian tegar lama memutuskan sambungan selepas 2 jam.',
    }),
    resolve: (actor: Actor = cast.technician) => ({
      actor,
      resolutionNote: 'Perisian tegar titik capaian telah dikemas kini.',
    }),
    reopen: (actor: Actor = cast.requester) => ({ actor, reason: 'Masalah berulang petang ini' }),
    rate: (actor: Actor | null = cast.requester, score = 5) => ({
      actor,
      score,
      comment: 'Terima kasih',
    }),
  };
}
