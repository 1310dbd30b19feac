/**
 * Sign-in, sessions and password changes. The rate limit and the lockout live in the database
 * (login_attempts, people.failed_logins and people.locked_until), so they hold across API
 * processes.
 */
import { and, count, eq, gt, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { Database } from '../../db/client';
import { loginAttempts, people, sessions } from '../../db/schema';
import { appendAudit } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import { loadPrincipal, randomSecret, sha256, type Principal } from './principals';

export interface SignInLimits {
  /** Failed sign-ins after which an account is locked. */
  maxFailures: number;
  lockMinutes: number;
  /** Sign-in attempts one IP address may make in a sliding minute. */
  ipLimitPerMinute: number;
  sessionTtlHours: number;
}

export interface NewSession {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SignInResult {
  session: NewSession;
  principal: Principal;
}

/** The one message for an unknown e-mail address and a wrong password, so neither is revealed. */
const wrongCredentials = 'The e-mail address or password is wrong';

let dummyHash: Promise<string> | null = null;

/**
 * Verifies the password against a throwaway hash, so that a sign-in for an unknown address takes
 * as long as one for a known address.
 */
async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomSecret());
  await verifyPassword(await dummyHash, password);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function lockedError(lockedUntil: Date): AppError {
  return new AppError(
    'account_locked',
    `The account is locked after too many failed sign-ins; try again after ${lockedUntil.toISOString()}`,
    { lockedUntil: lockedUntil.toISOString() },
  );
}

/**
 * Counts one more failed password for the person and locks the account when the count reaches
 * the limit, in one UPDATE so that concurrent attempts in several processes cannot lose a count.
 * A failure after an expired lock starts the count again at one.
 */
export async function recordFailedPassword(
  db: Database,
  personId: string,
  now: Date,
  limits: Pick<SignInLimits, 'maxFailures' | 'lockMinutes'>,
): Promise<Date | null> {
  const nowText = now.toISOString();
  const lockUntil = new Date(now.getTime() + limits.lockMinutes * 60_000).toISOString();
  const previousCount = sql`(case when ${people.lockedUntil} is not null and ${people.lockedUntil} <= ${nowText}::timestamptz then 0 else ${people.failedLogins} end)`;
  const [row] = await db
    .update(people)
    .set({
      failedLogins: sql`${previousCount} + 1`,
      lockedUntil: sql`case
        when ${previousCount} + 1 >= ${limits.maxFailures} then ${lockUntil}::timestamptz
        when ${people.lockedUntil} <= ${nowText}::timestamptz then null
        else ${people.lockedUntil} end`,
    })
    .where(eq(people.id, personId))
    .returning({ failedLogins: people.failedLogins, lockedUntil: people.lockedUntil });
  if (!row?.lockedUntil || row.lockedUntil <= now) return null;
  if (row.failedLogins === limits.maxFailures) {
    await appendAudit(db, {
      actorId: null,
      entity: 'person',
      entityId: personId,
      action: 'locked',
      newValue: { failedLogins: row.failedLogins, lockedUntil: row.lockedUntil.toISOString() },
    });
  }
  return row.lockedUntil;
}

export async function createSession(
  db: Database,
  personId: string,
  now: Date,
  ttlHours: number,
): Promise<NewSession> {
  const token = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await db
    .insert(sessions)
    .values({ id: sha256(token), personId, csrfToken, createdAt: now, expiresAt });
  return { token, csrfToken, expiresAt };
}

/**
 * Returns when an address without an account would be locked if it had one: after maxFailures
 * failed attempts within the lock window. Answering 423 for such addresses too keeps the lockout
 * from revealing which addresses have accounts.
 */
async function emulatedLock(
  db: Database,
  email: string,
  now: Date,
  limits: SignInLimits,
): Promise<Date | null> {
  const windowMs = limits.lockMinutes * 60_000;
  const failures = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, new Date(now.getTime() - windowMs)),
        lt(loginAttempts.at, now),
      ),
    )
    .orderBy(loginAttempts.at)
    .limit(limits.maxFailures);
  const lockingFailure = failures[limits.maxFailures - 1];
  if (!lockingFailure) return null;
  return new Date(lockingFailure.at.getTime() + windowMs);
}

