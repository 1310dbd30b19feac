/**
 * A person's own notifications (GET /me/notifications, mark read, mark all read) over the outbox:
 * each person lists and marks only the rows addressed to them, the unread count follows the read
 * markers, and paging is newest first, on a real database of every kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import { cases, notifications } from '../../db/schema';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { get, post } from '../helpers/http';

interface MyNotification {
  id: string;
  caseReference: string | null;
  template: string;
  subject: string;
  createdAt: string;
  readAt: string | null;
}
interface MyNotificationPage {
  items: MyNotification[];
  unreadCount: number;
  nextCursor: string | null;
}

describe.each(databaseKinds())('my notifications on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  let siti: Session;
  let ahmad: Session;
  let reference: string;
  const sitiIds: string[] = [];
  let ahmadId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    const sitiPerson = await createPerson(db.db, { name: 'Siti Aminah' });
    const ahmadPerson = await createPerson(db.db, { name: 'Ahmad Faiz' });
    siti = await signIn(app, sitiPerson.email);
    ahmad = await signIn(app, ahmadPerson.email);

    const [row] = await db.db
      .insert(cases)
      .values({
        reference: 'ADU-2026-000001',
        title: 'Pencetak makmal tidak berfungsi',
        description: 'Kertas tersekat setiap kali mencetak.',
        status: 'new',
        channel: 'portal',
        priority: 3,
        impact: 2,
        urgency: 2,
        requesterId: sitiPerson.id,
        createdById: sitiPerson.id,
        openedAt: new Date('2026-03-01T01:00:00Z'),
      })
      .returning();
    reference = row!.reference;

    // Five messages to Siti a minute apart (the last one about no case), one to Ahmad.
    const base = Date.parse('2026-03-01T02:00:00Z');
    const inserted = await db.db
      .insert(notifications)
      .values([
        ...Array.from({ length: 5 }, (_, index) => ({
          idempotencyKey: `siti:${index}`,
          caseId: index < 4 ? row!.id : null,
          recipientId: sitiPerson.id,
          recipientEmail: sitiPerson.email,
          template: 'acknowledgement',
          language: 'ms',
          subject: `Mesej ${index}`,
          bodyText: `Aduan anda telah diterima (${index}).`,
          status: 'recorded',
          createdAt: new Date(base + index * 60_000),
        })),
        {
          idempotencyKey: 'ahmad:0',
          caseId: row!.id,
          recipientId: ahmadPerson.id,
          recipientEmail: ahmadPerson.email,
          template: 'assigned',
          language: 'ms',
          subject: 'Kes ditugaskan kepada anda',
          bodyText: 'Sila semak kes ini.',
          status: 'recorded',
          createdAt: new Date(base),
        },
      ])
      .returning({ id: notifications.id, recipientId: notifications.recipientId });
    for (const item of inserted) {
      if (item.recipientId === sitiPerson.id) sitiIds.push(item.id);
      else ahmadId = item.id;
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const list = async (session: Session, query = '') => {
    const response = await get(app, session, `/api/v1/me/notifications${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<MyNotificationPage>();
  };

  it('lists only the notifications addressed to the person', async () => {
    const page = await list(siti);
    expect(page.items.map((item) => item.subject)).toEqual([
      'Mesej 4',
      'Mesej 3',
      'Mesej 2',
      'Mesej 1',
      'Mesej 0',
    ]);
    expect(page.unreadCount).toBe(5);
    expect(page.items[1]!.caseReference).toBe(reference);
    expect(page.items[0]!.caseReference).toBeNull();

    const other = await list(ahmad);
    expect(other.items.map((item) => item.id)).toEqual([ahmadId]);
    expect(other.unreadCount).toBe(1);
  });

  it('pages newest first with a cursor', async () => {
    const first = await list(siti, '?limit=2');
    expect(first.items.map((item) => item.subject)).toEqual(['Mesej 4', 'Mesej 3']);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(siti, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.subject)).toEqual(['Mesej 2', 'Mesej 1']);
    const bad = await get(app, siti, '/api/v1/me/notifications?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
  });

  it("marking another person's notification read gives 404", async () => {
    const response = await post(app, siti, `/api/v1/me/notifications/${ahmadId}/read`, {});
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect((await list(ahmad)).unreadCount).toBe(1);
  });

  it('marks one notification read once, keeping the first time', async () => {
    const target = sitiIds[0]!;
    const first = await post(app, siti, `/api/v1/me/notifications/${target}/read`, {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().unreadCount).toBe(4);
    const readAt = (await list(siti)).items.find((item) => item.id === target)!.readAt;
    expect(readAt).not.toBeNull();

    const again = await post(app, siti, `/api/v1/me/notifications/${target}/read`, {});
    expect(again.json().unreadCount).toBe(4);
    const stillAt = (await list(siti)).items.find((item) => item.id === target)!.readAt;
    expect(stillAt).toBe(readAt);

    const unread = await list(siti, '?unread=true');
    expect(unread.items.map((item) => item.id)).not.toContain(target);
    expect(unread.items).toHaveLength(4);
  });

  it('rejects a notification id that is not a uuid', async () => {
    const response = await post(app, siti, '/api/v1/me/notifications/not-a-uuid/read', {});
    expect(response.statusCode).toBe(400);
  });

  it("marks all of the person's notifications read and no one else's", async () => {
    const response = await post(app, siti, '/api/v1/me/notifications/read-all', {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().unreadCount).toBe(0);
    expect((await list(siti, '?unread=true')).items).toHaveLength(0);
    expect((await list(ahmad)).unreadCount).toBe(1);
  });

  it('refuses without a session or without the CSRF token', async () => {
    expect((await get(app, null, '/api/v1/me/notifications')).statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read-all',
      payload: {},
      headers: { cookie: ahmad.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await list(ahmad)).unreadCount).toBe(1);
  });
});
