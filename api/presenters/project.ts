/**
 * Shapes ICT projects for the API: the portfolio summary, the detail with its gates, documents,
 * approval, children, records, history and the actions the signed-in person may take, and the
 * timeline a Gantt view draws. The detail also queries the running workflows for their live state.
 */
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import { listTasksOfReference, type ApprovalTaskRow } from '../../activities/approvals/inbox';
import type { Principal } from '../../activities/identity/principals';
import {
  findProject,
  projectHistory,
  projectRecords,
  teamIdsOf,
  type ProjectHistoryRow,
  type ProjectListRow,
} from '../../activities/projects/queries';
import type { ApprovalTaskStatus } from '../../common/approval';
import { AppError } from '../../common/errors';
import {
  documentStages,
  gateDocuments,
  guaranteeRefundMessages,
  guaranteeRefundWorkflowId,
  ictProjectMessages,
  procurementMessages,
  procurementWorkflowId,
  projectDocumentKinds,
  projectGatesOf,
  releaseChecklistItems,
  type ApprovalAuthority,
  type GuaranteeRefundState,
  type IctProjectState,
  type MilestoneStatus,
  type ProcurementState,
  type ProjectDocument,
  type ProjectGate,
  type ProjectStatus,
  type ProjectTeamRole,
  type ProjectVariant,
  type RiskStatus,
  type SecurityKind,
} from '../../common/ict-project';
import type { Database } from '../../db/client';
import { decisionAuthority } from '../policies/approvals';
import {
  canAttachProjectDocument,
  canSeeProject,
  decidesProjectGates,
  isProjectOfficer,
} from '../policies/projects';
import type { projectDetail, projectSummary, timelineResponse } from '../schemas/projects';
import { queryWorkflow } from '../workflows';

type Summary = z.infer<typeof projectSummary>;
type Detail = z.infer<typeof projectDetail>;
type Timeline = z.infer<typeof timelineResponse>;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** Statuses after which a project takes no more messages. */
const finishedStatuses: readonly ProjectStatus[] = ['closed', 'rejected'];

export function presentProjectSummary(row: ProjectListRow): Summary {
  const { project } = row;
  return {
    reference: project.reference,
    title: project.title,
    variant: project.variant as ProjectVariant,
    status: project.status as ProjectStatus,
    currentGate: project.currentGate as ProjectGate | null,
    authority: project.authority as ApprovalAuthority,
    estimatedValue: project.estimatedValue,
    applicant: { id: project.applicantId, name: row.applicantName },
    unit:
      project.applicantUnitId && row.unitCode
        ? { id: project.applicantUnitId, code: row.unitCode }
        : null,
    requestedAt: project.requestedAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
    closedAt: iso(project.closedAt),
  };
}

/** A project the principal may see, with the people it involves. */
export interface VisibleProject {
  row: ProjectListRow;
  teamIds: string[];
  tasks: ApprovalTaskRow[];
}

/** Loads a project the principal may see; anyone else gets 404, as if it did not exist. */
export async function loadVisibleProject(
  db: Database,
  principal: Principal,
  reference: string,
): Promise<VisibleProject> {
  const row = await findProject(db, reference);
  if (!row) throw new AppError('not_found', `No ICT project ${reference}`);
  const [teamIds, tasks] = await Promise.all([
    teamIdsOf(db, row.project.id),
    listTasksOfReference(db, reference),
  ]);
  const approverIds = tasks.flatMap((task) =>
    [task.approverId, task.delegateId, task.decidedById].filter((id): id is string => id !== null),
  );
  const facts = { applicantId: row.project.applicantId, teamIds, approverIds };
  if (!canSeeProject(principal, facts)) {
    throw new AppError('not_found', `No ICT project ${reference}`);
  }
  return { row, teamIds, tasks };
}

