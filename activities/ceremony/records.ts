/**
 * Writes of the ceremonySupport workflow. Each step appends one ceremony_history row numbered by
 * the workflow, in the same transaction as the changes of the event's rows, so a retried activity
 * records its step once. Resource and reservation changes that follow are idempotent on their own.
 */
import { and, asc, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import {
  activeCeremonyStatuses,
  checklistForNeeds,
  type CeremonyEndReason,
  type CeremonyStatus,
  type CeremonySupportInput,
  type ReconcileOutcome,
} from '../../common/ceremony';
import type { Database } from '../../db/client';
import {
  ceremonyChecklist,
  ceremonyEquipment,
  ceremonyEvents,
  ceremonyHistory,
  ceremonyLog,
  ceremonyTeam,
  people,
} from '../../db/schema';
import {
  endReservations,
  reserveResource,
  type ReservationConflict,
} from '../inventory/reservations';
import { changeResource } from '../inventory/resources';
import { unitStaffIds } from '../loans/records';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface CeremonyRequestResult {
  reserved: boolean;
  conflicts: ReservationConflict[];
}

/**
 * Records a new event request (status pending_approval, step 1) with its checklist and equipment,
 * and reserves each resource for the event period. When any resource is taken, the reservations
 * already made are released and the conflicts returned.
 */
export async function requestCeremony(
  db: Database,
  input: CeremonySupportInput,
): Promise<CeremonyRequestResult> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(ceremonyEvents)
      .values({
        id: input.eventId,
        reference: input.reference,
        title: input.title,
        venue: input.venue,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        audienceSize: input.audienceSize,
        needs: input.needs,
        notes: input.notes,
        requesterId: input.requesterId,
        requesterUnitId: input.requesterUnitId,
        supportUnitId: input.supportUnitId,
        status: 'pending_approval',
        requestedAt: new Date(input.requestedAt),
        workflowId: input.reference,
        lastStep: 1,
      })
      .onConflictDoNothing({ target: ceremonyEvents.reference })
      .returning({ id: ceremonyEvents.id });
    if (inserted.length === 0) return;
    await tx.insert(ceremonyHistory).values({
      eventId: input.eventId,
      step: 1,
      action: 'requested',
      actorId: input.requesterId,
      details: { startsAt: input.startsAt, endsAt: input.endsAt, needs: input.needs },
      at: new Date(input.requestedAt),
    });
    const checklist = checklistForNeeds(input.needs);
    if (checklist.length > 0) {
      await tx.insert(ceremonyChecklist).values(
        checklist.map((item, position) => ({
          eventId: input.eventId,
          key: item.key,
          need: item.need,
          kind: item.kind,
          position,
        })),
      );
    }
    if (input.resourceIds.length > 0) {
      await tx
        .insert(ceremonyEquipment)
        .values(input.resourceIds.map((resourceId) => ({ eventId: input.eventId, resourceId })));
    }
  });

  const conflicts: ReservationConflict[] = [];
  for (const resourceId of input.resourceIds) {
    const result = await reserveResource(db, {
      resourceId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      holderKind: 'ceremonySupport',
      holderReference: input.reference,
      createdById: input.requesterId,
    });
    if (!result.reserved) {
      conflicts.push(
        ...(result.reason === 'conflict'
          ? result.conflicts
          : [
              {
                holderKind: 'unavailable',
                holderReference: resourceId,
                startsAt: input.startsAt,
                endsAt: input.endsAt,
              },
            ]),
      );
    }
  }
  if (conflicts.length === 0) return { reserved: true, conflicts: [] };
  await endReservations(db, input.reference, 'released', new Date(input.requestedAt));
  return { reserved: false, conflicts };
}

/** Columns of an event that a step may set; instants are ISO strings. */
export interface CeremonyPatch {
  status?: CeremonyStatus;
  endReason?: CeremonyEndReason | null;
  reason?: string | null;
  conflicts?: string[];
  approvedAt?: string;
  readinessCheckAt?: string;
  escalatedAt?: string;
  reconciledAt?: string;
  rating?: number;
  ratingComment?: string;
  ratedAt?: string;
  closedAt?: string;
}

const instantColumns = new Set<keyof CeremonyPatch>([
  'approvedAt',
  'readinessCheckAt',
  'escalatedAt',
  'reconciledAt',
  'ratedAt',
  'closedAt',
]);

