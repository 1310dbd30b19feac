/**
 * The notification outbox route: who may read it, newest-first keyset paging, the filters, and
 * that a stored rating link never shows its token, on a real database of every kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import { canReadOutbox } from '../../api/policies/notifications';
import type { Principal } from '../../activities/identity/principals';
import { roles, type Role } from '../../common/enums';
import { cases, notifications } from '../../db/schema';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';

interface OutboxItem {
  id: string;
  caseReference: string | null;
  recipient: { id: string | null; name: string | null; email: string };
  template: string;
  subject: string;
  bodyText: string;
  status: string;
  error: string | null;
  createdAt: string;
}
interface OutboxPage {
  items: OutboxItem[];
  nextCursor: string | null;
}

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

describe('outbox policy', () => {
  it.each(roles.map((role) => [role, role === 'admin' || role === 'auditor'] as const))(
    'canReadOutbox for %s is %s',
    (role, expected) => {
      expect(canReadOutbox(principal([role]))).toBe(expected);
    },
  );
});

describe.each(databaseKinds())('notification outbox on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  const sessions: Partial<Record<Role, Session>> = {};
  let firstReference: string;
  let secondReference: string;
  const total = 7;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    for (const role of ['admin', 'auditor', 'customer', 'agent', 'supervisor'] as const) {
      const person = await createPerson(db.db, { roles: [role] });
      sessions[role] = await signIn(app, person.email);
    }
    const customer = await createPerson(db.db, { name: 'Siti Aminah', email: 'siti@test.invalid' });
    const caseValues = (reference: string) => ({
      reference,
      title: 'Tidak dapat log masuk e-mel',
      description: 'Sejak pagi tadi.',
      status: 'new',
      channel: 'portal',
      priority: 3,
      impact: 2,
      urgency: 2,
      requesterId: customer.id,
      createdById: customer.id,
      openedAt: new Date('2026-03-01T01:00:00Z'),
    });
    const [first, second] = await db.db
      .insert(cases)
      .values([caseValues('ADU-2026-000001'), caseValues('ADU-2026-000002')])
      .returning();
    firstReference = first!.reference;
    secondReference = second!.reference;

    // Seven messages a minute apart; the last one failed, and one resolution carries a rating link.
    const base = Date.parse('2026-03-01T02:00:00Z');
    await db.db.insert(notifications).values(
      Array.from({ length: total }, (_, index) => ({
        idempotencyKey: `test:${index}`,
        caseId: index % 2 === 0 ? first!.id : second!.id,
        recipientId: customer.id,
        recipientEmail: customer.email,
        template: index === 5 ? 'resolved' : 'acknowledgement',
        language: 'ms',
        subject: `Mesej ${index}`,
        bodyText:
          index === 5
            ? 'Nilai perkhidmatan kami: http://localhost:3000/rate/[token]'
            : `Aduan anda telah diterima (${index}).`,
        status: index === total - 1 ? 'failed' : 'recorded',
        attempts: index === total - 1 ? 1 : 0,
        error: index === total - 1 ? 'connect ECONNREFUSED 127.0.0.1:25' : null,
        createdAt: new Date(base + index * 60_000),
      })),
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const get = (role: Role, url: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      headers: { cookie: sessions[role]!.cookie },
    });

  it('rejects unauthenticated callers with 401', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/notifications' });
    expect(response.statusCode).toBe(401);
  });

  it.each(['customer', 'agent', 'supervisor'] as const)('forbids a %s with 403', async (role) => {
    const response = await get(role, '/notifications');
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('forbidden');
  });

  it('lists newest first with the subject and text for an auditor', async () => {
    const response = await get('auditor', '/notifications');
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<OutboxPage>();
    expect(page.items.map((item) => item.subject)).toEqual(
      Array.from({ length: total }, (_, index) => `Mesej ${total - 1 - index}`),
    );
    expect(page.nextCursor).toBeNull();
    const newest = page.items[0]!;
    expect(newest.status).toBe('failed');
    expect(newest.error).toBe('connect ECONNREFUSED 127.0.0.1:25');
    expect(newest.recipient).toMatchObject({ name: 'Siti Aminah', email: 'siti@test.invalid' });
    expect(newest.caseReference).toBe(firstReference);
    expect(newest.bodyText).toBe('Aduan anda telah diterima (6).');
  });

  it('pages with the cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pageNumber = 0; pageNumber < 10; pageNumber += 1) {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await get('admin', `/notifications?limit=3${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<OutboxPage>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.subject));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, index) => `Mesej ${total - 1 - index}`));
  });

  it('filters by status, template and case reference', async () => {
    const failed = (await get('admin', '/notifications?status=failed')).json<OutboxPage>();
    expect(failed.items.map((item) => item.subject)).toEqual(['Mesej 6']);

    const resolved = (await get('admin', '/notifications?template=resolved')).json<OutboxPage>();
    expect(resolved.items.map((item) => item.subject)).toEqual(['Mesej 5']);

    const byCase = (
      await get('admin', `/notifications?caseReference=${secondReference.toLowerCase()}`)
    ).json<OutboxPage>();
    expect(byCase.items.map((item) => item.subject)).toEqual(['Mesej 5', 'Mesej 3', 'Mesej 1']);
  });

  it('keeps the rating token hidden in the stored text', async () => {
    const page = (await get('admin', '/notifications?template=resolved')).json<OutboxPage>();
    expect(page.items[0]?.bodyText).toContain('/rate/[token]');
  });

  it('rejects bad filters and a forged cursor naming the field', async () => {
    const cases = [
      ['/notifications?status=lost', 'querystring.status'],
      ['/notifications?template=nope', 'querystring.template'],
      ['/notifications?caseReference=ADU-1', 'querystring.caseReference'],
      [
        `/notifications?cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
        'querystring.cursor',
      ],
      ['/notifications?limit=1000', 'querystring.limit'],
    ] as const;
    for (const [url, field] of cases) {
      const response = await get('admin', url);
      expect(response.statusCode, url).toBe(400);
      const details = response.json<{ error: { details?: { field: string }[] } }>().error.details;
      expect(
        details?.map((issue) => issue.field),
        url,
      ).toContain(field);
    }
  });
});
