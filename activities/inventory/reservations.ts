/**
 * Reservations of inventory resources for a period, shared by every workflow that books equipment
 * or rooms (loans, ceremony support). Periods are half-open, [startsAt, endsAt): a booking that
 * ends at 10:00 does not clash with one that starts at 10:00.
 *
 * Conflict detection runs in a transaction that first locks the resource row (SELECT … FOR
 * UPDATE), so two concurrent requests for overlapping periods of one resource are serialised and
 * only the first is inserted. NOTE: the database has no exclusion constraint, because the
 * embedded PGlite is opened without the btree_gist extension; every writer must go through
 * reserveResource.
 */
import { and, asc, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import type { ReservationHolderKind } from '../../common/inventory';
import type { Database } from '../../db/client';
import { inventoryResources, resourceReservations } from '../../db/schema';

export interface ReservationRequest {
  resourceId: string;
  startsAt: string;
  endsAt: string;
  holderKind: ReservationHolderKind;
  /** The reference of the loan or event; one reservation per holder and resource. */
  holderReference: string;
  createdById: string | null;
}

/** A held reservation that overlaps the requested period. */
export interface ReservationConflict {
  holderKind: string;
  holderReference: string;
  startsAt: string;
  endsAt: string;
}

export type ReservationResult =
  | { reserved: true; reservationId: string }
  | { reserved: false; reason: 'conflict'; conflicts: ReservationConflict[] }
  | { reserved: false; reason: 'unavailable'; conflicts: [] };

type Executor = Pick<Database, 'select'>;

/** Lists the held reservations of a resource that overlap [startsAt, endsAt). */
export async function findConflicts(
  db: Executor,
  resourceId: string,
  startsAt: Date,
  endsAt: Date,
  exceptHolderReference?: string,
): Promise<ReservationConflict[]> {
  const conditions = [
    eq(resourceReservations.resourceId, resourceId),
    eq(resourceReservations.status, 'held'),
    lt(resourceReservations.startsAt, endsAt),
    gt(resourceReservations.endsAt, startsAt),
  ];
  if (exceptHolderReference) {
    conditions.push(ne(resourceReservations.holderReference, exceptHolderReference));
  }
  const rows = await db
    .select({
      holderKind: resourceReservations.holderKind,
      holderReference: resourceReservations.holderReference,
      startsAt: resourceReservations.startsAt,
      endsAt: resourceReservations.endsAt,
    })
    .from(resourceReservations)
    .where(and(...conditions))
    .orderBy(asc(resourceReservations.startsAt));
  return rows.map((row) => ({
    holderKind: row.holderKind,
    holderReference: row.holderReference,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  }));
}

/**
 * Reserves a resource for a period, or reports what blocks it. Idempotent: a second call for the
 * same holder and resource returns the reservation made by the first, so an activity may retry it.
 * A retired resource, or one that does not exist, is `unavailable`.
 */
export async function reserveResource(
  db: Database,
  request: ReservationRequest,
): Promise<ReservationResult> {
  const startsAt = new Date(request.startsAt);
  const endsAt = new Date(request.endsAt);
  if (!(endsAt.getTime() > startsAt.getTime())) {
    throw new RangeError(`the reservation of ${request.holderReference} ends before it starts`);
  }
  return db.transaction(async (tx) => {
    const [resource] = await tx
      .select({ id: inventoryResources.id, status: inventoryResources.status })
      .from(inventoryResources)
      .where(eq(inventoryResources.id, request.resourceId))
      .for('update');
    if (!resource || resource.status === 'retired') {
      return { reserved: false, reason: 'unavailable', conflicts: [] };
    }

    const [existing] = await tx
      .select({ id: resourceReservations.id, status: resourceReservations.status })
      .from(resourceReservations)
      .where(
        and(
          eq(resourceReservations.holderReference, request.holderReference),
          eq(resourceReservations.resourceId, request.resourceId),
        ),
      );
    if (existing) return { reserved: true, reservationId: existing.id };

    const conflicts = await findConflicts(tx, request.resourceId, startsAt, endsAt);
    if (conflicts.length > 0) return { reserved: false, reason: 'conflict', conflicts };

    const [row] = await tx
      .insert(resourceReservations)
      .values({
        resourceId: request.resourceId,
        startsAt,
        endsAt,
        status: 'held',
        holderKind: request.holderKind,
        holderReference: request.holderReference,
        createdById: request.createdById,
      })
      .returning({ id: resourceReservations.id });
    if (!row) throw new Error('insert into resource_reservations returned nothing');
    return { reserved: true, reservationId: row.id };
  });
}

/**
 * Ends the held reservations of a holder: `released` frees the period (rejection, cancellation),
 * `completed` records that it was used. Idempotent: reservations already ended stay as they are.
 */
export async function endReservations(
  db: Database,
  holderReference: string,
  status: 'released' | 'completed',
  at: Date,
): Promise<number> {
  const rows = await db
    .update(resourceReservations)
    .set({ status, endedAt: at })
    .where(
      and(
        eq(resourceReservations.holderReference, holderReference),
        eq(resourceReservations.status, 'held'),
      ),
    )
    .returning({ id: resourceReservations.id });
  return rows.length;
}

export interface CalendarEntry {
  resourceId: string;
  holderKind: string;
  holderReference: string;
  startsAt: string;
  endsAt: string;
}

/** Lists the held and completed reservations of the given resources that overlap [from, to). */
export async function listReservations(
  db: Database,
  resourceIds: string[],
  from: Date,
  to: Date,
): Promise<CalendarEntry[]> {
  if (resourceIds.length === 0) return [];
  const rows = await db
    .select({
      resourceId: resourceReservations.resourceId,
      holderKind: resourceReservations.holderKind,
      holderReference: resourceReservations.holderReference,
      startsAt: resourceReservations.startsAt,
      endsAt: resourceReservations.endsAt,
    })
    .from(resourceReservations)
    .where(
      and(
        inArray(resourceReservations.resourceId, resourceIds),
        inArray(resourceReservations.status, ['held', 'completed']),
        lt(resourceReservations.startsAt, to),
        gt(resourceReservations.endsAt, from),
      ),
    )
    .orderBy(asc(resourceReservations.startsAt));
  return rows.map((row) => ({
    ...row,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  }));
}
