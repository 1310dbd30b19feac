/**
 * The service catalogue: services (perkhidmatan) and their categories (kategori), named in Malay
 * and English. Entries are deactivated, never deleted, because cases refer to them. Every change
 * appends an audit_log row in the same transaction.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { Level } from '../../common/enums';
import type { Database } from '../../db/client';
import { categories, services, units } from '../../db/schema';
import { appendAudit, changedFields } from '../identity/audit';
import { isUniqueViolation } from '../identity/constraints';

export interface CategoryRecord {
  id: string;
  serviceId: string;
  code: string;
  nameMs: string;
  nameEn: string;
  defaultUnitId: string | null;
  defaultImpact: Level;
  defaultUrgency: Level;
  sortOrder: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ServiceRecord {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  descriptionMs: string;
  descriptionEn: string;
  defaultUnitId: string | null;
  sortOrder: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  categories: CategoryRecord[];
}

const serviceColumns = {
  id: services.id,
  code: services.code,
  nameMs: services.nameMs,
  nameEn: services.nameEn,
  descriptionMs: services.descriptionMs,
  descriptionEn: services.descriptionEn,
  defaultUnitId: services.defaultUnitId,
  sortOrder: services.sortOrder,
  active: services.active,
  createdAt: services.createdAt,
  updatedAt: services.updatedAt,
};

const categoryColumns = {
  id: categories.id,
  serviceId: categories.serviceId,
  code: categories.code,
  nameMs: categories.nameMs,
  nameEn: categories.nameEn,
  defaultUnitId: categories.defaultUnitId,
  defaultImpact: categories.defaultImpact,
  defaultUrgency: categories.defaultUrgency,
  sortOrder: categories.sortOrder,
  active: categories.active,
  createdAt: categories.createdAt,
  updatedAt: categories.updatedAt,
};

function asLevel(value: number): Level {
  return value === 1 || value === 3 ? value : 2;
}

type CategoryRow = Omit<CategoryRecord, 'defaultImpact' | 'defaultUrgency'> & {
  defaultImpact: number;
  defaultUrgency: number;
};

function toCategory(row: CategoryRow): CategoryRecord {
  return {
    ...row,
    defaultImpact: asLevel(row.defaultImpact),
    defaultUrgency: asLevel(row.defaultUrgency),
  };
}

/**
 * Lists services by sort order and code, each with its categories. Without includeInactive only
 * active services and their active categories are returned.
 */
export async function listServices(
  db: Database,
  options: { includeInactive: boolean },
): Promise<ServiceRecord[]> {
  const serviceRows = await db
    .select(serviceColumns)
    .from(services)
    .where(options.includeInactive ? undefined : eq(services.active, true))
    .orderBy(asc(services.sortOrder), asc(services.code));
  if (serviceRows.length === 0) return [];
  const categoryRows = await db
    .select(categoryColumns)
    .from(categories)
    .where(
      and(
        inArray(
          categories.serviceId,
          serviceRows.map((service) => service.id),
        ),
        options.includeInactive ? undefined : eq(categories.active, true),
      ),
    )
    .orderBy(asc(categories.sortOrder), asc(categories.code));
  const byService = new Map<string, CategoryRecord[]>();
  for (const row of categoryRows) {
    const list = byService.get(row.serviceId) ?? [];
    list.push(toCategory(row));
    byService.set(row.serviceId, list);
  }
  return serviceRows.map((service) => ({
    ...service,
    categories: byService.get(service.id) ?? [],
  }));
}

/** Returns one service with every category, active or not. */
export async function getService(db: Database, id: string): Promise<ServiceRecord | null> {
  const [service] = await db.select(serviceColumns).from(services).where(eq(services.id, id));
  if (!service) return null;
  const rows = await db
    .select(categoryColumns)
    .from(categories)
    .where(eq(categories.serviceId, id))
    .orderBy(asc(categories.sortOrder), asc(categories.code));
  return { ...service, categories: rows.map(toCategory) };
}

export async function getCategory(db: Database, id: string): Promise<CategoryRecord | null> {
  const [row] = await db.select(categoryColumns).from(categories).where(eq(categories.id, id));
  return row ? toCategory(row) : null;
}

function codeTaken(what: 'service' | 'category', code: string): AppError {
  return new AppError('conflict', `The ${what} code ${code} is already in use; choose another`, [
    { field: 'body.code', message: 'already in use' },
  ]);
}

async function ensureUnitUsable(db: Database, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.active, true)));
  if (!unit) {
    throw new AppError('validation_failed', `No active unit ${unitId}`, [
      { field: 'body.defaultUnitId', message: 'no such active unit' },
    ]);
  }
}

async function ensureServiceExists(db: Database, serviceId: string): Promise<void> {
  const [service] = await db
    .select({ id: services.id })
    .from(services)
    .where(eq(services.id, serviceId));
  if (!service) {
    throw new AppError('validation_failed', `No service ${serviceId}`, [
      { field: 'body.serviceId', message: 'no such service' },
    ]);
  }
}

export interface NewService {
  code: string;
  nameMs: string;
  nameEn: string;
  descriptionMs: string;
  descriptionEn: string;
  defaultUnitId?: string | null | undefined;
  sortOrder: number;
}