/** Returns the pending approval task the principal may decide, and whom they decide for. */
export function decidableTask(
  principal: Principal,
  tasks: readonly ApprovalTaskRow[],
  represented: readonly string[],
): { task: ApprovalTaskRow; onBehalfOf: string | null } | null {
  for (const task of tasks) {
    const authority = decisionAuthority(principal, task, represented);
    if (authority) return { task, onBehalfOf: authority.onBehalfOf };
  }
  return null;
}

function detailsOf(entry: ProjectHistoryRow): Record<string, unknown> {
  const details = entry.details;
  return typeof details === 'object' && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)
    : {};
}

/** Reads a document that a child workflow stored in its history details. */
function documentFromDetails(details: Record<string, unknown>): ProjectDocument | null {
  const kind = details.kind;
  if (typeof kind !== 'string' || !(projectDocumentKinds as readonly string[]).includes(kind)) {
    return null;
  }
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    kind: kind as ProjectDocument['kind'],
    title: text(details.title) ?? '',
    fileId: text(details.fileId),
    url: text(details.url),
  };
}

/** Lists every document of the project and its children, each with the stage it belongs to. */
function documentsOf(
  reference: string,
  stored: readonly ProjectDocument[],
  history: readonly ProjectHistoryRow[],
): Detail['documents'] {
  const fromChildren = history
    .filter(
      (entry) =>
        (entry.source === 'procurement' && entry.action === 'document_attached') ||
        (entry.source === 'guarantee' && entry.action === 'release_approved'),
    )
    .map((entry) => documentFromDetails(detailsOf(entry)))
    .filter((document): document is ProjectDocument => document !== null);
  return [...stored, ...fromChildren].map((document) => ({
    stage: documentStages[document.kind],
    kind: document.kind,
    title: document.title,
    fileId: document.fileId,
    url: document.url,
    downloadPath: document.fileId
      ? `/api/v1/projects/${reference}/documents/${document.fileId}`
      : null,
  }));
}

/** Returns the file ids that a project's documents name, the only files it lets people download. */
export async function projectFileIds(db: Database, row: ProjectListRow): Promise<Set<string>> {
  const history = await projectHistory(db, row.project.id);
  const documents = documentsOf(row.project.reference, row.project.documents, history);
  return new Set(documents.flatMap((document) => (document.fileId ? [document.fileId] : [])));
}

function gatesOf(row: ProjectListRow, history: readonly ProjectHistoryRow[]): Detail['gates'] {
  const { project } = row;
  const attached = new Set(project.documents.map((document) => document.kind));
  const decisions = history.filter(
    (entry) =>
      entry.source === 'project' && (entry.action === 'gate_yes' || entry.action === 'gate_no'),
  );
  const notAccepted = history.filter(
    (entry) => entry.source === 'project' && entry.action === 'not_accepted',
  );
  const rounds = notAccepted.length;
  // After "not accepted", verification counts only the documents of the new round (as the
  // workflow does).
  const roundStart = notAccepted.at(-1)?.step ?? 0;
  const attachedThisRound = new Set(
    history
      .filter(
        (entry) =>
          entry.source === 'project' &&
          entry.action === 'document_attached' &&
          entry.step > roundStart,
      )
      .map((entry) => detailsOf(entry).kind),
  );
  return projectGatesOf(project.variant as ProjectVariant).map((gate) => {
    const decided = decisions.filter((entry) => detailsOf(entry).gate === gate).at(-1);
    const passed = decisions.some(
      (entry) => entry.action === 'gate_yes' && detailsOf(entry).gate === gate,
    );
    const state: Detail['gates'][number]['state'] =
      project.currentGate === gate && !finishedStatuses.includes(project.status as ProjectStatus)
        ? 'waiting'
        : project.rejectedAt === gate
          ? 'rejected'
          : passed
            ? 'passed'
            : 'upcoming';
    const required = [...gateDocuments[gate]];
    return {
      gate,
      state,
      requiredDocuments: required,
      missingDocuments: required.filter((kind) =>
        gate === 'verification' && rounds > 0 ? !attachedThisRound.has(kind) : !attached.has(kind),
      ),
      decidedAt: decided ? decided.at.toISOString() : null,
      decidedBy: decided?.actorName ?? null,
      rounds: gate === 'presentation' ? rounds : 0,
    };
  });
}

