/**
 * Writes that happen before a complaint's workflow starts: attachments stored on upload, a new
 * customer recorded when an agent logs a call from someone Khidmat does not know yet, and the
 * catalogue look-ups that choose the receiving unit.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { Database } from '../../db/client';
import { attachments, categories, people, services } from '../../db/schema';

export interface NewAttachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedById: string;
}

export async function insertAttachment(db: Database, attachment: NewAttachment) {
  const [row] = await db.insert(attachments).values(attachment).returning({
    id: attachments.id,
    fileName: attachments.fileName,
    contentType: attachments.contentType,
    sizeBytes: attachments.sizeBytes,
    createdAt: attachments.createdAt,
  });
  if (!row) throw new Error('insert into attachments returned nothing');
  return row;
}

/**
 * Checks that every id is an attachment uploaded by this person and not yet linked to a case;
 * throws validation_failed naming the field otherwise.
 */
export async function requireUnlinkedAttachments(
  db: Database,
  field: string,
  ids: string[],
  uploaderId: string,
  maxCount: number,
): Promise<void> {
  if (ids.length > maxCount) {
    throw new AppError('validation_failed', `${field}: more than ${maxCount} attachments`, [
      { field, message: `at most ${maxCount} attachments` },
    ]);
  }
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, ids),
        eq(attachments.uploadedById, uploaderId),
        isNull(attachments.caseId),
      ),
    );
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `${field}: unknown or already used attachments`, [
      { field, message: `unknown or already used: ${missing.join(', ')}` },
    ]);
  }
}

export interface Classification {
  serviceId: string | null;
  categoryId: string | null;
  /** The category's default, else the service's, else null. */
  unitId: string | null;
  defaultImpact: number | null;
  defaultUrgency: number | null;
}

/**
 * Resolves the service and category of a new case and the unit that receives it. A category
 * implies its service; a category of another service is rejected.
 */
export async function resolveClassification(
  db: Database,
  serviceId: string | null,
  categoryId: string | null,
): Promise<Classification> {
  let category:
    { serviceId: string; unitId: string | null; impact: number; urgency: number } | undefined;
  if (categoryId) {
    [category] = await db
      .select({
        serviceId: categories.serviceId,
        unitId: categories.defaultUnitId,
        impact: categories.defaultImpact,
        urgency: categories.defaultUrgency,
      })
      .from(categories)
      .where(and(eq(categories.id, categoryId), eq(categories.active, true)));
    if (!category) {
      throw new AppError('validation_failed', 'categoryId: no such active category', [
        { field: 'categoryId', message: 'no such active category' },
      ]);
    }
    if (serviceId && serviceId !== category.serviceId) {
      throw new AppError(
        'validation_failed',
        'categoryId: the category belongs to another service',
        [{ field: 'categoryId', message: 'belongs to another service' }],
      );
    }
  }
  const effectiveServiceId = category?.serviceId ?? serviceId;
  let serviceUnitId: string | null = null;
  if (effectiveServiceId) {
    const [service] = await db
      .select({ unitId: services.defaultUnitId })
      .from(services)
      .where(and(eq(services.id, effectiveServiceId), eq(services.active, true)));
    if (!service) {
      throw new AppError('validation_failed', 'serviceId: no such active service', [
        { field: 'serviceId', message: 'no such active service' },
      ]);
    }
    serviceUnitId = service.unitId;
  }
  return {
    serviceId: effectiveServiceId,
    categoryId,
    unitId: category?.unitId ?? serviceUnitId,
    defaultImpact: category?.impact ?? null,
    defaultUrgency: category?.urgency ?? null,
  };
}

/** Finds a person by e-mail, or records a new customer with that address. */
export async function findOrCreateCustomer(
  db: Database,
  input: { email: string; name: string; phone?: string | undefined; language?: 'ms' | 'en' },
): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const inserted = await db
    .insert(people)
    .values({
      email,
      name: input.name.trim(),
      phone: input.phone ?? null,
      language: input.language ?? 'ms',
      roles: ['customer'],
    })
    .onConflictDoNothing({ target: people.email })
    .returning({ id: people.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!existing) throw new Error(`person ${email} neither inserted nor found`);
  return { id: existing.id, created: false };
}

export async function personExists(db: Database, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, id), eq(people.active, true)));
  return row !== undefined;
}
