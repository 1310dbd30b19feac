/**
 * Activities of the ictProject, procurement and guaranteeRefund workflows. The workflows import
 * only the ProjectActivities type; the worker registers what createProjectActivities returns.
 * Each step appends one ict_project_history row numbered by its workflow, in the same transaction
 * as the change of the project row, so a retried activity records its step once.
 */
import { eq } from 'drizzle-orm';
import type {
  GuaranteeRefundResult,
  IctProjectInput,
  ProcurementContract,
  ProjectDocument,
  ProjectGate,
  ProjectStatus,
} from '../../common/ict-project';
import { approvalAuthorityFor } from '../../common/ict-project';
import { ictProjectHistory, ictProjects } from '../../db/schema';
import type { ActivityDeps } from '../index';

/** Columns of a project that a step may set. */
export interface ProjectPatch {
  status?: ProjectStatus;
  currentGate?: ProjectGate | null;
  rejectedAt?: string | null;
  reason?: string | null;
  documents?: ProjectDocument[];
  contract?: ProcurementContract;
  refund?: GuaranteeRefundResult;
  closedAt?: string;
}

export interface ProjectStepRecord {
  projectId: string;
  /** Workflow that numbered the step: the project or one of its children. */
  source: 'project' | 'procurement' | 'guarantee';
  step: number;
  action: string;
  actorId: string | null;
  at: string;
  /** Applied to the project row; children leave it empty. */
  patch: ProjectPatch;
  details: Record<string, unknown>;
}

export interface ProjectNotifyRequest {
  reference: string;
  template: string;
  audience: 'applicant' | 'vendor' | 'finance';
  reason: string | null;
}

export interface ProjectActivities {
  openProject(input: IctProjectInput): Promise<void>;
  recordProjectStep(record: ProjectStepRecord): Promise<void>;
  notifyProject(request: ProjectNotifyRequest): Promise<void>;
}

export function createProjectActivities(deps: ActivityDeps): ProjectActivities {
  const logger = deps.logger.child({ component: 'project-activities' });
  const db = deps.db;

  return {
    async openProject(input) {
      await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(ictProjects)
          .values({
            id: input.projectId,
            reference: input.reference,
            variant: input.variant,
            title: input.title,
            description: input.description,
            applicantId: input.applicantId,
            applicantUnitId: input.applicantUnitId,
            estimatedValue: input.estimatedValue,
            status: 'study',
            currentGate: 'preliminaryStudy',
            authority: approvalAuthorityFor(input.estimatedValue),
            workflowId: input.reference,
            requestedAt: new Date(input.requestedAt),
          })
          .onConflictDoNothing({ target: ictProjects.reference })
          .returning({ id: ictProjects.id });
        if (inserted.length === 0) return;
        await tx.insert(ictProjectHistory).values({
          projectId: input.projectId,
          source: 'project',
          step: 1,
          action: 'requested',
          actorId: input.applicantId,
          details: { estimatedValue: input.estimatedValue, variant: input.variant },
          at: new Date(input.requestedAt),
        });
      });
      logger.info({ project: input.reference }, 'project opened');
    },

    async recordProjectStep(record) {
      await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(ictProjectHistory)
          .values({
            projectId: record.projectId,
            source: record.source,
            step: record.step,
            action: record.action,
            actorId: record.actorId,
            details: record.details,
            at: new Date(record.at),
          })
          .onConflictDoNothing()
          .returning({ id: ictProjectHistory.id });
        if (inserted.length === 0 || record.source !== 'project') return;
        const { closedAt, ...columns } = record.patch;
        await tx
          .update(ictProjects)
          .set({
            ...columns,
            ...(closedAt ? { closedAt: new Date(closedAt) } : {}),
            lastStep: record.step,
            updatedAt: new Date(record.at),
          })
          .where(eq(ictProjects.id, record.projectId));
      });
    },

    // TODO: send ms/en e-mails through the notification outbox once project templates exist.
    // Until then the notice is only logged. The reason is also stored in the project history.
    async notifyProject(request) {
      logger.info(
        { project: request.reference, template: request.template, audience: request.audience },
        'project notification recorded',
      );
    },
  };
}
