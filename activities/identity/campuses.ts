/**
 * Campuses (kampus) and the campus each unit works at. Every change appends an audit_log row in
 * the same transaction. Campuses are never deleted, because units and reports refer to them.
 */
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { Database } from '../../db/client';
import { campuses, units } from '../../db/schema';
import { appendAudit, changedFields } from './audit';
import { isUniqueViolation } from './constraints';

export type CampusRow = typeof campuses.$inferSelect;

export interface CampusInput {
  code: string;
  nameMs: string;
  nameEn: string;
  active?: boolean | undefined;
}

export function listCampuses(db: Database): Promise<CampusRow[]> {
  return db.select().from(campuses).orderBy(asc(campuses.code));
}

export async function findCampus(db: Database, id: string): Promise<CampusRow | null> {
  const [row] = await db.select().from(campuses).where(eq(campuses.id, id));
  return row ?? null;
}

function codeTaken(code: string): AppError {
  return new AppError('conflict', `The campus code ${code} is already in use; choose another`, [
    { field: 'body.code', message: 'already in use' },
  ]);
}

export async function createCampus(
  db: Database,
  actorId: string,
  input: CampusInput,
): Promise<CampusRow> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(campuses).values(input).returning();
      if (!row) throw new Error('insert into campuses returned no row');
      await appendAudit(tx, {
        actorId,
        entity: 'campus',
        entityId: row.id,
        action: 'created',
        newValue: input,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code);
    throw error;
  }
}

/** Changes a campus; returns null when there is no such campus. */
export async function updateCampus(
  db: Database,
  actorId: string,
  id: string,
  changes: Partial<CampusInput>,
  now: Date,
): Promise<CampusRow | null> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(campuses).where(eq(campuses.id, id));
      if (!before) return null;
      const [row] = await tx
        .update(campuses)
        .set({ ...changes, updatedAt: now })
        .where(eq(campuses.id, id))
        .returning();
      const diff = changedFields<CampusInput>(before, changes);
      if (Object.keys(diff.newValue).length > 0) {
        await appendAudit(tx, {
          actorId,
          entity: 'campus',
          entityId: id,
          action: 'updated',
          ...diff,
        });
      }
      return row ?? null;
    });
  } catch (error) {
    if (isUniqueViolation(error) && changes.code !== undefined) throw codeTaken(changes.code);
    throw error;
  }
}

/**
 * Sets or clears the campus of a unit. Returns 'no_unit' or 'no_campus' when either id names no
 * record, so the route can name the field.
 */
export async function setUnitCampus(
  db: Database,
  actorId: string,
  unitId: string,
  campusId: string | null,
  now: Date,
): Promise<'changed' | 'no_unit' | 'no_campus'> {
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .select({ campusId: units.campusId })
      .from(units)
      .where(eq(units.id, unitId));
    if (!unit) return 'no_unit';
    if (campusId !== null) {
      const [campus] = await tx
        .select({ id: campuses.id })
        .from(campuses)
        .where(eq(campuses.id, campusId));
      if (!campus) return 'no_campus';
    }
    if (unit.campusId === campusId) return 'changed';
    await tx.update(units).set({ campusId, updatedAt: now }).where(eq(units.id, unitId));
    await appendAudit(tx, {
      actorId,
      entity: 'unit',
      entityId: unitId,
      action: 'campus_changed',
      oldValue: { campusId: unit.campusId },
      newValue: { campusId },
    });
    return 'changed';
  });
}

/** Lists the units with their campus, by code. */
export function listUnitCampuses(db: Database) {
  return db
    .select({
      unitId: units.id,
      code: units.code,
      nameMs: units.nameMs,
      nameEn: units.nameEn,
      campusId: units.campusId,
    })
    .from(units)
    .orderBy(asc(units.code));
}
