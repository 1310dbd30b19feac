/**
 * Zod schemas of the ICT project routes: raising a need, the portfolio, one project with its
 * records and live state, the timeline, every gate action, the project records and the settings.
 * Amounts are in RM with sen; rates are fractions (0.025 is 2.5%); dates are yyyy-MM-dd.
 */
import { z } from 'zod';
import { approvalTaskStatuses } from '../../common/approval';
import {
  approvalAuthorities,
  gateDecisions,
  guaranteeRefundStatuses,
  milestoneStatuses,
  procurementMethods,
  procurementStatuses,
  projectDocumentKinds,
  projectGates,
  projectRecordLimits,
  projectStatuses,
  projectTeamRoles,
  projectTextLimits,
  projectVariants,
  releaseChecklistItems,
  maxDeadlineDays,
  maxRiskLevel,
  riskStatuses,
  securityKinds,
  thresholdIssues,
  type ProjectThresholds,
} from '../../common/ict-project';
import { emailInput, line, pageQuery } from './common';

/** The largest amount numeric(14, 2) holds. */
const maxAmount = 999_999_999_999.99;

/** Returns whether a number has at most the given decimal places, allowing for binary rounding. */
const hasDecimals = (places: number) => (value: number) => {
  const scaled = value * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};

const amount = z
  .number()
  .positive()
  .max(maxAmount)
  .refine(hasDecimals(2), 'at most two decimal places (sen)');
const isoDate = z.iso.date().describe('A date, yyyy-MM-dd');
const fraction = z
  .number()
  .gt(0)
  .max(1)
  .refine(hasDecimals(5), 'at most five decimal places')
  .describe('A fraction: 0.025 is 2.5%');
const level = z.number().int().min(1).max(maxRiskLevel);
const stage = z.enum([...projectGates, 'procurement', 'guarantee']);

export const projectParams = z.object({
  reference: z.string().regex(/^PRJ-\d{4}-\d{6}$/, 'a project reference such as PRJ-2026-000001'),
});

export const gateParams = projectParams.extend({ gate: z.enum(projectGates) });
export const recordParams = projectParams.extend({ id: z.uuid() });
export const fileParams = projectParams.extend({ fileId: z.uuid() });

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export const createProjectBody = z.strictObject({
  variant: z
    .enum(projectVariants)
    .describe('applicationProject (projek aplikasi) or corporateService (perkhidmatan korporat)'),
  title: line(projectTextLimits.title),
  description: z.string().trim().min(1).max(projectTextLimits.description),
  estimatedValue: amount.describe(
    'Estimated value in RM; it chooses the approval authority and the procurement method',
  ),
  procurementNeeded: z.boolean().describe('Perlu perolehan? false for work done in house'),
  securityKind: z
    .enum(securityKinds)
    .default('bond')
    .describe('The performance security the contract will take when one is required'),
  defectsLiabilityDays: z
    .number()
    .int()
    .min(0)
    .max(5 * 366)
    .default(365)
    .describe('Defects-liability period after the handover, in days'),
});

export const listProjectsQuery = pageQuery.extend({
  status: z.enum(projectStatuses).optional(),
  gate: z.enum(projectGates).optional().describe('Projects whose open gate is this one'),
  variant: z.enum(projectVariants).optional(),
  unitId: z.uuid().optional().describe("The applicant's unit"),
});

/** A document given with an action: an uploaded file (POST /attachments) or a link. */
export const documentInput = z
  .strictObject({
    kind: z.enum(projectDocumentKinds),
    title: line(projectTextLimits.title),
    fileId: z.uuid().nullable().default(null).describe('Id returned by POST /api/v1/attachments'),
    url: z
      .url({ protocol: /^https?$/ })
      .max(projectTextLimits.url)
      .nullable()
      .default(null)
      .describe('An http or https link to the document'),
  })
  .refine((document) => (document.fileId === null) !== (document.url === null), {
    path: ['fileId'],
    message: 'give exactly one of fileId and url',
  });

export const attachDocumentBody = documentInput;

export const gateBody = z
  .strictObject({
    decision: z.enum(gateDecisions),
    reason: z
      .string()
      .trim()
      .max(projectTextLimits.reason)
      .default('')
      .describe('Required with "no": the reason sent to the applicant'),
    documents: z
      .array(documentInput)
      .max(10)
      .default([])
      .describe("Documents attached before the decision, such as the gate's required ones"),
  })
  .refine((body) => body.decision === 'yes' || body.reason !== '', {
    path: ['reason'],
    message: 'a reason is required with "no"',
  });

export const projectApprovalBody = z
  .strictObject({
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().trim().max(2_000).default(''),
  })
  .refine((body) => body.decision === 'approved' || body.comment !== '', {
    path: ['comment'],
    message: 'a comment giving the reason is required to reject',
  });

/** No fields; the request may also be sent without a body. */
export const emptyBody = z.strictObject({}).nullish();

export const vendorBody = z.strictObject({
  vendorName: line(projectTextLimits.title),
  vendorEmail: emailInput,
});

export const purchaseOrderBody = z.strictObject({ number: line(projectTextLimits.title) });

