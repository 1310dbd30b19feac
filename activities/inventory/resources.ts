/**
 * Inventory records: list, read with history, create, update, move and condition changes. Every
 * change writes the resource row and one history row in the same transaction, with the old and
 * new values of the fields it changed.
 */
import { and, asc, desc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type {
  ResourceCategory,
  ResourceCondition,
  ResourceEvent,
  ResourceStatus,
} from '../../common/inventory';
import type { Database } from '../../db/client';
import { inventoryHistory, inventoryResources, people, units } from '../../db/schema';

export type ResourceRow = typeof inventoryResources.$inferSelect;

export interface ResourceFilters {
  category?: ResourceCategory | undefined;
  status?: ResourceStatus | undefined;
  owningUnitId?: string | undefined;
  bookable?: boolean | undefined;
  /** Matched against the name, tag, serial number and location, case-insensitively. */
  search?: string | undefined;
  /** Tag of the last row of the previous page (the list is sorted by tag). */
  afterTag?: string | undefined;
  limit: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export async function listResources(db: Database, filters: ResourceFilters) {
  const conditions: SQL[] = [];
  if (filters.category) conditions.push(eq(inventoryResources.category, filters.category));
  if (filters.status) conditions.push(eq(inventoryResources.status, filters.status));
  if (filters.owningUnitId) {
    conditions.push(eq(inventoryResources.owningUnitId, filters.owningUnitId));
  }
  if (filters.bookable !== undefined) {
    conditions.push(eq(inventoryResources.bookable, filters.bookable));
  }
  if (filters.search) {
    const pattern = `%${escapeLike(filters.search)}%`;
    const match = or(
      ilike(inventoryResources.name, pattern),
      ilike(inventoryResources.tag, pattern),
      ilike(inventoryResources.serialNumber, pattern),
      ilike(inventoryResources.location, pattern),
    );
    if (match) conditions.push(match);
  }
  if (filters.afterTag) conditions.push(gt(inventoryResources.tag, filters.afterTag));
  return db
    .select({ resource: inventoryResources, unitCode: units.code })
    .from(inventoryResources)
    .innerJoin(units, eq(units.id, inventoryResources.owningUnitId))
    .where(and(...conditions))
    .orderBy(asc(inventoryResources.tag))
    .limit(filters.limit);
}

export async function findResource(db: Database, id: string) {
  const [row] = await db
    .select({ resource: inventoryResources, unitCode: units.code })
    .from(inventoryResources)
    .innerJoin(units, eq(units.id, inventoryResources.owningUnitId))
    .where(eq(inventoryResources.id, id));
  return row ?? null;
}

export async function listResourceHistory(db: Database, resourceId: string) {
  return db
    .select({
      id: inventoryHistory.id,
      event: inventoryHistory.event,
      actorId: inventoryHistory.actorId,
      actorName: people.name,
      oldValues: inventoryHistory.oldValues,
      newValues: inventoryHistory.newValues,
      note: inventoryHistory.note,
      holderReference: inventoryHistory.holderReference,
      at: inventoryHistory.at,
    })
    .from(inventoryHistory)
    .leftJoin(people, eq(people.id, inventoryHistory.actorId))
    .where(eq(inventoryHistory.resourceId, resourceId))
    .orderBy(desc(inventoryHistory.at), desc(inventoryHistory.id));
}

export interface NewResource {
  tag: string;
  serialNumber: string | null;
  name: string;
  description: string;
  category: ResourceCategory;
  location: string;
  condition: ResourceCondition;
  owningUnitId: string;
  bookable: boolean;
  maxLoanHours: number;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code;
  const causeCode = (error as { cause?: { code?: unknown } }).cause?.code;
  return code === '23505' || causeCode === '23505';
}

function tagTaken(tag: string): AppError {
  return new AppError('conflict', `body.tag: the asset tag ${tag} is already used`, [
    { field: 'body.tag', message: 'already used by another resource' },
  ]);
}

export async function createResource(
  db: Database,
  input: NewResource,
  actorId: string,
): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(inventoryResources)
        .values({ ...input, status: 'available' })
        .returning();
      if (!row) throw new Error('insert into inventory_resources returned nothing');
      await tx.insert(inventoryHistory).values({
        resourceId: row.id,
        event: 'created',
        actorId,
        newValues: { ...input, status: 'available' },
      });
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw tagTaken(input.tag);
    throw error;
  }
}

/** Fields that PATCH, move and condition changes may set. */
export type ResourceChanges = Partial<
  Pick<
    ResourceRow,
    | 'tag'
    | 'serialNumber'
    | 'name'
    | 'description'
    | 'category'
    | 'location'
    | 'condition'
    | 'status'
    | 'owningUnitId'
    | 'bookable'
    | 'maxLoanHours'
  >
>;

export interface ResourceChangeRecord {
  event: ResourceEvent;
  actorId: string | null;
  note: string;
  holderReference?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Applies changes to a resource and appends one history row with the old and new values of the
 * fields that really changed. Returns false when the resource does not exist. With an idempotency
 * key, a second call with the same key changes nothing.
 */
export async function changeResource(
  db: Database,
  resourceId: string,
  changes: ResourceChanges,
  record: ResourceChangeRecord,
): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(inventoryResources)
        .where(eq(inventoryResources.id, resourceId))
        .for('update');
      if (!current) return false;
      if (record.idempotencyKey) {
        const [done] = await tx
          .select({ id: inventoryHistory.id })
          .from(inventoryHistory)
          .where(eq(inventoryHistory.idempotencyKey, record.idempotencyKey));
        if (done) return true;
      }

      const oldValues: Record<string, unknown> = {};
      const newValues: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes) as [keyof ResourceChanges, unknown][]) {
        if (value === undefined || current[key] === value) continue;
        oldValues[key] = current[key];
        newValues[key] = value;
      }
      if (Object.keys(newValues).length > 0) {
        await tx
          .update(inventoryResources)
          .set({ ...newValues, updatedAt: new Date() })
          .where(eq(inventoryResources.id, resourceId));
      }
      await tx.insert(inventoryHistory).values({
        resourceId,
        event: record.event,
        actorId: record.actorId,
        oldValues,
        newValues,
        note: record.note,
        holderReference: record.holderReference ?? null,
        idempotencyKey: record.idempotencyKey ?? null,
      });
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error) && changes.tag) throw tagTaken(changes.tag);
    throw error;
  }
}

export async function unitExists(db: Database, unitId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.active, true)));
  return row !== undefined;
}
