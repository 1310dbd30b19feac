/**
 * Units (unit, kumpulan): the resolver groups cases are assigned to, with their members and
 * heads (ketua unit). Every change appends an audit_log row in the same transaction.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { Database } from '../../db/client';
import { people, unitMembers, units } from '../../db/schema';
import { appendAudit, changedFields } from './audit';
import { isUniqueViolation } from './constraints';
import type { UnitRole } from './people';

export interface UnitRecord {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  email: string | null;
  active: boolean;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface UnitMember {
  personId: string;
  name: string;
  email: string;
  active: boolean;
  role: UnitRole;
}

export interface UnitDetail extends UnitRecord {
  members: UnitMember[];
}

const unitColumns = {
  id: units.id,
  code: units.code,
  nameMs: units.nameMs,
  nameEn: units.nameEn,
  email: units.email,
  active: units.active,
  createdAt: units.createdAt,
  updatedAt: units.updatedAt,
};

async function memberCounts(db: Database, unitIds: string[]): Promise<Map<string, number>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .select({ unitId: unitMembers.unitId, members: count() })
    .from(unitMembers)
    .where(inArray(unitMembers.unitId, unitIds))
    .groupBy(unitMembers.unitId);
  return new Map(rows.map((row) => [row.unitId, row.members]));
}

/** Lists units by code; inactive ones only when asked. Units are few, so there is no paging. */
export async function listUnits(
  db: Database,
  options: { includeInactive: boolean },
): Promise<UnitRecord[]> {
  const rows = await db
    .select(unitColumns)
    .from(units)
    .where(options.includeInactive ? undefined : eq(units.active, true))
    .orderBy(asc(units.code));
  const counts = await memberCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, memberCount: counts.get(row.id) ?? 0 }));
}

async function membersOf(db: Database, unitId: string): Promise<UnitMember[]> {
  const rows = await db
    .select({
      personId: people.id,
      name: people.name,
      email: people.email,
      active: people.active,
      role: unitMembers.role,
    })
    .from(unitMembers)
    .innerJoin(people, eq(people.id, unitMembers.personId))
    .where(eq(unitMembers.unitId, unitId))
    .orderBy(asc(people.name), asc(people.id));
  return rows.map((row) => ({ ...row, role: row.role === 'head' ? 'head' : 'member' }));
}

export async function getUnit(db: Database, id: string): Promise<UnitDetail | null> {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.id, id));
  if (!row) return null;
  const members = await membersOf(db, id);
  return { ...row, memberCount: members.length, members };
}

function codeTaken(code: string): AppError {
  return new AppError('conflict', `The unit code ${code} is already in use; choose another`, [
    { field: 'body.code', message: 'already in use' },
  ]);
}

async function ensureCodeFree(db: Database, code: string, exceptId: string | null): Promise<void> {
  const [holder] = await db.select({ id: units.id }).from(units).where(eq(units.code, code));
  if (holder && holder.id !== exceptId) throw codeTaken(code);
}

export interface NewUnit {
  code: string;
  nameMs: string;
  nameEn: string;
  email?: string | null | undefined;
}

export async function createUnit(
  db: Database,
  actorId: string,
  input: NewUnit,
): Promise<UnitDetail> {
  try {
    const id = await db.transaction(async (tx) => {
      await ensureCodeFree(tx, input.code, null);
      const [row] = await tx
        .insert(units)
        .values({
          code: input.code,
          nameMs: input.nameMs,
          nameEn: input.nameEn,
          email: input.email ?? null,
        })
        .returning({ id: units.id });
      if (!row) throw new Error('insert into units returned no row');
      await appendAudit(tx, {
        actorId,
        entity: 'unit',
        entityId: row.id,
        action: 'created',
        newValue: {
          code: input.code,
          nameMs: input.nameMs,
          nameEn: input.nameEn,
          email: input.email ?? null,
        },
      });
      return row.id;
    });
    const unit = await getUnit(db, id);
    if (!unit) throw new Error(`unit ${id} not found after it was created`);
    return unit;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code);
    throw error;
  }
}

export interface UnitChanges {
  code?: string | undefined;
  nameMs?: string | undefined;
  nameEn?: string | undefined;
  email?: string | null | undefined;
  /** false deactivates the unit; units are never deleted because cases refer to them. */
  active?: boolean | undefined;
}

/** Applies changes to a unit; null when there is no such unit. */
export async function updateUnit(
  db: Database,
  actorId: string,
  id: string,
  changes: UnitChanges,
  now: Date,
): Promise<UnitDetail | null> {
  try {
    const found = await db.transaction(async (tx) => {
      const [before] = await tx.select(unitColumns).from(units).where(eq(units.id, id));
      if (!before) return false;
      if (changes.code !== undefined) await ensureCodeFree(tx, changes.code, id);
      await tx
        .update(units)
        .set({ ...changes, updatedAt: now })
        .where(eq(units.id, id));
      const diff = changedFields<UnitChanges>(before, changes);
      if (Object.keys(diff.newValue).length > 0) {
        await appendAudit(tx, {
          actorId,
          entity: 'unit',
          entityId: id,
          action: 'updated',
          ...diff,
        });
      }
      return true;
    });
    return found ? await getUnit(db, id) : null;
  } catch (error) {
    if (changes.code !== undefined && isUniqueViolation(error)) throw codeTaken(changes.code);
    throw error;
  }
}

export interface MemberInput {
  personId: string;
  role: UnitRole;
}

/**
 * Replaces the members of a unit with the given list. Every person must exist and be listed once;
 * the field of the first bad entry is named. Null when there is no such unit.
 */
export async function replaceUnitMembers(
  db: Database,
  actorId: string,
  unitId: string,
  members: MemberInput[],
): Promise<UnitDetail | null> {
  const seen = new Set<string>();
  for (const [index, member] of members.entries()) {
    if (seen.has(member.personId)) {
      throw new AppError('validation_failed', `Person ${member.personId} is listed twice`, [
        { field: `body.members.${index}.personId`, message: 'listed twice' },
      ]);
    }
    seen.add(member.personId);
  }

  const found = await db.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId));
    if (!unit) return false;
    if (members.length > 0) {
      const existing = await tx
        .select({ id: people.id })
        .from(people)
        .where(inArray(people.id, [...seen]));
      const known = new Set(existing.map((person) => person.id));
      const index = members.findIndex((member) => !known.has(member.personId));
      const missing = members[index];
      if (missing) {
        throw new AppError('validation_failed', `No person ${missing.personId}`, [
          { field: `body.members.${index}.personId`, message: 'no such person' },
        ]);
      }
    }

    const before = await membersOf(tx, unitId);
    await tx.delete(unitMembers).where(eq(unitMembers.unitId, unitId));
    if (members.length > 0) {
      await tx
        .insert(unitMembers)
        .values(
          members.map((member) => ({ unitId, personId: member.personId, role: member.role })),
        );
    }
    const byId = (list: { personId: string; role: UnitRole }[]) =>
      list
        .map(({ personId, role }) => ({ personId, role }))
        .sort((a, b) => a.personId.localeCompare(b.personId));
    const oldValue = byId(before);
    const newValue = byId(members);
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) {
      await appendAudit(tx, {
        actorId,
        entity: 'unit',
        entityId: unitId,
        action: 'members_replaced',
        oldValue,
        newValue,
      });
    }
    return true;
  });
  return found ? getUnit(db, unitId) : null;
}

/** True when the unit exists and is active. */
export async function unitIsActive(db: Database, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, id), eq(units.active, true)));
  return row !== undefined;
}
