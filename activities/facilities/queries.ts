/** Reads and the submission write of the facility-request API. */
import { aliasedTable, and, asc, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  facilityApplicationEvents,
  facilityApplications,
  facilityItems,
  people,
} from '../../db/schema';
import { allocateReference } from '../cases/reference';
import { malaysianDateOf } from '../approvals/rules';

export async function listFacilityItems(db: Database) {
  return db
    .select()
    .from(facilityItems)
    .where(eq(facilityItems.active, true))
    .orderBy(asc(facilityItems.code));
}

export async function findFacilityItem(db: Database, code: string) {
  const [row] = await db
    .select()
    .from(facilityItems)
    .where(and(eq(facilityItems.code, code), eq(facilityItems.active, true)));
  return row ?? null;
}

const applicationColumns = {
  id: facilityApplications.id,
  reference: facilityApplications.reference,
  status: facilityApplications.status,
  requesterId: facilityApplications.requesterId,
  requesterName: people.name,
  providerUnitId: facilityApplications.providerUnitId,
  answers: facilityApplications.answers,
  rejectionReason: facilityApplications.rejectionReason,
  steps: facilityApplications.steps,
  acknowledgedAt: facilityApplications.acknowledgedAt,
  createdAt: facilityApplications.createdAt,
  updatedAt: facilityApplications.updatedAt,
  itemCode: facilityItems.code,
  itemNameMs: facilityItems.nameMs,
  itemNameEn: facilityItems.nameEn,
  kind: facilityItems.kind,
  fields: facilityItems.fields,
  downloadUrl: facilityItems.downloadUrl,
};

function selectApplications(db: Database) {
  return db
    .select(applicationColumns)
    .from(facilityApplications)
    .innerJoin(people, eq(people.id, facilityApplications.requesterId))
    .innerJoin(facilityItems, eq(facilityItems.id, facilityApplications.itemId));
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

export async function findApplication(db: Database, reference: string) {
  const [row] = await selectApplications(db).where(eq(facilityApplications.reference, reference));
  return row ?? null;
}

/** Lists applications: a requester's own, or (staff) those of the given units or all. */
export async function listApplications(
  db: Database,
  scope: { requesterId: string } | { unitIds: string[] | 'all'; openOnly: boolean },
) {
  const conditions: SQL[] = [];
  if ('requesterId' in scope) {
    conditions.push(eq(facilityApplications.requesterId, scope.requesterId));
  } else {
    if (scope.unitIds !== 'all') {
      if (scope.unitIds.length === 0) return [];
      conditions.push(inArray(facilityApplications.providerUnitId, scope.unitIds));
    }
    if (scope.openOnly) {
      conditions.push(ne(facilityApplications.status, 'completed'));
      conditions.push(ne(facilityApplications.status, 'rejected'));
    }
  }
  return selectApplications(db)
    .where(and(...conditions))
    .orderBy(desc(facilityApplications.createdAt))
    .limit(200);
}

export async function listApplicationEvents(db: Database, applicationId: string) {
  const actor = aliasedTable(people, 'actor');
  return db
    .select({
      kind: facilityApplicationEvents.kind,
      actorName: actor.name,
      detail: facilityApplicationEvents.detail,
      at: facilityApplicationEvents.at,
    })
    .from(facilityApplicationEvents)
    .leftJoin(actor, eq(actor.id, facilityApplicationEvents.actorId))
    .where(eq(facilityApplicationEvents.applicationId, applicationId))
    .orderBy(asc(facilityApplicationEvents.step));
}

export interface NewApplication {
  item: NonNullable<Awaited<ReturnType<typeof findFacilityItem>>>;
  requesterId: string;
  requesterUnitId: string | null;
  answers: Record<string, string | number | boolean>;
}

/** Writes the application with its first timeline event (step 1) and returns it. */
export async function createApplication(db: Database, input: NewApplication) {
  const now = new Date();
  // A failed insert leaves a gap in the yearly sequence, which references allow.
  const reference = await allocateReference(db, 'PKM', Number(malaysianDateOf(now).slice(0, 4)));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(facilityApplications)
      .values({
        reference,
        itemId: input.item.id,
        requesterId: input.requesterId,
        requesterUnitId: input.requesterUnitId,
        providerUnitId: input.item.unitId,
        answers: input.answers,
        steps: input.item.provisionSteps.map((name) => ({ name, doneById: null, doneAt: null })),
        lastStep: 1,
      })
      .returning({ id: facilityApplications.id, reference: facilityApplications.reference });
    if (!row) throw new Error('insert into facility_applications returned nothing');
    await tx.insert(facilityApplicationEvents).values({
      applicationId: row.id,
      step: 1,
      kind: 'submitted',
      actorId: input.requesterId,
      detail: null,
      at: now,
    });
    return row;
  });
}
