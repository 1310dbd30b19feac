/**
 * GET /cases/{reference}/clock over the seeded Johor calendar: the same read rules as the case
 * (a stranger gets 404), and a timeline with a pause and the Friday prayer break.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import { caseHistory, cases } from '../../db/schema';
import { seedCalendars } from '../../db/seed/calendars';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { get } from '../helpers/http';

const myt = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

interface Clock {
  reference: string;
  targets: Array<{
    target: string;
    state: string;
    elapsedMinutes: number;
    spans: Array<{ kind: string; reason?: string; waitingFor?: string; start: string }>;
  }>;
}

describe.each(databaseKinds())('case clock on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  let requester: Session;
  let stranger: Session;
  let agent: Session;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedCalendars(db.db, new Date('2026-06-01T00:00:00Z'));
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    const owner = await createPerson(db.db, { roles: ['customer'] });
    requester = await signIn(app, owner.email);
    stranger = await signIn(app, (await createPerson(db.db, { roles: ['customer'] })).email);
    agent = await signIn(app, (await createPerson(db.db, { roles: ['agent'] })).email);

    // Opened on Friday 5 June 2026 at 11:00; first response at 11:30; waiting for the customer
    // from Friday 16:00 to Monday 10:00; resolved on Monday at 11:00.
    const [row] = await db.db
      .insert(cases)
      .values({
        reference: 'ADU-2026-000901',
        title: 'Printer',
        description: 'Fixture',
        status: 'resolved',
        channel: 'portal',
        priority: 3,
        impact: 2,
        urgency: 2,
        requesterId: owner.id,
        createdById: owner.id,
        openedAt: myt('2026-06-05 11:00'),
        firstRespondedAt: myt('2026-06-05 11:30'),
        firstResponseDueAt: myt('2026-06-05 15:00'),
        resolvedAt: myt('2026-06-08 11:00'),
        resolutionDueAt: myt('2026-06-09 11:00'),
      })
      .returning();
    if (!row) throw new Error('insert into cases returned nothing');
    const change = (at: string, oldValue: string, newValue: string) => ({
      caseId: row.id,
      at: myt(at),
      action: 'status_changed',
      field: 'status',
      oldValue,
      newValue,
    });
    await db.db
      .insert(caseHistory)
      .values([
        change('2026-06-05 16:00', 'in_progress', 'waiting_customer'),
        change('2026-06-08 10:00', 'waiting_customer', 'in_progress'),
        change('2026-06-08 11:00', 'in_progress', 'resolved'),
      ]);
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('requester reads the explained clock', async () => {
    const response = await get(app, requester, '/api/v1/cases/ADU-2026-000901/clock');
    expect(response.statusCode, response.body).toBe(200);
    const clock = response.json<Clock>();
    const [firstResponse, resolution] = clock.targets;
    expect(firstResponse).toMatchObject({
      target: 'first_response',
      state: 'met',
      elapsedMinutes: 30,
    });
    expect(resolution?.state).toBe('met');
    // Friday 11:00–12:15 and 14:45–16:00, then Monday 10:00–11:00.
    expect(resolution?.elapsedMinutes).toBe(75 + 75 + 60);
    expect(resolution?.spans.map((span) => span.reason ?? span.waitingFor ?? span.kind)).toEqual([
      'running',
      'prayer_break',
      'running',
      'customer',
      'running',
    ]);
  });

  it('staff reads the clock', async () => {
    expect((await get(app, agent, '/api/v1/cases/ADU-2026-000901/clock')).statusCode).toBe(200);
  });

  it('stranger gets 404', async () => {
    const response = await get(app, stranger, '/api/v1/cases/ADU-2026-000901/clock');
    expect(response.statusCode).toBe(404);
  });

  it('anonymous gets 401', async () => {
    expect((await get(app, null, '/api/v1/cases/ADU-2026-000901/clock')).statusCode).toBe(401);
  });
});
