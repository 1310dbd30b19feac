/**
 * Campuses: the routes that define them and place units on them, and the periodic report's campus
 * filter against cases counted by hand (November 2026, Malaysian time), in JSON, in the records
 * behind a number and in the XLSX export.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodicReport } from '../../activities/reports/periodic-types';
import type { Role } from '../../common/enums';
import { auditLog, cases } from '../../db/schema';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post } from '../helpers/http';

type Who = 'admin' | 'manager' | 'supervisor';

const november = 'from=2026-11-01&to=2026-11-30';

describe.each(databaseKinds())('campus on %s', (kind) => {
  let database: TestDatabase;
  let testApp: TestApp;
  let johorUnit: string;
  let klUnit: string;
  let sharedUnit: string;
  let johor: string;
  let kualaLumpur: string;
  const sessions = {} as Record<Who, Session>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const db = database.db;
    johorUnit = (await createUnit(db, 'KAMPUS-JB')).id;
    klUnit = (await createUnit(db, 'KAMPUS-KL')).id;
    sharedUnit = (await createUnit(db, 'KAMPUS-TIADA')).id;
    const requester = await createPerson(db, { roles: ['customer'] });
    const base = {
      description: 'Kes ujian kampus',
      status: 'in_progress',
      channel: 'portal',
      priority: 3,
      impact: 2,
      urgency: 2,
      requesterId: requester.id,
      createdById: requester.id,
    };
    const november = (day: string, hour = '10:00') => new Date(`2026-11-${day}T${hour}:00+08:00`);
    await db.insert(cases).values([
      { ...base, reference: 'KMP-01', title: 'JB 1', unitId: johorUnit, openedAt: november('02') },
      {
        ...base,
        reference: 'KMP-02',
        title: 'JB 2',
        unitId: johorUnit,
        status: 'resolved',
        openedAt: november('05'),
        resolvedAt: november('06'),
      },
      // 23:30 on 30 November in Malaysia: still November.
      {
        ...base,
        reference: 'KMP-03',
        title: 'JB 3',
        unitId: johorUnit,
        openedAt: november('30', '23:30'),
      },
      { ...base, reference: 'KMP-04', title: 'KL 1', unitId: klUnit, openedAt: november('10') },
      { ...base, reference: 'KMP-05', title: 'KL 2', unitId: klUnit, openedAt: november('11') },
      {
        ...base,
        reference: 'KMP-06',
        title: 'Tiada',
        unitId: sharedUnit,
        openedAt: november('12'),
      },
      // 00:30 on 1 December in Malaysia: December.
      {
        ...base,
        reference: 'KMP-07',
        title: 'JB Disember',
        unitId: johorUnit,
        openedAt: new Date('2026-11-30T16:30:00Z'),
      },
    ]);
    testApp = await buildTestApp({ db: database });
    const roles: Record<Who, { roles: Role[]; headOf?: string[] }> = {
      admin: { roles: ['admin'] },
      manager: { roles: ['manager'] },
      supervisor: { roles: ['supervisor'], headOf: [klUnit] },
    };
    for (const [name, options] of Object.entries(roles)) {
      const person = await createPerson(db, options);
      sessions[name as Who] = await signIn(testApp.app, person.email);
    }
  });

  afterAll(async () => {
    await testApp?.app.close();
    await database?.destroy();
  });

  function put(session: Session, url: string, payload: unknown) {
    return testApp.app.inject({
      method: 'PUT',
      url,
      payload: payload as object,
      headers: session.headers,
    });
  }

  function fieldsOf(response: { json(): unknown }): string[] {
    const body = response.json() as { error: { details?: { field: string }[] } };
    return (body.error.details ?? []).map((issue) => issue.field);
  }

  it('administrators define campuses', async () => {
    const body = { code: 'JB', nameMs: 'Johor Bahru', nameEn: 'Johor Bahru' };
    expect((await post(testApp.app, sessions.manager, '/api/v1/campuses', body)).statusCode).toBe(
      403,
    );
    const created = await post(testApp.app, sessions.admin, '/api/v1/campuses', body);
    expect(created.statusCode, created.body).toBe(201);
    johor = created.json().id;
    const second = await post(testApp.app, sessions.admin, '/api/v1/campuses', {
      code: 'KL',
      nameMs: 'Kuala Lumpur',
      nameEn: 'Kuala Lumpur',
    });
    kualaLumpur = second.json().id;
    const taken = await post(testApp.app, sessions.admin, '/api/v1/campuses', body);
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken)).toEqual(['body.code']);
    const blank = await post(testApp.app, sessions.admin, '/api/v1/campuses', {
      ...body,
      nameMs: ' ',
    });
    expect(blank.statusCode).toBe(400);
    expect(fieldsOf(blank)).toContain('body.nameMs');

    const renamed = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/v1/campuses/${kualaLumpur}`,
      payload: { nameEn: 'Kuala Lumpur campus' },
      headers: sessions.admin.headers,
    });
    expect(renamed.json()).toMatchObject({ code: 'KL', nameEn: 'Kuala Lumpur campus' });

    // A field left out of a change stays as it is.
    const change = (payload: object) =>
      testApp.app.inject({
        method: 'PATCH',
        url: `/api/v1/campuses/${kualaLumpur}`,
        payload,
        headers: sessions.admin.headers,
      });
    expect((await change({ active: false })).json().active).toBe(false);
    expect((await change({ nameMs: 'Kampus Kuala Lumpur' })).json().active).toBe(false);
    expect((await change({ active: true })).json().active).toBe(true);
  });

  it('administrators place units on campuses', async () => {
    expect(
      (await put(sessions.manager, `/api/v1/units/${johorUnit}/campus`, { campusId: johor }))
        .statusCode,
    ).toBe(403);
    const unknown = await put(sessions.admin, `/api/v1/units/${johorUnit}/campus`, {
      campusId: randomUUID(),
    });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['body.campusId']);
    const noUnit = await put(sessions.admin, `/api/v1/units/${randomUUID()}/campus`, {
      campusId: johor,
    });
    expect(noUnit.statusCode).toBe(404);

    for (const [unitId, campusId] of [
      [johorUnit, johor],
      [klUnit, kualaLumpur],
    ] as const) {
      const response = await put(sessions.admin, `/api/v1/units/${unitId}/campus`, { campusId });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ unitId, campusId });
    }
    const list = await get(testApp.app, sessions.supervisor, '/api/v1/campuses');
    expect(list.json().items).toMatchObject([
      { code: 'JB', unitIds: [johorUnit] },
      { code: 'KL', unitIds: [klUnit] },
    ]);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, johorUnit));
    expect(audit.map((row) => row.action)).toContain('campus_changed');
  });

  it('filters the periodic report by campus', async () => {
    const report = async (session: Session, query: string) => {
      const response = await get(
        testApp.app,
        session,
        `/api/v1/reports/periodic?${november}${query}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json<PeriodicReport>();
    };
    const all = await report(sessions.manager, '');
    expect(all.totals.received.value).toBe(6);

    const jb = await report(sessions.manager, `&campus=${johor}`);
    expect(jb.filters).toEqual({ campus: johor });
    expect(jb.totals.received.value).toBe(3);
    expect(jb.totals.resolved.value).toBe(1);
    expect(jb.byUnit.map((row) => row.key)).toEqual([johorUnit]);
    expect(jb.totals.received.query).toMatchObject({ campus: johor, figure: 'received' });

    const kl = await report(sessions.manager, `&campus=${kualaLumpur}`);
    expect(kl.totals.received.value).toBe(2);

    // A supervisor of the KL unit finds nothing of theirs on the JB campus.
    const ownOnOther = await report(sessions.supervisor, `&campus=${johor}`);
    expect(ownOnOther.totals.received.value).toBe(0);

    const records = await get(
      testApp.app,
      sessions.manager,
      `/api/v1/reports/periodic/records?figure=received&${november}&campus=${johor}`,
    );
    expect(records.json().items.map((item: { reference: string }) => item.reference)).toEqual([
      'KMP-01',
      'KMP-02',
      'KMP-03',
    ]);
  });

  it('names the campus in the export', async () => {
    const response = await get(
      testApp.app,
      sessions.manager,
      `/api/v1/reports/periodic?${november}&campus=${kualaLumpur}&format=xlsx&language=en`,
    );
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    let received: unknown = null;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        const first = row.getCell(1).value;
        if (typeof first === 'string') texts.push(first);
        if (first === 'Received' && received === null) received = row.getCell(2).value;
      }),
    );
    expect(texts).toContain('Campus: Kuala Lumpur campus');
    expect(received).toBe(2);
  });

  it('rejects an unknown campus', async () => {
    const unknown = await get(
      testApp.app,
      sessions.manager,
      `/api/v1/reports/periodic?${november}&campus=${randomUUID()}`,
    );
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['querystring.campus']);
  });
});
