/**
 * What the cases API returns to staff by name and how its filters and reopen rule behave, against a
 * real worker on the Temporal dev server: summaries carry the assignee's name, the queue's unitId
 * filter takes several units, history entries name the people and units behind changed ids, and
 * the API lets exactly the requester and an agent or supervisor of the case's unit reopen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseParticipants, cases } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post, tinyPng, uploadFile } from '../helpers/http';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';

type Who =
  'owner' | 'copied' | 'agent' | 'outsideAgent' | 'supervisor' | 'outsideSupervisor' | 'technician';

interface Summary {
  reference: string;
  unitId: string | null;
  assigneeId: string | null;
  assignee: { id: string; name: string } | null;
}

interface History {
  action: string;
  field: string | null;
  newValue: string | null;
  oldName: { ms: string; en: string } | null;
  newName: { ms: string; en: string } | null;
  actor: { id: string; name: string } | null;
}

describe.each(databaseKinds())('case views and reopening on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  const sessions = {} as Record<Who, Session>;
  const ids = {} as Record<Who, string>;
  const units = {} as Record<'network' | 'systems' | 'empty', { id: string }>;
  /** The cases filed: one in each of two units and one left unassigned. */
  const refs = {} as Record<'network' | 'systems' | 'unassigned', string>;

  async function fileCase(title: string): Promise<string> {
    const created = await post(stack.app, sessions.owner, '/api/v1/cases', {
      title,
      description: 'Perkhidmatan terganggu sejak pagi tadi.',
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().reference as string;
  }

  async function assign(reference: string, unitId: string, assigneeId: string | null) {
    const response = await post(stack.app, sessions.agent, `/api/v1/cases/${reference}/assign`, {
      unitId,
      assigneeId,
      reason: 'Bidang unit',
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  async function resolve(reference: string) {
    const response = await post(
      stack.app,
      sessions.technician,
      `/api/v1/cases/${reference}/resolve`,
      { resolutionNote: 'Suis telah diganti.' },
    );
    expect(response.statusCode, response.body).toBe(200);
  }

  const reopen = (who: Who, reference: string) =>
    post(stack.app, sessions[who], `/api/v1/cases/${reference}/reopen`, {
      reason: 'Masalah berulang',
    });

  beforeAll(async () => {
    env = await createDevServerEnv();
    db = await openTestDatabase(kind);
    await insertSlaTargets(db.db);
    units.network = await createUnit(db.db, 'RANGKAIAN');
    units.systems = await createUnit(db.db, 'SISTEM');
    units.empty = await createUnit(db.db, 'KOSONG');
    const people = {
      owner: await createPerson(db.db, { roles: ['customer'], name: 'Nurul Huda' }),
      copied: await createPerson(db.db, { roles: ['customer'], name: 'Lim Wei' }),
      agent: await createPerson(db.db, { roles: ['agent'], unitIds: [units.network.id] }),
      outsideAgent: await createPerson(db.db, { roles: ['agent'], unitIds: [units.systems.id] }),
      supervisor: await createPerson(db.db, {
        roles: ['supervisor'],
        headOf: [units.network.id],
      }),
      outsideSupervisor: await createPerson(db.db, {
        roles: ['supervisor'],
        headOf: [units.systems.id],
      }),
      technician: await createPerson(db.db, {
        roles: ['technician'],
        name: 'Rajesh Kumar',
        unitIds: [units.network.id, units.systems.id],
      }),
    };
    stack = await startStack(env, db);
    for (const [who, person] of Object.entries(people) as [Who, { id: string; email: string }][]) {
      ids[who] = person.id;
      sessions[who] = await signIn(stack.app, person.email);
    }

    refs.network = await fileCase('Rangkaian makmal terputus');
    refs.systems = await fileCase('Sistem kewangan lambat');
    refs.unassigned = await fileCase('Projektor bilik kuliah rosak');
    await assign(refs.network, units.network.id, ids.technician);
    await assign(refs.systems, units.systems.id, ids.technician);

    const [row] = await db.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.reference, refs.network));
    await db.db.insert(caseParticipants).values({ caseId: row!.id, personId: ids.copied });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.destroy();
    await env?.teardown();
  });

  const listed = async (query: string) => {
    const response = await get(stack.app, sessions.agent, `/api/v1/cases?limit=100&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Summary[] }>().items;
  };

  it('case summaries carry the assignee name', async () => {
    const items = await listed('');
    const network = items.find((item) => item.reference === refs.network);
    expect(network?.assignee).toEqual({ id: ids.technician, name: 'Rajesh Kumar' });
    expect(network?.assigneeId).toBe(ids.technician);
    const unassigned = items.find((item) => item.reference === refs.unassigned);
    expect(unassigned?.assignee).toBeNull();
  });

  it('queue filter unitId takes one unit', async () => {
    const items = await listed(`unitId=${units.network.id}`);
    expect(items.map((item) => item.reference)).toEqual([refs.network]);
  });

  it('queue filter unitId takes several units', async () => {
    const items = await listed(`unitId=${units.network.id},${units.systems.id}`);
    expect(items.map((item) => item.reference).sort()).toEqual([refs.network, refs.systems].sort());
    expect(await listed(`unitId=${units.empty.id}`)).toEqual([]);
  });

  it('queue filter unitId rejects a value that is not a uuid', async () => {
    const response = await get(
      stack.app,
      sessions.agent,
      `/api/v1/cases?unitId=${units.network.id},rangkaian`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(response.json().error.details)).toContain('unitId');
  });

  it('history entries name the assignee, unit and actor', async () => {
    const response = await get(stack.app, sessions.agent, `/api/v1/cases/${refs.network}`);
    expect(response.statusCode, response.body).toBe(200);
    const history = response.json<{ history: History[] }>().history;

    const assigneeChange = history.find((entry) => entry.field === 'assigneeId');
    expect(assigneeChange?.newValue).toBe(ids.technician);
    expect(assigneeChange?.newName).toEqual({ ms: 'Rajesh Kumar', en: 'Rajesh Kumar' });
    expect(assigneeChange?.oldName).toBeNull();
    expect(assigneeChange?.actor?.id).toBe(ids.agent);
    expect(assigneeChange?.actor?.name).not.toBe('');

    const unitChange = history.find((entry) => entry.field === 'unitId');
    expect(unitChange?.newName).toEqual({ ms: 'Unit RANGKAIAN', en: 'Unit RANGKAIAN' });

    const statusChange = history.find((entry) => entry.field === 'status');
    expect(statusChange?.newName).toBeNull();
  });

  it('customers see no history names', async () => {
    const response = await get(stack.app, sessions.owner, `/api/v1/cases/${refs.network}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().history).toBeUndefined();
  });

  it('customer reply carries its attachments to the timeline', async () => {
    const upload = await uploadFile(stack.app, sessions.owner, 'skrin-ralat.png', tinyPng);
    expect(upload.statusCode, upload.body).toBe(201);
    const attachmentId = upload.json().id as string;
    const reply = await post(stack.app, sessions.owner, `/api/v1/cases/${refs.network}/replies`, {
      body: 'Tangkapan skrin ralat dilampirkan.',
      attachmentIds: [attachmentId],
    });
    expect(reply.statusCode, reply.body).toBe(200);
    const detail = reply.json().case as {
      timeline: { id: string; kind: string }[];
      attachments: { id: string; messageId: string | null }[];
    };
    const entry = detail.timeline.find((item) => item.kind === 'customer_reply');
    const file = detail.attachments.find((item) => item.id === attachmentId);
    expect(entry).toBeDefined();
    expect(file?.messageId).toBe(entry?.id);

    const url = `/api/v1/cases/${refs.network}/attachments/${attachmentId}`;
    expect((await get(stack.app, sessions.owner, url)).statusCode).toBe(200);
    expect((await get(stack.app, sessions.technician, url)).statusCode).toBe(200);
    const stranger = await createPerson(db.db, { roles: ['customer'] });
    const strangerSession = await signIn(stack.app, stranger.email);
    expect((await get(stack.app, strangerSession, url)).statusCode).toBe(404);
  });

  it("customer reply rejects another person's upload", async () => {
    const upload = await uploadFile(stack.app, sessions.technician, 'log.png', tinyPng);
    const reply = await post(stack.app, sessions.owner, `/api/v1/cases/${refs.network}/replies`, {
      body: 'Cuba lampirkan fail orang lain.',
      attachmentIds: [upload.json().id],
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.details[0].field).toContain('attachmentIds');
  });

  it('reopen is refused to those outside the rule', async () => {
    await resolve(refs.network);
    const refused: [Who, number][] = [
      ['copied', 403],
      ['outsideAgent', 403],
      ['outsideSupervisor', 403],
      ['technician', 403],
    ];
    for (const [who, status] of refused) {
      const response = await reopen(who, refs.network);
      expect(response.statusCode, `${who}: ${response.body}`).toBe(status);
    }
    const after = await get(stack.app, sessions.owner, `/api/v1/cases/${refs.network}`);
    expect(after.json().status).toBe('resolved');
    expect(after.json().reopenCount).toBe(0);
  });

  it('reopen is accepted from the requester', async () => {
    const response = await reopen('owner', refs.network);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().case.status).toBe('in_progress');
    expect(response.json().case.reopenCount).toBe(1);
  });

  it("reopen is accepted from an agent of the case's unit", async () => {
    await resolve(refs.network);
    const response = await reopen('agent', refs.network);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().case.reopenCount).toBe(2);
  });

  it("reopen is accepted from a supervisor of the case's unit", async () => {
    await resolve(refs.network);
    const response = await reopen('supervisor', refs.network);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().case.reopenCount).toBe(3);
  });
});
