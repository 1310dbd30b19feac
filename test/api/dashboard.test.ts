/**
 * The management dashboard over PGlite, with cases counted by hand. It covers open work by status
 * and unit, and the cases at risk: past the warning share of a target, or breached. A waiting case
 * is at risk only once breached. It also covers today's intake across the Malaysian midnight, and
 * satisfaction per month from case ratings, survey answers and CSI scores. Then come who may read
 * it and a supervisor's units. The calendar is open around the clock, so working time is elapsed
 * time.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMonths } from '../../activities/reports/dashboard';
import { malaysianMidnight } from '../../activities/reports/periodic-period';
import type { Role } from '../../common/enums';
import {
  cases,
  csiAnswers,
  csiCampaigns,
  csiResponses,
  services,
  surveyAnswers,
  surveyInvitations,
  surveys,
} from '../../db/schema';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get } from '../helpers/http';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

type Who = 'manager' | 'admin' | 'supervisor' | 'auditor' | 'technician' | 'customer';

let database: TestDatabase;
let testApp: TestApp;
let unitOne: string;
let unitTwo: string;
const sessions = {} as Record<Who, Session>;
const now = Date.now();
const months = lastMonths(new Date(now), 12);
const thisMonth = months[11]!;
const twoMonthsAgo = months[9]!;
/** Today's Malaysian midnight. */
const midnight = malaysianMidnight(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur' }).format(new Date(now)),
).getTime();
const at = (offset: number) => new Date(now + offset);
const openedTimes: { reference: string; openedAt: Date; unit: string | null }[] = [];

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  const db = database.db;
  await insertAlwaysOpenCalendar(db);
  unitOne = (await createUnit(db, 'DASH-1')).id;
  unitTwo = (await createUnit(db, 'DASH-2')).id;
  const requester = await createPerson(db, { roles: ['customer'] });
  const base = {
    description: 'Kes ujian papan pemuka',
    channel: 'portal',
    priority: 3,
    impact: 2,
    urgency: 2,
    requesterId: requester.id,
    createdById: requester.id,
  };
  const rows = [
    // Resolution target of 12 hours, a twelfth used: not at risk.
    {
      reference: 'DSH-01',
      status: 'new',
      unitId: unitOne,
      openedAt: at(-hour),
      resolutionDueAt: at(11 * hour),
    },
    // 10 of 12 hours used, past the 75 % warning share.
    {
      reference: 'DSH-02',
      status: 'in_progress',
      unitId: unitOne,
      openedAt: at(-10 * hour),
      resolutionDueAt: at(2 * hour),
    },
    {
      reference: 'DSH-03',
      status: 'assigned',
      unitId: unitOne,
      openedAt: at(-5 * hour),
      resolutionDueAt: at(-hour),
    },
    // Waiting for the customer past the warning share: paused, so not at risk.
    {
      reference: 'DSH-04',
      status: 'waiting_customer',
      unitId: unitTwo,
      openedAt: at(-20 * hour),
      resolutionDueAt: at(4 * hour),
    },
    // Waiting for a supplier after the due time: breached.
    {
      reference: 'DSH-05',
      status: 'waiting_supplier',
      unitId: unitTwo,
      openedAt: at(-30 * hour),
      resolutionDueAt: at(-2 * hour),
    },
    // First response overdue and not given.
    {
      reference: 'DSH-06',
      status: 'in_progress',
      unitId: unitTwo,
      openedAt: at(-2 * hour),
      firstResponseDueAt: at(-30 * minute),
      resolutionDueAt: at(22 * hour),
    },
    { reference: 'DSH-07', status: 'new', unitId: null, openedAt: at(-30 * minute) },
    // Resolved late, but no longer open work.
    {
      reference: 'DSH-08',
      status: 'resolved',
      unitId: unitOne,
      openedAt: at(-3 * hour),
      resolutionDueAt: at(-2 * hour),
      resolvedAt: at(-hour),
    },
    // On both sides of today's Malaysian midnight, on channels no other case uses.
    {
      reference: 'DSH-09',
      status: 'closed',
      unitId: unitOne,
      channel: 'mobile_app',
      openedAt: new Date(midnight - 30 * minute),
      resolvedAt: new Date(midnight - 20 * minute),
      closedAt: new Date(midnight - 10 * minute),
    },
    {
      reference: 'DSH-10',
      status: 'closed',
      unitId: unitOne,
      channel: 'other',
      openedAt: new Date(midnight + 30 * minute),
      resolvedAt: new Date(midnight + 40 * minute),
      closedAt: new Date(midnight + 50 * minute),
    },
  ];
  for (const row of rows) {
    await db.insert(cases).values({ ...base, title: row.reference, ...row });
    openedTimes.push({ reference: row.reference, openedAt: row.openedAt, unit: row.unitId });
  }

  // Ratings: two this month in unit one (2 and 4), one two months ago in unit two (5), and one
  // thirteen months ago, outside the twelve months.
  const rated = (reference: string, unitId: string, rating: number, ratedAt: Date) => ({
    ...base,
    reference,
    title: reference,
    status: 'closed',
    unitId,
    rating,
    ratedAt,
    openedAt: new Date(ratedAt.getTime() - 2 * day),
    resolvedAt: new Date(ratedAt.getTime() - day),
    closedAt: ratedAt,
  });
  const [year, month] = months[0]!.split('-').map(Number) as [number, number];
  const thirteenMonthsAgo = new Date(
    `${month === 1 ? year - 1 : year}-${String(month === 1 ? 12 : month - 1).padStart(2, '0')}-15T12:00:00+08:00`,
  );
  const [ratedOne] = await db
    .insert(cases)
    .values([
      rated('DSH-R1', unitOne, 2, at(0)),
      rated('DSH-R2', unitOne, 4, at(0)),
      rated('DSH-R3', unitTwo, 5, new Date(`${twoMonthsAgo}-15T12:00:00+08:00`)),
      rated('DSH-R4', unitOne, 1, thirteenMonthsAgo),
    ])
    .returning({ id: cases.id });

  // A survey answered this month on a case of unit one: scores 5 and 3, and one choice.
  const [survey] = await db
    .insert(surveys)
    .values({ code: 'DASH', nameMs: 'Kaji', nameEn: 'Survey', questions: [] })
    .returning();
  const [invitation] = await db
    .insert(surveyInvitations)
    .values({
      surveyId: survey!.id,
      caseId: ratedOne!.id,
      personId: requester.id,
      reminderDueAt: at(day),
      expiresAt: at(7 * day),
      answeredAt: at(0),
    })
    .returning();
  await db.insert(surveyAnswers).values([
    { invitationId: invitation!.id, questionId: 'q1', score: 5 },
    { invitationId: invitation!.id, questionId: 'q2', score: 3 },
    { invitationId: invitation!.id, questionId: 'q3', choice: 'portal' },
  ]);

  // CSI scores this month: 4, 4 and 5.
  const [service] = await db
    .insert(services)
    .values({ code: 'DASH-SVC', nameMs: 'Rangkaian', nameEn: 'Network' })
    .returning();
  const campaignId = randomUUID();
  await db.insert(csiCampaigns).values({
    id: campaignId,
    reference: 'CSI-2026-000900',
    workflowId: 'CSI-2026-000900',
    titleMs: 'CSI',
    titleEn: 'CSI',
    questions: [],
    serviceIds: [service!.id],
    population: [],
    opensAt: at(-day),
    closesAt: at(day),
    reminderDays: [],
    status: 'open',
  });
  const [response] = await db
    .insert(csiResponses)
    .values({ campaignId, submittedOn: `${thisMonth}-01` })
    .returning();
  await db.insert(csiAnswers).values(
    [4, 4, 5].map((score, index) => ({
      responseId: response!.id,
      campaignId,
      serviceId: service!.id,
      questionId: `q${index}`,
      score,
    })),
  );

  testApp = await buildTestApp({ db: database });
  const roles: Record<Who, { roles: Role[]; headOf?: string[] }> = {
    manager: { roles: ['manager'] },
    admin: { roles: ['admin'] },
    supervisor: { roles: ['supervisor'], headOf: [unitOne] },
    auditor: { roles: ['auditor'] },
    technician: { roles: ['technician'] },
    customer: { roles: ['customer'] },
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

interface DashboardBody {
  refreshSeconds: number;
  openByStatus: { status: string; cases: number }[];
  openByUnit: { unitId: string | null; total: number; byStatus: Record<string, number> }[];
  atRisk: {
    warning: number;
    breached: number;
    cases: { reference: string; level: string; target: string }[];
  };
  todayIntake: { date: string; received: number; byChannel: { channel: string; cases: number }[] };
  satisfaction: {
    month: string;
    ratings: { count: number; mean: number | null };
    surveys: { count: number; mean: number | null };
    csi: { count: number; mean: number | null };
  }[];
}

async function dashboardOf(who: Who): Promise<DashboardBody> {
  const response = await get(testApp.app, sessions[who], '/api/v1/dashboard');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<DashboardBody>();
}

const statusCounts = (body: DashboardBody) =>
  Object.fromEntries(body.openByStatus.map((entry) => [entry.status, entry.cases]));

describe('management dashboard', () => {
  it('counts open work by status and unit', async () => {
    const body = await dashboardOf('manager');
    expect(body.refreshSeconds).toBe(60);
    expect(statusCounts(body)).toEqual({
      new: 2,
      assigned: 1,
      in_progress: 2,
      waiting_customer: 1,
      waiting_supplier: 1,
    });
    const byUnit = new Map(body.openByUnit.map((unit) => [unit.unitId, unit]));
    expect(byUnit.get(unitOne)).toMatchObject({
      total: 3,
      byStatus: { new: 1, assigned: 1, in_progress: 1, waiting_customer: 0 },
    });
    expect(byUnit.get(unitTwo)).toMatchObject({
      total: 3,
      byStatus: { in_progress: 1, waiting_customer: 1, waiting_supplier: 1 },
    });
    expect(byUnit.get(null)?.total).toBe(1);
  });

  it('lists cases at risk, breached first', async () => {
    const body = await dashboardOf('admin');
    expect(body.atRisk.warning).toBe(1);
    expect(body.atRisk.breached).toBe(3);
    expect(
      body.atRisk.cases.map(({ reference, level, target }) => [reference, level, target]),
    ).toEqual([
      ['DSH-05', 'breached', 'resolution'],
      ['DSH-03', 'breached', 'resolution'],
      ['DSH-06', 'breached', 'firstResponse'],
      ['DSH-02', 'warning', 'resolution'],
    ]);
  });

  it('counts today from the Malaysian midnight', async () => {
    const body = await dashboardOf('manager');
    const expected = openedTimes.filter(
      (entry) => entry.openedAt.getTime() >= midnight && entry.openedAt.getTime() < midnight + day,
    ).length;
    expect(body.todayIntake.received).toBe(expected);
    const channels = Object.fromEntries(
      body.todayIntake.byChannel.map((entry) => [entry.channel, entry.cases]),
    );
    expect(channels.other).toBe(1);
    expect(channels.mobile_app).toBeUndefined();
  });

  it('averages satisfaction per month', async () => {
    const body = await dashboardOf('manager');
    expect(body.satisfaction.map((entry) => entry.month)).toEqual(months);
    const byMonth = new Map(body.satisfaction.map((entry) => [entry.month, entry]));
    expect(byMonth.get(thisMonth)).toEqual({
      month: thisMonth,
      ratings: { count: 2, mean: 3 },
      surveys: { count: 2, mean: 4 },
      csi: { count: 3, mean: 4.33 },
    });
    expect(byMonth.get(twoMonthsAgo)?.ratings).toEqual({ count: 1, mean: 5 });
    const counted = body.satisfaction.reduce((sum, entry) => sum + entry.ratings.count, 0);
    expect(counted).toBe(3);
  });

  it('supervisor sees own units only', async () => {
    const body = await dashboardOf('supervisor');
    expect(statusCounts(body)).toEqual({
      new: 1,
      assigned: 1,
      in_progress: 1,
      waiting_customer: 0,
      waiting_supplier: 0,
    });
    expect(body.openByUnit.map((unit) => unit.unitId)).toEqual([unitOne]);
    expect(body.atRisk.cases.map((entry) => entry.reference)).toEqual(['DSH-03', 'DSH-02']);
    expect(body.satisfaction.find((entry) => entry.month === twoMonthsAgo)?.ratings).toEqual({
      count: 0,
      mean: null,
    });
  });

  it('is refused to other roles', async () => {
    for (const who of ['auditor', 'technician', 'customer'] as const) {
      const response = await get(testApp.app, sessions[who], '/api/v1/dashboard');
      expect(response.statusCode, who).toBe(403);
    }
    expect((await get(testApp.app, null, '/api/v1/dashboard')).statusCode).toBe(401);
  });
});