function toColumns(patch: CeremonyPatch): Partial<typeof ceremonyEvents.$inferInsert> {
  const columns: Partial<Record<keyof CeremonyPatch, unknown>> = {};
  for (const [key, value] of Object.entries(patch) as [keyof CeremonyPatch, unknown][]) {
    if (value === undefined) continue;
    columns[key] = instantColumns.has(key) && typeof value === 'string' ? new Date(value) : value;
  }
  return columns as Partial<typeof ceremonyEvents.$inferInsert>;
}

export interface ReconciledItem {
  resourceId: string;
  outcome: ReconcileOutcome;
  location: string;
  note: string;
  damage: string;
}

export interface CeremonyStepRecord {
  eventId: string;
  reference: string;
  step: number;
  action: string;
  actorId: string | null;
  at: string;
  patch: CeremonyPatch;
  details?: Record<string, unknown>;
  /** A tick (or untick, with ticked false) of one checklist item by the actor. */
  checklist?: { key: string; ticked: boolean };
  /** An entry of the day's log by the actor. */
  logEntry?: string;
  /** The reconciliation of each reserved item by the actor. */
  reconcile?: ReconciledItem[];
  /** Ends the event's reservations: released frees the period, completed records its use. */
  reservation?: 'released' | 'completed';
}

async function writeStepRows(tx: Transaction, record: CeremonyStepRecord): Promise<void> {
  const at = new Date(record.at);
  if (record.checklist) {
    const { key, ticked } = record.checklist;
    await tx
      .update(ceremonyChecklist)
      .set({ tickedById: ticked ? record.actorId : null, tickedAt: ticked ? at : null })
      .where(and(eq(ceremonyChecklist.eventId, record.eventId), eq(ceremonyChecklist.key, key)));
  }
  if (record.logEntry !== undefined && record.actorId) {
    await tx.insert(ceremonyLog).values({
      eventId: record.eventId,
      step: record.step,
      authorId: record.actorId,
      body: record.logEntry,
      at,
    });
  }
  for (const item of record.reconcile ?? []) {
    await tx
      .update(ceremonyEquipment)
      .set({
        outcome: item.outcome,
        location: item.outcome === 'moved' ? item.location : null,
        note: item.note,
        damage: item.outcome === 'damaged' ? item.damage : null,
        reconciledById: record.actorId,
        reconciledAt: at,
      })
      .where(
        and(
          eq(ceremonyEquipment.eventId, record.eventId),
          eq(ceremonyEquipment.resourceId, item.resourceId),
        ),
      );
  }
}

/** Records one workflow step of an event; a step already recorded is not written again. */
export async function recordCeremonyStep(db: Database, record: CeremonyStepRecord): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(ceremonyHistory)
      .values({
        eventId: record.eventId,
        step: record.step,
        action: record.action,
        actorId: record.actorId,
        details: record.details ?? {},
        at: new Date(record.at),
      })
      .onConflictDoNothing()
      .returning({ id: ceremonyHistory.id });
    if (inserted.length === 0) return;
    await writeStepRows(tx, record);
    await tx
      .update(ceremonyEvents)
      .set({ ...toColumns(record.patch), lastStep: record.step, updatedAt: new Date(record.at) })
      .where(eq(ceremonyEvents.id, record.eventId));
  });

  for (const item of record.reconcile ?? []) {
    await changeResource(
      db,
      item.resourceId,
      item.outcome === 'damaged'
        ? { status: 'in_repair', condition: 'damaged' }
        : item.outcome === 'moved'
          ? { location: item.location }
          : {},
      {
        event: item.outcome === 'moved' ? 'moved' : 'checked_in',
        actorId: record.actorId,
        note: item.outcome === 'damaged' ? item.damage : item.note,
        holderReference: record.reference,
        idempotencyKey: `${record.reference}:${record.step}:${item.resourceId}`,
      },
    );
  }
  if (record.reservation) {
    await endReservations(db, record.reference, record.reservation, new Date(record.at));
  }
}

/** A team member already on another event whose period overlaps this one. */
export interface TeamConflict {
  personId: string;
  personName: string;
  eventReference: string;
  eventTitle: string;
  startsAt: string;
  endsAt: string;
}

export interface TeamAssignmentRequest {
  eventId: string;
  reference: string;
  step: number;
  actorId: string;
  at: string;
  supportUnitId: string;
  technicianIds: string[];
}