const procurementSteps = {
  documents: 'documentsReady',
  evaluation: 'evaluate',
  vendor_appointment: 'appointVendor',
  purchase_order: 'purchaseOrder',
  contract: 'contract',
  completed: null,
} as const;

export interface DetailContext {
  db: Database;
  client: Client;
  principal: Principal;
  /** Approvers whose delegate the principal is today. */
  represented: readonly string[];
}

/** Builds the detail of a visible project, querying its running workflows for their state. */
export async function presentProjectDetail(
  context: DetailContext,
  visible: VisibleProject,
): Promise<Detail> {
  const { db, client, principal } = context;
  const { row, tasks } = visible;
  const { project } = row;
  const status = project.status as ProjectStatus;
  const running = !finishedStatuses.includes(status);

  const [history, records, live, procurement, guarantee] = await Promise.all([
    projectHistory(db, project.id),
    projectRecords(db, project.id),
    running
      ? queryWorkflow<IctProjectState>(client, project.workflowId, ictProjectMessages.state)
      : null,
    status === 'procurement'
      ? queryWorkflow<ProcurementState>(
          client,
          procurementWorkflowId(project.reference),
          procurementMessages.state,
        )
      : null,
    status === 'guarantee'
      ? queryWorkflow<GuaranteeRefundState>(
          client,
          guaranteeRefundWorkflowId(project.reference),
          guaranteeRefundMessages.state,
        )
      : null,
  ]);

  const manager = decidesProjectGates(principal);
  const pendingTasks = tasks.filter((task) => task.status === 'pending');
  const procurementStep = procurement ? procurementSteps[procurement.status] : null;
  const checklistDone =
    guarantee !== null && releaseChecklistItems.every((item) => guarantee.checklist.includes(item));

  return {
    ...presentProjectSummary(row),
    description: project.description,
    procurementNeeded: project.procurementNeeded,
    securityKind: project.securityKind as SecurityKind | null,
    defectsLiabilityDays: project.defectsLiabilityDays,
    rejectedAt: project.rejectedAt as Detail['rejectedAt'],
    reason: project.reason,
    thresholds: project.thresholds,
    gates: gatesOf(row, history),
    documents: documentsOf(project.reference, project.documents, history),
    approval: {
      authority: project.authority as ApprovalAuthority,
      tasks: tasks.map((task) => ({
        id: task.id,
        level: task.level,
        approver: { id: task.approverId, name: task.approverName },
        status: task.status as ApprovalTaskStatus,
        comment: task.comment,
        decidedAt: iso(task.decidedAt),
      })),
    },
    procurement: procurement
      ? {
          method: procurement.method,
          status: procurement.status,
          vendorName: procurement.vendorName,
          purchaseOrderNumber: procurement.purchaseOrderNumber,
          dueAt: procurement.dueAt,
          overdue: procurement.dueAt ? Date.parse(procurement.dueAt) <= Date.now() : false,
        }
      : null,
    contract: project.contract,
    guarantee: guarantee
      ? {
          status: guarantee.status,
          security: guarantee.security,
          defectsLiabilityEndsAt: guarantee.defectsLiabilityEndsAt,
          checklist: guarantee.checklist,
          refunds: guarantee.refunds,
        }
      : null,
    refunds: project.refund?.refunds ?? guarantee?.refunds ?? [],
    milestones: records.milestones.map((milestone) => ({
      ...milestone,
      status: milestone.status as MilestoneStatus,
      updatedAt: milestone.updatedAt.toISOString(),
    })),
    team: records.team.map((member) => ({
      ...member,
      role: member.role as ProjectTeamRole,
      since: member.since.toISOString(),
    })),
    risks: records.risks.map((risk) => ({
      id: risk.id,
      description: risk.description,
      likelihood: risk.likelihood,
      impact: risk.impact,
      score: risk.likelihood * risk.impact,
      owner: risk.ownerId && risk.ownerName ? { id: risk.ownerId, name: risk.ownerName } : null,
      mitigation: risk.mitigation,
      status: risk.status as RiskStatus,
      updatedAt: risk.updatedAt.toISOString(),
    })),
    history: history.map((entry) => ({
      source: entry.source as Detail['history'][number]['source'],
      step: entry.step,
      action: entry.action,
      actorName: entry.actorName,
      details: detailsOf(entry),
      at: entry.at.toISOString(),
    })),
    workflow: live
      ? {
          status: live.status,
          currentGate: live.currentGate,
          gatesPassed: live.gatesPassed,
          presentationRejections: live.presentationRejections,
        }
      : null,
    actions: {
      decideGate: manager && running ? (project.currentGate as ProjectGate | null) : null,
      attachDocument: running && canAttachProjectDocument(principal, project.applicantId),
      decideApproval:
        status === 'pending_approval' &&
        decidableTask(principal, pendingTasks, context.represented) !== null,
      procurementStep: manager ? procurementStep : null,
      guaranteeChecklist: manager && guarantee?.status === 'checklist' && !checklistDone,
      guaranteeRelease: manager && guarantee?.status === 'checklist' && checklistDone,
      manageRecords: isProjectOfficer(principal),
    },
  };
}

