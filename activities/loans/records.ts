/**
 * Writes of the facilityLoan workflow. Each step appends one loan_history row numbered by the
 * workflow, in the same transaction as the change of the loan row, so a retried activity records
 * its step once. Resource and reservation changes that follow are idempotent on their own.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { FacilityLoanInput, LoanEndReason, LoanStatus } from '../../common/facility-loan';
import type { ResourceCondition, ResourceEvent, ResourceStatus } from '../../common/inventory';
import type { Database } from '../../db/client';
import { loanHistory, loans, unitMembers } from '../../db/schema';
import {
  endReservations,
  reserveResource,
  type ReservationConflict,
} from '../inventory/reservations';
import { changeResource } from '../inventory/resources';

export interface LoanRequestResult {
  reserved: boolean;
  conflicts: ReservationConflict[];
}

/**
 * Records a new loan (status pending_approval, step 1) and reserves its resource for the loan's
 * period. Returns the conflicting reservations when the period is taken.
 */
export async function requestLoan(
  db: Database,
  input: FacilityLoanInput,
): Promise<LoanRequestResult> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(loans)
      .values({
        id: input.loanId,
        reference: input.reference,
        resourceId: input.resourceId,
        borrowerId: input.borrowerId,
        borrowerUnitId: input.borrowerUnitId,
        owningUnitId: input.owningUnitId,
        purpose: input.purpose,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        status: 'pending_approval',
        termsAcceptedAt: new Date(input.termsAcceptedAt),
        requestedAt: new Date(input.requestedAt),
        workflowId: input.reference,
        lastStep: 1,
      })
      .onConflictDoNothing({ target: loans.reference })
      .returning({ id: loans.id });
    if (inserted.length === 0) return;
    await tx.insert(loanHistory).values({
      loanId: input.loanId,
      step: 1,
      action: 'requested',
      actorId: input.borrowerId,
      details: { startsAt: input.startsAt, endsAt: input.endsAt },
      at: new Date(input.requestedAt),
    });
  });

  const result = await reserveResource(db, {
    resourceId: input.resourceId,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    holderKind: 'facilityLoan',
    holderReference: input.reference,
    createdById: input.borrowerId,
  });
  if (result.reserved) return { reserved: true, conflicts: [] };
  return { reserved: false, conflicts: result.conflicts };
}

/** Columns of a loan that a step may set; instants are ISO strings. */
export interface LoanPatch {
  status?: LoanStatus;
  endReason?: LoanEndReason | null;
  reason?: string | null;
  handedOverAt?: string;
  handedOverById?: string;
  checkoutCondition?: ResourceCondition;
  borrowerAcknowledgedAt?: string;
  returnedAt?: string;
  returnedToId?: string;
  checkinCondition?: ResourceCondition;
  damage?: string | null;
  damageCaseReference?: string;
  reminderSentAt?: string;
  overdueSince?: string;
  escalatedAt?: string;
  closedAt?: string;
}

const instantColumns = new Set<keyof LoanPatch>([
  'handedOverAt',
  'borrowerAcknowledgedAt',
  'returnedAt',
  'reminderSentAt',
  'overdueSince',
  'escalatedAt',
  'closedAt',
]);

export interface LoanStepRecord {
  loanId: string;
  reference: string;
  step: number;
  action: string;
  actorId: string | null;
  at: string;
  patch: LoanPatch;
  details?: Record<string, unknown>;
  /** A change of the loaned resource, recorded in its history under this loan's reference. */
  resource?: {
    resourceId: string;
    event: ResourceEvent;
    status?: ResourceStatus;
    condition?: ResourceCondition;
    note: string;
  };
  /** Ends the loan's reservation: released frees the period, completed records its use. */
  reservation?: 'released' | 'completed';
}

function toColumns(patch: LoanPatch): Partial<typeof loans.$inferInsert> {
  const columns: Partial<Record<keyof LoanPatch, unknown>> = {};
  for (const [key, value] of Object.entries(patch) as [keyof LoanPatch, unknown][]) {
    if (value === undefined) continue;
    columns[key] = instantColumns.has(key) && typeof value === 'string' ? new Date(value) : value;
  }
  return columns as Partial<typeof loans.$inferInsert>;
}

/** Records one workflow step of a loan; a step already recorded is not written again. */
export async function recordLoanStep(db: Database, record: LoanStepRecord): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(loanHistory)
      .values({
        loanId: record.loanId,
        step: record.step,
        action: record.action,
        actorId: record.actorId,
        details: record.details ?? {},
        at: new Date(record.at),
      })
      .onConflictDoNothing()
      .returning({ id: loanHistory.id });
    if (inserted.length === 0) return;
    await tx
      .update(loans)
      .set({ ...toColumns(record.patch), lastStep: record.step, updatedAt: new Date(record.at) })
      .where(eq(loans.id, record.loanId));
  });

  if (record.resource) {
    const { resourceId, event, status, condition, note } = record.resource;
    await changeResource(
      db,
      resourceId,
      { status, condition },
      {
        event,
        actorId: record.actorId,
        note,
        holderReference: record.reference,
        idempotencyKey: `${record.reference}:${record.step}`,
      },
    );
  }
  if (record.reservation) {
    await endReservations(db, record.reference, record.reservation, new Date(record.at));
  }
}

/** Returns the ids of the heads (ketua unit) of a unit. */
export async function unitHeadIds(db: Database, unitId: string | null): Promise<string[]> {
  if (!unitId) return [];
  const rows = await db
    .select({ personId: unitMembers.personId })
    .from(unitMembers)
    .where(and(eq(unitMembers.unitId, unitId), eq(unitMembers.role, 'head')));
  return rows.map((row) => row.personId);
}

/** Returns the ids of the members and heads of a unit. */
export async function unitStaffIds(db: Database, unitId: string): Promise<string[]> {
  const rows = await db
    .select({ personId: unitMembers.personId })
    .from(unitMembers)
    .where(and(eq(unitMembers.unitId, unitId), inArray(unitMembers.role, ['member', 'head'])));
  return rows.map((row) => row.personId);
}
