/**
 * The permission matrix of the cases API: who may read, list, search, download from and send each
 * message to a case. Someone who may not see a case gets 404; someone who may see it but not act
 * gets 403 (from the API's policy or from the workflow's check of the assignment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post, tinyPng, uploadFile } from '../helpers/http';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';

type Who =
  | 'owner'
  | 'otherCustomer'
  | 'agent'
  | 'assignee'
  | 'unitTechnician'
  | 'outsideTechnician'
  | 'unitHead'
  | 'auditor';

describe.each(databaseKinds())('case permissions on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let reference: string;
  let publicAttachmentId: string;
  let internalAttachmentId: string;
  let unitId: string;
  const sessions = {} as Record<Who, Session>;
  const ids = {} as Record<Who, string>;

  beforeAll(async () => {
    // A Temporal per database: references restart with each fresh database.
    env = await createDevServerEnv();
    db = await openTestDatabase(kind);
    await insertSlaTargets(db.db);
    const unit = await createUnit(db.db, 'RANGKAIAN');
    const otherUnit = await createUnit(db.db, 'SISTEM');
    unitId = unit.id;
    const people = {
      owner: await createPerson(db.db, { roles: ['customer'] }),
      otherCustomer: await createPerson(db.db, { roles: ['customer'] }),
      agent: await createPerson(db.db, { roles: ['agent'] }),
      assignee: await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] }),
      unitTechnician: await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] }),
      outsideTechnician: await createPerson(db.db, {
        roles: ['technician'],
        unitIds: [otherUnit.id],
      }),
      unitHead: await createPerson(db.db, { roles: ['supervisor'], headOf: [unit.id] }),
      auditor: await createPerson(db.db, { roles: ['auditor'] }),
    };
    stack = await startStack(env, db);
    for (const [who, person] of Object.entries(people) as [Who, { id: string; email: string }][]) {
      ids[who] = person.id;
      sessions[who] = await signIn(stack.app, person.email);
    }

    const upload = await uploadFile(stack.app, sessions.owner, 'ralat.png', tinyPng);
    publicAttachmentId = upload.json().id;
    const created = await post(stack.app, sessions.owner, '/api/v1/cases', {
      title: 'Sambungan rangkaian makmal terputus',
      description: 'Rangkaian di makmal komputer kerap terputus semasa kelas.',
      attachmentIds: [publicAttachmentId],
    });
    expect(created.statusCode, created.body).toBe(201);
    reference = created.json().reference;
    const assigned = await post(stack.app, sessions.agent, `/api/v1/cases/${reference}/assign`, {
      unitId,
      assigneeId: ids.assignee,
      reason: 'Rangkaian',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const internalUpload = await uploadFile(stack.app, sessions.assignee, 'log-suis.png', tinyPng);
    internalAttachmentId = internalUpload.json().id;
    const note = await post(stack.app, sessions.assignee, `/api/v1/cases/${reference}/notes`, {
      body: 'Log suis dilampirkan untuk rujukan dalaman.',
      attachmentIds: [internalAttachmentId],
    });
    expect(note.statusCode, note.body).toBe(200);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.destroy();
    await env?.teardown();
  });

  const readers: [Who, number][] = [
    ['owner', 200],
    ['otherCustomer', 404],
    ['agent', 200],
    ['assignee', 200],
    ['unitTechnician', 200],
    ['outsideTechnician', 404],
    ['unitHead', 200],
    ['auditor', 200],
  ];

  it.each(readers)('reading the case as %s gives %i', async (who, status) => {
    const response = await get(stack.app, sessions[who], `/api/v1/cases/${reference}`);
    expect(response.statusCode).toBe(status);
  });

  it.each(readers)(
    'listing and searching as %s shows the case only when readable',
    async (who, status) => {
      const list = await get(stack.app, sessions[who], '/api/v1/cases?limit=100');
      expect(list.statusCode).toBe(200);
      const listed = list.json().items.map((item: { reference: string }) => item.reference);
      expect(listed.includes(reference)).toBe(status === 200);

      const search = await get(
        stack.app,
        sessions[who],
        `/api/v1/cases?q=${encodeURIComponent('makmal rangkaian')}`,
      );
      const found = search.json().items.map((item: { reference: string }) => item.reference);
      expect(found.includes(reference)).toBe(status === 200);
    },
  );

  it('hides internal notes and their attachments from the customer', async () => {
    const view = await get(stack.app, sessions.owner, `/api/v1/cases/${reference}`);
    const kinds = view.json().timeline.map((entry: { kind: string }) => entry.kind);
    expect(kinds).not.toContain('note');
    const fileIds = view.json().attachments.map((file: { id: string }) => file.id);
    expect(fileIds).toEqual([publicAttachmentId]);

    const internal = await get(
      stack.app,
      sessions.owner,
      `/api/v1/cases/${reference}/attachments/${internalAttachmentId}`,
    );
    expect(internal.statusCode).toBe(404);
    const staff = await get(
      stack.app,
      sessions.assignee,
      `/api/v1/cases/${reference}/attachments/${internalAttachmentId}`,
    );
    expect(staff.statusCode).toBe(200);
  });

  it.each([
    ['owner', 200],
    ['otherCustomer', 404],
    ['outsideTechnician', 404],
    ['auditor', 200],
  ] as [Who, number][])('downloading the public attachment as %s gives %i', async (who, status) => {
    const response = await get(
      stack.app,
      sessions[who],
      `/api/v1/cases/${reference}/attachments/${publicAttachmentId}`,
    );
    expect(response.statusCode).toBe(status);
  });

  const writes: [string, Record<string, unknown>, Partial<Record<Who, number>>][] = [
    [
      'replies',
      { body: 'Maklum balas' },
      { otherCustomer: 404, outsideTechnician: 404, auditor: 403 },
    ],
    [
      'notes',
      { body: 'Nota' },
      { owner: 403, otherCustomer: 404, outsideTechnician: 404, auditor: 403, unitTechnician: 403 },
    ],
    [
      'work-logs',
      { minutes: 5, body: 'Kerja' },
      {
        owner: 403,
        otherCustomer: 404,
        outsideTechnician: 404,
        auditor: 403,
        agent: 403,
        unitTechnician: 403,
      },
    ],
    [
      'wait',
      { reason: 'supplier', body: 'Tunggu pembekal' },
      {
        owner: 403,
        otherCustomer: 404,
        outsideTechnician: 404,
        auditor: 403,
        agent: 403,
        unitTechnician: 403,
      },
    ],
    [
      'findings',
      { title: 'Dapatan', body: 'Punca' },
      {
        owner: 403,
        otherCustomer: 404,
        outsideTechnician: 404,
        auditor: 403,
        agent: 403,
        unitTechnician: 403,
      },
    ],
    [
      'resolve',
      { resolutionNote: 'Selesai' },
      {
        owner: 403,
        otherCustomer: 404,
        outsideTechnician: 404,
        auditor: 403,
        agent: 403,
        unitTechnician: 403,
      },
    ],
    [
      'classify',
      { impact: 1, urgency: 1 },
      { owner: 403, otherCustomer: 404, outsideTechnician: 404, auditor: 403, assignee: 200 },
    ],
    [
      'confirm',
      {},
      { otherCustomer: 404, outsideTechnician: 404, auditor: 403, agent: 403, assignee: 403 },
    ],
    [
      'rating',
      { score: 4 },
      { otherCustomer: 404, outsideTechnician: 404, auditor: 403, agent: 403, assignee: 403 },
    ],
  ];

  it.each(writes)('%s is refused to those who may not send it', async (path, body, refused) => {
    for (const [who, status] of Object.entries(refused) as [Who, number][]) {
      if (status === 200) continue;
      const response = await post(
        stack.app,
        sessions[who],
        `/api/v1/cases/${reference}/${path}`,
        body,
      );
      expect(response.statusCode, `${who} → ${path}: ${response.body}`).toBe(status);
    }
  });

  it('refuses every route without a session', async () => {
    expect((await get(stack.app, null, `/api/v1/cases/${reference}`)).statusCode).toBe(401);
    expect((await get(stack.app, null, '/api/v1/cases')).statusCode).toBe(401);
    expect((await post(stack.app, null, '/api/v1/cases', { title: 'x' })).statusCode).toBe(401);
    expect(
      (await post(stack.app, null, `/api/v1/cases/${reference}/replies`, { body: 'x' })).statusCode,
    ).toBe(401);
  });

  it('refuses a cookie write without the CSRF token', async () => {
    const response = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/replies`,
      payload: { body: 'Tanpa token' },
      headers: { cookie: sessions.owner.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
  });
});
