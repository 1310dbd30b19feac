/**
 * The csiCampaign workflow on the time-skipping test server, with a real worker running the real
 * activities over a fresh PGlite: the wait for the open date, the sampled population, the
 * invitations and reminders, the close with late answers refused, the index computed by hand and
 * compared with the previous campaign, cancellation before and after the opening, and a run
 * started by the schedule.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, eq, like } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities';
import { samplePeople, sampleSize } from '../../activities/csi/population';
import { recordCsiCampaign } from '../../activities/csi/records';
import { findCsiLink, submitCsiAnswers } from '../../activities/csi/responses';
import { sha256 } from '../../activities/identity/principals';
import {
  csiCampaignWorkflowType,
  csiMessages,
  type CsiCampaignInput,
  type CsiCampaignSpec,
  type CsiCampaignState,
  type CsiQuestion,
} from '../../common/csi';
import type { PersonKind } from '../../common/enums';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import {
  csiCampaigns,
  csiInvitations,
  csiResults,
  notifications,
  people,
  services,
} from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { historiesDir } from './complaint-fixture';
import { historyToJson } from './history-json';

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');

const questions: CsiQuestion[] = [
  { id: 'q1', textMs: 'Masa tindak balas', textEn: 'Response time' },
  { id: 'q2', textMs: 'Kesopanan kakitangan', textEn: 'Courtesy of staff' },
];

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Database;
let worker: Worker;
let running: Promise<void>;
let taskQueue: string;
let coordinatorId: string;
let network: string;
let email: string;
let retired: string;
const staffIds: string[] = [];
const studentIds: string[] = [];
const visitorIds: string[] = [];
let inactiveStaffId: string;
const mailer = nodemailer.createTransport({ jsonTransport: true });
const sendMail = vi.spyOn(mailer, 'sendMail');
let sequence = 0;

async function addPerson(kind: PersonKind, active = true): Promise<string> {
  const person = await createPerson(db, {
    roles: ['customer'],
    language: kind === 'staff' ? 'en' : 'ms',
  });
  await db.update(people).set({ kind, active }).where(eq(people.id, person.id));
  return person.id;
}

beforeAll(async () => {
  installRuntimeLogger(logger);
  database = await openTestDatabase('pglite');
  db = database.db;
  coordinatorId = (await createPerson(db, { roles: ['auditor'] })).id;
  const rows = await db
    .insert(services)
    .values([
      { code: 'CSI-NET', nameMs: 'Rangkaian', nameEn: 'Network' },
      { code: 'CSI-MAIL', nameMs: 'E-mel', nameEn: 'E-mail' },
      { code: 'CSI-OLD', nameMs: 'Lama', nameEn: 'Retired', active: false },
    ])
    .returning({ id: services.id });
  [network, email, retired] = rows.map((row) => row.id) as [string, string, string];
  for (let index = 0; index < 6; index += 1) staffIds.push(await addPerson('staff'));
  // The coordinator is a member of staff too, so the staff population includes them.
  staffIds.push(coordinatorId);
  inactiveStaffId = await addPerson('staff', false);
  for (let index = 0; index < 40; index += 1) studentIds.push(await addPerson('student'));
  for (let index = 0; index < 2; index += 1) visitorIds.push(await addPerson('visitor'));

  env = await createTimeSkippingEnv();
  taskQueue = `csi-test-${randomUUID()}`;
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({
      db,
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }),
      logger,
      mailer,
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

interface Started {
  handle: WorkflowHandle;
  spec: CsiCampaignSpec;
  campaignId: string;
  reference: string;
}

/** Starts a campaign as the API does, opening `opensInMs` after the test server's clock. */
async function startCampaign(
  options: Partial<CsiCampaignSpec> & { opensInMs: number; closesInMs: number },
): Promise<Started> {
  const now = await env.currentTimeMs();
  sequence += 1;
  const reference = `CSI-2026-${String(sequence).padStart(6, '0')}`;
  const campaignId = randomUUID();
  const spec: CsiCampaignSpec = {
    titleMs: `Indeks kepuasan ${sequence}`,
    titleEn: `Satisfaction index ${sequence}`,
    surveyId: null,
    questions,
    serviceIds: [network, email],
    population: [{ kind: 'visitor', percent: 100 }],
    reminderDays: [],
    ...options,
    opensAt: new Date(now + options.opensInMs).toISOString(),
    closesAt: new Date(now + options.closesInMs).toISOString(),
  };
  const input: CsiCampaignInput = {
    source: 'api',
    campaignId,
    reference,
    createdById: coordinatorId,
    spec,
  };
  const handle = await env.client.workflow.start(csiCampaignWorkflowType, {
    workflowId: reference,
    taskQueue,
    args: [input],
  });
  await handle.executeUpdate<CsiCampaignState, []>(csiMessages.recorded);
  return { handle, spec, campaignId, reference };
}