export const contractBody = z
  .strictObject({ value: amount, startsOn: isoDate, endsOn: isoDate })
  .refine((body) => body.endsOn >= body.startsOn, {
    path: ['endsOn'],
    message: 'must not be before startsOn',
  });

export const checklistBody = z.strictObject({ item: z.enum(releaseChecklistItems) });

export const releaseBody = z.strictObject({
  releaseCertificate: documentInput.refine((document) => document.kind === 'releaseCertificate', {
    path: ['kind'],
    message: 'must be releaseCertificate',
  }),
});

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

export const milestoneBody = z.strictObject({
  name: line(projectRecordLimits.name),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  actualStart: isoDate.nullable().default(null),
  actualEnd: isoDate.nullable().default(null),
  status: z.enum(milestoneStatuses).default('planned'),
});

export const milestonePatch = z
  .strictObject({
    name: line(projectRecordLimits.name).optional(),
    plannedStart: isoDate.optional(),
    plannedEnd: isoDate.optional(),
    actualStart: isoDate.nullable().optional(),
    actualEnd: isoDate.nullable().optional(),
    status: z.enum(milestoneStatuses).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });

export const teamMemberBody = z.strictObject({
  personId: z.uuid(),
  role: z.enum(projectTeamRoles),
});

export const teamMemberPatch = z.strictObject({ role: z.enum(projectTeamRoles) });

export const riskBody = z.strictObject({
  description: z.string().trim().min(1).max(projectRecordLimits.description),
  likelihood: level.describe('1 (rare) to 5 (almost certain)'),
  impact: level.describe('1 (minor) to 5 (severe)'),
  ownerId: z.uuid().nullable().default(null),
  mitigation: z.string().trim().max(projectRecordLimits.mitigation).default(''),
  status: z.enum(riskStatuses).default('open'),
});

export const riskPatch = z
  .strictObject({
    description: z.string().trim().min(1).max(projectRecordLimits.description).optional(),
    likelihood: level.optional(),
    impact: level.optional(),
    ownerId: z.uuid().nullable().optional(),
    mitigation: z.string().trim().max(projectRecordLimits.mitigation).optional(),
    status: z.enum(riskStatuses).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

const threshold = amount.describe('RM');

const days = z.number().int().min(1).max(maxDeadlineDays).describe('Calendar days');

const deadlinesSchema = z
  .strictObject({
    documents: days,
    evaluation: days,
    vendorAppointment: days,
    purchaseOrder: days,
    contract: days,
    reminderLead: days.describe(
      'Calendar days before each due time that the division management is reminded; less than every step',
    ),
  })
  .describe('Days each procurement step may take from its start');

export const thresholdsSchema = z.strictObject({
  approval: z
    .strictObject({ university: threshold, kpt: threshold, mampu: threshold })
    .describe('Lowest value each authority above the division management approves'),
  procurement: z
    .strictObject({ quotationAbove: threshold, tenderAbove: threshold })
    .describe('Values above which a quotation, then a tender, is required'),
  security: z
    .strictObject({
      requiredAbove: threshold,
      higherRateAbove: threshold,
      rate: fraction,
      higherRate: fraction,
    })
    .describe(
      'A performance bond is rate of the value above requiredAbove, higherRate above higherRateAbove',
    ),
  retention: z
    .strictObject({ rate: fraction, releasedAtCompletion: fraction })
    .describe('Cash retention rate, and the share of it refunded at completion'),
  deadlines: deadlinesSchema
    .optional()
    .describe('Procurement deadlines; absent in projects started before they existed'),
});

/** Adds one issue per threshold out of order, at the path of the later field. */
function checkAscending(thresholds: ProjectThresholds, context: z.RefinementCtx): void {
  for (const issue of thresholdIssues(thresholds)) {
    context.addIssue({ code: 'custom', path: issue.field.split('.'), message: issue.message });
  }
}

export const settingsBody = thresholdsSchema
  .extend({
    deadlines: deadlinesSchema,
    financeEmail: emailInput
      .nullable()
      .describe('Finance office (bendahari) address told of each guarantee refund; null for none'),
  })
  .superRefine(checkAscending);

export const settingsResponse = thresholdsSchema.extend({
  deadlines: deadlinesSchema,
  financeEmail: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export const projectSummary = z.object({
  reference: z.string(),
  title: z.string(),
  variant: z.enum(projectVariants),
  status: z.enum(projectStatuses),
  currentGate: z.enum(projectGates).nullable().describe('The gate waiting for a decision'),
  authority: z.enum(approvalAuthorities).describe('Approval authority chosen by value'),
  estimatedValue: z.number(),
  applicant: z.object({ id: z.uuid(), name: z.string() }),
  unit: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  requestedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});

export const projectList = z.object({
  items: z.array(projectSummary),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null at the end'),
});

const documentOutput = z.object({
  stage: stage.describe('The gate that requires the kind, procurement or the guarantee'),
  kind: z.enum(projectDocumentKinds),
  title: z.string(),
  fileId: z.uuid().nullable(),
  url: z.string().nullable(),
  /** The download path of an uploaded file; null for a link. */
  downloadPath: z.string().nullable(),
});

const contractOutput = z.object({
  method: z.enum(procurementMethods),
  vendorName: z.string(),
  vendorEmail: z.string(),
  purchaseOrderNumber: z.string(),
  value: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  security: z.object({ kind: z.enum(securityKinds), amount: z.number() }).nullable(),
  defectsLiabilityDays: z.number().int(),
});

const refundPayment = z.object({
  amount: z.number(),
  at: z.string(),
  stage: z.enum(['completion', 'final']),
});

const gateProgress = z.object({
  gate: z.enum(projectGates),
  state: z
    .enum(['passed', 'waiting', 'rejected', 'upcoming'])
    .describe('waiting: open for a decision now; upcoming: not reached yet'),
  requiredDocuments: z.array(z.enum(projectDocumentKinds)),
  missingDocuments: z.array(z.enum(projectDocumentKinds)),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** Times the customer did not accept (presentation only). */
  rounds: z.number().int(),
});

const milestoneOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  status: z.enum(milestoneStatuses),
  updatedAt: z.string(),
});

const teamOutput = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(projectTeamRoles),
  since: z.string(),
});

