/**
 * The periodic report against fixtures counted by hand: November 2026 in Malaysian time, with a
 * case reopened once, a case closed twice, a case spanning October and November, and cases on
 * both sides of the Malaysian midnight that ends the month. Then the API: who may read it, the
 * drill-down records, and the XLSX and PDF exports with formula neutralisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { signIn, buildTestApp, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get } from '../helpers/http';
import { caseHistory, cases, categories, services } from '../../db/schema';
import { buildPeriodicReport, listFigureRecords } from '../../activities/reports/periodic';
import { neutraliseFormula } from '../../activities/reports/periodic-export';
import { reportPeriod } from '../../activities/reports/periodic-period';
import type { Role } from '../../common/enums';

const november = reportPeriod('2026-11-01', '2026-11-30');
/** After November, so the backlog is measured at the end of the month. */
const later = new Date('2027-01-15T00:00:00Z');
const formulaName = '=HYPERLINK("http://127.0.0.1/","klik")';

describe.each(databaseKinds())('periodic report on %s', (kind) => {
  let db: TestDatabase;
  let testApp: TestApp;
  let unitA: string;
  let unitB: string;
  let categoryOne: string;
  let categoryTwo: string;
  const sessions = {} as Record<Role, Session>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    unitA = (await createUnit(db.db, 'RANGKAIAN')).id;
    unitB = (await createUnit(db.db, 'SISTEM')).id;
    const [service] = await db.db
      .insert(services)
      .values({ code: 'RPT-SVC', nameMs: 'Rangkaian', nameEn: 'Network' })
      .returning();
    const [one, two] = await db.db
      .insert(categories)
      .values([
        { serviceId: service!.id, code: 'RPT-C1', nameMs: 'Wifi', nameEn: 'Wi-Fi' },
        { serviceId: service!.id, code: 'RPT-C2', nameMs: formulaName, nameEn: formulaName },
      ])
      .returning();
    categoryOne = one!.id;
    categoryTwo = two!.id;

    const requester = await createPerson(db.db, { roles: ['customer'] });
    const base = {
      description: 'Kes ujian laporan',
      priority: 3,
      impact: 2,
      urgency: 2,
      requesterId: requester.id,
      createdById: requester.id,
    };
    const rows = await db.db
      .insert(cases)
      .values([
        {
          // 23:30 on 30 November in Malaysia: November, still open.
          ...base,
          reference: 'ADU-2026-000001',
          title: 'A: lewat malam hujung bulan',
          status: 'in_progress',
          channel: 'phone',
          unitId: unitA,
          categoryId: categoryOne,
          openedAt: new Date('2026-11-30T15:30:00Z'),
        },
        {
          // 00:30 on 1 November in Malaysia; reopened once, resolved and closed in November.
          ...base,
          reference: 'ADU-2026-000002',
          title: 'B: dibuka semula sekali',
          status: 'closed',
          channel: 'portal',
          unitId: unitA,
          categoryId: categoryOne,
          openedAt: new Date('2026-10-31T16:30:00Z'),
          firstRespondedAt: new Date('2026-10-31T17:30:00Z'),
          resolvedAt: new Date('2026-11-02T02:00:00Z'),
          closedAt: new Date('2026-11-05T02:00:00Z'),
          reopenCount: 1,
          rating: 2,
          ratedAt: new Date('2026-11-06T02:00:00Z'),
        },
        {
          // 23:30 on 31 October in Malaysia: received in October, resolved late in November.
          ...base,
          reference: 'ADU-2026-000003',
          title: 'C: merentas dua bulan',
          status: 'resolved',
          channel: 'walk_in',
          unitId: unitA,
          categoryId: categoryTwo,
          openedAt: new Date('2026-10-31T15:30:00Z'),
          resolvedAt: new Date('2026-11-10T00:00:00Z'),
          resolutionBreached: true,
          pausedMs: 2 * 60 * 60 * 1000,
          rating: 5,
          ratedAt: new Date('2026-11-11T00:00:00Z'),
        },
        {
          // Closed twice in its history, reopened once in between.
          ...base,
          reference: 'ADU-2026-000004',
          title: 'D: ditutup dua kali',
          status: 'closed',
          channel: 'email',
          unitId: unitB,
          categoryId: categoryTwo,
          openedAt: new Date('2026-11-15T00:00:00Z'),
          firstRespondedAt: new Date('2026-11-15T00:30:00Z'),
          resolvedAt: new Date('2026-11-19T00:00:00Z'),
          closedAt: new Date('2026-11-20T00:00:00Z'),
          reopenCount: 1,
        },
        {
          // 08:00 on 1 December in Malaysia: December.
          ...base,
          reference: 'ADU-2026-000005',
          title: 'E: Disember',
          status: 'new',
          channel: 'portal',
          unitId: unitA,
          openedAt: new Date('2026-12-01T00:00:00Z'),
        },
        {
          // Exactly midnight starting 1 December in Malaysia: December.
          ...base,
          reference: 'ADU-2026-000006',
          title: 'F: tengah malam Disember',
          status: 'new',
          channel: 'portal',
          unitId: unitA,
          openedAt: new Date('2026-11-30T16:00:00Z'),
        },
        {
          // A request received in September and still open at the end of November.
          ...base,
          type: 'request',
          reference: 'MOH-2026-000001',
          title: 'G: permohonan lama',
          status: 'assigned',
          channel: 'email',
          unitId: unitB,
          openedAt: new Date('2026-09-01T00:00:00Z'),
        },
      ])
      .returning({ id: cases.id, reference: cases.reference });
    const caseD = rows.find((row) => row.reference === 'ADU-2026-000004')!;
    await db.db.insert(caseHistory).values(
      ['2026-11-17T00:00:00Z', '2026-11-20T00:00:00Z'].map((at, index) => ({
        caseId: caseD.id,
        at: new Date(at),
        action: 'status',
        field: 'status',
        oldValue: 'resolved',
        newValue: 'closed',
        idempotencyKey: `fixture-close:${index}`,
      })),
    );

    testApp = await buildTestApp({ db });
    const roles: Role[] = ['customer', 'agent', 'technician', 'manager', 'auditor', 'admin'];
    for (const role of roles) {
      const person = await createPerson(db.db, { roles: [role], unitIds: [unitA] });
      sessions[role] = await signIn(testApp.app, person.email);
    }
    const head = await createPerson(db.db, { roles: ['supervisor'], headOf: [unitA] });
    sessions.supervisor = await signIn(testApp.app, head.email);
  });

  afterAll(async () => {
    await testApp?.app.close();
    await db?.destroy();
  });

  const buildNovember = () =>
    buildPeriodicReport(db.db, {
      period: november,
      filters: {},
      scope: { unitIds: null },
      now: later,
    });

  it('totals match the hand count', async () => {
    const report = await buildNovember();
    expect(report.totals.received.value).toBe(3);
    expect(report.totals.resolved.value).toBe(3);
    expect(report.totals.closed.value).toBe(2);
    expect(report.totals.reopened.value).toBe(2);
    expect(report.totals.reopenRate).toBeCloseTo(2 / 3);
    expect(report.totals.breached.value).toBe(1);
    expect(report.totals.resolutionAttainment).toBeCloseTo(2 / 3);
    expect(report.totals.backlog.value).toBe(2);
  });

  it('month boundary follows Malaysian midnight', async () => {
    const report = await buildNovember();
    const received = await listFigureRecords(
      db.db,
      { figure: 'received', from: november.from, to: november.to },
      november,
      { unitIds: null },
      later,
    );
    expect(received.items.map((item) => item.reference)).toEqual([
      'ADU-2026-000002',
      'ADU-2026-000004',
      'ADU-2026-000001',
    ]);
    expect(report.byMonth.map((row) => [row.key, row.received.value, row.resolved.value])).toEqual([
      ['2026-11', 3, 3],
    ]);

    const october = await buildPeriodicReport(db.db, {
      period: reportPeriod('2026-10-01', '2026-10-31'),
      filters: {},
      scope: { unitIds: null },
      now: later,
    });
    expect(october.totals.received.value).toBe(1);
    const december = await buildPeriodicReport(db.db, {
      period: reportPeriod('2026-12-01', '2026-12-31'),
      filters: {},
      scope: { unitIds: null },
      now: later,
    });
    expect(december.totals.received.value).toBe(2);
  });

  it('closed twice is counted once', async () => {
    const closed = await listFigureRecords(
      db.db,
      { figure: 'closed', from: november.from, to: november.to },
      november,
      { unitIds: null },
      later,
    );
    expect(closed.total).toBe(2);
    expect(closed.items.map((item) => item.reference)).toEqual([
      'ADU-2026-000002',
      'ADU-2026-000004',
    ]);
  });

  it('breakdowns and ageing match the hand count', async () => {
    const report = await buildNovember();
    const byChannel = Object.fromEntries(
      report.byChannel.map((row) => [row.key, [row.received.value, row.resolved.value]]),
    );
    expect(byChannel).toEqual({
      email: [1, 1],
      phone: [1, 0],
      portal: [1, 1],
      walk_in: [0, 1],
    });
    const byType = Object.fromEntries(report.byType.map((row) => [row.key, row.backlog.value]));
    expect(byType).toEqual({ incident: 1, request: 1 });
    const byCategory = report.byCategory.find((row) => row.key === categoryOne);
    expect(byCategory?.labelMs).toBe('Wifi');
    expect(byCategory?.received.value).toBe(2);
    const ageing = Object.fromEntries(report.ageing.map((row) => [row.key, row.backlog.value]));
    expect(ageing).toEqual({ '0-2': 1, '3-7': 0, '8-14': 0, '15-30': 0, '31+': 1 });
  });

  it('times and ratings match the hand count', async () => {
    const report = await buildNovember();
    expect(report.times.firstResponse).toEqual({ cases: 2, medianMinutes: 45, p90Minutes: 57 });
    // Resolution minutes: B 2010, C 13470 minus 120 paused, D 5760.
    expect(report.times.resolution).toEqual({
      cases: 3,
      medianMinutes: 5760,
      p90Minutes: 11832,
    });
    expect(report.satisfaction.rated.value).toBe(2);
    expect(report.satisfaction.mean).toBe(3.5);
    expect(report.satisfaction.distribution.map((entry) => entry.rated.value)).toEqual([
      0, 1, 0, 0, 1,
    ]);
  });

  it('each figure drills to its records', async () => {
    const report = await buildNovember();
    const oldest = report.ageing.find((row) => row.key === '31+')!;
    expect(oldest.backlog.query).toEqual({
      figure: 'backlog',
      from: '2026-11-01',
      to: '2026-11-30',
      by: 'age',
      key: '31+',
    });
    const records = await listFigureRecords(
      db.db,
      oldest.backlog.query,
      november,
      { unitIds: null },
      later,
    );
    expect(records.items.map((item) => item.reference)).toEqual(['MOH-2026-000001']);

    for (const row of report.byChannel) {
      const listed = await listFigureRecords(
        db.db,
        row.received.query,
        november,
        { unitIds: null },
        later,
      );
      expect(listed.total, `received by channel ${row.key}`).toBe(row.received.value);
    }
  });

  const readers: [Role, number][] = [
    ['customer', 403],
    ['agent', 403],
    ['technician', 403],
    ['supervisor', 200],
    ['manager', 200],
    ['auditor', 200],
    ['admin', 200],
  ];

  it.each(readers)('periodic report as %s gives %i', async (role, status) => {
    const response = await get(
      testApp.app,
      sessions[role],
      '/api/v1/reports/periodic?from=2026-11-01&to=2026-11-30',
    );
    expect(response.statusCode, response.body).toBe(status);
    const records = await get(
      testApp.app,
      sessions[role],
      '/api/v1/reports/periodic/records?figure=received&from=2026-11-01&to=2026-11-30',
    );
    expect(records.statusCode, records.body).toBe(status);
  });

  it('supervisor sees only own units', async () => {
    const response = await get(
      testApp.app,
      sessions.supervisor,
      '/api/v1/reports/periodic?from=2026-11-01&to=2026-11-30',
    );
    expect(response.json().totals.received.value).toBe(2);
    const records = await get(
      testApp.app,
      sessions.supervisor,
      '/api/v1/reports/periodic/records?figure=received&from=2026-11-01&to=2026-11-30',
    );
    const references = records.json().items.map((item: { reference: string }) => item.reference);
    expect(references).toEqual(['ADU-2026-000002', 'ADU-2026-000001']);
    const otherUnit = await get(
      testApp.app,
      sessions.supervisor,
      `/api/v1/reports/periodic?from=2026-11-01&to=2026-11-30&unitId=${unitB}`,
    );
    expect(otherUnit.statusCode).toBe(403);
  });

  it.each([
    ['from=2026-11-31&to=2026-11-30', 'from'],
    ['from=2026-11-10&to=2026-11-01', 'to'],
    ['from=2020-01-01&to=2026-11-01', 'to'],
    ['from=2026-11-01&to=2026-11-30&channel=fax', 'channel'],
    ['from=2026-11-01&to=2026-11-30&campus=Skudai', 'campus'],
    ['from=2026-11-01&to=2026-11-30&format=csv', 'format'],
  ])('invalid query %s names %s', async (query, field) => {
    const response = await get(testApp.app, sessions.manager, `/api/v1/reports/periodic?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain(field);
  });

  it('neutraliseFormula prefixes formula starts', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1']) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    }
    expect(neutraliseFormula('Wifi')).toBe('Wifi');
  });

  it('xlsx export neutralises every text cell', async () => {
    const response = await get(
      testApp.app,
      sessions.manager,
      '/api/v1/reports/periodic?from=2026-11-01&to=2026-11-30&format=xlsx&language=en',
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `cell ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(texts).toContain(`'${formulaName}`);
    expect(texts).toContain('Periodic Report of Complaints and Requests');
    for (const text of texts) expect(text, text).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('pdf export is a Malay PDF', async () => {
    const response = await get(
      testApp.app,
      sessions.manager,
      '/api/v1/reports/periodic?from=2026-11-01&to=2026-11-30&format=pdf&language=ms',
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(response.headers['content-disposition']).toContain('laporan-berkala-2026-11-01');
  });
});
