/**
 * People and units: the identity policy, the directory with keyset pagination, administration
 * with the audit log, and 404 for what a caller may not see, on a real database of every kind.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import type { Principal } from '../../activities/identity/principals';
import {
  canCreateApiToken,
  canListPeople,
  canListUnits,
  canManageApiToken,
  canManagePeople,
  canManageUnits,
  canSeeInactiveUnits,
  canViewPerson,
  canViewUnit,
} from '../../api/policies/identity';
import { roles, type Role } from '../../common/enums';
import { auditLog, people, unitMembers, units } from '../../db/schema';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit, testPassword } from '../helpers/factories';

interface ErrorReply {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

function fieldsOf(body: ErrorReply): string[] {
  return (body.error.details ?? []).map((issue) => issue.field);
}

function principal(roleList: Role[], extra: Partial<Principal> = {}): Principal {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'someone@test.khidmat.invalid',
    name: 'Someone',
    roles: roleList,
    language: 'ms',
    unitIds: [],
    headOfUnitIds: [],
    ...extra,
  };
}

describe('identity policy', () => {
  const readers: Role[] = ['agent', 'technician', 'supervisor', 'manager', 'auditor', 'admin'];

  it.each(roles.map((role) => [role, readers.includes(role)] as const))(
    'canListPeople for %s is %s',
    (role, expected) => {
      expect(canListPeople(principal([role]))).toBe(expected);
    },
  );

  it('canViewPerson allows a customer only their own record', () => {
    const customer = principal(['customer']);
    expect(canViewPerson(customer, customer.id)).toBe(true);
    expect(canViewPerson(customer, '00000000-0000-4000-8000-000000000002')).toBe(false);
    expect(canViewPerson(principal(['agent']), '00000000-0000-4000-8000-000000000002')).toBe(true);
  });

  it('canManagePeople and canManageUnits are for administrators only', () => {
    for (const role of roles) {
      expect(canManagePeople(principal([role]))).toBe(role === 'admin');
      expect(canManageUnits(principal([role]))).toBe(role === 'admin');
    }
    expect(canManagePeople(principal(['customer', 'admin']))).toBe(true);
  });

  it('canListUnits adds approvers to the directory readers', () => {
    expect(canListUnits(principal(['approver']))).toBe(true);
    expect(canListUnits(principal(['customer']))).toBe(false);
    expect(canListUnits(principal(['technician']))).toBe(true);
  });

  it('canViewUnit lets a customer see only units they belong to', () => {
    const unitId = '00000000-0000-4000-8000-0000000000aa';
    expect(canViewUnit(principal(['customer']), unitId)).toBe(false);
    expect(canViewUnit(principal(['customer'], { unitIds: [unitId] }), unitId)).toBe(true);
    expect(canViewUnit(principal(['agent']), unitId)).toBe(true);
  });

  it('canSeeInactiveUnits is for administrators and auditors', () => {
    for (const role of roles) {
      expect(canSeeInactiveUnits(principal([role]))).toBe(role === 'admin' || role === 'auditor');
    }
  });

  it('canCreateApiToken only from a session', () => {
    expect(canCreateApiToken('session')).toBe(true);
    expect(canCreateApiToken('token')).toBe(false);
  });

  it('canManageApiToken only for the owner', () => {
    const owner = principal(['customer']);
    expect(canManageApiToken(owner, owner.id)).toBe(true);
    expect(
      canManageApiToken(
        principal(['admin'], { id: '00000000-0000-4000-8000-000000000009' }),
        owner.id,
      ),
    ).toBe(false);
  });
});

describe.each(databaseKinds())('people and units on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  let admin: { id: string; email: string };
  let adminSession: Session;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    admin = await createPerson(db.db, { roles: ['admin'], name: 'Admin Utama' });
    adminSession = await signIn(app, admin.email);
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  async function sessionFor(roleList: Role[], options: Parameters<typeof createPerson>[1] = {}) {
    const person = await createPerson(db.db, { roles: roleList, ...options });
    return { person, session: await signIn(app, person.email) };
  }

  function request(
    session: Session,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: Record<string, unknown>,
  ) {
    return app.inject({
      method,
      url: `/api/v1${url}`,
      headers: method === 'GET' ? { cookie: session.cookie } : session.headers,
      ...(payload ? { payload } : {}),
    });
  }

  async function auditRows(entityId: string, action?: string) {
    const rows = await db.db
      .select()
      .from(auditLog)
      .where(
        action
          ? and(eq(auditLog.entityId, entityId), eq(auditLog.action, action))
          : eq(auditLog.entityId, entityId),
      );
    return rows.map((row) => ({
      ...row,
      old: row.oldValue ? (JSON.parse(row.oldValue) as Record<string, unknown>) : null,
      new: row.newValue ? (JSON.parse(row.newValue) as Record<string, unknown>) : null,
    }));
  }

  async function countPeople() {
    return (await db.db.select({ id: people.id }).from(people)).length;
  }

  describe('who may read people', () => {
    it('forbids a customer to list people', async () => {
      const { session } = await sessionFor(['customer']);
      const response = await request(session, 'GET', '/people');
      expect(response.statusCode).toBe(403);
      expect(response.json<ErrorReply>().error.code).toBe('forbidden');
    });

    it('forbids an approver to list people', async () => {
      const { session } = await sessionFor(['approver']);
      expect((await request(session, 'GET', '/people')).statusCode).toBe(403);
    });

    it("hides another person's record from a customer with 404", async () => {
      const { person, session } = await sessionFor(['customer']);
      const other = await createPerson(db.db);
      const hidden = await request(session, 'GET', `/people/${other.id}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json<ErrorReply>().error.code).toBe('not_found');
      const missing = await request(session, 'GET', '/people/00000000-0000-4000-8000-00000000dead');
      expect(hidden.json<ErrorReply>().error.message.replace(other.id, 'X')).toBe(
        missing
          .json<ErrorReply>()
          .error.message.replace('00000000-0000-4000-8000-00000000dead', 'X'),
      );
      const own = await request(session, 'GET', `/people/${person.id}`);
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ id: person.id, email: person.email });
    });

    it("answers 404 to a customer's PATCH of another person and changes nothing", async () => {
      const { session } = await sessionFor(['customer']);
      const other = await createPerson(db.db, { name: 'Untouched' });
      const response = await request(session, 'PATCH', `/people/${other.id}`, { name: 'Hacked' });
      expect(response.statusCode).toBe(404);
      const [row] = await db.db.select().from(people).where(eq(people.id, other.id));
      expect(row?.name).toBe('Untouched');
    });

    it('forbids an agent to change a person', async () => {
      const { session } = await sessionFor(['agent']);
      const other = await createPerson(db.db);
      const response = await request(session, 'PATCH', `/people/${other.id}`, { roles: ['admin'] });
      expect(response.statusCode).toBe(403);
      const [row] = await db.db.select().from(people).where(eq(people.id, other.id));
      expect(row?.roles).toEqual(['customer']);
    });

    it('forbids a technician to create a person', async () => {
      const { session } = await sessionFor(['technician']);
      const before = await countPeople();
      const response = await request(session, 'POST', '/people', {
        email: 'new-person@test.khidmat.invalid',
        name: 'New',
      });
      expect(response.statusCode).toBe(403);
      expect(await countPeople()).toBe(before);
    });
  });

  describe('directory listing', () => {
    it('pages through people by name with a keyset cursor', async () => {
      const tag = `zq${Date.now().toString(36)}`;
      const names = ['Ahmad', 'Balqis', 'Chong', 'Devi', 'Farid'].map((name) => `${name} ${tag}`);
      for (const name of [...names].reverse())
        await createPerson(db.db, { name, roles: ['technician'] });
      const { session } = await sessionFor(['agent']);

      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const query: string = `/people?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await request(session, 'GET', query);
        expect(response.statusCode).toBe(200);
        const body = response.json<{ items: { name: string }[]; nextCursor: string | null }>();
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((item) => item.name));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(names);
    });

    it('searches names and e-mail addresses without case', async () => {
      const tag = `srch${Date.now().toString(36)}`;
      const byName = await createPerson(db.db, { name: `Nurul ${tag.toUpperCase()}` });
      const byEmail = await createPerson(db.db, { email: `${tag}.mail@test.khidmat.invalid` });
      const { session } = await sessionFor(['supervisor']);
      const response = await request(session, 'GET', `/people?q=${tag}`);
      const ids = response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
      expect(ids.sort()).toEqual([byName.id, byEmail.id].sort());
    });

    it('treats % and _ in the search as plain characters', async () => {
      const { session } = await sessionFor(['auditor']);
      const response = await request(session, 'GET', `/people?q=${encodeURIComponent('%')}`);
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: unknown[] }>().items).toHaveLength(0);
    });

    it('filters by role, unit and status', async () => {
      const unit = await createUnit(db.db);
      const member = await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] });
      const inactive = await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] });
      await db.db.update(people).set({ active: false }).where(eq(people.id, inactive.id));
      const { session } = await sessionFor(['manager']);

      const inUnit = await request(session, 'GET', `/people?unitId=${unit.id}`);
      expect(
        inUnit
          .json<{ items: { id: string }[] }>()
          .items.map((p) => p.id)
          .sort(),
      ).toEqual([member.id, inactive.id].sort());
      const activeOnly = await request(session, 'GET', `/people?unitId=${unit.id}&active=true`);
      expect(activeOnly.json<{ items: { id: string }[] }>().items.map((p) => p.id)).toEqual([
        member.id,
      ]);
      const admins = await request(session, 'GET', '/people?role=admin&limit=100');
      const adminIds = admins.json<{ items: { id: string; roles: string[] }[] }>().items;
      expect(adminIds.every((p) => p.roles.includes('admin'))).toBe(true);
      expect(adminIds.map((p) => p.id)).toContain(admin.id);
    });

    it.each([
      ['limit=101', 'querystring.limit'],
      ['limit=0', 'querystring.limit'],
      ['cursor=not-a-cursor', 'querystring.cursor'],
      [
        `cursor=${Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url')}`,
        'querystring.cursor',
      ],
      ['role=wizard', 'querystring.role'],
      ['unitId=123', 'querystring.unitId'],
      ['active=maybe', 'querystring.active'],
    ])('rejects %s naming %s', async (query, field) => {
      const response = await request(adminSession, 'GET', `/people?${query}`);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
    });
  });

  describe('administration of people', () => {
    it('creates and audits a person', async () => {
      const unit = await createUnit(db.db);
      const email = `Baharu.${Date.now().toString(36)}@Test.Khidmat.Invalid`;
      const response = await request(adminSession, 'POST', '/people', {
        email,
        name: 'Pegawai Baharu',
        roles: ['technician', 'technician'],
        language: 'en',
        password: 'first-password-123',
        units: [{ unitId: unit.id, role: 'head' }],
      });
      expect(response.statusCode).toBe(201);
      const created = response.json<{
        id: string;
        email: string;
        roles: string[];
        units: { unitId: string; role: string }[];
      }>();
      expect(created.email).toBe(email.toLowerCase());
      expect(created.roles).toEqual(['technician']);
      expect(created.units).toMatchObject([{ unitId: unit.id, role: 'head' }]);

      const [audit] = await auditRows(created.id, 'created');
      expect(audit?.actorId).toBe(admin.id);
      expect(audit?.new).toMatchObject({
        email: email.toLowerCase(),
        roles: ['technician'],
        password: 'set',
      });
      expect(audit?.newValue).not.toContain('first-password-123');
      expect(audit?.newValue).not.toContain('argon2');

      await signIn(app, email, 'first-password-123');
    });

    it('answers 409 naming the field for an e-mail address in use', async () => {
      const existing = await createPerson(db.db);
      const before = await countPeople();
      const response = await request(adminSession, 'POST', '/people', {
        email: existing.email.toUpperCase(),
        name: 'Duplicate',
      });
      expect(response.statusCode).toBe(409);
      expect(response.json<ErrorReply>().error.code).toBe('conflict');
      expect(fieldsOf(response.json<ErrorReply>())).toEqual(['body.email']);
      expect(await countPeople()).toBe(before);
    });

    it.each([
      [{ email: 'not-an-email', name: 'X' }, 'body.email'],
      [{ name: 'X' }, 'body.email'],
      [{ email: 'valid@test.khidmat.invalid', name: '   ' }, 'body.name'],
      [{ email: 'valid@test.khidmat.invalid', name: 'X', roles: ['wizard'] }, 'body.roles.0'],
      [{ email: 'valid@test.khidmat.invalid', name: 'X', roles: [] }, 'body.roles'],
      [{ email: 'valid@test.khidmat.invalid', name: 'X', password: 'short' }, 'body.password'],
      [{ email: 'valid@test.khidmat.invalid', name: 'X', kind: 'alien' }, 'body.kind'],
      [
        { email: 'valid@test.khidmat.invalid', name: 'X', units: [{ unitId: 'nope' }] },
        'body.units.0.unitId',
      ],
      [
        {
          email: 'valid@test.khidmat.invalid',
          name: 'X',
          units: [{ unitId: '00000000-0000-4000-8000-00000000beef' }],
        },
        'body.units.0.unitId',
      ],
      [{ email: 'valid@test.khidmat.invalid', name: 'X', passwordHash: 'x' }, 'body'],
    ])('rejects %j naming %s and writes nothing', async (payload, field) => {
      const before = await countPeople();
      const auditBefore = (await db.db.select().from(auditLog)).length;
      const response = await request(adminSession, 'POST', '/people', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorReply>().error.code).toBe('validation_failed');
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
      expect(await countPeople()).toBe(before);
      expect((await db.db.select().from(auditLog)).length).toBe(auditBefore);
    });

    it('changes roles and units and records old and new values', async () => {
      const unitA = await createUnit(db.db);
      const unitB = await createUnit(db.db);
      const person = await createPerson(db.db, { roles: ['technician'], unitIds: [unitA.id] });
      const response = await request(adminSession, 'PATCH', `/people/${person.id}`, {
        roles: ['technician', 'supervisor'],
        units: [{ unitId: unitB.id, role: 'head' }],
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        roles: ['technician', 'supervisor'],
        units: [{ unitId: unitB.id, role: 'head' }],
      });

      const [audit] = await auditRows(person.id, 'updated');
      expect(audit?.actorId).toBe(admin.id);
      expect(audit?.old).toEqual({
        roles: ['technician'],
        units: [{ unitId: unitA.id, role: 'member' }],
      });
      expect(audit?.new).toEqual({
        roles: ['technician', 'supervisor'],
        units: [{ unitId: unitB.id, role: 'head' }],
      });

      const session = await signIn(app, person.email);
      const me = await request(session, 'GET', '/auth/me');
      expect(me.json<{ units: { unitId: string; role: string }[] }>().units).toMatchObject([
        { unitId: unitB.id, role: 'head' },
      ]);
    });

    it('answers 409 when changing to an e-mail address in use', async () => {
      const holder = await createPerson(db.db);
      const person = await createPerson(db.db);
      const response = await request(adminSession, 'PATCH', `/people/${person.id}`, {
        email: holder.email,
      });
      expect(response.statusCode).toBe(409);
      expect(fieldsOf(response.json<ErrorReply>())).toEqual(['body.email']);
      const [row] = await db.db.select().from(people).where(eq(people.id, person.id));
      expect(row?.email).toBe(person.email);
    });

    it('ends the sessions of a deactivated person', async () => {
      const person = await createPerson(db.db);
      const session = await signIn(app, person.email);
      const response = await request(adminSession, 'PATCH', `/people/${person.id}`, {
        active: false,
      });
      expect(response.statusCode).toBe(200);
      expect((await request(session, 'GET', '/auth/me')).statusCode).toBe(401);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: person.email, password: testPassword },
      });
      expect(login.statusCode).toBe(401);
      const [audit] = await auditRows(person.id, 'updated');
      expect(audit?.old).toEqual({ active: true });
      expect(audit?.new).toEqual({ active: false, sessionsRevoked: 1 });

      await request(adminSession, 'PATCH', `/people/${person.id}`, { active: true });
      expect((await request(session, 'GET', '/auth/me')).statusCode).toBe(401);
    });

    it('resets a password, revoking sessions, and unlocks an account', async () => {
      const person = await createPerson(db.db);
      const session = await signIn(app, person.email);
      await db.db
        .update(people)
        .set({ failedLogins: 5, lockedUntil: new Date(Date.now() + 600_000) })
        .where(eq(people.id, person.id));
      const response = await request(adminSession, 'PATCH', `/people/${person.id}`, {
        password: 'reset-by-admin-1',
        unlock: true,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<{ lockedUntil: string | null }>().lockedUntil).toBeNull();
      expect((await request(session, 'GET', '/auth/me')).statusCode).toBe(401);
      await signIn(app, person.email, 'reset-by-admin-1');
      const [audit] = await auditRows(person.id, 'updated');
      expect(audit?.new).toMatchObject({ password: 'reset', lockedUntil: null });
      expect(audit?.newValue).not.toContain('reset-by-admin-1');
    });

    it('keeps the last active administrator', async () => {
      const isolated = await openTestDatabase(kind);
      const isolatedApp = await buildTestApp({ db: isolated });
      try {
        const onlyAdmin = await createPerson(isolated.db, { roles: ['admin'] });
        const session = await signIn(isolatedApp.app, onlyAdmin.email);
        const demote = await isolatedApp.app.inject({
          method: 'PATCH',
          url: `/api/v1/people/${onlyAdmin.id}`,
          payload: { roles: ['agent'] },
          headers: session.headers,
        });
        expect(demote.statusCode).toBe(409);
        expect(demote.json<ErrorReply>().error.code).toBe('invalid_state');
        expect(fieldsOf(demote.json<ErrorReply>())).toEqual(['body.roles']);
        const [row] = await isolated.db.select().from(people).where(eq(people.id, onlyAdmin.id));
        expect(row?.roles).toEqual(['admin']);

        const second = await createPerson(isolated.db, { roles: ['admin'] });
        const allowed = await isolatedApp.app.inject({
          method: 'PATCH',
          url: `/api/v1/people/${onlyAdmin.id}`,
          payload: { roles: ['agent'] },
          headers: session.headers,
        });
        expect(allowed.statusCode).toBe(200);
        const [after] = await isolated.db.select().from(people).where(eq(people.id, onlyAdmin.id));
        expect(after?.roles).toEqual(['agent']);
        expect(second.roles).toEqual(['admin']);
      } finally {
        await isolatedApp.app.close();
        await isolated.destroy();
      }
    });

    it.each([
      [{}, 'body'],
      [{ roles: ['root'] }, 'body.roles.0'],
      [{ active: 'no' }, 'body.active'],
      [{ unlock: false }, 'body.unlock'],
      [{ email: 'broken' }, 'body.email'],
    ])('rejects the change %j naming %s', async (payload, field) => {
      const person = await createPerson(db.db, { name: 'Stays' });
      const response = await request(adminSession, 'PATCH', `/people/${person.id}`, payload);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
      expect(await auditRows(person.id)).toHaveLength(0);
    });

    it('answers 404 for a person that does not exist', async () => {
      const response = await request(
        adminSession,
        'PATCH',
        '/people/00000000-0000-4000-8000-00000000f00d',
        {
          name: 'Ghost',
        },
      );
      expect(response.statusCode).toBe(404);
    });
  });

  describe('units', () => {
    it('creates a unit and audits it', async () => {
      const code = `RANG-${Date.now().toString(36)}`;
      const response = await request(adminSession, 'POST', '/units', {
        code,
        nameMs: 'Unit Rangkaian',
        nameEn: 'Network Unit',
        email: 'rangkaian@test.khidmat.invalid',
      });
      expect(response.statusCode).toBe(201);
      const unit = response.json<{
        id: string;
        code: string;
        members: unknown[];
        active: boolean;
      }>();
      expect(unit).toMatchObject({ code, active: true, members: [] });
      const [audit] = await auditRows(unit.id, 'created');
      expect(audit?.actorId).toBe(admin.id);
      expect(audit?.new).toMatchObject({ code, nameMs: 'Unit Rangkaian' });
    });

    it('answers 409 for a unit code in use', async () => {
      const existing = await createUnit(db.db);
      const response = await request(adminSession, 'POST', '/units', {
        code: existing.code,
        nameMs: 'Salinan',
        nameEn: 'Copy',
      });
      expect(response.statusCode).toBe(409);
      expect(fieldsOf(response.json<ErrorReply>())).toEqual(['body.code']);
    });

    it.each([
      [{ nameMs: 'A', nameEn: 'A' }, 'body.code'],
      [{ code: 'has space', nameMs: 'A', nameEn: 'A' }, 'body.code'],
      [{ code: 'OK-1', nameMs: '', nameEn: 'A' }, 'body.nameMs'],
      [{ code: 'OK-2', nameMs: 'A', nameEn: 'A', email: 'not-mail' }, 'body.email'],
    ])('rejects the unit %j naming %s and writes nothing', async (payload, field) => {
      const before = (await db.db.select().from(units)).length;
      const response = await request(adminSession, 'POST', '/units', payload);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
      expect((await db.db.select().from(units)).length).toBe(before);
    });

    it('renames and deactivates a unit, hiding it from non-administrators', async () => {
      const unit = await createUnit(db.db);
      const response = await request(adminSession, 'PATCH', `/units/${unit.id}`, {
        nameEn: 'Renamed Unit',
        active: false,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ nameEn: 'Renamed Unit', active: false });
      const [audit] = await auditRows(unit.id, 'updated');
      expect(audit?.old).toEqual({ nameEn: unit.nameEn, active: true });
      expect(audit?.new).toEqual({ nameEn: 'Renamed Unit', active: false });

      const { session } = await sessionFor(['agent']);
      const list = await request(session, 'GET', '/units');
      expect(list.json<{ items: { id: string }[] }>().items.map((u) => u.id)).not.toContain(
        unit.id,
      );
      expect((await request(session, 'GET', `/units/${unit.id}`)).statusCode).toBe(404);
      expect((await request(session, 'GET', '/units?includeInactive=true')).statusCode).toBe(403);
      const adminList = await request(adminSession, 'GET', '/units?includeInactive=true');
      expect(adminList.json<{ items: { id: string }[] }>().items.map((u) => u.id)).toContain(
        unit.id,
      );
    });

    it('replaces members and heads and audits the lists', async () => {
      const unit = await createUnit(db.db);
      const old = await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] });
      const head = await createPerson(db.db, { roles: ['supervisor'] });
      const member = await createPerson(db.db, { roles: ['technician'] });
      const response = await request(adminSession, 'PUT', `/units/${unit.id}/members`, {
        members: [{ personId: head.id, role: 'head' }, { personId: member.id }],
      });
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        memberCount: number;
        members: { personId: string; role: string }[];
      }>();
      expect(body.memberCount).toBe(2);
      expect(body.members.map((m) => [m.personId, m.role]).sort()).toEqual(
        [
          [head.id, 'head'],
          [member.id, 'member'],
        ].sort(),
      );
      const [audit] = await auditRows(unit.id, 'members_replaced');
      expect(audit?.old).toEqual([{ personId: old.id, role: 'member' }]);
      expect(
        (audit?.new as unknown as { personId: string }[]).map((m) => m.personId).sort(),
      ).toEqual([head.id, member.id].sort());

      const headSession = await signIn(app, head.email);
      const me = await request(headSession, 'GET', '/auth/me');
      expect(me.json<{ units: { unitId: string; role: string }[] }>().units).toMatchObject([
        { unitId: unit.id, role: 'head' },
      ]);
    });

    it.each([
      [
        (id: string) => ({ members: [{ personId: id }, { personId: id }] }),
        'body.members.1.personId',
      ],
      [
        () => ({ members: [{ personId: '00000000-0000-4000-8000-00000000c0de' }] }),
        'body.members.0.personId',
      ],
      [(id: string) => ({ members: [{ personId: id, role: 'boss' }] }), 'body.members.0.role'],
      [() => ({}), 'body.members'],
    ])('rejects bad members naming %s and keeps the old ones', async (makePayload, field) => {
      const unit = await createUnit(db.db);
      const kept = await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] });
      const response = await request(
        adminSession,
        'PUT',
        `/units/${unit.id}/members`,
        makePayload(kept.id),
      );
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
      const members = await db.db.select().from(unitMembers).where(eq(unitMembers.unitId, unit.id));
      expect(members.map((m) => m.personId)).toEqual([kept.id]);
      expect(await auditRows(unit.id)).toHaveLength(0);
    });

    it('forbids a customer to list units and hides units they are not in', async () => {
      const unit = await createUnit(db.db);
      const own = await createUnit(db.db);
      const { session } = await sessionFor(['customer'], { unitIds: [own.id] });
      expect((await request(session, 'GET', '/units')).statusCode).toBe(403);
      expect((await request(session, 'GET', `/units/${unit.id}`)).statusCode).toBe(404);
      expect((await request(session, 'GET', `/units/${own.id}`)).statusCode).toBe(200);
      const change = await request(session, 'PATCH', `/units/${unit.id}`, { nameEn: 'Mine now' });
      expect(change.statusCode).toBe(404);
    });

    it('forbids a supervisor to change unit members', async () => {
      const unit = await createUnit(db.db);
      const { session } = await sessionFor(['supervisor'], { headOf: [unit.id] });
      const response = await request(session, 'PUT', `/units/${unit.id}/members`, { members: [] });
      expect(response.statusCode).toBe(403);
    });

    it('lets an approver list units', async () => {
      const { session } = await sessionFor(['approver']);
      expect((await request(session, 'GET', '/units')).statusCode).toBe(200);
    });
  });
});
