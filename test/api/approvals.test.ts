/**
 * The approvals API over a real approvalChain workflow (time-skipping server, real worker and
 * activities): the inbox, deciding, delegation, the single-use e-mail link, and who may do what.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities';
import {
  approvalChainWorkflowId,
  approvalChainWorkflowType,
  type ApprovalSubject,
} from '../../common/approval';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { approvalRules, approvalTasks } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import type { approvalChain } from '../../workflows/approval-chain';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post } from '../helpers/http';
import { createTimeSkippingEnv } from '../helpers/temporal';

interface Task {
  id: string;
  reference: string;
  status: string;
  canDecide: boolean;
  onBehalfOf: string | null;
}

describe.each(databaseKinds())('approvals API on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let api: TestApp;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `approvals-api-${randomUUID()}`;
  const mailer = nodemailer.createTransport({ jsonTransport: true });
  const sendMail = vi.spyOn(mailer, 'sendMail');
  const sessions: Record<string, Session> = {};
  const ids: Record<string, string> = {};
  let category: string;

  beforeAll(async () => {
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    env = await createTimeSkippingEnv();
    db = await openTestDatabase(kind);
    const unit = await createUnit(db.db, 'FAKULTI');
    const people = {
      requester: await createPerson(db.db, { roles: ['customer'], unitIds: [unit.id] }),
      approver: await createPerson(db.db, { roles: ['approver'], language: 'en' }),
      delegate: await createPerson(db.db, { roles: ['supervisor'] }),
      stranger: await createPerson(db.db, { roles: ['approver'] }),
      admin: await createPerson(db.db, { roles: ['admin'] }),
    };
    category = `LESEN-${randomUUID().slice(0, 6)}`;
    await db.db.insert(approvalRules).values({
      name: 'Licences: the approver',
      subjectKind: 'facilityRequest',
      category,
      priority: 1,
      levels: [{ mode: 'any', approvers: [{ type: 'person', personId: people.approver.id }] }],
    });

    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: db.dataDir });
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({ db: db.db, config, logger, mailer }),
      logger,
      workflowBundle: await bundleWorkflows(logger),
    });
    running = worker.run();
    api = await buildTestApp({ db, temporalClient: env.client, taskQueue });
    for (const [name, person] of Object.entries(people)) {
      ids[name] = person.id;
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

  /** Starts a chain and waits until its task is in the approver's inbox; at most 100 polls. */
  async function startChain(): Promise<{ reference: string; task: Task }> {
    const reference = `PKM-2026-${randomUUID().slice(0, 6)}`;
    const subject: ApprovalSubject = {
      kind: 'facilityRequest',
      reference,
      title: 'Lesen perisian SPSS',
      requesterId: ids.requester!,
      unitId: null,
      category,
      value: null,
      link: `/facilities/${reference}`,
    };
    await env.client.workflow.start<typeof approvalChain>(approvalChainWorkflowType, {
      workflowId: approvalChainWorkflowId(reference),
      taskQueue,
      args: [{ subject }],
    });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const inbox = await get(api.app, sessions.approver!, '/api/v1/approvals');
      const task = inbox.json<{ items: Task[] }>().items.find((t) => t.reference === reference);
      if (task) return { reference, task };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no task of ${reference} reached the inbox`);
  }

  it('inbox lists only my tasks', async () => {
    const { reference, task } = await startChain();
    expect(task.canDecide).toBe(true);
    expect(task.onBehalfOf).toBeNull();

    for (const name of ['requester', 'stranger']) {
      const inbox = await get(api.app, sessions[name]!, '/api/v1/approvals');
      expect(inbox.statusCode).toBe(200);
      const refs = inbox.json<{ items: Task[] }>().items.map((t) => t.reference);
      expect(refs).not.toContain(reference);
      const one = await get(api.app, sessions[name]!, `/api/v1/approvals/${task.id}`);
      expect(one.statusCode).toBe(404);
    }
    expect((await get(api.app, null, '/api/v1/approvals')).statusCode).toBe(401);
  });

  it('only assigned approver decides', async () => {
    const { task } = await startChain();
    const url = `/api/v1/approvals/${task.id}/decision`;

    const stranger = await post(api.app, sessions.stranger!, url, { decision: 'approved' });
    expect(stranger.statusCode).toBe(404);
    const requester = await post(api.app, sessions.requester!, url, { decision: 'approved' });
    expect(requester.statusCode).toBe(404);

    const noReason = await post(api.app, sessions.approver!, url, { decision: 'rejected' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('comment');
    const [stillPending] = await db.db
      .select({ status: approvalTasks.status })
      .from(approvalTasks)
      .where(eq(approvalTasks.id, task.id));
    expect(stillPending?.status).toBe('pending');

    const decided = await post(api.app, sessions.approver!, url, {
      decision: 'rejected',
      comment: 'Lesen tidak tersedia',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const body = decided.json<{ task: Task; levelClosed: boolean; approved: boolean | null }>();
    expect(body.task.status).toBe('rejected');
    expect(body.approved).toBe(false);

    const again = await post(api.app, sessions.approver!, url, { decision: 'approved' });
    expect(again.statusCode).toBe(409);
    const history = await get(api.app, sessions.approver!, '/api/v1/approvals/history');
    expect(history.json<{ items: Task[] }>().items.map((t) => t.id)).toContain(task.id);
  });

  it('delegate decides after delegation set', async () => {
    const { task } = await startChain();
    const forOther = await post(api.app, sessions.stranger!, '/api/v1/delegations', {
      approverId: ids.approver,
      delegateId: ids.stranger,
      startsOn: '2000-01-01',
      endsOn: '2999-12-31',
    });
    expect(forOther.statusCode).toBe(403);
    const badDates = await post(api.app, sessions.approver!, '/api/v1/delegations', {
      delegateId: ids.delegate,
      startsOn: '2030-01-02',
      endsOn: '2030-01-01',
    });
    expect(badDates.statusCode).toBe(400);
    expect(badDates.body).toContain('endsOn');

    const created = await post(api.app, sessions.approver!, '/api/v1/delegations', {
      delegateId: ids.delegate,
      startsOn: '2000-01-01',
      endsOn: '2999-12-31',
      reason: 'Cuti tahunan',
    });
    expect(created.statusCode, created.body).toBe(201);

    const inbox = await get(api.app, sessions.delegate!, '/api/v1/approvals');
    const seen = inbox.json<{ items: Task[] }>().items.find((t) => t.id === task.id);
    expect(seen?.onBehalfOf).toBe(ids.approver);
    const decided = await post(
      api.app,
      sessions.delegate!,
      `/api/v1/approvals/${task.id}/decision`,
      {
        decision: 'approved',
        comment: 'Bagi pihak pelulus',
      },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    const [row] = await db.db.select().from(approvalTasks).where(eq(approvalTasks.id, task.id));
    expect(row?.decidedById).toBe(ids.delegate);
    expect(row?.onBehalfOf).toBe(ids.approver);

    const { id } = created.json<{ id: string }>();
    const revoke = await api.app.inject({
      method: 'DELETE',
      url: `/api/v1/delegations/${id}`,
      headers: sessions.approver!.headers,
    });
    expect(revoke.statusCode).toBe(204);
  });

  it('delegations: who, to whom, no overlap', async () => {
    const customer = await post(api.app, sessions.requester!, '/api/v1/delegations', {
      delegateId: ids.delegate,
      startsOn: '2031-01-01',
      endsOn: '2031-01-31',
    });
    expect(customer.statusCode).toBe(403);
    const toCustomer = await post(api.app, sessions.approver!, '/api/v1/delegations', {
      delegateId: ids.requester,
      startsOn: '2031-01-01',
      endsOn: '2031-01-31',
    });
    expect(toCustomer.statusCode).toBe(400);
    expect(toCustomer.json<{ error: { details: { field: string }[] } }>().error.details).toEqual([
      expect.objectContaining({ field: 'body.delegateId' }),
    ]);

    const first = await post(api.app, sessions.approver!, '/api/v1/delegations', {
      delegateId: ids.delegate,
      startsOn: '2031-01-01',
      endsOn: '2031-01-31',
      reason: 'Kursus',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ delegateName: expect.any(String), revoked: false });
    const overlap = await post(api.app, sessions.approver!, '/api/v1/delegations', {
      delegateId: ids.stranger,
      startsOn: '2031-01-31',
      endsOn: '2031-02-10',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.body).toContain('body.startsOn');
    const after = await post(api.app, sessions.approver!, '/api/v1/delegations', {
      delegateId: ids.stranger,
      startsOn: '2031-02-01',
      endsOn: '2031-02-10',
    });
    expect(after.statusCode, after.body).toBe(201);

    const listed = await get(api.app, sessions.approver!, '/api/v1/delegations');
    const names = listed
      .json<{ items: { id: string; delegateName: string }[] }>()
      .items.filter((item) =>
        [first.json<{ id: string }>().id, after.json<{ id: string }>().id].includes(item.id),
      )
      .map((item) => item.delegateName);
    expect(names).toHaveLength(2);
    expect(names.every((name) => name.length > 0)).toBe(true);

    const candidates = await get(
      api.app,
      sessions.approver!,
      '/api/v1/delegations/candidates?q=%25',
    );
    expect(candidates.statusCode).toBe(400);
    const byName = await get(
      api.app,
      sessions.approver!,
      `/api/v1/delegations/candidates?q=${encodeURIComponent(first.json<{ delegateName: string }>().delegateName)}`,
    );
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toContain(
      ids.delegate,
    );
    expect(
      (await get(api.app, sessions.requester!, '/api/v1/delegations/candidates?q=ab')).statusCode,
    ).toBe(403);
  });

  it('single-use link decides once', async () => {
    sendMail.mockClear();
    const { reference, task } = await startChain();
    // The e-mail follows the task's creation; poll for it at most 100 times.
    let mail: string | undefined;
    for (let attempt = 0; attempt < 100 && !mail; attempt += 1) {
      mail = sendMail.mock.calls
        .map(([message]) => (typeof message.text === 'string' ? message.text : ''))
        .find((text) => text.includes(reference));
      if (!mail) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const token = /\/approvals\/link\/([A-Za-z0-9_-]+)/.exec(mail ?? '')?.[1];
    expect(token).toBeDefined();
    const url = `/api/v1/approvals/link/${token}`;

    const info = await get(api.app, null, url);
    expect(info.statusCode).toBe(200);
    expect(info.json<{ state: string; reference: string }>()).toMatchObject({
      state: 'open',
      reference,
    });
    // Two uses at once (a double click, a mail scanner): one decides, the other gets 409.
    const [approve, reject] = await Promise.all([
      post(api.app, null, url, { decision: 'approved', comment: 'Lulus' }),
      post(api.app, null, url, { decision: 'rejected', comment: 'Ubah fikiran' }),
    ]);
    expect([approve.statusCode, reject.statusCode].sort(), approve.body + reject.body).toEqual([
      200, 409,
    ]);
    const winner = approve.statusCode === 200 ? 'approved' : 'rejected';
    const again = await post(api.app, null, url, { decision: 'approved', comment: 'Sekali lagi' });
    expect(again.statusCode).toBe(409);
    expect((await get(api.app, null, url)).json<{ state: string }>().state).toBe('used');

    const [row] = await db.db.select().from(approvalTasks).where(eq(approvalTasks.id, task.id));
    expect(row?.status).toBe(winner);
    expect(row?.decidedById).toBe(ids.approver);
    expect(
      (await get(api.app, null, '/api/v1/approvals/link/not-a-real-token-000000')).statusCode,
    ).toBe(404);
  });

  it('rules are managed by administrators only', async () => {
    const body = {
      name: 'Projectors above RM 5000',
      subjectKind: 'facilityLoan',
      minValue: 5000,
      levels: [{ mode: 'all', approvers: [{ type: 'ownerUnitHead' }] }],
    };
    expect(
      (await post(api.app, sessions.approver!, '/api/v1/approval-rules', body)).statusCode,
    ).toBe(403);
    const invalid = await post(api.app, sessions.admin!, '/api/v1/approval-rules', {
      ...body,
      levels: [{ mode: 'some', approvers: [] }],
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('levels');
    const created = await post(api.app, sessions.admin!, '/api/v1/approval-rules', body);
    expect(created.statusCode, created.body).toBe(201);
    const list = await get(api.app, sessions.admin!, '/api/v1/approval-rules');
    expect(list.json<{ items: { name: string }[] }>().items.map((r) => r.name)).toContain(
      body.name,
    );
  });
});
