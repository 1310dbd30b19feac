/**
 * The event support routes over the real stack: the API, a worker with the real activities and
 * workflows on the time-skipping test server, and PGlite. Covers input checks, permissions (a
 * requester sees only their own events; only the support unit's head forms the team; only team
 * members tick the checklist) and the journey from request to rating.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  decideApprovalUpdateName,
  type ApprovalChainState,
} from '../../common/approval';
import { ceremonySupportUnitCode } from '../../common/ceremony';
import { ceremonyEvents, inventoryResources, resourceReservations } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { startStack, type Stack } from '../helpers/stack';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

type Who = 'requester' | 'other' | 'head' | 'technician' | 'second' | 'manager';

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let stack: Stack;
let supportUnitId: string;
let approverId: string;
const ids = {} as Record<Who, string>;
const sessions = {} as Record<Who, Session>;

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  const db = database.db;
  await insertAlwaysOpenCalendar(db);
  const support = await createUnit(db, ceremonySupportUnitCode);
  const faculty = await createUnit(db, 'FAKULTI');
  supportUnitId = support.id;
  approverId = (await createPerson(db, { roles: ['supervisor'], headOf: [faculty.id] })).id;
  const people = {
    requester: await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] }),
    other: await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] }),
    head: await createPerson(db, { roles: ['supervisor'], headOf: [support.id] }),
    technician: await createPerson(db, {
      roles: ['technician'],
      unitIds: [support.id],
      name: 'Aminah Juruteknik',
    }),
    second: await createPerson(db, { roles: ['technician'], unitIds: [support.id] }),
    manager: await createPerson(db, { roles: ['manager'] }),
  };
  env = await createTimeSkippingEnv();
  stack = await startStack(env, database);
  for (const [name, person] of Object.entries(people)) {
    ids[name as Who] = person.id;
    sessions[name as Who] = await signIn(stack.app, person.email);
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
  await database?.destroy();
});

function post(session: Session, url: string, payload: unknown) {
  return stack.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: session.headers,
  });
}

function get(session: Session, url: string) {
  return stack.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
}

function fieldsOf(response: { json(): unknown }): string[] {
  const body = response.json() as { error: { details?: { field: string }[] } };
  return (body.error.details ?? []).map((issue) => issue.field);
}

interface Detail {
  reference: string;
  status: string;
  team: { id: string; name: string }[];
  supportStaff: { id: string }[];
  checklist: { key: string; tickedAt: string | null }[];
  log: { body: string }[];
  equipment: { resourceId: string; outcome: string | null; damageCaseReference: string | null }[];
  actions: Record<string, boolean>;
  rating: number | null;
  timeline: { action: string }[];
}

let tagCounter = 0;
async function addSpeaker(): Promise<string> {
  tagCounter += 1;
  const [row] = await database.db
    .insert(inventoryResources)
    .values({
      tag: `PA-API-${tagCounter}`,
      name: `Sistem PA ${tagCounter}`,
      category: 'pa_system',
      location: 'Stor Dewan',
      owningUnitId: supportUnitId,
    })
    .returning({ id: inventoryResources.id });
  if (!row) throw new Error('insert into inventory_resources returned nothing');
  return row.id;
}

async function requestEvent(
  startsInMs: number,
  endsInMs: number,
  overrides: Record<string, unknown> = {},
  session = sessions.requester,
) {
  const now = await env.currentTimeMs();
  return post(session, '/api/v1/ceremonies', {
    title: 'Majlis Anugerah Kecemerlangan',
    venue: 'Dewan Sultan Iskandar',
    startsAt: new Date(now + startsInMs).toISOString(),
    endsAt: new Date(now + endsInMs).toISOString(),
    audienceSize: 400,
    needs: ['pa_system', 'projector'],
    ...overrides,
  });
}

async function approve(reference: string): Promise<void> {
  const chain = env.client.workflow.getHandle(approvalChainWorkflowId(reference));
  let waiting: string | undefined;
  for (let attempt = 0; attempt < 100 && !waiting; attempt += 1) {
    const state = await chain
      .query<ApprovalChainState>(approvalChainStateQueryName)
      .catch(() => null);
    waiting = state?.levels[0]?.approvers[0]?.approverId;
    if (!waiting) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(waiting).toBe(approverId);
  await chain.executeUpdate(decideApprovalUpdateName, {
    args: [{ actorId: approverId, decision: 'approved', comment: '' }],
  });
  await waitForStatus(reference, 'preparing');
}

async function waitForStatus(reference: string, status: string): Promise<Detail> {
  let detail = { status: '' } as Detail;
  for (let attempt = 0; attempt < 100 && detail.status !== status; attempt += 1) {
    detail = (await get(sessions.requester, `/api/v1/ceremonies/${reference}`)).json<Detail>();
    if (detail.status !== status) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(detail.status).toBe(status);
  return detail;
}

async function created(response: { statusCode: number; json<T>(): T }): Promise<Detail> {
  expect(response.statusCode).toBe(201);
  return response.json<Detail>();
}

async function eventCount(): Promise<number> {
  return (await database.db.select({ id: ceremonyEvents.id }).from(ceremonyEvents)).length;
}

// The journey skips time, so it runs first (see the note in the workflow test).
describe('event support journey', () => {
  it('walks a request from approval to rating', async () => {
    const speakerId = await addSpeaker();
    const event = await created(
      await requestEvent(2 * day, 2 * day + 4 * hour, { resourceIds: [speakerId] }),
    );
    expect(event.status).toBe('pending_approval');
    expect(event.checklist.map((item) => item.key)).toEqual([
      'pa_system.setup',
      'pa_system.test',
      'projector.setup',
      'projector.test',
    ]);
    await approve(event.reference);
    const url = `/api/v1/ceremonies/${event.reference}`;

    const headView = (await get(sessions.head, url)).json<Detail>();
    expect(headView.actions.assignTeam).toBe(true);
    expect(headView.supportStaff.map((person) => person.id)).toContain(ids.technician);
    expect(
      (await post(sessions.technician, `${url}/team`, { technicianIds: [ids.technician] }))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(sessions.other, `${url}/team`, { technicianIds: [ids.technician] })).statusCode,
    ).toBe(404);
    const team = await post(sessions.head, `${url}/team`, { technicianIds: [ids.technician] });
    expect(team.statusCode).toBe(200);
    expect(team.json<Detail>().team.map((member) => member.name)).toEqual(['Aminah Juruteknik']);

    expect(
      (await post(sessions.head, `${url}/checklist`, { key: 'pa_system.setup', ticked: true }))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(sessions.second, `${url}/checklist`, { key: 'pa_system.setup', ticked: true }))
        .statusCode,
    ).toBe(403);
    const unknown = await post(sessions.technician, `${url}/checklist`, {
      key: 'katering',
      ticked: true,
    });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['body.key']);
    for (const item of event.checklist) {
      const ticked = await post(sessions.technician, `${url}/checklist`, {
        key: item.key,
        ticked: true,
      });
      expect(ticked.statusCode).toBe(200);
    }

    await env.sleep(2 * day + hour);
    await waitForStatus(event.reference, 'in_progress');
    const logged = await post(sessions.technician, `${url}/log`, {
      body: 'Ujian bunyi selesai 08:00',
    });
    expect(logged.statusCode).toBe(200);
    expect(logged.json<Detail>().log).toEqual([
      expect.objectContaining({ body: 'Ujian bunyi selesai 08:00' }),
    ]);
    expect((await post(sessions.requester, `${url}/log`, { body: 'Saya' })).statusCode).toBe(403);

    await env.sleep(4 * hour);
    await waitForStatus(event.reference, 'reconciling');
    const undescribed = await post(sessions.technician, `${url}/reconcile`, {
      items: [{ resourceId: speakerId, outcome: 'damaged' }],
    });
    expect(undescribed.statusCode).toBe(400);
    expect(fieldsOf(undescribed)).toEqual(['body.items.0.damage']);
    const reconciled = await post(sessions.technician, `${url}/reconcile`, {
      items: [{ resourceId: speakerId, outcome: 'damaged', damage: 'Kon pembesar suara koyak' }],
    });
    expect(reconciled.statusCode).toBe(200);
    const afterReconcile = reconciled.json<Detail>();
    expect(afterReconcile.status).toBe('awaiting_rating');
    expect(afterReconcile.equipment[0]?.damageCaseReference).toMatch(/^ADU-\d{4}-\d{6}$/);

    expect((await post(sessions.technician, `${url}/rate`, { rating: 5 })).statusCode).toBe(403);
    const badRating = await post(sessions.requester, `${url}/rate`, { rating: 0 });
    expect(badRating.statusCode).toBe(400);
    expect(fieldsOf(badRating)).toEqual(['body.rating']);
    const rated = await post(sessions.requester, `${url}/rate`, { rating: 4, comment: 'Baik' });
    expect(rated.statusCode).toBe(200);
    const closed = await waitForStatus(event.reference, 'closed');
    expect(closed.rating).toBe(4);
    expect(closed.timeline.map((entry) => entry.action)).toContain('damage_case_opened');
  });
});

describe('event support requests', () => {
  it('rejects bad input naming the field and writes nothing', async () => {
    const before = await eventCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'body.title'],
      [{ needs: ['katering'] }, 'body.needs.0'],
      [{ needs: [] }, 'body.needs'],
      [{ audienceSize: 0 }, 'body.audienceSize'],
      [{ resourceIds: ['bukan-uuid'] }, 'body.resourceIds.0'],
    ];
    for (const [override, field] of cases) {
      const response = await requestEvent(3 * day, 3 * day + hour, override);
      expect(response.statusCode, field).toBe(400);
      expect(fieldsOf(response), field).toEqual([field]);
    }
    const backwards = await requestEvent(3 * day, 2 * day);
    expect(backwards.statusCode).toBe(400);
    expect(fieldsOf(backwards)).toEqual(['body.endsAt']);
    // The API checks the start against the wall clock; the test server's clock has skipped ahead.
    const past = await requestEvent(3 * day, 3 * day + hour, {
      startsAt: new Date(Date.now() - day).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(fieldsOf(past)).toEqual(['body.startsAt']);
    expect(await eventCount()).toBe(before);
  });

  it('returns 409 for equipment already reserved', async () => {
    const speakerId = await addSpeaker();
    const first = await created(
      await requestEvent(4 * day, 4 * day + 3 * hour, { resourceIds: [speakerId] }),
    );
    const before = await eventCount();
    const second = await requestEvent(4 * day + hour, 4 * day + 5 * hour, {
      resourceIds: [speakerId],
    });
    expect(second.statusCode).toBe(409);
    expect(second.json<{ error: { code: string } }>().error.code).toBe('conflict');
    expect(await eventCount()).toBe(before);
    const cancelled = await post(
      sessions.requester,
      `/api/v1/ceremonies/${first.reference}/cancel`,
      {
        reason: 'Majlis dibatalkan',
      },
    );
    expect(cancelled.statusCode).toBe(200);
    const reservations = await database.db
      .select({ status: resourceReservations.status })
      .from(resourceReservations)
      .where(eq(resourceReservations.holderReference, first.reference));
    expect(reservations).toEqual([{ status: 'released' }]);
  });

  it('shows a requester only their own events', async () => {
    const event = await created(await requestEvent(8 * day, 8 * day + 2 * hour));
    const url = `/api/v1/ceremonies/${event.reference}`;
    expect((await get(sessions.other, url)).statusCode).toBe(404);
    expect((await post(sessions.other, `${url}/cancel`, { reason: 'bukan saya' })).statusCode).toBe(
      404,
    );
    expect((await get(sessions.technician, url)).statusCode).toBe(200);
    expect((await get(sessions.manager, url)).statusCode).toBe(200);

    const mine = (await get(sessions.requester, '/api/v1/ceremonies')).json<{
      items: { reference: string }[];
    }>();
    expect(mine.items.map((item) => item.reference)).toContain(event.reference);
    const others = (await get(sessions.other, '/api/v1/ceremonies')).json<{ items: unknown[] }>();
    expect(others.items).toEqual([]);
    expect((await get(sessions.other, '/api/v1/ceremonies?scope=all')).statusCode).toBe(403);
    expect((await get(sessions.head, '/api/v1/ceremonies?scope=all')).statusCode).toBe(200);

    const now = await env.currentTimeMs();
    const period = `from=${encodeURIComponent(new Date(now).toISOString())}&to=${encodeURIComponent(new Date(now + 30 * day).toISOString())}`;
    const forHead = (await get(sessions.head, `/api/v1/ceremonies/calendar?${period}`)).json<{
      items: { reference: string }[];
    }>();
    expect(forHead.items.map((item) => item.reference)).toContain(event.reference);
    const forOther = (await get(sessions.other, `/api/v1/ceremonies/calendar?${period}`)).json<{
      items: unknown[];
    }>();
    expect(forOther.items).toEqual([]);
    const cancelled = await post(sessions.requester, `${url}/cancel`, { reason: 'Ditangguhkan' });
    expect(cancelled.json<Detail>().status).toBe('cancelled');
  });

  it('returns 409 naming the clashing event for a busy technician', async () => {
    const first = await created(await requestEvent(10 * day, 10 * day + 4 * hour));
    const second = await created(await requestEvent(10 * day + 2 * hour, 10 * day + 6 * hour));
    await approve(first.reference);
    await approve(second.reference);
    const assigned = await post(sessions.head, `/api/v1/ceremonies/${first.reference}/team`, {
      technicianIds: [ids.technician],
    });
    expect(assigned.statusCode).toBe(200);
    const clash = await post(sessions.head, `/api/v1/ceremonies/${second.reference}/team`, {
      technicianIds: [ids.second, ids.technician],
    });
    expect(clash.statusCode).toBe(409);
    const body = clash.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toContain(first.reference);
    expect(body.error.message).toContain('Aminah Juruteknik');
    for (const event of [first, second]) {
      await post(sessions.requester, `/api/v1/ceremonies/${event.reference}/cancel`, {
        reason: 'Ujian tamat',
      });
    }
  });
});
