/**
 * The facility-request lane through the API over real workflows (time-skipping server, real
 * worker and activities): apply, approve or reject in the approvals inbox, provision, hand over,
 * download and acknowledge, with each permission.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { facilityApplications, facilityItems, notifications } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post } from '../helpers/http';
import { createTimeSkippingEnv } from '../helpers/temporal';

interface Application {
  reference: string;
  status: string;
  rejectionReason: string | null;
  canDownload: boolean;
  canProvide: boolean;
  canAcknowledge: boolean;
  timeline: { kind: string }[];
  approvals: { status: string; comment: string | null }[];
}

describe.each(databaseKinds())('facility requests on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let api: TestApp;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `facility-api-${randomUUID()}`;
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    env = await createTimeSkippingEnv();
    db = await openTestDatabase(kind);
    const faculty = await createUnit(db.db, 'FAKULTI-KOMPUTERAN');
    const apps = await createUnit(db.db, 'APLIKASI');
    const network = await createUnit(db.db, 'RANGKAIAN');
    await db.db.insert(facilityItems).values({
      code: 'PERISIAN-MATLAB',
      nameMs: 'Lesen perisian MATLAB',
      nameEn: 'MATLAB software licence',
      kind: 'software',
      unitId: apps.id,
      fields: [
        { key: 'purpose', labelMs: 'Tujuan', labelEn: 'Purpose', type: 'text', required: true },
        { key: 'seats', labelMs: 'Bilangan', labelEn: 'Seats', type: 'number', required: false },
      ],
      provisionSteps: ['Daftar lesen', 'Jana kunci'],
      downloadUrl: 'https://software.example.invalid/matlab',
    });
    const people = {
      customer: await createPerson(db.db, { roles: ['customer'], unitIds: [faculty.id] }),
      otherCustomer: await createPerson(db.db, { roles: ['customer'], unitIds: [faculty.id] }),
      head: await createPerson(db.db, { roles: ['supervisor'], headOf: [faculty.id] }),
      technician: await createPerson(db.db, { roles: ['technician'], unitIds: [apps.id] }),
      otherTechnician: await createPerson(db.db, { roles: ['technician'], unitIds: [network.id] }),
    };

    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: db.dataDir });
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({ db: db.db, config, logger, mailer: null }),
      logger,
      workflowBundle: await bundleWorkflows(logger),
    });
    running = worker.run();
    api = await buildTestApp({ db, temporalClient: env.client, taskQueue });
    for (const [name, person] of Object.entries(people)) {
      sessions[name] = await signIn(api.app, person.email);
    }
  }, 180_000);

  afterAll(async () => {
    await api?.app.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.destroy();
  });

  async function apply(): Promise<Application> {
    const response = await post(api.app, sessions.customer!, '/api/v1/facility-requests', {
      itemCode: 'PERISIAN-MATLAB',
      answers: { purpose: 'Analisis data tesis', seats: 1 },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Application>();
  }

  /** Polls until the application reaches the status; at most 100 polls. */
  async function waitForStatus(reference: string, status: string): Promise<Application> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const response = await get(
        api.app,
        sessions.customer!,
        `/api/v1/facility-requests/${reference}`,
      );
      const body = response.json<Application>();
      if (body.status === status) return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${reference} never reached ${status}`);
  }

  /** Decides the application's task from the unit head's inbox; at most 100 polls. */
  async function decideInInbox(
    reference: string,
    decision: 'approved' | 'rejected',
    comment: string,
  ) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const inbox = await get(api.app, sessions.head!, '/api/v1/approvals');
      const task = inbox
        .json<{ items: { id: string; reference: string }[] }>()
        .items.find((t) => t.reference === reference);
      if (task) {
        const decided = await post(
          api.app,
          sessions.head!,
          `/api/v1/approvals/${task.id}/decision`,
          {
            decision,
            comment,
          },
        );
        expect(decided.statusCode, decided.body).toBe(200);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no approval task of ${reference} reached the unit head`);
  }

  it('invalid answers are rejected naming field', async () => {
    const before = await db.db.select({ id: facilityApplications.id }).from(facilityApplications);
    const response = await post(api.app, sessions.customer!, '/api/v1/facility-requests', {
      itemCode: 'PERISIAN-MATLAB',
      answers: { seats: 'dua', colour: 'biru' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('body.answers.purpose');
    expect(response.body).toContain('body.answers.seats');
    expect(response.body).toContain('body.answers.colour');
    const after = await db.db.select({ id: facilityApplications.id }).from(facilityApplications);
    expect(after.length).toBe(before.length);
  });

  it('approved application is provided and acknowledged', async () => {
    const created = await apply();
    expect(created.reference).toMatch(/^PKM-\d{4}-\d{6}$/);
    expect(created.status).toBe('pending_approval');
    const url = `/api/v1/facility-requests/${created.reference}`;

    expect((await get(api.app, sessions.otherCustomer!, url)).statusCode).toBe(404);
    const othersList = await get(api.app, sessions.otherCustomer!, '/api/v1/facility-requests');
    expect(othersList.json<{ items: Application[] }>().items).toHaveLength(0);

    await decideInInbox(created.reference, 'approved', 'Disokong');
    const provisioning = await waitForStatus(created.reference, 'provisioning');
    expect(provisioning.approvals[0]?.status).toBe('approved');

    expect(
      (await post(api.app, sessions.otherTechnician!, `${url}/steps/0/done`, {})).statusCode,
    ).toBe(404);
    expect((await post(api.app, sessions.customer!, `${url}/steps/0/done`, {})).statusCode).toBe(
      403,
    );
    const staffList = await get(api.app, sessions.technician!, '/api/v1/facility-requests/staff');
    expect(staffList.json<{ items: Application[] }>().items.map((a) => a.reference)).toContain(
      created.reference,
    );
    expect((await get(api.app, sessions.customer!, `${url}/download`)).statusCode).toBe(404);

    expect((await post(api.app, sessions.technician!, `${url}/steps/0/done`, {})).statusCode).toBe(
      200,
    );
    expect((await post(api.app, sessions.technician!, `${url}/steps/0/done`, {})).statusCode).toBe(
      409,
    );
    expect((await post(api.app, sessions.technician!, `${url}/steps/1/done`, {})).statusCode).toBe(
      200,
    );
    const handedOver = await waitForStatus(created.reference, 'awaiting_acknowledgement');
    expect(handedOver.canDownload).toBe(true);
    expect(handedOver.canAcknowledge).toBe(true);

    const download = await get(api.app, sessions.customer!, `${url}/download`);
    expect(download.statusCode).toBe(302);
    expect(download.headers.location).toBe('https://software.example.invalid/matlab');
    expect((await get(api.app, sessions.otherCustomer!, `${url}/download`)).statusCode).toBe(404);
    expect((await get(api.app, sessions.technician!, `${url}/download`)).statusCode).toBe(404);

    expect((await post(api.app, sessions.technician!, `${url}/acknowledge`, {})).statusCode).toBe(
      403,
    );
    const acknowledged = await post(api.app, sessions.customer!, `${url}/acknowledge`, {});
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const done = await waitForStatus(created.reference, 'completed');
    expect(done.timeline.map((event) => event.kind)).toEqual([
      'submitted',
      'approved',
      'step_done',
      'step_done',
      'handed_over',
      'acknowledged',
    ]);
  });

  it('rejection is notified with reason', async () => {
    const created = await apply();
    await decideInInbox(created.reference, 'rejected', 'Lesen fakulti sudah mencukupi');
    const rejected = await waitForStatus(created.reference, 'rejected');
    expect(rejected.rejectionReason).toBe('Lesen fakulti sudah mencukupi');

    // The e-mail follows the status change; poll for it at most 100 times.
    let notice: { bodyText: string } | undefined;
    for (let attempt = 0; attempt < 100 && !notice; attempt += 1) {
      const mail = await db.db
        .select({ bodyText: notifications.bodyText })
        .from(notifications)
        .where(eq(notifications.template, 'facility_rejected'));
      notice = mail.find((m) => m.bodyText.includes(created.reference));
      if (!notice) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(notice?.bodyText).toContain('Lesen fakulti sudah mencukupi');
  });
});
