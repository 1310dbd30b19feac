/**
 * Repeated faults and the extra fields of GET /reports/trends: the weekly counts per series and the
 * names of listed candidates. Repeated faults are cases on the same service from the same requester
 * within the window that ends when the tested week ends (Malaysian time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get } from '../helpers/http';
import { cases, categories, correctiveActionCandidates, services } from '../../db/schema';
import { findRepeatedFaults } from '../../activities/reports/trends';

/** A Monday; the tested week ends at 2026-11-30 00:00 in Malaysia. */
const testedWeek = '2026-11-23';

interface TrendsBody {
  results: { key: string; recentWeeks: number[] }[];
  repeatedFaults: {
    windowDays: number;
    minCases: number;
    from: string;
    to: string;
    groups: { requesterId: string; serviceEn: string; count: number; caseReferences: string[] }[];
  };
}

describe.each(databaseKinds())('repeated faults on %s', (kind) => {
  let db: TestDatabase;
  let testApp: TestApp;
  let manager: Session;
  let supervisor: Session;
  let network: string;
  let wifi: string;
  const requesters = {} as Record<'repeating' | 'boundary' | 'otherUnit', string>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const unit = await createUnit(db.db, 'RPT-RANGKAIAN');
    const otherUnit = await createUnit(db.db, 'RPT-APLIKASI');
    const [networkService, mailService] = await db.db
      .insert(services)
      .values([
        { code: 'RPT-NET', nameMs: 'Rangkaian', nameEn: 'Network' },
        { code: 'RPT-MAIL', nameMs: 'E-mel', nameEn: 'E-mail' },
      ])
      .returning();
    network = networkService!.id;
    const [category] = await db.db
      .insert(categories)
      .values({ serviceId: network, code: 'RPT-WIFI', nameMs: 'Wifi', nameEn: 'Wi-Fi' })
      .returning();
    wifi = category!.id;
    for (const name of ['repeating', 'boundary', 'otherUnit'] as const) {
      requesters[name] = (await createPerson(db.db, { roles: ['customer'] })).id;
    }

    let sequence = 0;
    const at = (local: string) => new Date(`${local}+08:00`);
    const caseOf = (
      requester: keyof typeof requesters,
      serviceId: string,
      openedAt: Date,
      unitId = unit.id,
    ): typeof cases.$inferInsert => {
      sequence += 1;
      return {
        reference: `ADU-2026-${String(800_000 + sequence)}`,
        title: 'Kes ujian kerosakan berulang',
        description: 'Kes ujian kerosakan berulang',
        status: 'in_progress',
        channel: 'portal',
        priority: 3,
        impact: 2,
        urgency: 2,
        requesterId: requesters[requester],
        createdById: requesters[requester],
        unitId,
        serviceId,
        categoryId: serviceId === network ? wifi : null,
        openedAt,
      };
    };
    await db.db.insert(cases).values([
      // Three inside the 14 days, the first 30 minutes after the window opens (16 Nov, Malaysia)
      // and the last at 23:30 on the last Sunday.
      caseOf('repeating', network, at('2026-11-16T00:30:00')),
      caseOf('repeating', network, at('2026-11-20T10:00:00')),
      caseOf('repeating', network, at('2026-11-29T23:30:00')),
      // Two on another service do not repeat.
      caseOf('repeating', mailService!.id, at('2026-11-24T09:00:00')),
      caseOf('repeating', mailService!.id, at('2026-11-25T09:00:00')),
      // One 30 minutes before the window and one after the week: two inside.
      caseOf('boundary', network, at('2026-11-15T23:30:00')),
      caseOf('boundary', network, at('2026-11-18T09:00:00')),
      caseOf('boundary', network, at('2026-11-25T09:00:00')),
      caseOf('boundary', network, at('2026-11-30T00:10:00')),
      // Three resolved by another unit, hidden from the first unit's head.
      caseOf('otherUnit', network, at('2026-11-24T09:00:00'), otherUnit.id),
      caseOf('otherUnit', network, at('2026-11-25T09:00:00'), otherUnit.id),
      caseOf('otherUnit', network, at('2026-11-26T09:00:00'), otherUnit.id),
    ]);

    testApp = await buildTestApp({ db });
    const managerPerson = await createPerson(db.db, { roles: ['manager'] });
    manager = await signIn(testApp.app, managerPerson.email);
    const head = await createPerson(db.db, { roles: ['supervisor'], headOf: [unit.id] });
    supervisor = await signIn(testApp.app, head.email);
    await db.db.insert(correctiveActionCandidates).values({
      kind: 'rise',
      dimension: 'category',
      seriesKey: wifi,
      weekStart: testedWeek,
      observed: 9,
      expected: 1,
      pValue: 0.0001,
      evidence: {},
      createdById: managerPerson.id,
    });
  }, 120_000);

  afterAll(async () => {
    await testApp?.app.close();
    await db?.destroy();
  });

  async function trends(session: Session, query = '') {
    const response = await get(
      testApp.app,
      session,
      `/api/v1/reports/trends?dimension=service&week=2026-11-26${query}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<TrendsBody>();
  }

  it('window ends with the tested week', async () => {
    const result = await findRepeatedFaults(db.db, { day: '2026-11-29', scope: { unitIds: null } });
    expect(result.from).toBe('2026-11-15T16:00:00.000Z');
    expect(result.to).toBe('2026-11-29T16:00:00.000Z');
    expect(result.options).toEqual({ windowDays: 14, minCases: 3 });
  });

  it('three cases on one service repeat', async () => {
    const body = await trends(manager);
    expect(body.repeatedFaults.windowDays).toBe(14);
    expect(body.repeatedFaults.minCases).toBe(3);
    const byRequester = new Map(body.repeatedFaults.groups.map((g) => [g.requesterId, g]));
    expect(byRequester.get(requesters.repeating)).toMatchObject({
      serviceEn: 'Network',
      count: 3,
      caseReferences: ['ADU-2026-800001', 'ADU-2026-800002', 'ADU-2026-800003'],
    });
    expect(byRequester.has(requesters.boundary)).toBe(false);
    expect(byRequester.get(requesters.otherUnit)?.count).toBe(3);
    expect(body.repeatedFaults.groups).toHaveLength(2);
  });

  it('longer window takes the boundary case', async () => {
    const body = await trends(manager, '&repeatWindowDays=15');
    const boundary = body.repeatedFaults.groups.find(
      (group) => group.requesterId === requesters.boundary,
    );
    expect(boundary?.count).toBe(3);
    expect(boundary?.caseReferences).not.toContain('ADU-2026-800009');
  });

  it('lower minimum takes two cases', async () => {
    const body = await trends(manager, '&repeatMinCases=2');
    const counts = body.repeatedFaults.groups.map((group) => group.count).sort();
    expect(counts).toEqual([2, 2, 3, 3]);
  });

  it('supervisor sees only own unit', async () => {
    const body = await trends(supervisor);
    expect(body.repeatedFaults.groups.map((group) => group.requesterId)).toEqual([
      requesters.repeating,
    ]);
  });

  it('results carry twelve weekly counts', async () => {
    const body = await trends(manager);
    const networkResult = body.results.find((result) => result.key === network);
    // Tested week: 1 + 1 + 3 network cases; the week before: 2 + 1; the week before that: 1.
    expect(networkResult?.recentWeeks).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 5]);
  });

  it.each([
    ['repeatWindowDays=0', 'repeatWindowDays'],
    ['repeatWindowDays=91', 'repeatWindowDays'],
    ['repeatMinCases=1', 'repeatMinCases'],
    ['repeatMinCases=abc', 'repeatMinCases'],
  ])('invalid %s names the field', async (query, field) => {
    const response = await get(
      testApp.app,
      manager,
      `/api/v1/reports/trends?week=${testedWeek}&${query}`,
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain(field);
  });

  it('listed candidate carries its name', async () => {
    const response = await get(testApp.app, manager, '/api/v1/reports/trends/candidates');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toMatchObject([{ seriesKey: wifi, labelMs: 'Wifi' }]);
  });
});
