/**
 * People: the directory that administrators manage and staff read, and each person's own
 * profile. Every change appends an audit_log row in the same transaction.
 */
import {
  and,
  arrayContains,
  asc,
  eq,
  exists,
  ilike,
  inArray,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Language, PersonKind, Role } from '../../common/enums';
import { AppError } from '../../common/errors';
import type { Database } from '../../db/client';
import { people, unitMembers, units } from '../../db/schema';
import { appendAudit, changedFields } from './audit';
import { isUniqueViolation } from './constraints';
import { hashPassword } from './passwords';
import { revokeSessionsOf } from './sign-in';

export type UnitRole = 'member' | 'head';

export interface PersonUnit {
  unitId: string;
  code: string;
  nameMs: string;
  nameEn: string;
  role: UnitRole;
}

export interface PersonRecord {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  kind: PersonKind;
  externalId: string | null;
  language: Language;
  roles: Role[];
  active: boolean;
  lockedUntil: Date | null;
  units: PersonUnit[];
  createdAt: Date;
  updatedAt: Date;
}

export interface MembershipInput {
  unitId: string;
  role: UnitRole;
}

const personColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  phone: people.phone,
  kind: people.kind,
  externalId: people.externalId,
  language: people.language,
  roles: people.roles,
  active: people.active,
  lockedUntil: people.lockedUntil,
  createdAt: people.createdAt,
  updatedAt: people.updatedAt,
};

interface PersonRow extends Omit<PersonRecord, 'kind' | 'language' | 'roles' | 'units'> {
  kind: string;
  language: string;
  roles: string[];
}

async function unitsOf(db: Database, personIds: string[]): Promise<Map<string, PersonUnit[]>> {
  const byPerson = new Map<string, PersonUnit[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .select({
      personId: unitMembers.personId,
      unitId: units.id,
      code: units.code,
      nameMs: units.nameMs,
      nameEn: units.nameEn,
      role: unitMembers.role,
    })
    .from(unitMembers)
    .innerJoin(units, eq(units.id, unitMembers.unitId))
    .where(inArray(unitMembers.personId, personIds))
    .orderBy(asc(units.code));
  for (const { personId, role, ...unit } of rows) {
    const list = byPerson.get(personId) ?? [];
    list.push({ ...unit, role: role === 'head' ? 'head' : 'member' });
    byPerson.set(personId, list);
  }
  return byPerson;
}

function toRecord(row: PersonRow, personUnits: PersonUnit[]): PersonRecord {
  return {
    ...row,
    kind: row.kind as PersonKind,
    language: row.language === 'en' ? 'en' : 'ms',
    roles: row.roles as Role[],
    units: personUnits,
  };
}

export async function getPerson(db: Database, id: string): Promise<PersonRecord | null> {
  const [row] = await db.select(personColumns).from(people).where(eq(people.id, id));
  if (!row) return null;
  const memberships = await unitsOf(db, [row.id]);
  return toRecord(row, memberships.get(row.id) ?? []);
}

/** Position after which the next page starts: people are sorted by name, then id. */
export interface PeopleCursor {
  name: string;
  id: string;
}

export interface PeopleQuery {
  /** Part of a name or e-mail address, case-insensitive. */
  q?: string | undefined;
  role?: Role | undefined;
  unitId?: string | undefined;
  active?: boolean | undefined;
  after: PeopleCursor | null;
  limit: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Lists people by name with keyset pagination. `next` is null on the last page. */
export async function listPeople(
  db: Database,
  query: PeopleQuery,
): Promise<{ items: PersonRecord[]; next: PeopleCursor | null }> {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = likePattern(query.q);
    const match = or(ilike(people.name, pattern), ilike(people.email, pattern));
    if (match) conditions.push(match);
  }
  if (query.role) conditions.push(arrayContains(people.roles, [query.role]));
  if (query.active !== undefined) conditions.push(eq(people.active, query.active));
  if (query.unitId) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(unitMembers)
          .where(and(eq(unitMembers.personId, people.id), eq(unitMembers.unitId, query.unitId))),
      ),
    );
  }
  if (query.after) {
    conditions.push(
      sql`(${people.name}, ${people.id}) > (${query.after.name}, ${query.after.id}::uuid)`,
    );
  }

  const rows = await db
    .select(personColumns)
    .from(people)
    .where(and(...conditions))
    .orderBy(asc(people.name), asc(people.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const memberships = await unitsOf(
    db,
    page.map((row) => row.id),
  );
  const items = page.map((row) => toRecord(row, memberships.get(row.id) ?? []));
  const last = page.at(-1);
  const next = rows.length > query.limit && last ? { name: last.name, id: last.id } : null;
  return { items, next };
}

function emailTaken(email: string): AppError {
  return new AppError('conflict', `The e-mail address ${email} is already in use; choose another`, [
    { field: 'body.email', message: 'already in use' },
  ]);
}

async function ensureEmailFree(
  db: Database,
  email: string,
  exceptId: string | null,
): Promise<void> {
  const [holder] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (holder && holder.id !== exceptId) throw emailTaken(email);
}

/** Checks that every unit exists and is active, naming the first bad entry's field. */
async function ensureUnitsUsable(
  db: Database,
  memberships: MembershipInput[],
  field: string,
): Promise<void> {
  const seen = new Set<string>();
  for (const [index, membership] of memberships.entries()) {
    if (seen.has(membership.unitId)) {
      throw new AppError('validation_failed', `Unit ${membership.unitId} is listed twice`, [
        { field: `${field}.${index}.unitId`, message: 'listed twice' },
      ]);
    }
    seen.add(membership.unitId);
  }
  if (memberships.length === 0) return;
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, [...seen]), eq(units.active, true)));
  const usable = new Set(found.map((unit) => unit.id));
  const index = memberships.findIndex((membership) => !usable.has(membership.unitId));
  const missing = memberships[index];
  if (missing) {
    throw new AppError('validation_failed', `No active unit ${missing.unitId}`, [
      { field: `${field}.${index}.unitId`, message: 'no such active unit' },
    ]);
  }
}