/**
 * Signs a person in with e-mail and password and opens a session. Raises rate_limited when the
 * IP address made more than its limit of attempts in the last minute. Raises account_locked while
 * the account is locked, even for the right password. Raises unauthenticated for an unknown
 * address, an inactive person or a wrong password.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; ip: string; now: Date },
  limits: SignInLimits,
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const { now } = input;

  // The attempt is stored before it is counted, so concurrent attempts from several processes
  // each see the others and together cannot exceed the limit.
  const [attempt] = await db
    .insert(loginAttempts)
    .values({ email, ip: input.ip, succeeded: false, at: now })
    .returning({ id: loginAttempts.id });
  const [recent] = await db
    .select({ attempts: count() })
    .from(loginAttempts)
    .where(
      and(eq(loginAttempts.ip, input.ip), gt(loginAttempts.at, new Date(now.getTime() - 60_000))),
    );
  if ((recent?.attempts ?? 0) > limits.ipLimitPerMinute) {
    throw new AppError(
      'rate_limited',
      'Too many sign-in attempts from this address; wait a minute',
    );
  }

  const [person] = await db
    .select({
      id: people.id,
      passwordHash: people.passwordHash,
      active: people.active,
      lockedUntil: people.lockedUntil,
    })
    .from(people)
    .where(eq(people.email, email));
  if (!person || !person.active || !person.passwordHash) {
    await spendVerifyTime(input.password);
    const lockedUntil = await emulatedLock(db, email, now, limits);
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('unauthenticated', wrongCredentials);
  }
  if (person.lockedUntil && person.lockedUntil > now) throw lockedError(person.lockedUntil);

  if (!(await verifyPassword(person.passwordHash, input.password))) {
    await recordFailedPassword(db, person.id, now, limits);
    throw new AppError('unauthenticated', wrongCredentials);
  }

  // Resets the failure count unless another process locked the account meanwhile.
  const reset = await db
    .update(people)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(
      and(eq(people.id, person.id), or(isNull(people.lockedUntil), lte(people.lockedUntil, now))),
    )
    .returning({ id: people.id });
  if (reset.length === 0) {
    const [locked] = await db
      .select({ lockedUntil: people.lockedUntil })
      .from(people)
      .where(eq(people.id, person.id));
    throw lockedError(locked?.lockedUntil ?? now);
  }

  const principal = await loadPrincipal(db, person.id);
  if (!principal) throw new AppError('unauthenticated', wrongCredentials);
  if (attempt)
    await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attempt.id));
  const session = await createSession(db, person.id, now, limits.sessionTtlHours);
  return { session, principal };
}

/** Revokes a session. Revoking one already revoked changes nothing. */
export async function revokeSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes every live session of a person except the one given (none when null). */
export async function revokeSessionsOf(
  db: Database,
  personId: string,
  now: Date,
  exceptSessionId: string | null,
): Promise<number> {
  const conditions = [
    eq(sessions.personId, personId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
  ];
  if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return revoked.length;
}

/**
 * Changes a person's own password after checking the current one. A wrong current password
 * counts towards the lockout like a failed sign-in, so this route cannot be used to guess it.
 * Every other session of the person is revoked.
 */
export async function changeOwnPassword(
  db: Database,
  input: {
    personId: string;
    current: string;
    next: string;
    keepSessionId: string | null;
    now: Date;
  },
  limits: Pick<SignInLimits, 'maxFailures' | 'lockMinutes'>,
): Promise<void> {
  const { now } = input;
  const [person] = await db
    .select({ passwordHash: people.passwordHash, lockedUntil: people.lockedUntil })
    .from(people)
    .where(eq(people.id, input.personId));
  if (!person) throw new AppError('not_found', `No person ${input.personId}`);
  if (person.lockedUntil && person.lockedUntil > now) throw lockedError(person.lockedUntil);

  const currentIsRight = person.passwordHash
    ? await verifyPassword(person.passwordHash, input.current)
    : false;
  if (!currentIsRight) {
    const lockedUntil = await recordFailedPassword(db, input.personId, now, limits);
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('validation_failed', 'The current password is wrong', [
      { field: 'body.current', message: 'The current password is wrong' },
    ]);
  }
  if (input.current === input.next) {
    throw new AppError('validation_failed', 'The new password must differ from the current one', [
      { field: 'body.new', message: 'The new password must differ from the current one' },
    ]);
  }

  const passwordHash = await hashPassword(input.next);
  await db.transaction(async (tx) => {
    await tx
      .update(people)
      .set({ passwordHash, failedLogins: 0, updatedAt: now })
      .where(eq(people.id, input.personId));
    const revoked = await revokeSessionsOf(tx, input.personId, now, input.keepSessionId);
    await appendAudit(tx, {
      actorId: input.personId,
      entity: 'person',
      entityId: input.personId,
      action: 'password_changed',
      newValue: { otherSessionsRevoked: revoked },
    });
  });
}

/**
 * Deletes sign-in attempts older than the given time, for a scheduled clean-up. The rate limit
 * reads only the last minute.
 */
export async function pruneLoginAttempts(db: Database, olderThan: Date): Promise<number> {
  const deleted = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, olderThan))
    .returning({ id: loginAttempts.id });
  return deleted.length;
}
