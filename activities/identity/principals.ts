/**
 * Loads who is making a request: the person behind a session or an API token, with the roles and
 * unit memberships that authorisation needs. Only SHA-256 digests of secrets are stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Language, Role } from '../../common/enums';
import type { Database } from '../../db/client';
import { apiTokens, people, sessions, unitMembers } from '../../db/schema';

export interface Principal {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  language: Language;
  unitIds: string[];
  headOfUnitIds: string[];
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new random secret for a cookie, a CSRF token or an API token. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export const apiTokenPrefix = 'kht_';

export async function loadPrincipal(db: Database, personId: string): Promise<Principal | null> {
  const [person] = await db
    .select({
      id: people.id,
      email: people.email,
      name: people.name,
      roles: people.roles,
      language: people.language,
      active: people.active,
    })
    .from(people)
    .where(eq(people.id, personId));
  if (!person || !person.active) return null;
  const memberships = await db
    .select({ unitId: unitMembers.unitId, role: unitMembers.role })
    .from(unitMembers)
    .where(eq(unitMembers.personId, personId));
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    roles: person.roles as Role[],
    language: person.language === 'en' ? 'en' : 'ms',
    unitIds: memberships.map((membership) => membership.unitId),
    headOfUnitIds: memberships.filter((m) => m.role === 'head').map((m) => m.unitId),
  };
}

export interface SessionPrincipal {
  principal: Principal;
  sessionId: string;
  csrfToken: string;
}

/** Finds the live session whose cookie value is given; null when unknown, expired or revoked. */
export async function findSession(
  db: Database,
  cookieValue: string,
  now: Date,
): Promise<SessionPrincipal | null> {
  const id = sha256(cookieValue);
  const [session] = await db
    .select({ personId: sessions.personId, csrfToken: sessions.csrfToken })
    .from(sessions)
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!session) return null;
  const principal = await loadPrincipal(db, session.personId);
  return principal ? { principal, sessionId: id, csrfToken: session.csrfToken } : null;
}

/** Finds the person behind a personal API token; null when unknown, expired or revoked. */
export async function findApiToken(
  db: Database,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const [row] = await db
    .select({ id: apiTokens.id, personId: apiTokens.personId })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return loadPrincipal(db, row.personId);
}

/**
 * Returns the CSRF token of a session, found by its id (the SHA-256 of the cookie value), or null
 * when there is no such session.
 */
export async function sessionCsrfToken(db: Database, sessionId: string): Promise<string | null> {
  const [session] = await db
    .select({ csrfToken: sessions.csrfToken })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return session?.csrfToken ?? null;
}