async function stateOf(handle: WorkflowHandle): Promise<CsiCampaignState> {
  return handle.query<CsiCampaignState>(csiMessages.state);
}

/** Polls the workflow's state until the check passes; at most 20 seconds. */
async function waitForState(
  handle: WorkflowHandle,
  check: (state: CsiCampaignState) => boolean,
  what: string,
): Promise<CsiCampaignState> {
  let last: CsiCampaignState | null = null;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    last = await stateOf(handle);
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${handle.workflowId} never reached ${what}: ${JSON.stringify(last)}`);
}

function invitationsOf(campaignId: string) {
  return db.select().from(csiInvitations).where(eq(csiInvitations.campaignId, campaignId));
}

/** Returns the token of the last CSI e-mail sent to the person, taken from the e-mail's text. */
async function tokenOf(personId: string): Promise<string> {
  const [person] = await db
    .select({ email: people.email })
    .from(people)
    .where(eq(people.id, personId));
  const texts = sendMail.mock.calls
    .map(([message]) => message)
    .filter((message) => message.to === person?.email)
    .map((message) => (typeof message.text === 'string' ? message.text : ''));
  const text = texts[texts.length - 1] ?? '';
  const token = /\/csi\/respond\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no CSI link was e-mailed to ${personId}`);
  return token;
}

async function answer(
  personId: string,
  scores: [string, string, number][],
  at?: Date,
): Promise<'stored' | 'answered' | 'closed'> {
  const link = await findCsiLink(db, sha256(await tokenOf(personId)));
  if (!link) throw new Error(`the link of ${personId} is unknown`);
  return submitCsiAnswers(db, {
    invitationId: link.invitationId,
    campaignId: link.campaign.id,
    answers: scores.map(([serviceId, questionId, score]) => ({ serviceId, questionId, score })),
    comment: null,
    at: at ?? new Date(await env.currentTimeMs()),
  });
}

/** Writes the workflow's history to test/histories/ when RECORD_HISTORIES=1, for the replay test. */
async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(
    `${historiesDir}csi-campaign-${name}.json`,
    `${JSON.stringify(historyToJson(history), null, 2)}\n`,
  );
}

async function resultsOf(campaignId: string) {
  const rows = await db.select().from(csiResults).where(eq(csiResults.campaignId, campaignId));
  return new Map(rows.map((row) => [row.key, row]));
}

describe('population sample', () => {
  it('takes an exact share of each kind', () => {
    const ids = Array.from({ length: 40 }, () => randomUUID());
    const sample = samplePeople('campaign-a', ids, 25);
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    expect(samplePeople('campaign-a', ids, 25)).toEqual(sample);
    expect(samplePeople('campaign-b', ids, 25)).not.toEqual(sample);
    expect(samplePeople('campaign-a', ids, 100)).toEqual(ids);
  });

  it('rounds the sample size half up', () => {
    expect(sampleSize(3, 50)).toBe(2);
    expect(sampleSize(7, 10)).toBe(1);
    expect(sampleSize(4, 10)).toBe(0);
    expect(sampleSize(0, 30)).toBe(0);
  });
});

