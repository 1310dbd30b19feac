/**
 * The report subscription routes over PGlite: who may subscribe and to which units, an
 * administrator subscribing someone else, every bad input naming its field, the conflict of a
 * second identical subscription, cancelling, which keeps the row, and the OpenAPI document.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../common/enums';
import { campuses, reportSubscriptions } from '../../db/schema';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post } from '../helpers/http';

type Who = 'admin' | 'manager' | 'supervisor' | 'customer';

let database: TestDatabase;
let testApp: TestApp;
let ownUnit: string;
let otherUnit: string;
let campusId: string;
const ids = {} as Record<Who, string>;
const sessions = {} as Record<Who, Session>;

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  const db = database.db;
  ownUnit = (await createUnit(db, 'SUB-OWN')).id;
  otherUnit = (await createUnit(db, 'SUB-OTHER')).id;
  const [campus] = await db
    .insert(campuses)
    .values({ code: 'KL', nameMs: 'Kuala Lumpur', nameEn: 'Kuala Lumpur' })
    .returning();
  campusId = campus!.id;
  const cast: Record<Who, { roles: Role[]; headOf?: string[] }> = {
    admin: { roles: ['admin'] },
    manager: { roles: ['manager'] },
    supervisor: { roles: ['supervisor'], headOf: [ownUnit] },
    customer: { roles: ['customer'] },
  };
  testApp = await buildTestApp({ db: database });
  for (const [name, options] of Object.entries(cast)) {
    const person = await createPerson(db, options);
    ids[name as Who] = person.id;
    sessions[name as Who] = await signIn(testApp.app, person.email);
  }
});

afterAll(async () => {
  await testApp?.app.close();
  await database?.destroy();
});

function remove(session: Session, id: string) {
  return testApp.app.inject({
    method: 'DELETE',
    url: `/api/v1/report-subscriptions/${id}`,
    headers: session.headers,
  });
}

function fieldsOf(response: { json(): unknown }): string[] {
  const body = response.json() as { error: { details?: { field: string }[] } };
  return (body.error.details ?? []).map((issue) => issue.field);
}

const monthly = { kind: 'monthly', language: 'ms', format: 'xlsx' };

describe('report subscriptions', () => {
  it('supervisor subscribes to own units only', async () => {
    const own = await post(testApp.app, sessions.supervisor, '/api/v1/report-subscriptions', {
      ...monthly,
      filters: { unitId: ownUnit, campus: campusId },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      personId: ids.supervisor,
      kind: 'monthly',
      language: 'ms',
      format: 'xlsx',
      filters: { unitId: ownUnit, campus: campusId },
    });
    const other = await post(testApp.app, sessions.supervisor, '/api/v1/report-subscriptions', {
      ...monthly,
      filters: { unitId: otherUnit },
    });
    expect(other.statusCode).toBe(403);
    expect(fieldsOf(other)).toContain('body.filters.unitId');
  });

  it('customer may not subscribe', async () => {
    const response = await post(testApp.app, sessions.customer, '/api/v1/report-subscriptions', {
      ...monthly,
    });
    expect(response.statusCode).toBe(403);
    expect((await get(testApp.app, null, '/api/v1/report-subscriptions')).statusCode).toBe(401);
  });

  it('only administrators subscribe others', async () => {
    const byManager = await post(testApp.app, sessions.manager, '/api/v1/report-subscriptions', {
      ...monthly,
      personId: ids.supervisor,
    });
    expect(byManager.statusCode).toBe(403);
    const byAdmin = await post(testApp.app, sessions.admin, '/api/v1/report-subscriptions', {
      kind: 'quarterly',
      language: 'en',
      format: 'pdf',
      personId: ids.manager,
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect(byAdmin.json()).toMatchObject({ personId: ids.manager, kind: 'quarterly', filters: {} });
    const forCustomer = await post(testApp.app, sessions.admin, '/api/v1/report-subscriptions', {
      ...monthly,
      personId: ids.customer,
    });
    expect(forCustomer.statusCode).toBe(400);
    expect(fieldsOf(forCustomer)).toEqual(['body.personId']);
  });

  it.each([
    [{ ...monthly, kind: 'weekly' }, 'body.kind'],
    [{ ...monthly, language: 'fr' }, 'body.language'],
    [{ ...monthly, format: 'csv' }, 'body.format'],
    [{ ...monthly, personId: 'someone' }, 'body.personId'],
    [{ ...monthly, personId: randomUUID() }, 'body.personId'],
    [{ ...monthly, filters: { channel: 'fax' } }, 'body.filters.channel'],
    [{ ...monthly, filters: { campus: randomUUID() } }, 'body.filters.campus'],
    [{ ...monthly, filters: { unitId: randomUUID() } }, 'body.filters.unitId'],
    [{ ...monthly, filters: { category: randomUUID() } }, 'body.filters.category'],
    [{ ...monthly, filters: { site: 'Skudai' } }, 'body.filters'],
  ])('bad input %j names %s', async (payload, field) => {
    const response = await post(
      testApp.app,
      sessions.admin,
      '/api/v1/report-subscriptions',
      payload,
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response)).toContain(field);
  });

  it('same subscription twice is a conflict', async () => {
    const body = { kind: 'annual', language: 'en', format: 'xlsx', filters: { channel: 'email' } };
    const first = await post(testApp.app, sessions.manager, '/api/v1/report-subscriptions', body);
    expect(first.statusCode).toBe(201);
    const second = await post(testApp.app, sessions.manager, '/api/v1/report-subscriptions', body);
    expect(second.statusCode).toBe(409);
  });

  it('lists own subscriptions, and all for administrators', async () => {
    const mine = await get(testApp.app, sessions.manager, '/api/v1/report-subscriptions');
    expect(
      mine
        .json()
        .items.map((item: { kind: string }) => item.kind)
        .sort(),
    ).toEqual(['annual', 'quarterly']);
    const forbidden = await get(
      testApp.app,
      sessions.manager,
      '/api/v1/report-subscriptions?scope=all',
    );
    expect(forbidden.statusCode).toBe(403);
    const all = await get(testApp.app, sessions.admin, '/api/v1/report-subscriptions?scope=all');
    expect(all.json().items).toHaveLength(3);
  });

  it('cancelling keeps the row', async () => {
    const mine = await get(testApp.app, sessions.supervisor, '/api/v1/report-subscriptions');
    const [subscription] = mine.json().items as { id: string }[];
    expect((await remove(sessions.manager, subscription!.id)).statusCode).toBe(404);
    expect((await remove(sessions.supervisor, subscription!.id)).statusCode).toBe(204);
    expect((await remove(sessions.supervisor, subscription!.id)).statusCode).toBe(404);
    const after = await get(testApp.app, sessions.supervisor, '/api/v1/report-subscriptions');
    expect(after.json().items).toEqual([]);
    const [row] = await database.db
      .select()
      .from(reportSubscriptions)
      .where(eq(reportSubscriptions.id, subscription!.id));
    expect(row?.cancelledById).toBe(ids.supervisor);
    expect(row?.cancelledAt).not.toBeNull();

    // Subscribing again after a cancellation is allowed.
    const again = await post(testApp.app, sessions.supervisor, '/api/v1/report-subscriptions', {
      ...monthly,
      filters: { unitId: ownUnit, campus: campusId },
    });
    expect(again.statusCode).toBe(201);
  });

  it('openapi.json lists the reporting routes', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/report-subscriptions',
        '/api/v1/report-subscriptions/{id}',
        '/api/v1/dashboard',
        '/api/v1/campuses',
        '/api/v1/units/{id}/campus',
        '/api/v1/csi-campaigns',
        '/api/v1/csi-campaigns/schedule',
        '/api/v1/csi-campaigns/{reference}/results',
        '/api/v1/csi-campaigns/respond/{token}',
      ]),
    );
  });
});