/** The status a project enters with each step action of its workflow. */
const statusOfAction: Partial<Record<string, ProjectStatus>> = {
  requested: 'study',
  screening: 'screening',
  evaluation: 'evaluation',
  approval_requested: 'pending_approval',
  procurement: 'procurement',
  kick_off: 'kick_off',
  development: 'development',
  presentation: 'presentation',
  handover: 'handover',
  guarantee: 'guarantee',
  closed: 'closed',
  rejected: 'rejected',
};

/** Builds what a Gantt view draws: milestones, gate openings and decisions, and status phases. */
export async function presentTimeline(db: Database, row: ProjectListRow): Promise<Timeline> {
  const { project } = row;
  const [history, records] = await Promise.all([
    projectHistory(db, project.id),
    projectRecords(db, project.id),
  ]);

  const gates: Timeline['gates'] = [];
  const openGate = (gate: Timeline['gates'][number]['gate']) =>
    gates.findLast((entry) => entry.gate === gate && entry.decidedAt === null);
  const phases: Timeline['phases'] = [];
  for (const entry of history.filter((candidate) => candidate.source === 'project')) {
    const details = detailsOf(entry);
    const at = entry.at.toISOString();
    const gate = details.gate as ProjectGate | undefined;
    if (entry.action === 'gate_opened' && gate) {
      gates.push({ gate, openedAt: at, decidedAt: null, decision: null });
    } else if ((entry.action === 'gate_yes' || entry.action === 'gate_no') && gate) {
      const open = openGate(gate);
      if (open) {
        open.decidedAt = at;
        open.decision = entry.action === 'gate_yes' ? 'yes' : 'no';
      }
    } else if (entry.action === 'approval_requested') {
      gates.push({ gate: 'approval', openedAt: at, decidedAt: null, decision: null });
    } else if (
      entry.action === 'approved' ||
      (entry.action === 'rejected' && details.rejectedAt === 'approval')
    ) {
      const open = openGate('approval');
      if (open) {
        open.decidedAt = at;
        open.decision = entry.action === 'approved' ? 'yes' : 'no';
      }
    }

    const status = statusOfAction[entry.action];
    const current = phases.at(-1);
    if (status && current?.status !== status) {
      if (current) current.to = at;
      phases.push({ status, from: at, to: null });
    }
  }
  const last = phases.at(-1);
  if (last && finishedStatuses.includes(last.status)) last.to = last.from;

  return {
    reference: project.reference,
    requestedAt: project.requestedAt.toISOString(),
    closedAt: iso(project.closedAt),
    milestones: records.milestones.map((milestone) => ({
      ...milestone,
      status: milestone.status as MilestoneStatus,
      updatedAt: milestone.updatedAt.toISOString(),
    })),
    gates,
    phases,
  };
}