describe('csiCampaign workflow', () => {
  let first: Started;

  it('opens on its date and invites the sample', async () => {
    first = await startCampaign({
      opensInMs: 2 * hour,
      closesInMs: 10 * day,
      reminderDays: [6, 3],
      population: [
        { kind: 'staff', percent: 100 },
        { kind: 'student', percent: 25 },
      ],
    });
    expect((await stateOf(first.handle)).status).toBe('scheduled');

    await env.sleep(hour);
    expect((await stateOf(first.handle)).status).toBe('scheduled');
    expect(await invitationsOf(first.campaignId)).toHaveLength(0);

    await env.sleep(hour + 60_000);
    const opened = await waitForState(
      first.handle,
      (state) => state.invitationsSent === 17,
      '17 invitations',
    );
    expect(opened).toMatchObject({ status: 'open', invited: 17, remindersSent: [0, 0] });

    const invited = (await invitationsOf(first.campaignId)).map((row) => row.personId);
    expect(invited.filter((id) => staffIds.includes(id)).sort()).toEqual([...staffIds].sort());
    expect(invited.filter((id) => studentIds.includes(id))).toHaveLength(10);
    expect(invited).not.toContain(inactiveStaffId);
    expect(invited.filter((id) => visitorIds.includes(id))).toEqual([]);

    const stored = await db
      .select()
      .from(notifications)
      .where(like(notifications.idempotencyKey, 'csi:%:invitation'));
    expect(stored).toHaveLength(17);
    // The outbox keeps the text without the token.
    for (const row of stored) expect(row.bodyText).toContain('/csi/respond/…');
    const english = stored.find((row) => row.recipientId === staffIds[0]);
    expect(english?.subject).toBe(`Customer satisfaction index survey: ${first.spec.titleEn}`);
  });

  it('takes one answer per invitation while open', async () => {
    const [one, two, three] = staffIds as [string, string, string];
    expect(
      await answer(one, [
        [network, 'q1', 5],
        [network, 'q2', 4],
        [email, 'q1', 3],
        [email, 'q2', 4],
      ]),
    ).toBe('stored');
    expect(
      await answer(two, [
        [network, 'q1', 4],
        [network, 'q2', 4],
      ]),
    ).toBe('stored');
    expect(
      await answer(three, [
        [email, 'q1', 2],
        [email, 'q2', 3],
        [network, 'q1', 5],
        [network, 'q2', 5],
      ]),
    ).toBe('stored');
    expect(await answer(one, [[network, 'q1', 1]])).toBe('answered');
    // Refused at the close date even before the workflow closes the campaign.
    expect(await answer(staffIds[3]!, [[network, 'q1', 1]], new Date(first.spec.closesAt))).toBe(
      'closed',
    );
  });

  it('reminds only those who have not answered', async () => {
    await env.sleep(3 * day);
    const state = await waitForState(
      first.handle,
      (current) => current.remindersSent[0] === 14,
      'the first reminder',
    );
    expect(state.remindersSent).toEqual([14, 0]);
    const reminded = await db
      .select({ recipientId: notifications.recipientId })
      .from(notifications)
      .where(like(notifications.idempotencyKey, 'csi:%:reminder:1'));
    const ids = reminded.map((row) => row.recipientId);
    expect(ids).toHaveLength(14);
    for (const respondent of staffIds.slice(0, 3)) expect(ids).not.toContain(respondent);
  });

  it('closes, computes the index and refuses late answers', async () => {
    const final = await first.handle.result();
    expect(final).toMatchObject({ status: 'completed', responses: 3, remindersSent: [14, 14] });
    await recordHistory(first.handle, 'completed');
    const [campaign] = await db
      .select()
      .from(csiCampaigns)
      .where(eq(csiCampaigns.id, first.campaignId));
    expect(campaign).toMatchObject({ status: 'completed', responses: 3, previousCampaignId: null });
    expect(campaign!.closedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(first.spec.closesAt));

    // Counted by hand from the three answers above.
    const results = await resultsOf(first.campaignId);
    const expected: [string, number, number, number][] = [
      ['division', 10, 3.9, 78],
      [`service:${network}`, 6, 4.5, 90],
      [`service:${email}`, 4, 3, 60],
      ['question:q1', 5, 3.8, 76],
      ['question:q2', 5, 4, 80],
      [`service:${network}:question:q1`, 3, 4.67, 93.3],
      [`service:${network}:question:q2`, 3, 4.33, 86.7],
      [`service:${email}:question:q1`, 2, 2.5, 50],
      [`service:${email}:question:q2`, 2, 3.5, 70],
    ];
    expect([...results.keys()].sort()).toEqual(expected.map(([key]) => key).sort());
    for (const [key, answers, mean, index] of expected) {
      expect(results.get(key), key).toMatchObject({
        answers,
        meanScore: mean,
        csiIndex: index,
        previousIndex: null,
      });
    }
    expect(results.get('division')?.responses).toBe(3);
    expect(results.get(`service:${email}`)?.responses).toBe(2);

    expect(await answer(staffIds[4]!, [[network, 'q1', 5]])).toBe('closed');
  });

  it('compares with the previous campaign', async () => {
    const second = await startCampaign({ opensInMs: 0, closesInMs: 5 * day });
    await waitForState(second.handle, (state) => state.invitationsSent === 2, 'two invitations');
    const [one, two] = visitorIds as [string, string];
    expect(
      await answer(one, [
        [network, 'q1', 3],
        [network, 'q2', 3],
      ]),
    ).toBe('stored');
    expect(
      await answer(two, [
        [network, 'q1', 4],
        [email, 'q1', 4],
      ]),
    ).toBe('stored');
    expect(await second.handle.result()).toMatchObject({ status: 'completed', responses: 2 });

    const [campaign] = await db
      .select({ previousCampaignId: csiCampaigns.previousCampaignId })
      .from(csiCampaigns)
      .where(eq(csiCampaigns.id, second.campaignId));
    expect(campaign?.previousCampaignId).toBe(first.campaignId);
    const results = await resultsOf(second.campaignId);
    // [key, index now, index before, change in points], counted by hand.
    const expected: [string, number, number, number][] = [
      ['division', 70, 78, -8],
      [`service:${network}`, 66.7, 90, -23.3],
      [`service:${email}`, 80, 60, 20],
      ['question:q1', 73.3, 76, -2.7],
      ['question:q2', 60, 80, -20],
      [`service:${network}:question:q1`, 70, 93.3, -23.3],
      [`service:${network}:question:q2`, 60, 86.7, -26.7],
      [`service:${email}:question:q1`, 80, 50, 30],
    ];
    expect(results.size).toBe(expected.length);
    for (const [key, index, previous, change] of expected) {
      expect(results.get(key), key).toMatchObject({
        csiIndex: index,
        previousIndex: previous,
        indexChange: change,
      });
    }
  });

  it('cancels before the open date', async () => {
    const campaign = await startCampaign({ opensInMs: day, closesInMs: 8 * day });
    await campaign.handle.signal(csiMessages.cancel, {
      actorId: coordinatorId,
      reason: 'Soalan perlu disemak semula',
    });
    const final = await campaign.handle.result();
    expect(final).toMatchObject({
      status: 'cancelled',
      invited: 0,
      cancelReason: 'Soalan perlu disemak semula',
    });
    await recordHistory(campaign.handle, 'cancelled');
    const [row] = await db
      .select()
      .from(csiCampaigns)
      .where(eq(csiCampaigns.id, campaign.campaignId));
    expect(row).toMatchObject({
      status: 'cancelled',
      cancelledById: coordinatorId,
      cancelReason: 'Soalan perlu disemak semula',
      openedAt: null,
    });
    expect(await invitationsOf(campaign.campaignId)).toHaveLength(0);
  });

  it('cancels while open and sends no reminder', async () => {
    const campaign = await startCampaign({
      opensInMs: 0,
      closesInMs: 10 * day,
      reminderDays: [2],
    });
    await waitForState(campaign.handle, (state) => state.invitationsSent === 2, 'two invitations');
    await campaign.handle.signal(csiMessages.cancel, { actorId: coordinatorId, reason: 'Ralat' });
    expect(await campaign.handle.result()).toMatchObject({
      status: 'cancelled',
      invited: 2,
      remindersSent: [0],
    });
    const invitations = await invitationsOf(campaign.campaignId);
    const reminders = await db
      .select()
      .from(notifications)
      .where(like(notifications.idempotencyKey, `csi:${invitations[0]!.id}:reminder:%`));
    expect(reminders).toEqual([]);
    expect(await answer(visitorIds[0]!, [[network, 'q1', 5]])).toBe('closed');
  });

  it('records a scheduled run once', async () => {
    const workflowId = `csi-campaign-${randomUUID()}`;
    const input: CsiCampaignInput = {
      source: 'schedule',
      template: {
        titleMs: 'Indeks Kepuasan Pelanggan',
        titleEn: 'Customer Satisfaction Index',
        surveyId: null,
        questions,
        serviceIds: [network, retired],
        population: [{ kind: 'visitor', percent: 100 }],
        durationDays: 14,
        reminderDays: [7],
      },
    };
    const before = await env.currentTimeMs();
    const handle = await env.client.workflow.start(csiCampaignWorkflowType, {
      workflowId,
      taskQueue,
      args: [input],
    });
    const state = await handle.executeUpdate<CsiCampaignState, []>(csiMessages.recorded);
    expect(state.reference).toMatch(/^CSI-\d{4}-\d{6}$/);
    const [row] = await db
      .select()
      .from(csiCampaigns)
      .where(eq(csiCampaigns.workflowId, workflowId));
    expect(row?.titleMs).toMatch(/^Indeks Kepuasan Pelanggan \(\d{2}\/\d{4}\)$/);
    expect(row?.serviceIds).toEqual([network]);
    expect(row!.opensAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(row!.closesAt.getTime() - row!.opensAt.getTime()).toBe(14 * day);

    // A retried activity finds the same campaign instead of allocating another reference.
    const again = await recordCsiCampaign(db, {
      workflowId,
      at: new Date().toISOString(),
      input,
    });
    expect(again.reference).toBe(state.reference);
    expect(
      await db
        .select()
        .from(csiCampaigns)
        .where(and(eq(csiCampaigns.workflowId, workflowId))),
    ).toHaveLength(1);

    await handle.signal(csiMessages.cancel, { actorId: coordinatorId, reason: 'Ujian' });
    expect((await handle.result()).status).toBe('cancelled');
  });
});
