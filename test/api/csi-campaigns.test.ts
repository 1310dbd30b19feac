/**
 * The CSI campaign routes over the real stack: the API, a worker with the real activities and the
 * csiCampaign workflow on the time-skipping test server, and PGlite. Covers who may run
 * campaigns, every bad input naming its field, a campaign built from a survey definition, the
 * public questionnaire answered once without signing in, the results, and cancellation. The
 * schedule routes run against the Temporal dev server, which supports schedules.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities';
import type { CsiCampaignState } from '../../common/csi';
import { loadConfig } from '../../common/config';
import type { Role } from '../../common/enums';
import { createLogger } from '../../common/logger';
import { people, services, surveys } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { createDevServerEnv, createTimeSkippingEnv } from '../helpers/temporal';

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');

type Who = Extract<
  Role,
  'admin' | 'manager' | 'auditor' | 'supervisor' | 'technician' | 'customer'
>;
const roles: Who[] = ['admin', 'manager', 'auditor', 'supervisor', 'technician', 'customer'];

let database: TestDatabase;
let network: string;
let email: string;
let surveyId: string;
let textOnlySurveyId: string;
const visitorEmails: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  const db = database.db;
  const rows = await db
    .insert(services)
    .values([
      { code: 'API-NET', nameMs: 'Rangkaian', nameEn: 'Network' },
      { code: 'API-MAIL', nameMs: 'E-mel', nameEn: 'E-mail' },
    ])
    .returning({ id: services.id });
  [network, email] = rows.map((row) => row.id) as [string, string];
  const [survey, textOnly] = await db
    .insert(surveys)
    .values([
      {
        code: 'CSI-SOALAN',
        nameMs: 'Soalan CSI',
        nameEn: 'CSI questions',
        questions: [
          {
            id: 'masa',
            kind: 'scale',
            textMs: 'Masa',
            textEn: 'Time',
            required: true,
            options: [],
          },
          {
            id: 'ulasan',
            kind: 'text',
            textMs: 'Ulasan',
            textEn: 'Comment',
            required: false,
            options: [],
          },
          {
            id: 'mesra',
            kind: 'scale',
            textMs: 'Mesra',
            textEn: 'Friendly',
            required: true,
            options: [],
          },
        ],
      },
      {
        code: 'TEKS',
        nameMs: 'Teks sahaja',
        nameEn: 'Text only',
        questions: [
          {
            id: 'ulasan',
            kind: 'text',
            textMs: 'Ulasan',
            textEn: 'Comment',
            required: false,
            options: [],
          },
        ],
      },
    ])
    .returning({ id: surveys.id });
  surveyId = survey!.id;
  textOnlySurveyId = textOnly!.id;
  for (let index = 0; index < 2; index += 1) {
    const visitor = await createPerson(db, { roles: ['customer'], language: 'en' });
    await db.update(people).set({ kind: 'visitor' }).where(eq(people.id, visitor.id));
    visitorEmails.push(visitor.email);
  }
});

afterAll(async () => {
  await database?.destroy();
});

function campaignBody(overrides: Record<string, unknown> = {}) {
  return {
    titleMs: 'Indeks Kepuasan Pelanggan 2026',
    titleEn: 'Customer Satisfaction Index 2026',
    questions: [
      { id: 'q1', textMs: 'Masa tindak balas', textEn: 'Response time' },
      { id: 'q2', textMs: 'Kesopanan', textEn: 'Courtesy' },
    ],
    serviceIds: [network, email],
    population: [{ kind: 'visitor', percent: 100 }],
    closesAt: new Date(Date.now() + 10 * day).toISOString(),
    reminderDays: [3],
    ...overrides,
  };
}

function fieldsOf(response: { json(): unknown }): string[] {
  const body = response.json() as { error: { details?: { field: string }[] } };
  return (body.error.details ?? []).map((issue) => issue.field);
}

describe('CSI campaign routes', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let testApp: TestApp;
  const sessions = {} as Record<Who, Session>;
  const mailer = nodemailer.createTransport({ jsonTransport: true });
  const sendMail = vi.spyOn(mailer, 'sendMail');

  beforeAll(async () => {
    installRuntimeLogger(logger);
    env = await createTimeSkippingEnv();
    const taskQueue = `csi-api-${randomUUID()}`;
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({
        db: database.db,
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }),
        logger,
        mailer,
      }),
      logger,
      workflowBundle: await bundleWorkflows(logger),
    });
    running = worker.run();
    testApp = await buildTestApp({ db: database, temporalClient: env.client, taskQueue });
    for (const role of roles) {
      const person = await createPerson(database.db, { roles: [role] });
      sessions[role] = await signIn(testApp.app, person.email);
    }
  }, 180_000);

  afterAll(async () => {
    await testApp?.app.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  function post(session: Session | null, url: string, payload: unknown) {
    return testApp.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: session?.headers ?? {},
    });
  }

  function get(session: Session | null, url: string) {
    return testApp.app.inject({
      method: 'GET',
      url,
      headers: session ? { cookie: session.cookie } : {},
    });
  }

  async function create(overrides: Record<string, unknown> = {}) {
    const response = await post(sessions.manager, '/api/v1/csi-campaigns', campaignBody(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ reference: string; status: string; questions: { id: string }[] }>();
  }

  /** Waits until every invited person of the campaign has been e-mailed. */
  async function waitForInvitations(reference: string, count: number) {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const response = await get(sessions.manager, `/api/v1/csi-campaigns/${reference}`);
      if (response.json<{ emailed: number }>().emailed === count) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${reference} never e-mailed ${count} invitations`);
  }

  /** Returns the token of the e-mail about the campaign sent to the address. */
  function tokenFor(address: string, title: string): string {
    const message = sendMail.mock.calls
      .map(([sent]) => sent)
      .find(
        (sent) =>
          sent.to === address && typeof sent.subject === 'string' && sent.subject.includes(title),
      );
    const text = typeof message?.text === 'string' ? message.text : '';
    const token = /\/csi\/respond\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
    if (!token) throw new Error(`no e-mail about ${title} was sent to ${address}`);
    return token;
  }

  it('only coordinators run campaigns', async () => {
    for (const role of ['supervisor', 'technician', 'customer'] as const) {
      const created = await post(sessions[role], '/api/v1/csi-campaigns', campaignBody());
      expect(created.statusCode, role).toBe(403);
      expect((await get(sessions[role], '/api/v1/csi-campaigns')).statusCode, role).toBe(403);
      expect((await get(sessions[role], '/api/v1/csi-campaigns/schedule')).statusCode, role).toBe(
        403,
      );
    }
    expect((await get(null, '/api/v1/csi-campaigns')).statusCode).toBe(401);
    for (const role of ['admin', 'manager', 'auditor'] as const) {
      expect((await get(sessions[role], '/api/v1/csi-campaigns')).statusCode, role).toBe(200);
    }
  });

  it.each([
    [{ titleMs: undefined }, 'body.titleMs'],
    [{ surveyId: randomUUID() }, 'body.questions'],
    [{ questions: undefined }, 'body.questions'],
    [{ questions: [{ id: 'Soalan 1', textMs: 'a', textEn: 'b' }] }, 'body.questions.0.id'],
    [{ serviceIds: ['bukan-uuid'] }, 'body.serviceIds.0'],
    [{ population: [{ kind: 'student', percent: 0 }] }, 'body.population.0.percent'],
    [
      {
        population: [
          { kind: 'staff', percent: 10 },
          { kind: 'staff', percent: 20 },
        ],
      },
      'body.population',
    ],
    [{ reminderDays: [0] }, 'body.reminderDays.0'],
    [{ closesAt: 'esok' }, 'body.closesAt'],
  ])('bad input %j names %s', async (overrides, field) => {
    const response = await post(sessions.manager, '/api/v1/csi-campaigns', campaignBody(overrides));
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response)).toContain(field);
  });

  it('bad input against the records names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ serviceIds: [network, randomUUID()] }, 'body.serviceIds.1'],
      [{ questions: undefined, surveyId: randomUUID() }, 'body.surveyId'],
      [{ questions: undefined, surveyId: textOnlySurveyId }, 'body.surveyId'],
      [{ opensAt: new Date(Date.now() - day).toISOString() }, 'body.opensAt'],
      [{ closesAt: new Date(Date.now() - hour).toISOString() }, 'body.closesAt'],
      [{ closesAt: new Date(Date.now() + 100 * day).toISOString() }, 'body.closesAt'],
      [{ reminderDays: [3, 30] }, 'body.reminderDays.1'],
    ];
    for (const [overrides, field] of cases) {
      const response = await post(
        sessions.manager,
        '/api/v1/csi-campaigns',
        campaignBody(overrides),
      );
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(fieldsOf(response)).toContain(field);
    }
  });

  it('copies the scale questions of a survey', async () => {
    const opensAt = new Date(Date.now() + day).toISOString();
    const created = await create({ questions: undefined, surveyId, opensAt });
    expect(created.status).toBe('scheduled');
    expect(created.questions.map((question) => question.id)).toEqual(['masa', 'mesra']);

    const detail = await get(sessions.auditor, `/api/v1/csi-campaigns/${created.reference}`);
    expect(detail.json()).toMatchObject({
      reference: created.reference,
      surveyId,
      opensAt,
      invited: 0,
      responseRate: null,
      scheduled: false,
      services: [
        { id: network, nameEn: 'Network' },
        { id: email, nameEn: 'E-mail' },
      ],
      actions: { cancel: true, results: false },
    });
    const list = await get(sessions.admin, '/api/v1/csi-campaigns?status=scheduled&limit=1');
    expect(list.json().items.map((item: { reference: string }) => item.reference)).toContain(
      created.reference,
    );
    expect((await get(sessions.admin, '/api/v1/csi-campaigns/CSI-2026-999999')).statusCode).toBe(
      404,
    );
  });

  it('cancels a campaign through its signal', async () => {
    const title = 'CSI dibatalkan';
    const created = await create({ titleMs: title, titleEn: title });
    await waitForInvitations(created.reference, 2);
    const url = `/api/v1/csi-campaigns/${created.reference}/cancel`;
    expect((await post(sessions.customer, url, { reason: 'Tidak perlu' })).statusCode).toBe(403);
    const empty = await post(sessions.manager, url, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)).toContain('body.reason');

    const accepted = await post(sessions.manager, url, { reason: 'Soalan salah' });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const final = await env.client.workflow.getHandle(created.reference).result();
    expect(final).toMatchObject({ status: 'cancelled', cancelReason: 'Soalan salah' });

    const detail = await get(sessions.manager, `/api/v1/csi-campaigns/${created.reference}`);
    expect(detail.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Soalan salah',
      actions: { cancel: false, results: false },
    });
    const twice = await post(sessions.manager, url, { reason: 'Lagi' });
    expect(twice.statusCode).toBe(409);
    const late = await post(
      null,
      `/api/v1/csi-campaigns/respond/${tokenFor(visitorEmails[0]!, title)}`,
      { answers: [{ serviceId: network, questionId: 'q1', score: 5 }] },
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('campaign_closed');
  });
  // Runs last: awaiting the workflow moves the test server's clock days past the API's clock.
  it('takes one answer per link without signing in', async () => {
    const title = 'CSI jawapan awam';
    const created = await create({ titleMs: title, titleEn: title });
    await waitForInvitations(created.reference, 2);
    const token = tokenFor(visitorEmails[0]!, title);
    const url = `/api/v1/csi-campaigns/respond/${token}`;

    const form = await get(null, url);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({
      reference: created.reference,
      open: true,
      answered: false,
      questions: [{ id: 'q1' }, { id: 'q2' }],
      services: [{ id: network }, { id: email }],
    });

    const invalid: [unknown, string][] = [
      [{ answers: [] }, 'body.answers'],
      [
        { answers: [{ serviceId: randomUUID(), questionId: 'q1', score: 4 }] },
        'body.answers.0.serviceId',
      ],
      [
        { answers: [{ serviceId: network, questionId: 'q9', score: 4 }] },
        'body.answers.0.questionId',
      ],
      [{ answers: [{ serviceId: network, questionId: 'q1', score: 6 }] }, 'body.answers.0.score'],
      [
        {
          answers: [
            { serviceId: network, questionId: 'q1', score: 4 },
            { serviceId: network, questionId: 'q1', score: 5 },
          ],
        },
        'body.answers.1',
      ],
    ];
    for (const [payload, field] of invalid) {
      const response = await post(null, url, payload);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(fieldsOf(response)).toContain(field);
    }

    const answers = {
      answers: [
        { serviceId: network, questionId: 'q1', score: 4 },
        { serviceId: network, questionId: 'q2', score: 5 },
        { serviceId: email, questionId: 'q1', score: 2 },
      ],
      comment: 'E-mel selalu lambat',
    };
    expect((await post(null, url, answers)).statusCode).toBe(204);
    const again = await post(null, url, answers);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('survey_closed');
    expect((await get(null, url)).json().answered).toBe(true);
    expect(
      (await get(null, '/api/v1/csi-campaigns/respond/tiada-pautan-seperti-ini-wujud')).statusCode,
    ).toBe(404);

    const early = await get(sessions.manager, `/api/v1/csi-campaigns/${created.reference}/results`);
    expect(early.statusCode).toBe(409);

    // Awaiting the workflow lets the test server skip to the close date.
    const final = await env.client.workflow.getHandle(created.reference).result();
    expect((final as CsiCampaignState).status).toBe('completed');
    const results = await get(
      sessions.auditor,
      `/api/v1/csi-campaigns/${created.reference}/results`,
    );
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json()).toMatchObject({
      invited: 2,
      responses: 1,
      responseRate: 0.5,
      division: { answers: 3, meanScore: 3.67, csiIndex: 73.3 },
      // Services by name: E-mel before Rangkaian.
      byService: [
        { serviceId: email, serviceNameMs: 'E-mel', meanScore: 2, csiIndex: 40 },
        { serviceId: network, serviceNameMs: 'Rangkaian', meanScore: 4.5, csiIndex: 90 },
      ],
      byQuestion: [
        { questionId: 'q1', questionTextEn: 'Response time', meanScore: 3, csiIndex: 60 },
        { questionId: 'q2', questionTextEn: 'Courtesy', meanScore: 5, csiIndex: 100 },
      ],
    });
    expect(results.json().byServiceQuestion).toHaveLength(3);

    const late = await post(
      null,
      `/api/v1/csi-campaigns/respond/${tokenFor(visitorEmails[1]!, title)}`,
      answers,
    );
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('campaign_closed');
  });
});

describe('CSI schedule routes', () => {
  let env: TestWorkflowEnvironment;
  let testApp: TestApp;
  let coordinator: Session;
  let supervisor: Session;

  beforeAll(async () => {
    installRuntimeLogger(logger);
    env = await createDevServerEnv();
    testApp = await buildTestApp({
      db: database,
      temporalClient: env.client,
      taskQueue: 'csi-schedule',
    });
    const person = await createPerson(database.db, { roles: ['auditor'] });
    coordinator = await signIn(testApp.app, person.email);
    const head = await createPerson(database.db, { roles: ['supervisor'] });
    supervisor = await signIn(testApp.app, head.email);
  }, 180_000);

  afterAll(async () => {
    await testApp?.app.close();
    await env?.teardown();
  });

  function put(session: Session, payload: unknown) {
    return testApp.app.inject({
      method: 'PUT',
      url: '/api/v1/csi-campaigns/schedule',
      payload: payload as object,
      headers: session.headers,
    });
  }

  const schedule = (overrides: Record<string, unknown> = {}) => {
    const { closesAt: _closesAt, ...content } = campaignBody();
    return {
      ...content,
      enabled: true,
      months: [9, 3],
      dayOfMonth: 1,
      hour: 8,
      durationDays: 21,
      reminderDays: [7, 14],
      ...overrides,
    };
  };

  it('is saved, read back and paused', async () => {
    const none = await testApp.app.inject({
      method: 'GET',
      url: '/api/v1/csi-campaigns/schedule',
      headers: { cookie: coordinator.cookie },
    });
    expect(none.json()).toEqual({ schedule: null });

    const saved = await put(coordinator, schedule());
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().schedule).toMatchObject({
      enabled: true,
      months: [3, 9],
      dayOfMonth: 1,
      hour: 8,
      durationDays: 21,
      reminderDays: [7, 14],
      serviceIds: [network, email],
      questions: [{ id: 'q1' }, { id: 'q2' }],
    });
    const next = saved.json().schedule.nextRuns as string[];
    expect(next.length).toBeGreaterThan(0);
    // 08:00 in Malaysia is 00:00 UTC on the 1st of March or September.
    expect(next[0]).toMatch(/^\d{4}-(03|09)-01T00:00:00\.000Z$/);

    const paused = await put(coordinator, schedule({ enabled: false, months: [6] }));
    expect(paused.json().schedule).toMatchObject({ enabled: false, months: [6], nextRuns: [] });
    const read = await testApp.app.inject({
      method: 'GET',
      url: '/api/v1/csi-campaigns/schedule',
      headers: { cookie: coordinator.cookie },
    });
    expect(read.json().schedule).toMatchObject({ enabled: false, months: [6] });
  });

  it.each([
    [{ months: [13] }, 'body.months.0'],
    [{ months: [] }, 'body.months'],
    [{ dayOfMonth: 31 }, 'body.dayOfMonth'],
    [{ hour: 24 }, 'body.hour'],
    [{ durationDays: 0 }, 'body.durationDays'],
    [{ reminderDays: [21] }, 'body.reminderDays.0'],
    [{ serviceIds: [randomUUID()] }, 'body.serviceIds.0'],
  ])('bad schedule %j names %s', async (overrides, field) => {
    const response = await put(coordinator, schedule(overrides));
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response)).toContain(field);
  });

  it('is refused to supervisors', async () => {
    expect((await put(supervisor, schedule())).statusCode).toBe(403);
  });
});