export type TeamAssignmentResult =
  | { assigned: true }
  | { assigned: false; reason: 'not_staff'; personIds: string[] }
  | { assigned: false; reason: 'conflict'; conflicts: TeamConflict[] };

/**
 * Replaces the team of an event, unless a technician is not staff of the support unit or is
 * already on another active event whose period overlaps. The technicians' rows are locked first
 * (SELECT … FOR UPDATE), so two events that take the same person at once are serialised and the
 * second sees the first's team. Idempotent on the step: a retry of a recorded step changes nothing.
 */
export async function assignCeremonyTeam(
  db: Database,
  request: TeamAssignmentRequest,
): Promise<TeamAssignmentResult> {
  const staff = new Set(await unitStaffIds(db, request.supportUnitId));
  const outsiders = request.technicianIds.filter((id) => !staff.has(id));
  if (outsiders.length > 0) return { assigned: false, reason: 'not_staff', personIds: outsiders };

  return db.transaction(async (tx): Promise<TeamAssignmentResult> => {
    const [done] = await tx
      .select({ id: ceremonyHistory.id })
      .from(ceremonyHistory)
      .where(
        and(eq(ceremonyHistory.eventId, request.eventId), eq(ceremonyHistory.step, request.step)),
      );
    if (done) return { assigned: true };

    const ids = [...request.technicianIds].sort();
    if (ids.length > 0) {
      await tx
        .select({ id: people.id })
        .from(people)
        .where(inArray(people.id, ids))
        .orderBy(asc(people.id))
        .for('update');
    }
    const [event] = await tx
      .select({ startsAt: ceremonyEvents.startsAt, endsAt: ceremonyEvents.endsAt })
      .from(ceremonyEvents)
      .where(eq(ceremonyEvents.id, request.eventId));
    if (!event) throw new Error(`event ${request.reference} not found`);

    const conflicts = await findTeamConflicts(tx, {
      eventId: request.eventId,
      personIds: ids,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
    });
    if (conflicts.length > 0) return { assigned: false, reason: 'conflict', conflicts };

    const at = new Date(request.at);
    await tx.delete(ceremonyTeam).where(eq(ceremonyTeam.eventId, request.eventId));
    if (ids.length > 0) {
      await tx.insert(ceremonyTeam).values(
        ids.map((personId) => ({
          eventId: request.eventId,
          personId,
          assignedById: request.actorId,
          assignedAt: at,
        })),
      );
    }
    await tx.insert(ceremonyHistory).values({
      eventId: request.eventId,
      step: request.step,
      action: 'team_assigned',
      actorId: request.actorId,
      details: { technicianIds: ids },
      at,
    });
    await tx
      .update(ceremonyEvents)
      .set({ teamAssignedAt: at, lastStep: request.step, updatedAt: at })
      .where(eq(ceremonyEvents.id, request.eventId));
    return { assigned: true };
  });
}

/** Lists the other active events of the given people whose periods overlap [startsAt, endsAt). */
export async function findTeamConflicts(
  db: Pick<Database, 'select'>,
  query: { eventId: string | null; personIds: string[]; startsAt: Date; endsAt: Date },
): Promise<TeamConflict[]> {
  if (query.personIds.length === 0) return [];
  const conditions = [
    inArray(ceremonyTeam.personId, query.personIds),
    inArray(ceremonyEvents.status, [...activeCeremonyStatuses]),
    lt(ceremonyEvents.startsAt, query.endsAt),
    gt(ceremonyEvents.endsAt, query.startsAt),
  ];
  if (query.eventId) conditions.push(ne(ceremonyEvents.id, query.eventId));
  const rows = await db
    .select({
      personId: ceremonyTeam.personId,
      personName: people.name,
      eventReference: ceremonyEvents.reference,
      eventTitle: ceremonyEvents.title,
      startsAt: ceremonyEvents.startsAt,
      endsAt: ceremonyEvents.endsAt,
    })
    .from(ceremonyTeam)
    .innerJoin(ceremonyEvents, eq(ceremonyEvents.id, ceremonyTeam.eventId))
    .innerJoin(people, eq(people.id, ceremonyTeam.personId))
    .where(and(...conditions))
    .orderBy(asc(ceremonyEvents.startsAt));
  return rows.map((row) => ({
    ...row,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  }));
}
