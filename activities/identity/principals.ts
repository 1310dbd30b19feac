/**
 * Loads who is making a request: the person behind a session or an API token, with the roles and
 * unit memberships that authorisation needs. Only SHA-256 digests of secrets are stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
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

/**
 * The columns of a principal: the person, and the units they belong to and head as text arrays
 * from subqueries, so one statement loads everything authorisation needs.
 */
const principalColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  roles: people.roles,
  language: people.language,
  active: people.active,
  unitIds: sql<string[]>`array(select ${unitMembers.unitId}::text from ${unitMembers}
    where ${unitMembers.personId} = ${people.id} order by 1)`,
  headOfUnitIds: sql<string[]>`array(select ${unitMembers.unitId}::text from ${unitMembers}
    where ${unitMembers.personId} = ${people.id} and ${unitMembers.role} = 'head' order by 1)`,
};

interface PrincipalRow {
  id: string;
  email: string;
  name: string;
  roles: string[];
  language: string;
  active: boolean;
  unitIds: string[];
  headOfUnitIds: string[];
}

function principalOf(row: PrincipalRow): Principal | null {
  if (!row.active) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    language: row.language === 'en' ? 'en' : 'ms',
    unitIds: row.unitIds,
    headOfUnitIds: row.headOfUnitIds,
  };
}

export async function loadPrincipal(db: Database, personId: string): Promise<Principal | null> {
  const [row] = await db.select(principalColumns).from(people).where(eq(people.id, personId));
  return row ? principalOf(row) : null;
}

export interface SessionPrincipal {
  principal: Principal;
  sessionId: string;
  csrfToken: string;
}

/**
 * Finds the live session whose cookie value is given, with its person, in one statement. Returns
 * null when the session is unknown, expired or revoked, or when the person is inactive.
 */
export async function findSession(
  db: Database,
  cookieValue: string,
  now: Date,
): Promise<SessionPrincipal | null> {
  const id = sha256(cookieValue);
  const [row] = await db
    .select({ ...principalColumns, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  const principal = row ? principalOf(row) : null;
  return row && principal ? { principal, sessionId: id, csrfToken: row.csrfToken } : null;
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
