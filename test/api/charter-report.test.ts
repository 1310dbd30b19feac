/**
 * The charter report against fixtures counted by hand. The tests cover which period a case
 * belongs to (Malaysian time), the outcome of each target, the shares and the list behind a
 * number. They also cover the CSV and XLSX exports with neutralised formulas, and who may read it.
 *
 * Fixtures (times in Malaysian time, UTC+8); "far" is a due time in 2099, so the target is pending:
 *   #1 unit A, P2, category C, opened 4 May 09:00   FR met, resolution met
 *   #2 unit A, P2, category C, opened 10 May 10:00  FR late, resolution met
 *   #3 unit A, P2, category C, opened 31 May 23:30  FR met, resolution pending (due far)
 *   #4 unit A, P2, category C, opened 1 June 00:30  (June, not May)
 *   #5 unit B, P1, no category, opened 1 May 00:00  FR without due time, resolution flagged breached
 *   #6 unit B, P1, no category, opened 30 April 23:59 (April, not May)
 *   #7 unit A, P2, category C, opened 20 May 08:30  FR and resolution not met, both past due
 * May: (P1, B, none) 1 case: FR no target, resolution 0 of 1. (P2, A, C) 4 cases: FR 2 of 4 met,
 * resolution 2 met, 1 breached, 1 pending.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import { neutraliseCell } from '../../activities/reports/export';
import { resolvePeriod } from '../../api/routes/reports';
import { cases, categories, services, units } from '../../db/schema';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { get } from '../helpers/http';

const myt = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const far = myt('2099-12-31 17:00');

interface Counts {
  met: number;
  breached: number;
  pending: number;
  noTarget: number;
  share: number | null;
}

interface Report {
  period: { from: string; to: string; timeZone: string };
  rows: Array<{
    priority: number;
    unit: { id: string; nameEn: string } | null;
    category: { id: string } | null;
    cases: number;
    firstResponse: Counts;
    resolution: Counts;
  }>;
  totals: { cases: number; firstResponse: Counts; resolution: Counts };
}

describe('neutraliseCell', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+60 12', "'+60 12"],
    ['-1', "'-1"],
    ['@user', "'@user"],
    ['\tTab', "'\tTab"],
    ['\rReturn', "'\rReturn"],
    ['Unit Rangkaian', 'Unit Rangkaian'],
    ['a=b', 'a=b'],
  ])('%j becomes %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });
});

describe('resolvePeriod', () => {
  it('month of February in a leap year ends on the 29th', () => {
    expect(resolvePeriod({ year: 2028, month: 2 })).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });

  it('halves and years cover their months', () => {
    expect(resolvePeriod({ year: 2026, half: 1 })).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(resolvePeriod({ year: 2026, half: 2 })).toEqual({
      from: '2026-07-01',
      to: '2026-12-31',
    });
    expect(resolvePeriod({ year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('range needs both ends in order', () => {
    expect(() => resolvePeriod({ from: '2026-05-01' })).toThrow(/to: missing/);
    expect(() => resolvePeriod({ from: '2026-05-02', to: '2026-05-01' })).toThrow(/before from/);
    expect(() => resolvePeriod({})).toThrow(/year: missing/);
  });
});

describe.each(databaseKinds())('charter report on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  let unitA: string;
  let unitB: string;
  let categoryC: string;
  let manager: Session;
  let auditor: Session;
  let supervisorB: Session;
  let technician: Session;
  let customer: Session;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    const [a] = await db.db
      .insert(units)
      .values({ code: 'CH-A', nameMs: '=HYPERLINK("x")', nameEn: '=SUM(A1)' })
      .returning();
    const [b] = await db.db
      .insert(units)
      .values({ code: 'CH-B', nameMs: 'Unit Rangkaian', nameEn: 'Network Unit' })
      .returning();
    const [service] = await db.db
      .insert(services)
      .values({ code: 'CH-S', nameMs: 'E-mel', nameEn: 'E-mail' })
      .returning();
    if (!a || !b || !service) throw new Error('fixture insert returned nothing');
    const [category] = await db.db
      .insert(categories)
      .values({ serviceId: service.id, code: 'CH-C', nameMs: '@Peti mel', nameEn: '@Mailbox' })
      .returning();
    if (!category) throw new Error('fixture insert returned nothing');
    unitA = a.id;
    unitB = b.id;
    categoryC = category.id;

    const requester = await createPerson(db.db, { roles: ['customer'] });
    const base = {
      description: 'Fixture',
      status: 'in_progress',
      channel: 'portal',
      impact: 2,
      urgency: 2,
      requesterId: requester.id,
      createdById: requester.id,
    };
    const inA = { ...base, unitId: unitA, categoryId: categoryC, priority: 2 };
    const inB = { ...base, unitId: unitB, categoryId: null, priority: 1 };
    await db.db.insert(cases).values([
      {
        ...inA,
        reference: 'CH-1',
        title: 'Case 1',
        openedAt: myt('2026-05-04 09:00'),
        firstResponseDueAt: myt('2026-05-04 13:00'),
        firstRespondedAt: myt('2026-05-04 10:00'),
        resolutionDueAt: myt('2026-05-06 17:00'),
        resolvedAt: myt('2026-05-05 11:00'),
        status: 'resolved',
      },
      {
        ...inA,
        reference: 'CH-2',
        title: 'Case 2',
        openedAt: myt('2026-05-10 10:00'),
        firstResponseDueAt: myt('2026-05-11 12:00'),
        firstRespondedAt: myt('2026-05-11 15:00'),
        firstResponseBreached: true,
        resolutionDueAt: myt('2026-05-15 17:00'),
        resolvedAt: myt('2026-05-14 09:00'),
        status: 'resolved',
      },
      {
        ...inA,
        reference: 'CH-3',
        title: 'Case 3',
        openedAt: myt('2026-05-31 23:30'),
        firstResponseDueAt: myt('2026-06-02 12:00'),
        firstRespondedAt: myt('2026-06-02 09:00'),
        resolutionDueAt: far,
      },
      {
        ...inA,
        reference: 'CH-4',
        title: 'Case 4',
        openedAt: myt('2026-06-01 00:30'),
        firstResponseDueAt: far,
        resolutionDueAt: far,
      },
      {
        ...inB,
        reference: 'CH-5',
        title: 'Case 5',
        openedAt: myt('2026-05-01 00:00'),
        resolutionDueAt: myt('2026-05-05 17:00'),
        resolvedAt: myt('2026-05-02 10:00'),
        resolutionBreached: true,
        status: 'resolved',
      },
      {
        ...inB,
        reference: 'CH-6',
        title: 'Case 6',
        openedAt: myt('2026-04-30 23:59'),
        resolutionDueAt: far,
      },
      {
        ...inA,
        reference: 'CH-7',
        title: 'Case 7',
        openedAt: myt('2026-05-20 08:30'),
        firstResponseDueAt: myt('2026-05-20 12:00'),
        resolutionDueAt: myt('2026-05-25 17:00'),
      },
    ]);

    const session = async (options: Parameters<typeof createPerson>[1]) =>
      signIn(app, (await createPerson(db.db, options)).email);
    manager = await session({ roles: ['manager'] });
    auditor = await session({ roles: ['auditor'] });
    supervisorB = await session({ roles: ['supervisor'], headOf: [unitB] });
    technician = await session({ roles: ['technician'], unitIds: [unitA] });
    customer = await session({ roles: ['customer'] });
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  async function report(session: Session, query: string): Promise<Report> {
    const response = await get(app, session, `/api/v1/reports/charter?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Report>();
  }

  it('month counts cases opened in it, in Malaysian time', async () => {
    const may = await report(manager, 'year=2026&month=5');
    expect(may.period).toEqual({
      from: '2026-05-01',
      to: '2026-05-31',
      timeZone: 'Asia/Kuala_Lumpur',
    });
    expect(may.totals.cases).toBe(5);
    expect(
      may.rows.map((row) => [row.priority, row.unit?.id, row.category?.id ?? null, row.cases]),
    ).toEqual([
      [1, unitB, null, 1],
      [2, unitA, categoryC, 4],
    ]);
  });

  it('shares count met against met plus breached', async () => {
    const may = await report(manager, 'year=2026&month=5');
    const [p1, p2] = may.rows;
    expect(p1?.firstResponse).toEqual({
      met: 0,
      breached: 0,
      pending: 0,
      noTarget: 1,
      share: null,
    });
    expect(p1?.resolution).toEqual({ met: 0, breached: 1, pending: 0, noTarget: 0, share: 0 });
    expect(p2?.firstResponse).toEqual({ met: 2, breached: 2, pending: 0, noTarget: 0, share: 0.5 });
    expect(p2?.resolution.met).toBe(2);
    expect(p2?.resolution.breached).toBe(1);
    expect(p2?.resolution.pending).toBe(1);
    expect(p2?.resolution.share).toBeCloseTo(2 / 3);
    expect(may.totals.firstResponse.share).toBe(0.5);
    expect(may.totals.resolution.share).toBe(0.5);
  });

  it('case at 23:30 on the last day belongs to that month', async () => {
    const lastDay = await report(manager, 'from=2026-05-31&to=2026-05-31');
    expect(lastDay.totals.cases).toBe(1);
    const june = await report(manager, 'year=2026&month=6');
    expect(june.totals.cases).toBe(1);
    const april = await report(manager, 'year=2026&month=4');
    expect(april.totals.cases).toBe(1);
  });

  it('half-year and year cover every fixture', async () => {
    expect((await report(manager, 'year=2026&half=1')).totals.cases).toBe(7);
    expect((await report(manager, 'year=2026&half=2')).totals.cases).toBe(0);
    expect((await report(auditor, 'year=2026')).totals.cases).toBe(7);
  });

  it('filters by unit, category and priority', async () => {
    expect((await report(manager, `year=2026&month=5&unitId=${unitB}`)).totals.cases).toBe(1);
    expect((await report(manager, 'year=2026&month=5&categoryId=none')).totals.cases).toBe(1);
    expect((await report(manager, `year=2026&month=5&categoryId=${categoryC}`)).totals.cases).toBe(
      4,
    );
    expect((await report(manager, 'year=2026&month=5&priority=2')).totals.cases).toBe(4);
  });

  it('list behind a number returns those cases', async () => {
    const response = await get(
      app,
      manager,
      `/api/v1/reports/charter/cases?year=2026&month=5&priority=2&unitId=${unitA}&categoryId=${categoryC}&target=first_response&outcome=breached`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const { items } = response.json<{ items: Array<{ reference: string; outcome: string }> }>();
    expect(items.map((item) => item.reference)).toEqual(['CH-2', 'CH-7']);
    expect(items.every((item) => item.outcome === 'breached')).toBe(true);

    const pending = await get(
      app,
      manager,
      '/api/v1/reports/charter/cases?year=2026&month=5&target=resolution&outcome=pending',
    );
    expect(pending.json<{ items: Array<{ reference: string }> }>().items).toEqual([
      expect.objectContaining({ reference: 'CH-3' }),
    ]);
  });

  it('supervisor sees only own units', async () => {
    const own = await report(supervisorB, 'year=2026&month=5');
    expect(own.rows.map((row) => row.unit?.id)).toEqual([unitB]);
    const other = await get(
      app,
      supervisorB,
      `/api/v1/reports/charter?year=2026&month=5&unitId=${unitA}`,
    );
    expect(other.statusCode).toBe(403);
    const drill = await get(
      app,
      supervisorB,
      '/api/v1/reports/charter/cases?year=2026&month=5&target=resolution&outcome=pending',
    );
    expect(drill.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('technician, customer and anonymous are refused', async () => {
    expect((await get(app, technician, '/api/v1/reports/charter?year=2026')).statusCode).toBe(403);
    expect((await get(app, customer, '/api/v1/reports/charter?year=2026')).statusCode).toBe(403);
    expect((await get(app, null, '/api/v1/reports/charter?year=2026')).statusCode).toBe(401);
  });

  it('invalid period gets 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['month=5', 'year'],
      ['year=2026&month=13', 'month'],
      ['from=2026-05-01', 'to'],
      ['from=2026-05-02&to=2026-05-01', 'to'],
      ['year=2026&month=1&half=1', 'half'],
      ['year=2026&format=pdf', 'format'],
    ];
    for (const [query, field] of cases) {
      const response = await get(app, manager, `/api/v1/reports/charter?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).toContain(field);
    }
  });

  it('CSV neutralises formulas in text cells', async () => {
    const response = await get(
      app,
      manager,
      '/api/v1/reports/charter?year=2026&month=5&format=csv&lang=en',
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('charter-2026-05-01-2026-05-31.csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Priority,Unit,Category,Cases,First response: met/);
    expect(lines[1]).toBe('1,Network Unit,(none),1,0,0,0,,0,1,0,0');
    expect(lines[2]).toBe("2,'=SUM(A1),'@Mailbox,4,2,2,0,50,2,1,1,66.7");
    expect(lines[3]).toBe('Total,,,5,2,2,0,50,2,2,1,50');
  });

  it('XLSX neutralises formulas and keeps numbers', async () => {
    const response = await get(
      app,
      manager,
      '/api/v1/reports/charter?year=2026&month=5&format=xlsx',
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    // exceljs 4.4 types its argument as the ArrayBuffer-backed Buffer of older @types/node.
    await workbook.xlsx.load(
      response.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const sheet = workbook.getWorksheet('Piagam');
    expect(sheet?.getCell('A1').value).toBe('Keutamaan');
    expect(sheet?.getCell('B3').value).toBe('\'=HYPERLINK("x")');
    expect(sheet?.getCell('C3').value).toBe("'@Peti mel");
    expect(sheet?.getCell('D3').value).toBe(4);
    expect(sheet?.getCell('H3').value).toBe(50);
  });
});
