/**
 * The live process map: complaints counted at each box of the complaint lane, the case-list
 * filter behind each box, the technician's unit scope, and who may read it, on every database kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import type { ProcessMap } from '../../api/schemas/process-map';
import type { CaseStatus, Role } from '../../common/enums';
import { cases, knowledgeDrafts } from '../../db/schema';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';

interface CaseSpec {
  status: CaseStatus;
  assigned?: boolean;
  unit?: 'mine' | 'other';
  breached?: 'firstResponse' | 'resolution';
  closedDaysAgo?: number;
  type?: 'incident' | 'request';
}

/** The cases behind the expected counts; the comment after each says which box it belongs to. */
const specs: CaseSpec[] = [
  { status: 'new' }, // receive
  { status: 'new', unit: 'mine' }, // receive, in the technician's unit
  { status: 'new', unit: 'other', breached: 'firstResponse' }, // receive, breached
  { status: 'assigned', assigned: true, unit: 'mine' }, // assign
  { status: 'in_progress', assigned: true, unit: 'mine', breached: 'resolution' }, // work, breached
  { status: 'in_progress', assigned: true, unit: 'other' }, // work
  { status: 'in_progress', assigned: true, unit: 'other' }, // work
  { status: 'waiting_customer', assigned: true, unit: 'mine' }, // waiting for the customer
  { status: 'waiting_supplier', assigned: true, unit: 'other' }, // waiting for a supplier
  { status: 'resolved', assigned: true, unit: 'other', breached: 'resolution' }, // inform, not open
  { status: 'closed', assigned: true, unit: 'mine', closedDaysAgo: 2 }, // closed recently
  { status: 'closed', assigned: true, unit: 'other', closedDaysAgo: 45 }, // closed long ago
  { status: 'new', type: 'request' }, // another lane: not counted
];

describe.each(databaseKinds())('process map on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  const sessions: Partial<Record<Role, Session>> = {};

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    const mine = await createUnit(db.db);
    const other = await createUnit(db.db);
    for (const role of ['supervisor', 'auditor', 'customer', 'approver'] as const) {
      const person = await createPerson(db.db, { roles: [role] });
      sessions[role] = await signIn(app, person.email);
    }
    const technician = await createPerson(db.db, { roles: ['technician'], unitIds: [mine.id] });
    sessions.technician = await signIn(app, technician.email);
    const worker = await createPerson(db.db, { roles: ['technician'] });
    const customer = await createPerson(db.db);

    const now = Date.now();
    const rows = await db.db
      .insert(cases)
      .values(
        specs.map((spec, index) => ({
          reference: `ADU-2026-${String(index + 1).padStart(6, '0')}`,
          type: spec.type ?? 'incident',
          title: `Kes ${index + 1}`,
          description: 'Ujian peta proses',
          status: spec.status,
          channel: 'phone',
          priority: 3,
          impact: 2,
          urgency: 2,
          requesterId: customer.id,
          createdById: customer.id,
          unitId: spec.unit === 'mine' ? mine.id : spec.unit === 'other' ? other.id : null,
          assigneeId: spec.assigned ? worker.id : null,
          waitingFor: spec.status.startsWith('waiting_') ? spec.status.slice(8) : null,
          firstResponseBreached: spec.breached === 'firstResponse',
          resolutionBreached: spec.breached === 'resolution',
          openedAt: new Date(now - 60 * 86_400_000),
          closedAt:
            spec.closedDaysAgo === undefined
              ? null
              : new Date(now - spec.closedDaysAgo * 86_400_000),
        })),
      )
      .returning();
    // One finding recorded on a case in the technician's unit.
    await db.db.insert(knowledgeDrafts).values({
      caseId: rows[4]!.id,
      title: 'Kabel rosak',
      body: 'Tukar kabel rangkaian',
      createdAt: new Date(now - 86_400_000),
      idempotencyKey: 'finding:test',
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const get = (role: Role, url = '/process-map') =>
    app.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      headers: { cookie: sessions[role]!.cookie },
    });

  function countsOf(map: ProcessMap) {
    return Object.fromEntries(map.boxes.map((box) => [box.id, box.count]));
  }

  it('counts complaints at each box for a supervisor', async () => {
    const response = await get('supervisor');
    expect(response.statusCode, response.body).toBe(200);
    const map = response.json<ProcessMap>();
    expect(map.lane).toBe('complaint');
    expect(countsOf(map)).toEqual({
      receive: 3,
      assign: 1,
      work: 3,
      finding: 1,
      waitingCustomer: 1,
      waitingSupplier: 1,
      inform: 1,
    });
    expect(map.closedRecently).toMatchObject({ days: 30, count: 1 });
    expect(map.breached.count).toBe(2);
  });

  it('keeps the boxes in the order of the map', async () => {
    const map = (await get('auditor')).json<ProcessMap>();
    expect(map.boxes.map((box) => box.id)).toEqual([
      'receive',
      'assign',
      'work',
      'finding',
      'waitingCustomer',
      'waitingSupplier',
      'inform',
    ]);
  });

  it('gives each box the case-list filter behind it', async () => {
    const map = (await get('supervisor')).json<ProcessMap>();
    const filters = Object.fromEntries(map.boxes.map((box) => [box.id, box.filter]));
    expect(filters).toEqual({
      receive: { status: ['new'], unassigned: true },
      assign: { status: ['assigned'] },
      work: { status: ['in_progress'] },
      finding: null,
      waitingCustomer: { status: ['waiting_customer'] },
      waitingSupplier: { status: ['waiting_supplier'] },
      inform: { status: ['resolved'] },
    });
    expect(map.closedRecently.filter).toEqual({ status: ['closed'], sort: 'updated' });
    expect(map.breached.filter.sort).toBe('due');
  });

  it('each filter lists exactly the counted cases through GET /cases', async () => {
    const map = (await get('supervisor')).json<ProcessMap>();
    for (const box of map.boxes) {
      if (!box.filter) continue;
      const query = new URLSearchParams({ status: box.filter.status.join(','), limit: '100' });
      if (box.filter.unassigned) query.set('unassigned', 'true');
      const list = await get('supervisor', `/cases?${query.toString()}`);
      expect(list.statusCode, list.body).toBe(200);
      const incidents = list
        .json<{ items: { reference: string }[] }>()
        .items.filter((item) => item.reference !== 'ADU-2026-000013');
      expect(incidents.length, box.id).toBe(box.count);
    }
  });

  it("counts only the technician's unit and own cases for a technician", async () => {
    const response = await get('technician');
    expect(response.statusCode, response.body).toBe(200);
    const map = response.json<ProcessMap>();
    // The technician is not the assignee of any case, so only the unit's cases count.
    expect(countsOf(map)).toEqual({
      receive: 1,
      assign: 1,
      work: 1,
      finding: 1,
      waitingCustomer: 1,
      waitingSupplier: 0,
      inform: 0,
    });
    expect(map.closedRecently.count).toBe(1);
    expect(map.breached.count).toBe(1);
  });

  it.each(['customer', 'approver'] as const)('forbids a %s with 403', async (role) => {
    const response = await get(role);
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('forbidden');
  });

  it('rejects unauthenticated callers with 401', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/process-map' });
    expect(response.statusCode).toBe(401);
  });

  it('rejects an unknown lane naming the field', async () => {
    const response = await get('supervisor', '/process-map?lane=projects');
    expect(response.statusCode).toBe(400);
    const details = response.json<{ error: { details?: { field: string }[] } }>().error.details;
    expect(details?.map((issue) => issue.field)).toContain('querystring.lane');
  });
});
