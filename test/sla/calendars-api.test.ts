/**
 * Working calendars end to end on every database kind: the seeded Johor calendar, its policy, the
 * calendar API (list, detail, month view, adding and removing holidays) and the audit trail.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../activities/identity/principals';
import type { App } from '../../api/app';
import { canManageCalendars, canReadCalendars } from '../../api/policies/calendars';
import { roles, type Role } from '../../common/enums';
import {
  auditLog,
  calendarHolidays,
  calendarSpecialPeriods,
  calendarWeekends,
  calendars,
} from '../../db/schema';
import { johorCalendarCode, johorHolidaysOf, seedCalendars } from '../../db/seed/calendars';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';

const seededAt = new Date('2026-06-01T00:00:00Z');

function principal(roleList: Role[]): Principal {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'someone@test.khidmat.invalid',
    name: 'Someone',
    roles: roleList,
    language: 'ms',
    unitIds: [],
    headOfUnitIds: [],
  };
}

describe('calendar policy', () => {
  it.each(roles)('read and manage rights of %s', (role) => {
    expect(canReadCalendars(principal([role]))).toBe(role !== 'customer');
    expect(canManageCalendars(principal([role]))).toBe(role === 'admin');
  });
});

describe('johorHolidaysOf', () => {
  it('2026 has Johor and federal holidays with both names', () => {
    const { holidays, ramadan } = johorHolidaysOf(2026);
    const byDate = new Map(holidays.map((holiday) => [holiday.date, holiday]));
    expect(byDate.get('2026-03-23')?.kind).toBe('state');
    expect(byDate.get('2026-08-31')).toMatchObject({ kind: 'public', nameMs: 'Hari Kebangsaan' });
    expect(byDate.get('2026-08-31')?.nameEn).toBe('Independence Day');
    expect(byDate.has('2026-01-01')).toBe(false);
    expect(ramadan).toEqual({ startDate: '2026-02-18', endDate: '2026-03-20' });
  });
});

interface Holiday {
  id: string;
  date: string;
  nameMs: string;
  nameEn: string;
  kind: string;
  confirmed: boolean;
  source: string;
}

interface Day {
  date: string;
  working: boolean;
  reason: string | null;
  ranges: Array<{ start: string; end: string }>;
  holidays: Array<{ nameMs: string; nameEn: string; kind: string }>;
  specialPeriod: { nameEn: string } | null;
}

describe.each(databaseKinds())('calendars on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  let calendarId: string;
  let adminId: string;
  let admin: Session;
  let technician: Session;
  let customer: Session;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedCalendars(db.db, seededAt);
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    const adminPerson = await createPerson(db.db, { roles: ['admin'] });
    adminId = adminPerson.id;
    admin = await signIn(app, adminPerson.email);
    technician = await signIn(app, (await createPerson(db.db, { roles: ['technician'] })).email);
    customer = await signIn(app, (await createPerson(db.db, { roles: ['customer'] })).email);
    const [row] = await db.db
      .select({ id: calendars.id })
      .from(calendars)
      .where(eq(calendars.code, johorCalendarCode));
    calendarId = row?.id ?? '';
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  function get(session: Session, url: string) {
    return app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: session.cookie } });
  }

  function post(session: Session, url: string, payload: Record<string, unknown>) {
    return app.inject({ method: 'POST', url: `/api/v1${url}`, headers: session.headers, payload });
  }

  function remove(session: Session, url: string) {
    return app.inject({ method: 'DELETE', url: `/api/v1${url}`, headers: session.headers });
  }

  it('seed makes Johor the default with its weekend change', async () => {
    const [calendar] = await db.db.select().from(calendars).where(eq(calendars.id, calendarId));
    expect(calendar?.isDefault).toBe(true);
    expect(calendar?.timeZone).toBe('Asia/Kuala_Lumpur');
    const weekends = await db.db
      .select()
      .from(calendarWeekends)
      .where(eq(calendarWeekends.calendarId, calendarId))
      .orderBy(calendarWeekends.effectiveFrom);
    expect(weekends.map((rule) => [rule.effectiveFrom, rule.weekdays])).toEqual([
      ['2014-01-01', [5, 6]],
      ['2025-01-01', [6, 0]],
    ]);
    const periods = await db.db
      .select()
      .from(calendarSpecialPeriods)
      .where(eq(calendarSpecialPeriods.calendarId, calendarId));
    expect(periods.map((period) => period.startDate).sort()).toEqual(['2026-02-18', '2027-02-08']);
  });

  it('seed loads this year and the next once', async () => {
    const count = async () =>
      (
        await db.db
          .select()
          .from(calendarHolidays)
          .where(eq(calendarHolidays.calendarId, calendarId))
      ).length;
    const before = await count();
    expect(before).toBe(
      johorHolidaysOf(2026).holidays.length + johorHolidaysOf(2027).holidays.length,
    );
    await db.db
      .delete(calendarHolidays)
      .where(
        and(eq(calendarHolidays.calendarId, calendarId), eq(calendarHolidays.date, '2026-12-25')),
      );
    await seedCalendars(db.db, seededAt);
    expect(await count()).toBe(before - 1);
  });

  it('staff list calendars; customers may not', async () => {
    const listed = await get(technician, '/calendars');
    expect(listed.statusCode).toBe(200);
    const items = listed.json<{ items: Array<{ code: string; isDefault: boolean }> }>().items;
    expect(items).toEqual([expect.objectContaining({ code: johorCalendarCode, isDefault: true })]);
    expect((await get(customer, '/calendars')).statusCode).toBe(403);
    expect((await get(customer, `/calendars/${calendarId}`)).statusCode).toBe(403);
  });

  it('detail shows rules, Ramadan hours and holidays', async () => {
    const response = await get(technician, `/calendars/${calendarId}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json<{
      weeklyHours: Array<{ effectiveFrom: string; hours: Record<string, unknown> }>;
      specialPeriods: Array<{ startDate: string; hours: Record<string, unknown> }>;
      holidays: Holiday[];
    }>();
    expect(detail.weeklyHours[0]?.hours['5']).toEqual([
      { start: '08:00', end: '12:15' },
      { start: '14:45', end: '17:00' },
    ]);
    expect(detail.specialPeriods[0]?.hours['1']).toEqual([
      { start: '08:00', end: '13:00' },
      { start: '13:30', end: '16:30' },
    ]);
    const merdeka = detail.holidays.find((holiday) => holiday.date === '2026-08-31');
    expect(merdeka).toMatchObject({ kind: 'public', confirmed: false, source: 'seed' });
    expect(
      (await get(technician, '/calendars/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('month view gives ranges and reasons', async () => {
    const response = await get(technician, `/calendars/${calendarId}/month?year=2026&month=8`);
    expect(response.statusCode).toBe(200);
    const days = response.json<{ days: Day[] }>().days;
    expect(days).toHaveLength(31);
    const byDate = new Map(days.map((day) => [day.date, day]));
    expect(byDate.get('2026-08-31')).toMatchObject({
      working: false,
      reason: 'holiday',
      ranges: [],
    });
    expect(byDate.get('2026-08-31')?.holidays[0]?.nameMs).toBe('Hari Kebangsaan');
    expect(byDate.get('2026-08-29')?.reason).toBe('weekend');
    expect(byDate.get('2026-08-28')?.ranges).toEqual([
      { start: '08:00', end: '12:15' },
      { start: '14:45', end: '17:00' },
    ]);

    const march = (await get(technician, `/calendars/${calendarId}/month?year=2026&month=3`)).json<{
      days: Day[];
    }>().days;
    expect(march.find((day) => day.date === '2026-03-02')?.specialPeriod?.nameEn).toBe('Ramadan');
    expect(march.find((day) => day.date === '2026-03-02')?.ranges[1]).toEqual({
      start: '13:30',
      end: '16:30',
    });
  });

  it('month view rejects an invalid month', async () => {
    const response = await get(technician, `/calendars/${calendarId}/month?year=2026&month=13`);
    expect(response.statusCode).toBe(400);
  });

  it('admin adds and removes a one-off holiday', async () => {
    const body = { date: '2026-12-07', nameMs: 'Cuti Peristiwa', nameEn: 'Special holiday' };
    expect((await post(technician, `/calendars/${calendarId}/holidays`, body)).statusCode).toBe(
      403,
    );

    const created = await post(admin, `/calendars/${calendarId}/holidays`, body);
    expect(created.statusCode).toBe(201);
    const holiday = created.json<Holiday>();
    expect(holiday).toMatchObject({ kind: 'one_off', confirmed: true, source: 'manual' });
    expect((await post(admin, `/calendars/${calendarId}/holidays`, body)).statusCode).toBe(409);

    const december = (
      await get(technician, `/calendars/${calendarId}/month?year=2026&month=12`)
    ).json<{
      days: Day[];
    }>().days;
    expect(december.find((day) => day.date === '2026-12-07')?.reason).toBe('holiday');

    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'calendar_holiday'), eq(auditLog.entityId, holiday.id)));
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([['created', adminId]]);

    const url = `/calendars/${calendarId}/holidays/${holiday.id}`;
    expect((await remove(technician, url)).statusCode).toBe(403);
    expect((await remove(admin, url)).statusCode).toBe(204);
    expect((await remove(admin, url)).statusCode).toBe(404);
  });

  it('invalid holiday input fails validation', async () => {
    const invalid = await post(admin, `/calendars/${calendarId}/holidays`, {
      date: '2026-02-30',
      nameMs: '',
      nameEn: 'x',
      kind: 'festival',
    });
    expect(invalid.statusCode).toBe(400);
    const fields = (
      invalid.json<{ error: { details?: Array<{ field: string }> } }>().error.details ?? []
    ).map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['body.date', 'body.nameMs', 'body.kind']));
  });
});

describe('calendar routes in OpenAPI', () => {
  it('openapi.json lists every calendar route', async () => {
    const db = await openTestDatabase('pglite');
    const { app } = await buildTestApp({ db });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(response.statusCode).toBe(200);
      const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/calendars',
          '/api/v1/calendars/{id}',
          '/api/v1/calendars/{id}/month',
          '/api/v1/calendars/{id}/holidays',
          '/api/v1/calendars/{id}/holidays/{holidayId}',
        ]),
      );
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