const riskOutput = z.object({
  id: z.uuid(),
  description: z.string(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  score: z.number().int().describe('likelihood × impact, 1 to 25'),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  mitigation: z.string(),
  status: z.enum(riskStatuses),
  updatedAt: z.string(),
});

const approvalOutput = z.object({
  authority: z.enum(approvalAuthorities),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      level: z.number().int(),
      approver: z.object({ id: z.uuid(), name: z.string() }),
      status: z.enum(approvalTaskStatuses),
      comment: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
});

const procurementOutput = z.object({
  method: z.enum(procurementMethods),
  status: z.enum(procurementStatuses),
  vendorName: z.string().nullable(),
  purchaseOrderNumber: z.string().nullable(),
  dueAt: z
    .string()
    .nullable()
    .describe('When the current step is due; null when the procurement has no deadlines'),
  overdue: z.boolean().describe('Whether the current step is past its due time'),
});

const guaranteeOutput = z.object({
  status: z.enum(guaranteeRefundStatuses),
  security: z.object({ kind: z.enum(securityKinds), amount: z.number() }).nullable(),
  defectsLiabilityEndsAt: z.string(),
  checklist: z.array(z.enum(releaseChecklistItems)),
  refunds: z.array(refundPayment),
});

export const historyEntry = z.object({
  source: z.enum(['project', 'procurement', 'guarantee', 'records']),
  step: z.number().int(),
  action: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const projectDetail = projectSummary.extend({
  description: z.string(),
  procurementNeeded: z.boolean().nullable(),
  securityKind: z.enum(securityKinds).nullable(),
  defectsLiabilityDays: z.number().int().nullable(),
  rejectedAt: z.enum([...projectGates, 'approval']).nullable(),
  reason: z.string().nullable(),
  thresholds: thresholdsSchema.nullable().describe('The thresholds fixed when the project started'),
  gates: z.array(gateProgress).describe("The variant's gates in order"),
  documents: z.array(documentOutput),
  approval: approvalOutput,
  procurement: procurementOutput
    .nullable()
    .describe('Live state of the procurement child while it runs'),
  contract: contractOutput.nullable(),
  guarantee: guaranteeOutput.nullable().describe('Live state of the guarantee child while it runs'),
  refunds: z.array(refundPayment),
  milestones: z.array(milestoneOutput),
  team: z.array(teamOutput),
  risks: z.array(riskOutput),
  history: z.array(historyEntry),
  workflow: z
    .object({
      status: z.enum(projectStatuses),
      currentGate: z.enum(projectGates).nullable(),
      gatesPassed: z.array(z.enum(projectGates)),
      presentationRejections: z.number().int(),
    })
    .nullable()
    .describe(
      "The workflow's live state from its query; null once it has finished or is unreachable",
    ),
  /** Actions the signed-in person may take now. */
  actions: z.object({
    decideGate: z.enum(projectGates).nullable(),
    attachDocument: z.boolean(),
    decideApproval: z.boolean(),
    procurementStep: z
      .enum(['documentsReady', 'evaluate', 'appointVendor', 'purchaseOrder', 'contract'])
      .nullable(),
    guaranteeChecklist: z.boolean(),
    guaranteeRelease: z.boolean(),
    manageRecords: z.boolean(),
  }),
});

export const timelineResponse = z.object({
  reference: z.string(),
  requestedAt: z.string(),
  closedAt: z.string().nullable(),
  milestones: z.array(milestoneOutput),
  gates: z.array(
    z.object({
      gate: z.enum([...projectGates, 'approval']),
      openedAt: z.string(),
      decidedAt: z.string().nullable(),
      decision: z.enum(['yes', 'no']).nullable(),
    }),
  ),
  phases: z
    .array(
      z.object({ status: z.enum(projectStatuses), from: z.string(), to: z.string().nullable() }),
    )
    .describe('Time spent in each status, in order; the last phase is open while to is null'),
});

export const recordCreated = z.object({ id: z.uuid() });
