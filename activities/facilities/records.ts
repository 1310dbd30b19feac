/**
 * Writes of the facilityRequest workflow: each change of an application updates its row and
 * appends a timeline event in one transaction. `step` numbers the workflow's writes from 1, and a
 * write whose step is not above the row's `last_step` was already applied by an earlier attempt.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { FacilityRequestStatus } from '../../common/facility-request';
import type { Database } from '../../db/client';
import { facilityApplicationEvents, facilityApplications } from '../../db/schema';

/** Kinds of timeline event. */
export type FacilityEventKind =
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'provision_due'
  | 'provision_overdue'
  | 'step_done'
  | 'handed_over'
  | 'acknowledged';

export interface FacilityStepRecord {
  applicationId: string;
  step: number;
  kind: FacilityEventKind;
  actorId: string | null;
  detail: string | null;
  at: string;
  status?: FacilityRequestStatus;
  rejectionReason?: string;
  /** Index of the provision step finished, for `step_done`. */
  stepIndex?: number;
}

export async function recordFacilityStep(
  db: Database,
  record: FacilityStepRecord,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ steps: facilityApplications.steps })
      .from(facilityApplications)
      .where(
        and(
          eq(facilityApplications.id, record.applicationId),
          lt(facilityApplications.lastStep, record.step),
        ),
      );
    if (!row) return false;

    const steps = row.steps.map((step, index) =>
      index === record.stepIndex ? { ...step, doneById: record.actorId, doneAt: record.at } : step,
    );
    await tx
      .update(facilityApplications)
      .set({
        lastStep: record.step,
        steps,
        updatedAt: new Date(record.at),
        ...(record.status ? { status: record.status } : {}),
        ...(record.rejectionReason ? { rejectionReason: record.rejectionReason } : {}),
        ...(record.kind === 'acknowledged' ? { acknowledgedAt: new Date(record.at) } : {}),
      })
      .where(eq(facilityApplications.id, record.applicationId));
    await tx.insert(facilityApplicationEvents).values({
      applicationId: record.applicationId,
      step: record.step,
      kind: record.kind,
      actorId: record.actorId,
      detail: record.detail,
      at: new Date(record.at),
    });
    return true;
  });
}