export async function createService(
  db: Database,
  actorId: string,
  input: NewService,
): Promise<ServiceRecord> {
  try {
    const id = await db.transaction(async (tx) => {
      const [holder] = await tx
        .select({ id: services.id })
        .from(services)
        .where(eq(services.code, input.code));
      if (holder) throw codeTaken('service', input.code);
      await ensureUnitUsable(tx, input.defaultUnitId);
      const [row] = await tx
        .insert(services)
        .values({ ...input, defaultUnitId: input.defaultUnitId ?? null })
        .returning({ id: services.id });
      if (!row) throw new Error('insert into services returned no row');
      await appendAudit(tx, {
        actorId,
        entity: 'service',
        entityId: row.id,
        action: 'created',
        newValue: input,
      });
      return row.id;
    });
    const service = await getService(db, id);
    if (!service) throw new Error(`service ${id} not found after it was created`);
    return service;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken('service', input.code);
    throw error;
  }
}

export interface ServiceChanges {
  code?: string | undefined;
  nameMs?: string | undefined;
  nameEn?: string | undefined;
  descriptionMs?: string | undefined;
  descriptionEn?: string | undefined;
  defaultUnitId?: string | null | undefined;
  sortOrder?: number | undefined;
  active?: boolean | undefined;
}

/** Applies changes to a service; null when there is no such service. */
export async function updateService(
  db: Database,
  actorId: string,
  id: string,
  changes: ServiceChanges,
  now: Date,
): Promise<ServiceRecord | null> {
  try {
    const found = await db.transaction(async (tx) => {
      const [before] = await tx.select(serviceColumns).from(services).where(eq(services.id, id));
      if (!before) return false;
      if (changes.code !== undefined) {
        const [holder] = await tx
          .select({ id: services.id })
          .from(services)
          .where(eq(services.code, changes.code));
        if (holder && holder.id !== id) throw codeTaken('service', changes.code);
      }
      if (changes.defaultUnitId !== before.defaultUnitId)
        await ensureUnitUsable(tx, changes.defaultUnitId);
      await tx
        .update(services)
        .set({ ...changes, updatedAt: now })
        .where(eq(services.id, id));
      const diff = changedFields<ServiceChanges>(before, changes);
      if (Object.keys(diff.newValue).length > 0) {
        await appendAudit(tx, {
          actorId,
          entity: 'service',
          entityId: id,
          action: 'updated',
          ...diff,
        });
      }
      return true;
    });
    return found ? await getService(db, id) : null;
  } catch (error) {
    if (changes.code !== undefined && isUniqueViolation(error))
      throw codeTaken('service', changes.code);
    throw error;
  }
}

export interface NewCategory {
  serviceId: string;
  code: string;
  nameMs: string;
  nameEn: string;
  defaultUnitId?: string | null | undefined;
  defaultImpact: Level;
  defaultUrgency: Level;
  sortOrder: number;
}

export async function createCategory(
  db: Database,
  actorId: string,
  input: NewCategory,
): Promise<CategoryRecord> {
  try {
    const id = await db.transaction(async (tx) => {
      await ensureServiceExists(tx, input.serviceId);
      const [holder] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(eq(categories.code, input.code));
      if (holder) throw codeTaken('category', input.code);
      await ensureUnitUsable(tx, input.defaultUnitId);
      const [row] = await tx
        .insert(categories)
        .values({ ...input, defaultUnitId: input.defaultUnitId ?? null })
        .returning({ id: categories.id });
      if (!row) throw new Error('insert into categories returned no row');
      await appendAudit(tx, {
        actorId,
        entity: 'category',
        entityId: row.id,
        action: 'created',
        newValue: input,
      });
      return row.id;
    });
    const category = await getCategory(db, id);
    if (!category) throw new Error(`category ${id} not found after it was created`);
    return category;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken('category', input.code);
    throw error;
  }
}

export interface CategoryChanges {
  serviceId?: string | undefined;
  code?: string | undefined;
  nameMs?: string | undefined;
  nameEn?: string | undefined;
  defaultUnitId?: string | null | undefined;
  defaultImpact?: Level | undefined;
  defaultUrgency?: Level | undefined;
  sortOrder?: number | undefined;
  active?: boolean | undefined;
}

/** Applies changes to a category; null when there is no such category. */
export async function updateCategory(
  db: Database,
  actorId: string,
  id: string,
  changes: CategoryChanges,
  now: Date,
): Promise<CategoryRecord | null> {
  try {
    const found = await db.transaction(async (tx) => {
      const [before] = await tx
        .select(categoryColumns)
        .from(categories)
        .where(eq(categories.id, id));
      if (!before) return false;
      if (changes.serviceId !== undefined && changes.serviceId !== before.serviceId) {
        await ensureServiceExists(tx, changes.serviceId);
      }
      if (changes.code !== undefined) {
        const [holder] = await tx
          .select({ id: categories.id })
          .from(categories)
          .where(eq(categories.code, changes.code));
        if (holder && holder.id !== id) throw codeTaken('category', changes.code);
      }
      if (changes.defaultUnitId !== before.defaultUnitId)
        await ensureUnitUsable(tx, changes.defaultUnitId);
      await tx
        .update(categories)
        .set({ ...changes, updatedAt: now })
        .where(eq(categories.id, id));
      const diff = changedFields<CategoryChanges>(toCategory(before), changes);
      if (Object.keys(diff.newValue).length > 0) {
        await appendAudit(tx, {
          actorId,
          entity: 'category',
          entityId: id,
          action: 'updated',
          ...diff,
        });
      }
      return true;
    });
    return found ? await getCategory(db, id) : null;
  } catch (error) {
    if (changes.code !== undefined && isUniqueViolation(error))
      throw codeTaken('category', changes.code);
    throw error;
  }
}
