/**
 * Sign-in, sessions, CSRF, lockout, the IP rate limit, the own profile and password, and personal
 * API tokens, through fastify.inject on a real database of every kind.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import { sha256 } from '../../activities/identity/principals';
import { apiTokens, auditLog, loginAttempts, people, sessions } from '../../db/schema';
import { buildTestApp, signIn } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit, testPassword } from '../helpers/factories';

let ipCounter = 0;

/** Returns a new documentation address (RFC 5737) per call, so one test's IP limit spares the others. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter % 250}`;
}

function login(
  app: App,
  email: string,
  password: string,
  ip = freshIp(),
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { 'x-forwarded-for': ip, ...headers },
  });
}

interface ErrorReply {
  error: {
    code: string;
    message: string;
    requestId: string;
    details?: { field: string; message: string }[];
  };
}

function fieldsOf(body: ErrorReply): string[] {
  return (body.error.details ?? []).map((issue) => issue.field);
}

describe.each(databaseKinds())('authentication on %s', (kind) => {
  let db: TestDatabase;
  let app: App;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ app } = await buildTestApp({
      db,
      env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000', TRUST_PROXY: 'true' },
    }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  async function personRow(id: string) {
    const [row] = await db.db.select().from(people).where(eq(people.id, id));
    if (!row) throw new Error(`no person ${id}`);
    return row;
  }

  describe('sign-in', () => {
    it('returns the CSRF token and the person and sets the session cookie', async () => {
      const person = await createPerson(db.db, {
        roles: ['agent'],
        language: 'en',
        name: 'Aminah',
      });
      const response = await login(app, person.email.toUpperCase(), testPassword);
      expect(response.statusCode).toBe(200);
      const body = response.json<{ csrfToken: string; person: Record<string, unknown> }>();
      expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
      expect(body.person).toEqual({
        id: person.id,
        name: 'Aminah',
        email: person.email,
        roles: ['agent'],
        language: 'en',
      });

      const cookie = response.cookies.find((c) => c.name === 'khidmat_session');
      expect(cookie).toBeDefined();
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
      expect(cookie?.path).toBe('/');
      expect(cookie?.maxAge).toBe(12 * 3600);
      expect(cookie?.secure).toBeFalsy();
    });

    it('stores only the SHA-256 of the session token', async () => {
      const person = await createPerson(db.db);
      const response = await login(app, person.email, testPassword);
      const token = response.cookies.find((c) => c.name === 'khidmat_session')?.value ?? '';
      const stored = await db.db.select().from(sessions).where(eq(sessions.personId, person.id));
      expect(stored).toHaveLength(1);
      expect(stored[0]?.id).toBe(sha256(token));
      expect(stored[0]?.id).not.toBe(token);
      expect(stored[0]?.csrfToken).toBe(response.json<{ csrfToken: string }>().csrfToken);
      expect(stored[0]?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    });

    it('marks the cookie Secure behind HTTPS', async () => {
      const person = await createPerson(db.db);
      const response = await login(app, person.email, testPassword, freshIp(), {
        'x-forwarded-proto': 'https',
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((c) => c.name === 'khidmat_session')?.secure).toBe(true);
    });

    it('marks the cookie Secure when COOKIE_SECURE is set', async () => {
      const secureApp = await buildTestApp({
        db,
        env: { COOKIE_SECURE: 'true', SESSION_TTL_HOURS: '2' },
      });
      try {
        const person = await createPerson(db.db);
        const response = await login(secureApp.app, person.email, testPassword);
        const cookie = response.cookies.find((c) => c.name === 'khidmat_session');
        expect(cookie?.secure).toBe(true);
        expect(cookie?.maxAge).toBe(2 * 3600);
      } finally {
        await secureApp.app.close();
      }
    });

    it('gives the same 401 for a wrong password and an unknown address', async () => {
      const person = await createPerson(db.db);
      const wrongPassword = await login(app, person.email, 'not-the-password');
      const unknownEmail = await login(app, 'nobody@test.khidmat.invalid', testPassword);
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownEmail.statusCode).toBe(401);
      const a = wrongPassword.json<ErrorReply>().error;
      const b = unknownEmail.json<ErrorReply>().error;
      expect(a.code).toBe('unauthenticated');
      expect(b.code).toBe('unauthenticated');
      expect(a.message).toBe(b.message);
      expect(wrongPassword.cookies).toHaveLength(0);
      expect((await personRow(person.id)).failedLogins).toBe(1);
    });

    it('rejects an inactive person with the same 401', async () => {
      const person = await createPerson(db.db);
      await db.db.update(people).set({ active: false }).where(eq(people.id, person.id));
      const response = await login(app, person.email, testPassword);
      expect(response.statusCode).toBe(401);
      expect(response.json<ErrorReply>().error.code).toBe('unauthenticated');
    });

    it('records every attempt in login_attempts', async () => {
      const person = await createPerson(db.db);
      const ip = freshIp();
      await login(app, person.email, 'wrong-password-1', ip);
      await login(app, person.email, testPassword, ip);
      const attempts = await db.db
        .select({ succeeded: loginAttempts.succeeded })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.email, person.email), eq(loginAttempts.ip, ip)));
      expect(attempts.map((a) => a.succeeded).sort()).toEqual([false, true]);
    });

    it('names the missing field of a bad login body', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'someone@test.khidmat.invalid' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorReply>().error.code).toBe('validation_failed');
      expect(fieldsOf(response.json<ErrorReply>())).toContain('body.password');
    });
  });

  describe('lockout', () => {
    it('locks the account after five failures, even for the right password', async () => {
      const person = await createPerson(db.db);
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await login(app, person.email, `wrong-password-${attempt}`);
        expect(response.statusCode).toBe(401);
      }
      const row = await personRow(person.id);
      expect(row.failedLogins).toBe(5);
      expect(row.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

      const locked = await login(app, person.email, testPassword);
      expect(locked.statusCode).toBe(423);
      expect(locked.json<ErrorReply>().error.code).toBe('account_locked');
      expect(locked.cookies).toHaveLength(0);

      const audit = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, person.id), eq(auditLog.action, 'locked')));
      expect(audit).toHaveLength(1);
    });

    it('answers an unknown address as if it were locked', async () => {
      const email = `nobody-${freshIp()}@test.khidmat.invalid`;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await login(app, email, `wrong-password-${attempt}`);
        expect(response.statusCode).toBe(401);
      }
      const sixth = await login(app, email, 'wrong-password-6');
      expect(sixth.statusCode).toBe(423);
      expect(sixth.json<ErrorReply>().error.code).toBe('account_locked');
    });

    it('lets the person in once the lock has expired and resets the count', async () => {
      const person = await createPerson(db.db);
      for (let attempt = 1; attempt <= 5; attempt++)
        await login(app, person.email, `wrong-password-${attempt}`);
      await db.db
        .update(people)
        .set({ lockedUntil: new Date(Date.now() - 1000) })
        .where(eq(people.id, person.id));

      const response = await login(app, person.email, testPassword);
      expect(response.statusCode).toBe(200);
      const row = await personRow(person.id);
      expect(row.failedLogins).toBe(0);
      expect(row.lockedUntil).toBeNull();
    });

    it('starts counting again after an expired lock', async () => {
      const person = await createPerson(db.db);
      for (let attempt = 1; attempt <= 5; attempt++)
        await login(app, person.email, `wrong-password-${attempt}`);
      await db.db
        .update(people)
        .set({ lockedUntil: new Date(Date.now() - 1000) })
        .where(eq(people.id, person.id));

      const response = await login(app, person.email, 'wrong-again');
      expect(response.statusCode).toBe(401);
      const row = await personRow(person.id);
      expect(row.failedLogins).toBe(1);
      expect(row.lockedUntil).toBeNull();
    });

    it('resets the failure count on a successful sign-in', async () => {
      const person = await createPerson(db.db);
      await login(app, person.email, 'wrong-password-1');
      await login(app, person.email, 'wrong-password-2');
      expect((await personRow(person.id)).failedLogins).toBe(2);
      expect((await login(app, person.email, testPassword)).statusCode).toBe(200);
      expect((await personRow(person.id)).failedLogins).toBe(0);
    });
  });

  describe('IP rate limit', () => {
    it('answers 429 after the per-minute limit of one address', async () => {
      const limited = await buildTestApp({
        db,
        env: { LOGIN_IP_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' },
      });
      try {
        const person = await createPerson(db.db);
        const ip = '192.0.2.77';
        for (let attempt = 1; attempt <= 3; attempt++) {
          const response = await login(limited.app, person.email, `wrong-${attempt}-password`, ip);
          expect(response.statusCode).toBe(401);
        }
        const blocked = await login(limited.app, person.email, testPassword, ip);
        expect(blocked.statusCode).toBe(429);
        expect(blocked.json<ErrorReply>().error.code).toBe('rate_limited');
        expect(blocked.cookies).toHaveLength(0);

        const otherAddress = await login(limited.app, person.email, testPassword, '192.0.2.78');
        expect(otherAddress.statusCode).toBe(200);

        // The limit is read from the database, so a second API process applies it too.
        const second = await buildTestApp({
          db,
          env: { LOGIN_IP_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' },
        });
        try {
          expect((await login(second.app, person.email, testPassword, ip)).statusCode).toBe(429);
        } finally {
          await second.app.close();
        }
      } finally {
        await limited.app.close();
      }
    });
    it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
      const direct = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '2' } });
      try {
        const person = await createPerson(db.db);
        const attempt = (password: string, claimed: string) =>
          direct.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: person.email, password },
            headers: { 'x-forwarded-for': claimed },
            remoteAddress: '203.0.113.50',
          });
        expect((await attempt('wrong-1-password', '198.51.100.1')).statusCode).toBe(401);
        expect((await attempt('wrong-2-password', '198.51.100.2')).statusCode).toBe(401);
        // Each attempt claimed another address, but all came from the same peer.
        expect((await attempt(testPassword, '198.51.100.9')).statusCode).toBe(429);
      } finally {
        await direct.app.close();
      }
    });
  });

  describe('sessions and CSRF', () => {
    it('returns the principal with units from GET /auth/me', async () => {
      const unit = await createUnit(db.db);
      const person = await createPerson(db.db, { roles: ['supervisor'], headOf: [unit.id] });
      const session = await signIn(app, person.email);
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: session.cookie },
      });
      expect(response.statusCode).toBe(200);
      const me = response.json<Record<string, unknown>>();
      expect(me).toMatchObject({
        id: person.id,
        email: person.email,
        roles: ['supervisor'],
        language: 'ms',
        authenticatedBy: 'session',
        csrfToken: session.csrfToken,
      });
      expect(me.units).toEqual([
        {
          unitId: unit.id,
          code: unit.code,
          nameMs: unit.nameMs,
          nameEn: unit.nameEn,
          role: 'head',
        },
      ]);
    });

    it('answers 401 from GET /auth/me without a session', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
      expect(response.statusCode).toBe(401);
      expect(response.json<ErrorReply>().error.code).toBe('unauthenticated');
    });

    it('requires the CSRF header on a cookie write', async () => {
      const person = await createPerson(db.db, { language: 'ms' });
      const session = await signIn(app, person.email);
      const missing = await app.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        payload: { language: 'en' },
        headers: { cookie: session.cookie },
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.json<ErrorReply>().error.code).toBe('csrf_failed');

      const wrong = await app.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        payload: { language: 'en' },
        headers: { cookie: session.cookie, 'x-csrf-token': 'not-the-token' },
      });
      expect(wrong.statusCode).toBe(403);
      expect((await personRow(person.id)).language).toBe('ms');

      const right = await app.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        payload: { language: 'en' },
        headers: session.headers,
      });
      expect(right.statusCode).toBe(200);
      expect((await personRow(person.id)).language).toBe('en');
    });

    it('revokes the session and clears the cookie on logout', async () => {
      const person = await createPerson(db.db);
      const session = await signIn(app, person.email);

      const withoutCsrf = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: session.cookie },
      });
      expect(withoutCsrf.statusCode).toBe(403);

      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: session.headers,
      });
      expect(response.statusCode).toBe(204);
      const cleared = response.cookies.find((c) => c.name === 'khidmat_session');
      expect(cleared?.value).toBe('');
      expect(cleared?.expires?.getTime()).toBeLessThanOrEqual(Date.now());

      const [stored] = await db.db.select().from(sessions).where(eq(sessions.personId, person.id));
      expect(stored?.revokedAt).not.toBeNull();
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: session.cookie },
      });
      expect(me.statusCode).toBe(401);
    });

    it('ignores an expired session', async () => {
      const person = await createPerson(db.db);
      const session = await signIn(app, person.email);
      await db.db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(sessions.personId, person.id));
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: session.cookie },
      });
      expect(me.statusCode).toBe(401);
    });
  });

  describe('own profile', () => {
    it('stores name, phone and language and audits the change', async () => {
      const person = await createPerson(db.db, { name: 'Old Name' });
      const session = await signIn(app, person.email);
      const response = await app.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        payload: { name: 'Siti Nur', phone: '+60 7-555 0101', language: 'en' },
        headers: session.headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        name: 'Siti Nur',
        phone: '+60 7-555 0101',
        language: 'en',
      });

      const row = await personRow(person.id);
      expect(row.name).toBe('Siti Nur');
      expect(row.language).toBe('en');
      const [audit] = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, person.id), eq(auditLog.action, 'profile_updated')));
      expect(audit?.actorId).toBe(person.id);
      expect(JSON.parse(audit?.oldValue ?? '{}')).toEqual({
        name: 'Old Name',
        phone: null,
        language: 'ms',
      });
      expect(JSON.parse(audit?.newValue ?? '{}')).toEqual({
        name: 'Siti Nur',
        phone: '+60 7-555 0101',
        language: 'en',
      });
    });

    it.each([
      [{ language: 'fr' }, 'body.language'],
      [{ name: '' }, 'body.name'],
      [{ roles: ['admin'] }, 'body'],
      [{}, 'body'],
    ])('rejects %j naming %s and writes nothing', async (payload, field) => {
      const person = await createPerson(db.db, { name: 'Unchanged' });
      const session = await signIn(app, person.email);
      const response = await app.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        payload,
        headers: session.headers,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
      const row = await personRow(person.id);
      expect(row.name).toBe('Unchanged');
      expect(row.roles).toEqual(['customer']);
      expect(row.language).toBe('ms');
    });
  });

  describe('password change', () => {
    it('changes the password and revokes the other sessions only', async () => {
      const person = await createPerson(db.db);
      const current = await signIn(app, person.email);
      const other = await signIn(app, person.email);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { current: testPassword, new: 'a-brand-new-passphrase' },
        headers: current.headers,
      });
      expect(response.statusCode).toBe(204);

      expect((await login(app, person.email, testPassword)).statusCode).toBe(401);
      expect((await login(app, person.email, 'a-brand-new-passphrase')).statusCode).toBe(200);
      const meCurrent = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: current.cookie },
      });
      const meOther = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: other.cookie },
      });
      expect(meCurrent.statusCode).toBe(200);
      expect(meOther.statusCode).toBe(401);
    });

    it.each([
      [{ current: 'wrong-current-password', new: 'a-brand-new-passphrase' }, 'body.current'],
      [{ current: testPassword, new: 'short' }, 'body.new'],
      [{ current: testPassword, new: testPassword }, 'body.new'],
      [{ current: testPassword }, 'body.new'],
    ])('rejects %j naming %s and keeps the password', async (payload, field) => {
      const person = await createPerson(db.db);
      const session = await signIn(app, person.email);
      const before = (await personRow(person.id)).passwordHash;
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload,
        headers: session.headers,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
      expect((await personRow(person.id)).passwordHash).toBe(before);
    });

    it('counts a wrong current password towards the lockout', async () => {
      const person = await createPerson(db.db);
      const session = await signIn(app, person.email);
      const statuses: number[] = [];
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/password',
          payload: { current: `guess-number-${attempt}`, new: 'a-brand-new-passphrase' },
          headers: session.headers,
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([400, 400, 400, 400, 423]);
      expect((await login(app, person.email, testPassword)).statusCode).toBe(423);
    });
  });

  describe('API tokens', () => {
    async function createToken(
      email: string,
      payload: Record<string, unknown> = { name: 'Integrasi' },
    ) {
      const session = await signIn(app, email);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload,
        headers: session.headers,
      });
      return { session, response };
    }

    it('creates a token shown once and stores only its SHA-256', async () => {
      const person = await createPerson(db.db);
      const { response } = await createToken(person.email, { name: 'Laporan', expiresInDays: 30 });
      expect(response.statusCode).toBe(201);
      const created = response.json<{
        id: string;
        token: string;
        prefix: string;
        expiresAt: string;
      }>();
      expect(created.token).toMatch(/^kht_[\w-]{40,}$/);
      expect(created.token.startsWith(created.prefix)).toBe(true);
      expect(created.prefix.length).toBeLessThan(created.token.length / 2);
      const expires = new Date(created.expiresAt).getTime();
      expect(Math.abs(expires - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);

      const [row] = await db.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
      expect(row?.tokenHash).toBe(sha256(created.token));
      const [audit] = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'created')));
      expect(audit?.actorId).toBe(person.id);
      expect(audit?.newValue).not.toContain(created.token);
    });

    it('authenticates with the token and needs no CSRF header for writes', async () => {
      const person = await createPerson(db.db);
      const { response } = await createToken(person.email);
      const { token } = response.json<{ token: string }>();
      const bearer = { authorization: `Bearer ${token}` };

      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ id: person.id, authenticatedBy: 'token', csrfToken: null });

      const write = await app.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        payload: { language: 'en' },
        headers: bearer,
      });
      expect(write.statusCode).toBe(200);
      expect((await personRow(person.id)).language).toBe('en');

      const list = await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer });
      const [listed] = list.json<{ items: Record<string, unknown>[] }>().items;
      expect(listed?.lastUsedAt).not.toBeNull();
    });

    it('lists tokens without secrets', async () => {
      const person = await createPerson(db.db);
      const { session, response } = await createToken(person.email);
      const { token } = response.json<{ token: string }>();
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/tokens',
        headers: { cookie: session.cookie },
      });
      expect(list.statusCode).toBe(200);
      const { items } = list.json<{ items: Record<string, unknown>[] }>();
      expect(items).toHaveLength(1);
      expect(Object.keys(items[0] ?? {}).sort()).toEqual(
        ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt'].sort(),
      );
      expect(list.body).not.toContain(token);
      expect(list.body).not.toContain(sha256(token));
    });

    it('revokes a token so it no longer authenticates', async () => {
      const person = await createPerson(db.db);
      const { session, response } = await createToken(person.email);
      const { id, token } = response.json<{ id: string; token: string }>();
      const revoke = await app.inject({
        method: 'DELETE',
        url: `/api/v1/auth/tokens/${id}`,
        headers: session.headers,
      });
      expect(revoke.statusCode).toBe(204);
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.statusCode).toBe(401);
      const [row] = await db.db.select().from(apiTokens).where(eq(apiTokens.id, id));
      expect(row?.revokedAt).not.toBeNull();
      const audit = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'revoked')));
      expect(audit).toHaveLength(1);
    });

    it("answers 404 for someone else's token and leaves it working", async () => {
      const owner = await createPerson(db.db);
      const intruder = await createPerson(db.db, { roles: ['admin'] });
      const { response } = await createToken(owner.email);
      const { id, token } = response.json<{ id: string; token: string }>();
      const intruderSession = await signIn(app, intruder.email);
      const revoke = await app.inject({
        method: 'DELETE',
        url: `/api/v1/auth/tokens/${id}`,
        headers: intruderSession.headers,
      });
      expect(revoke.statusCode).toBe(404);
      expect(revoke.json<ErrorReply>().error.code).toBe('not_found');
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.statusCode).toBe(200);
    });

    it('rejects an expired token', async () => {
      const person = await createPerson(db.db);
      const { response } = await createToken(person.email, {
        name: 'Short-lived',
        expiresInDays: 1,
      });
      const { id, token } = response.json<{ id: string; token: string }>();
      await db.db
        .update(apiTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(apiTokens.id, id));
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.statusCode).toBe(401);
    });

    it('refuses a password change made with a token', async () => {
      const person = await createPerson(db.db);
      const { response } = await createToken(person.email);
      const { token } = response.json<{ token: string }>();
      const change = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { current: testPassword, new: 'a-new-password-1' },
        headers: { authorization: `Bearer ${token}` },
      });
      expect(change.statusCode).toBe(403);
      expect((await login(app, person.email, testPassword)).statusCode).toBe(200);
    });

    it('refuses to create a token with another token', async () => {
      const person = await createPerson(db.db);
      const { response } = await createToken(person.email);
      const { token } = response.json<{ token: string }>();
      const second = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'Minted by a token' },
        headers: { authorization: `Bearer ${token}` },
      });
      expect(second.statusCode).toBe(403);
      expect(
        await db.db.select().from(apiTokens).where(eq(apiTokens.personId, person.id)),
      ).toHaveLength(1);
    });

    it.each([
      [{ name: '' }, 'body.name'],
      [{ name: 'x', expiresInDays: 0 }, 'body.expiresInDays'],
      [{ name: 'x', expiresInDays: 1.5 }, 'body.expiresInDays'],
      [{}, 'body.name'],
    ])('rejects %j naming %s and creates nothing', async (payload, field) => {
      const person = await createPerson(db.db);
      const { response } = await createToken(person.email, payload);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
      expect(
        await db.db.select().from(apiTokens).where(eq(apiTokens.personId, person.id)),
      ).toHaveLength(0);
    });

    it('answers 400 for a token id that is not a UUID', async () => {
      const person = await createPerson(db.db);
      const session = await signIn(app, person.email);
      const response = await app.inject({
        method: 'DELETE',
        url: '/api/v1/auth/tokens/abc',
        headers: session.headers,
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json<ErrorReply>())).toContain('params.id');
    });
  });
});
