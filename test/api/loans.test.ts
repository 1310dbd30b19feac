/**
 * The inventory and loan routes over the real stack: the API, a worker with the real activities
 * and workflows on the time-skipping test server, and PGlite. Covers input checks, permissions
 * (a borrower sees only their own loans; only staff of the owning unit hand over and check in)
 * and the loan journey from application to return.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { inventoryResources } from '../../db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  decideApprovalUpdateName,
  type ApprovalChainState,
} from '../../common/approval';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { signIn, type Session } from '../helpers/app';
import { startStack, type Stack } from '../helpers/stack';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const hour = 60 * 60 * 1000;

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let stack: Stack;
let owningUnitId: string;
let headId: string;
const sessions: Record<'borrower' | 'other' | 'technician' | 'outsider' | 'admin', Session> =
  {} as Record<'borrower' | 'other' | 'technician' | 'outsider' | 'admin', Session>;

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  const db = database.db;
  await insertAlwaysOpenCalendar(db);
  const owning = await createUnit(db, 'SOKONGAN');
  const otherUnit = await createUnit(db, 'APLIKASI');
  const faculty = await createUnit(db, 'FAKULTI');
  owningUnitId = owning.id;
  headId = (await createPerson(db, { roles: ['supervisor'], headOf: [faculty.id] })).id;
  const people = {
    borrower: await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] }),
    other: await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] }),
    technician: await createPerson(db, { roles: ['technician'], unitIds: [owning.id] }),
    outsider: await createPerson(db, { roles: ['technician'], unitIds: [otherUnit.id] }),
    admin: await createPerson(db, { roles: ['admin'] }),
  };
  env = await createTimeSkippingEnv();
  stack = await startStack(env, database);
  for (const [name, person] of Object.entries(people)) {
    sessions[name as keyof typeof sessions] = await signIn(stack.app, person.email);
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

let tagCounter = 0;
async function addProjector(maxLoanHours = 72): Promise<string> {
  tagCounter += 1;
  const response = await post(sessions.technician, '/api/v1/inventory', {
    tag: `PRJ-API-${tagCounter}`,
    name: `Projektor Epson ${tagCounter}`,
    category: 'projector',
    location: 'Stor N28',
    owningUnitId,
    maxLoanHours,
  });
  expect(response.statusCode).toBe(201);
  return (response.json<unknown>() as { id: string }).id;
}

async function period(startInHours: number, endInHours: number) {
  const now = Date.now();
  return {
    startsAt: new Date(now + startInHours * hour).toISOString(),
    endsAt: new Date(now + endInHours * hour).toISOString(),
  };
}

async function apply(session: Session, resourceId: string, startIn: number, endIn: number) {
  return post(session, '/api/v1/loans', {
    resourceId,
    ...(await period(startIn, endIn)),
    purpose: 'Taklimat',
    termsAccepted: true,
  });
}

describe('inventory routes', () => {
  it('lets staff of the owning unit add and change a resource', async () => {
    const id = await addProjector();
    const moved = await post(sessions.technician, `/api/v1/inventory/${id}/move`, {
      location: 'Dewan Sultan Iskandar',
      note: 'Untuk majlis',
    });
    expect(moved.statusCode).toBe(200);
    const condition = await post(sessions.technician, `/api/v1/inventory/${id}/condition`, {
      condition: 'fair',
      note: 'Calar pada penutup',
    });
    expect(condition.statusCode).toBe(200);
    const detail = (await get(sessions.technician, `/api/v1/inventory/${id}`)).json<unknown>() as {
      location: string;
      condition: string;
      history: { event: string; oldValues: Record<string, unknown> }[];
    };
    expect(detail.location).toBe('Dewan Sultan Iskandar');
    expect(detail.condition).toBe('fair');
    expect(detail.history.map((entry) => entry.event)).toEqual([
      'condition_changed',
      'moved',
      'created',
    ]);
    expect(detail.history[1]?.oldValues).toEqual({ location: 'Stor N28' });
  });

  it('rejects inventory changes by other units and customers', async () => {
    const id = await addProjector();
    const outsider = await post(sessions.outsider, `/api/v1/inventory/${id}/move`, {
      location: 'Rumah',
    });
    expect(outsider.statusCode).toBe(403);
    const customer = await post(sessions.borrower, '/api/v1/inventory', {
      tag: 'PRJ-CUSTOMER',
      name: 'Projektor',
      category: 'projector',
      location: 'Stor',
      owningUnitId,
    });
    expect(customer.statusCode).toBe(403);
    const customerView = (
      await get(sessions.borrower, `/api/v1/inventory/${id}`)
    ).json<unknown>() as {
      history: unknown[];
    };
    expect(customerView.history).toEqual([]);
  });

  it('rejects bad inventory input naming the field', async () => {
    const zeroHours = await post(sessions.technician, '/api/v1/inventory', {
      tag: 'PRJ-ZERO',
      name: 'Projektor',
      category: 'projector',
      location: 'Stor',
      owningUnitId,
      maxLoanHours: 0,
    });
    expect(zeroHours.statusCode).toBe(400);
    expect(fieldsOf(zeroHours)).toContain('body.maxLoanHours');
    const badCategory = await post(sessions.technician, '/api/v1/inventory', {
      tag: 'PRJ-BAD',
      name: 'Projektor',
      category: 'spaceship',
      location: 'Stor',
      owningUnitId,
    });
    expect(fieldsOf(badCategory)).toContain('body.category');
    const list = await get(sessions.technician, '/api/v1/inventory?status=lost');
    expect(fieldsOf(list)).toContain('querystring.status');
  });

  it('rejects a duplicate asset tag with 409', async () => {
    const body = {
      tag: 'PRJ-DUP',
      name: 'Projektor',
      category: 'projector',
      location: 'Stor',
      owningUnitId,
    };
    expect((await post(sessions.technician, '/api/v1/inventory', body)).statusCode).toBe(201);
    const again = await post(sessions.technician, '/api/v1/inventory', body);
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again)).toEqual(['body.tag']);
  });
});

describe('loan routes', () => {
  it('rejects bad periods and unbookable resources', async () => {
    const resourceId = await addProjector(24);
    const noTerms = await post(sessions.borrower, '/api/v1/loans', {
      resourceId,
      ...(await period(2, 4)),
      purpose: 'Taklimat',
      termsAccepted: false,
    });
    expect(noTerms.statusCode).toBe(400);
    expect(fieldsOf(noTerms)).toEqual(['body.termsAccepted']);
    const past = await apply(sessions.borrower, resourceId, -2, 4);
    expect(fieldsOf(past)).toEqual(['body.startsAt']);
    const reversed = await apply(sessions.borrower, resourceId, 4, 2);
    expect(fieldsOf(reversed)).toEqual(['body.endsAt']);
    const tooLong = await apply(sessions.borrower, resourceId, 2, 30);
    expect(tooLong.statusCode).toBe(400);
    expect(fieldsOf(tooLong)).toEqual(['body.endsAt']);
    const farAhead = await apply(sessions.borrower, resourceId, 400 * 24, 400 * 24 + 2);
    expect(farAhead.statusCode).toBe(400);
    expect(fieldsOf(farAhead)).toEqual(['body.startsAt']);
    await database.db
      .update(inventoryResources)
      .set({ status: 'in_repair' })
      .where(eq(inventoryResources.id, resourceId));
    const inRepair = await apply(sessions.borrower, resourceId, 2, 4);
    expect(inRepair.statusCode).toBe(400);
    expect(fieldsOf(inRepair)).toEqual(['body.resourceId']);
    const mine = (await get(sessions.borrower, '/api/v1/loans')).json<unknown>() as {
      items: unknown[];
    };
    expect(mine.items).toEqual([]);
  });

  it('rejects an overlapping loan with 409 and accepts a touching one', async () => {
    const resourceId = await addProjector();
    const first = await apply(sessions.borrower, resourceId, 2, 6);
    expect(first.statusCode).toBe(201);
    const overlapping = await apply(sessions.other, resourceId, 5, 8);
    expect(overlapping.statusCode).toBe(409);
    const touching = await apply(sessions.other, resourceId, 6, 8);
    expect(touching.statusCode).toBe(201);
  });

  it('shows a loan only to its borrower and the owning unit', async () => {
    const resourceId = await addProjector();
    const created = await apply(sessions.borrower, resourceId, 2, 6);
    const { reference } = created.json<unknown>() as { reference: string };
    expect((await get(sessions.borrower, `/api/v1/loans/${reference}`)).statusCode).toBe(200);
    expect((await get(sessions.technician, `/api/v1/loans/${reference}`)).statusCode).toBe(200);
    expect((await get(sessions.other, `/api/v1/loans/${reference}`)).statusCode).toBe(404);
    expect((await get(sessions.outsider, `/api/v1/loans/${reference}`)).statusCode).toBe(404);
    const cancelByOther = await post(sessions.other, `/api/v1/loans/${reference}/cancel`, {
      reason: 'bukan saya',
    });
    expect(cancelByOther.statusCode).toBe(404);
    const othersList = (await get(sessions.other, '/api/v1/loans')).json<unknown>() as {
      items: { reference: string }[];
    };
    expect(othersList.items.map((loan) => loan.reference)).not.toContain(reference);
    const unitList = (
      await get(sessions.technician, '/api/v1/loans?scope=unit')
    ).json<unknown>() as {
      items: { reference: string }[];
    };
    expect(unitList.items.map((loan) => loan.reference)).toContain(reference);
  });

  it('walks a loan from application to return', async () => {
    const resourceId = await addProjector();
    const created = await apply(sessions.borrower, resourceId, 2, 6);
    const { reference, status } = created.json<unknown>() as { reference: string; status: string };
    expect(status).toBe('pending_approval');

    const chain = env.client.workflow.getHandle(approvalChainWorkflowId(reference));
    let approverId: string | undefined;
    for (let attempt = 0; attempt < 100 && !approverId; attempt += 1) {
      const state = await chain
        .query<ApprovalChainState>(approvalChainStateQueryName)
        .catch(() => null);
      approverId = state?.levels[0]?.approvers[0]?.approverId;
      if (!approverId) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(approverId).toBe(headId);
    await chain.executeUpdate(decideApprovalUpdateName, {
      args: [{ actorId: headId, decision: 'approved', comment: '' }],
    });
    let loan = { status: '' };
    for (let attempt = 0; attempt < 100 && loan.status !== 'approved'; attempt += 1) {
      loan = (
        await get(sessions.borrower, `/api/v1/loans/${reference}`)
      ).json<unknown>() as typeof loan;
      if (loan.status !== 'approved') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(loan.status).toBe('approved');

    const handover = { condition: 'good', note: 'Dengan kabel', borrowerAcknowledged: true };
    const byOutsider = await post(
      sessions.outsider,
      `/api/v1/loans/${reference}/handover`,
      handover,
    );
    expect(byOutsider.statusCode).toBe(404);
    const byBorrower = await post(
      sessions.borrower,
      `/api/v1/loans/${reference}/handover`,
      handover,
    );
    expect(byBorrower.statusCode).toBe(403);
    const handed = await post(sessions.technician, `/api/v1/loans/${reference}/handover`, handover);
    expect(handed.statusCode).toBe(200);
    expect((handed.json<unknown>() as { status: string }).status).toBe('on_loan');

    const noDamageText = await post(sessions.technician, `/api/v1/loans/${reference}/check-in`, {
      condition: 'damaged',
    });
    expect(fieldsOf(noDamageText)).toEqual(['body.damage']);
    const returned = await post(sessions.technician, `/api/v1/loans/${reference}/check-in`, {
      condition: 'good',
      note: 'Lengkap',
    });
    expect(returned.statusCode).toBe(200);
    const detail = returned.json<unknown>() as { status: string; timeline: { action: string }[] };
    expect(detail.status).toBe('closed');
    expect(detail.timeline.map((entry) => entry.action)).toEqual([
      'requested',
      'approved',
      'handed_over',
      'returned',
    ]);
    const resource = (
      await get(sessions.technician, `/api/v1/inventory/${resourceId}`)
    ).json<unknown>() as {
      status: string;
    };
    expect(resource.status).toBe('available');
  });

  it('lets the borrower cancel before handover', async () => {
    const resourceId = await addProjector();
    const created = await apply(sessions.borrower, resourceId, 2, 6);
    const { reference } = created.json<unknown>() as { reference: string };
    const empty = await post(sessions.borrower, `/api/v1/loans/${reference}/cancel`, {
      reason: '',
    });
    expect(fieldsOf(empty)).toEqual(['body.reason']);
    const cancelled = await post(sessions.borrower, `/api/v1/loans/${reference}/cancel`, {
      reason: 'Majlis dibatalkan',
    });
    expect(cancelled.statusCode).toBe(200);
    expect((cancelled.json<unknown>() as { status: string }).status).toBe('cancelled');
    const again = await apply(sessions.other, resourceId, 3, 5);
    expect(again.statusCode).toBe(201);
  });

  it('shows the week calendar without holders to customers', async () => {
    const resourceId = await addProjector();
    await apply(sessions.borrower, resourceId, 2, 6);
    const from = new Date(Date.now()).toISOString();
    const asCustomer = (
      await get(sessions.other, `/api/v1/inventory/calendar?from=${from}`)
    ).json<unknown>() as {
      resources: { id: string; reservations: { holderReference: string | null }[] }[];
    };
    const row = asCustomer.resources.find((resource) => resource.id === resourceId);
    expect(row?.reservations).toHaveLength(1);
    expect(row?.reservations[0]?.holderReference).toBeNull();
    const asStaff = (
      await get(sessions.technician, `/api/v1/inventory/calendar?from=${from}`)
    ).json<unknown>() as typeof asCustomer;
    const staffRow = asStaff.resources.find((resource) => resource.id === resourceId);
    expect(staffRow?.reservations[0]?.holderReference).toMatch(/^PJM-/);
  });
});
