/**
 * Trend analysis over the database. A category with a spike in the tested week is flagged and a
 * steady one is not. A candidate raised from the flag stores its evidence once. Then the roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post } from '../helpers/http';
import { cases, categories, correctiveActionCandidates, services } from '../../db/schema';
import { analyseTrends, mondayOf } from '../../activities/reports/trends';
import type { Role } from '../../common/enums';

/** A Monday; the tested week runs from its Malaysian midnight. */
const testedWeek = '2026-11-23';
const weekMs = 7 * 24 * 60 * 60 * 1000;
const historyWeeks = 158;

describe.each(databaseKinds())('trend analysis on %s', (kind) => {
  let db: TestDatabase;
  let testApp: TestApp;
  let spiking: string;
  let steady: string;
  const sessions = {} as Record<Role, Session>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const unit = await createUnit(db.db, 'RANGKAIAN');
    const [service] = await db.db
      .insert(services)
      .values({ code: 'TRD-SVC', nameMs: 'Rangkaian', nameEn: 'Network' })
      .returning();
    const [one, two] = await db.db
      .insert(categories)
      .values([
        { serviceId: service!.id, code: 'TRD-WIFI', nameMs: 'Wifi', nameEn: 'Wi-Fi' },
        { serviceId: service!.id, code: 'TRD-EMEL', nameMs: 'E-mel', nameEn: 'E-mail' },
      ])
      .returning();
    spiking = one!.id;
    steady = two!.id;
    const requester = await createPerson(db.db, { roles: ['customer'] });

    // Two cases a week in each category for three years, then 12 Wi-Fi cases in the tested week.
    const testedStart = new Date(`${testedWeek}T00:00:00+08:00`).getTime();
    const rows: (typeof cases.$inferInsert)[] = [];
    let sequence = 0;
    const addCase = (categoryId: string, openedAt: Date) => {
      sequence += 1;
      rows.push({
        reference: `ADU-2026-${String(sequence).padStart(6, '0')}`,
        title: 'Kes ujian trend',
        description: 'Kes ujian trend',
        status: 'closed',
        channel: 'portal',
        priority: 3,
        impact: 2,
        urgency: 2,
        requesterId: requester.id,
        createdById: requester.id,
        unitId: unit.id,
        serviceId: service!.id,
        categoryId,
        openedAt,
      });
    };
    for (let week = historyWeeks; week >= 0; week -= 1) {
      const weekStart = testedStart - week * weekMs;
      for (const categoryId of [spiking, steady]) {
        const perWeek = week === 0 && categoryId === spiking ? 12 : 2;
        for (let index = 0; index < perWeek; index += 1) {
          addCase(categoryId, new Date(weekStart + (index + 1) * 3_600_000));
        }
      }
    }
    for (let start = 0; start < rows.length; start += 200) {
      await db.db.insert(cases).values(rows.slice(start, start + 200));
    }

    testApp = await buildTestApp({ db });
    for (const role of ['customer', 'manager', 'auditor'] as Role[]) {
      const person = await createPerson(db.db, { roles: [role] });
      sessions[role] = await signIn(testApp.app, person.email);
    }
    const head = await createPerson(db.db, { roles: ['supervisor'], headOf: [unit.id] });
    sessions.supervisor = await signIn(testApp.app, head.email);
  }, 120_000);

  afterAll(async () => {
    await testApp?.app.close();
    await db?.destroy();
  });

  it('mondayOf finds the week start', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });

  it('spike is flagged and steady is not', async () => {
    const analysis = await analyseTrends(db.db, {
      dimension: 'category',
      day: '2026-11-26',
      scope: { unitIds: null },
    });
    expect(analysis.weekStart).toBe(testedWeek);
    const byKey = new Map(analysis.results.map((result) => [result.key, result]));
    expect(byKey.get(spiking)).toMatchObject({
      observed: 12,
      previous: 2,
      expected: 2,
      basis: 'seasonal',
      flagged: true,
      labelMs: 'Wifi',
    });
    expect(byKey.get(steady)).toMatchObject({ observed: 2, expected: 2, flagged: false });
  });

  it('candidate stores evidence once', async () => {
    const first = await post(testApp.app, sessions.auditor, '/api/v1/reports/trends/candidates', {
      dimension: 'category',
      key: spiking,
      week: testedWeek,
    });
    expect(first.statusCode, first.body).toBe(201);
    const candidate = first.json();
    expect(candidate).toMatchObject({ observed: 12, expected: 2, status: 'open', kind: 'rise' });
    expect(candidate.evidence.caseReferences).toHaveLength(12);
    expect(candidate.evidence.recentWeeks).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 12]);
    expect(candidate.evidence.method).toBe('poisson-upper-tail-bonferroni');

    const again = await post(testApp.app, sessions.manager, '/api/v1/reports/trends/candidates', {
      dimension: 'category',
      key: spiking,
      week: '2026-11-27',
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(candidate.id);
    const stored = await db.db.select().from(correctiveActionCandidates);
    expect(stored).toHaveLength(1);
  });

  it('unflagged series gives 409', async () => {
    const response = await post(
      testApp.app,
      sessions.auditor,
      '/api/v1/reports/trends/candidates',
      {
        dimension: 'category',
        key: steady,
        week: testedWeek,
      },
    );
    expect(response.statusCode, response.body).toBe(409);
  });

  it.each([
    ['customer', 403, 403],
    ['supervisor', 200, 403],
    ['manager', 200, 200],
    ['auditor', 200, 200],
  ] as [Role, number, number][])(
    'trends as %s: read %i, candidates %i',
    async (role, read, list) => {
      const trends = await get(
        testApp.app,
        sessions[role],
        `/api/v1/reports/trends?dimension=service&week=${testedWeek}`,
      );
      expect(trends.statusCode, trends.body).toBe(read);
      const candidates = await get(
        testApp.app,
        sessions[role],
        '/api/v1/reports/trends/candidates',
      );
      expect(candidates.statusCode, candidates.body).toBe(list);
    },
  );

  it('invalid week names the field', async () => {
    const response = await get(
      testApp.app,
      sessions.manager,
      '/api/v1/reports/trends?dimension=category&week=2026-13-01',
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('week');
  });
});
