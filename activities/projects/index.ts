/**
 * Activities of the ictProject, procurement and guaranteeRefund workflows. The workflows import
 * only the ProjectActivities type; the worker registers what createProjectActivities returns.
 * Each step appends one ict_project_history row numbered by its workflow, in the same transaction
 * as the change of the project row, so a retried activity records its step once. The API reads
 * and edits the records through queries.ts, records.ts and settings.ts beside this file.
 */
import { eq } from 'drizzle-orm';
import type {
  ApprovalAuthority,
  GuaranteeRefundResult,
  IctProjectInput,
  ProcurementContract,
  ProjectDocument,
  ProjectGate,
  ProjectStatus,
  ProjectThresholds,
} from '../../common/ict-project';
import { ictProjectHistory, ictProjects } from '../../db/schema';
import type { ActivityDeps } from '../index';
import { notifyProject, type ProjectNotifyRequest } from './notify';
import { readProjectThresholds } from './settings';

export type { ProjectNotifyRequest } from './notify';

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

/** A new project with the authority and thresholds its workflow chose at the start. */
export interface OpenProjectRecord extends IctProjectInput {
  authority: ApprovalAuthority;
  thresholds: ProjectThresholds;
}

export interface ProjectActivities {
  /** Returns the thresholds of the project settings, or the defaults when none are stored. */
  loadProjectThresholds(): Promise<ProjectThresholds>;
  openProject(record: OpenProjectRecord): Promise<void>;
  recordProjectStep(record: ProjectStepRecord): Promise<void>;
  /** Returns how many messages were sent or recorded. */
  notifyProject(request: ProjectNotifyRequest): Promise<number>;
}

export function createProjectActivities(deps: ActivityDeps): ProjectActivities {
  const logger = deps.logger.child({ component: 'project-activities' });
  const db = deps.db;
  const outbox = { db, config: deps.config, logger, mailer: deps.mailer ?? null };

  return {
    loadProjectThresholds: () => readProjectThresholds(db),

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
            authority: input.authority,
            thresholds: input.thresholds,
            procurementNeeded: input.procurementNeeded,
            securityKind: input.securityKind,
            defectsLiabilityDays: input.defectsLiabilityDays,
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
          details: {
            estimatedValue: input.estimatedValue,
            variant: input.variant,
            authority: input.authority,
          },
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

    notifyProject: (request) => notifyProject(outbox, request),
  };
}