async function replaceMemberships(
  db: Database,
  personId: string,
  memberships: MembershipInput[],
): Promise<void> {
  await db.delete(unitMembers).where(eq(unitMembers.personId, personId));
  if (memberships.length > 0) {
    await db.insert(unitMembers).values(
      memberships.map((membership) => ({
        personId,
        unitId: membership.unitId,
        role: membership.role,
      })),
    );
  }
}

/** Fields of a person as the audit log records them: no password hash, units as id and role. */
function auditView(person: PersonRecord) {
  return {
    email: person.email,
    name: person.name,
    phone: person.phone,
    kind: person.kind,
    externalId: person.externalId,
    language: person.language,
    roles: person.roles,
    active: person.active,
    units: person.units.map((unit) => ({ unitId: unit.unitId, role: unit.role })),
  };
}

export interface NewPerson {
  email: string;
  name: string;
  phone?: string | null | undefined;
  kind: PersonKind;
  externalId?: string | null | undefined;
  language: Language;
  roles: Role[];
  active: boolean;
  /** Without one, the person cannot sign in with a password until an administrator sets one. */
  password?: string | undefined;
  units: MembershipInput[];
}

export async function createPerson(
  db: Database,
  actorId: string,
  input: NewPerson,
): Promise<PersonRecord> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    const id = await db.transaction(async (tx) => {
      await ensureEmailFree(tx, input.email, null);
      await ensureUnitsUsable(tx, input.units, 'body.units');
      const [row] = await tx
        .insert(people)
        .values({
          email: input.email,
          name: input.name,
          phone: input.phone ?? null,
          kind: input.kind,
          externalId: input.externalId ?? null,
          language: input.language,
          roles: input.roles,
          active: input.active,
          passwordHash,
        })
        .returning({ id: people.id });
      if (!row) throw new Error('insert into people returned no row');
      await replaceMemberships(tx, row.id, input.units);
      const created = await getPerson(tx, row.id);
      if (!created) throw new Error(`person ${row.id} vanished inside its own transaction`);
      await appendAudit(tx, {
        actorId,
        entity: 'person',
        entityId: row.id,
        action: 'created',
        newValue: { ...auditView(created), password: input.password ? 'set' : 'none' },
      });
      return row.id;
    });
    const person = await getPerson(db, id);
    if (!person) throw new Error(`person ${id} not found after it was created`);
    return person;
  } catch (error) {
    if (isUniqueViolation(error, 'people_email_key')) throw emailTaken(input.email);
    throw error;
  }
}

export interface PersonChanges {
  email?: string | undefined;
  name?: string | undefined;
  phone?: string | null | undefined;
  kind?: PersonKind | undefined;
  externalId?: string | null | undefined;
  language?: Language | undefined;
  roles?: Role[] | undefined;
  active?: boolean | undefined;
  /** Replaces every membership of the person. */
  units?: MembershipInput[] | undefined;
  /** A new password set by an administrator; every session of the person is revoked. */
  password?: string | undefined;
  /** Clears a lockout after failed sign-ins. */
  unlock?: boolean | undefined;
}

