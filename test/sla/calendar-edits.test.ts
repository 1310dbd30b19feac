/** PATCH /calendars/{id}/holidays/{holidayId}: who may change a holiday, and what it checks. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import { auditLog, calendars } from '../../db/schema';
import { johorCalendarCode, seedCalendars } from '../../db/seed/calendars';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';

describe.each(databaseKinds())('holiday edits on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  let calendarId: string;
  let admin: Session;
  let auditor: Session;
  let holidayId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedCalendars(db.db, new Date('2026-06-01T00:00:00Z'));
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    admin = await signIn(app, (await createPerson(db.db, { roles: ['admin'] })).email);
    auditor = await signIn(app, (await createPerson(db.db, { roles: ['auditor'] })).email);
    const [row] = await db.db
      .select({ id: calendars.id })
      .from(calendars)
      .where(eq(calendars.code, johorCalendarCode));
    calendarId = row?.id ?? '';
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${calendarId}/holidays`,
      headers: admin.headers,
      payload: { date: '2026-07-06', nameMs: 'Cuti Peristiwa', nameEn: 'Special holiday' },
    });
    holidayId = created.json<{ id: string }>().id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  function patch(session: Session, id: string, payload: Record<string, unknown>) {
    return app.inject({
      method: 'PATCH',
      url: `/api/v1/calendars/${calendarId}/holidays/${id}`,
      headers: session.headers,
      payload,
    });
  }

  it('admin moves a holiday and the audit records it', async () => {
    const response = await patch(admin, holidayId, { date: '2026-07-07', kind: 'replacement' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      date: '2026-07-07',
      kind: 'replacement',
      nameMs: 'Cuti Peristiwa',
    });
    const month = await app.inject({
      method: 'GET',
      url: `/api/v1/calendars/${calendarId}/month?year=2026&month=7`,
      headers: { cookie: admin.cookie },
    });
    const days = month.json<{ days: Array<{ date: string; reason: string | null }> }>().days;
    expect(days.find((day) => day.date === '2026-07-07')?.reason).toBe('holiday');
    expect(days.find((day) => day.date === '2026-07-06')?.reason).toBeNull();
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, holidayId), eq(auditLog.action, 'updated')));
    expect(audit).toHaveLength(1);
  });

  it('auditor may not change a holiday', async () => {
    expect((await patch(auditor, holidayId, { nameEn: 'Other' })).statusCode).toBe(403);
  });

  it('empty or unknown fields get 400', async () => {
    expect((await patch(admin, holidayId, {})).statusCode).toBe(400);
    const unknown = await patch(admin, holidayId, { colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    const badDate = await patch(admin, holidayId, { date: '2026-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('date');
  });

  it('unknown holiday gets 404', async () => {
    const response = await patch(admin, '00000000-0000-4000-8000-000000000009', { nameEn: 'X' });
    expect(response.statusCode).toBe(404);
  });
});