/** Applies an administrator's changes to a person; null when there is no such person. */
export async function updatePerson(
  db: Database,
  actorId: string,
  id: string,
  changes: PersonChanges,
  now: Date,
): Promise<PersonRecord | null> {
  const passwordHash = changes.password ? await hashPassword(changes.password) : null;
  try {
    const found = await db.transaction(async (tx) => {
      const before = await getPerson(tx, id);
      if (!before) return false;
      if (changes.email !== undefined) await ensureEmailFree(tx, changes.email, id);
      if (changes.units) await ensureUnitsUsable(tx, changes.units, 'body.units');
      await ensureAdminRemains(tx, before, changes);

      const { units: newUnits, password: _password, unlock, ...fields } = changes;
      const set: Partial<typeof people.$inferInsert> = { ...fields, updatedAt: now };
      if (passwordHash) set.passwordHash = passwordHash;
      if (unlock || passwordHash) {
        set.failedLogins = 0;
        set.lockedUntil = null;
      }
      await tx.update(people).set(set).where(eq(people.id, id));
      if (newUnits) await replaceMemberships(tx, id, newUnits);

      const after = await getPerson(tx, id);
      if (!after) throw new Error(`person ${id} vanished inside its own transaction`);
      const diff = changedFields<Record<string, unknown>>(auditView(before), auditView(after));
      if (passwordHash) diff.newValue.password = 'reset';
      // A new password or a deactivation ends every session, so that reactivating the person
      // later does not revive the sessions open before.
      if (passwordHash || changes.active === false) {
        diff.newValue.sessionsRevoked = await revokeSessionsOf(tx, id, now, null);
      }
      if (unlock && before.lockedUntil) {
        diff.oldValue.lockedUntil = before.lockedUntil.toISOString();
        diff.newValue.lockedUntil = null;
      }
      if (Object.keys(diff.newValue).length > 0) {
        await appendAudit(tx, {
          actorId,
          entity: 'person',
          entityId: id,
          action: 'updated',
          ...diff,
        });
      }
      return true;
    });
    return found ? await getPerson(db, id) : null;
  } catch (error) {
    if (changes.email !== undefined && isUniqueViolation(error, 'people_email_key')) {
      throw emailTaken(changes.email);
    }
    throw error;
  }
}

export interface ProfileChanges {
  name?: string | undefined;
  phone?: string | null | undefined;
  language?: Language | undefined;
}

/** Applies a person's changes to their own profile. */
export async function updateOwnProfile(
  db: Database,
  personId: string,
  changes: ProfileChanges,
  now: Date,
): Promise<PersonRecord | null> {
  const found = await db.transaction(async (tx) => {
    const before = await getPerson(tx, personId);
    if (!before) return false;
    await tx
      .update(people)
      .set({ ...changes, updatedAt: now })
      .where(eq(people.id, personId));
    const diff = changedFields<ProfileChanges>(
      { name: before.name, phone: before.phone, language: before.language },
      changes,
    );
    if (Object.keys(diff.newValue).length > 0) {
      await appendAudit(tx, {
        actorId: personId,
        entity: 'person',
        entityId: personId,
        action: 'profile_updated',
        ...diff,
      });
    }
    return true;
  });
  return found ? getPerson(db, personId) : null;
}

/** Returns true when an active person other than the one given has the role. */
async function anotherActiveHolder(db: Database, role: Role, exceptId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(
      and(arrayContains(people.roles, [role]), eq(people.active, true), ne(people.id, exceptId)),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Rejects a change that would leave no active administrator, because nobody could then manage
 * people, units or the catalogue.
 */
async function ensureAdminRemains(
  db: Database,
  before: PersonRecord,
  changes: PersonChanges,
): Promise<void> {
  if (!before.active || !before.roles.includes('admin')) return;
  const losesRole = changes.roles !== undefined && !changes.roles.includes('admin');
  const deactivated = changes.active === false;
  if (!losesRole && !deactivated) return;
  if (await anotherActiveHolder(db, 'admin', before.id)) return;
  throw new AppError('invalid_state', 'This change would leave no active administrator', [
    {
      field: losesRole ? 'body.roles' : 'body.active',
      message: 'the last active administrator must remain',
    },
  ]);
}
