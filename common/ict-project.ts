/**
 * The contract of the ICT project workflows (pengurusan projek-projek ICT): `ictProject`, its
 * `procurement` child and its `guaranteeRefund` child. It defines their inputs, states, messages,
 * the documents each gate requires, and the value thresholds that choose the approval authority,
 * the procurement method and the performance security. Deterministic and free of runtime
 * dependencies, so workflows, activities, the API and the web app all import it.
 */
import type { Actor } from './complaint';
import type { Language } from './enums';

// ---------------------------------------------------------------------------------------------
// Value thresholds (RM)
// ---------------------------------------------------------------------------------------------

/**
 * The value thresholds and rates that choose a project's approval authority, its procurement
 * method and its performance security. An administrator edits them in the project settings. The
 * ictProject workflow reads them once when it starts and passes them to its children, so a later
 * change does not move a running project.
 */
export interface ProjectThresholds {
  /** Lowest value (RM) that each authority above the division's management approves. */
  approval: { university: number; kpt: number; mampu: number };
  /** Values (RM) above which a quotation, then a tender, is required. */
  procurement: { quotationAbove: number; tenderAbove: number };
  /**
   * A performance security is required above `requiredAbove` (RM). A bond is `rate` of the
   * contract value, or `higherRate` above `higherRateAbove`. Rates are fractions (0.025 is 2.5%).
   */
  security: { requiredAbove: number; higherRateAbove: number; rate: number; higherRate: number };
  /**
   * Cash retention withholds `rate` of the contract value; `releasedAtCompletion` is the fraction
   * of it refunded at handover, and the rest after the defects-liability period.
   */
  retention: { rate: number; releasedAtCompletion: number };
  /**
   * Days each procurement step may take. Absent from the thresholds of projects started before
   * the deadlines existed; their procurement uses `procurementDeadlineDefaults`.
   */
  deadlines?: ProcurementDeadlines;
}

/**
 * Calendar days each procurement step may take from the moment it starts, and how many days
 * before a step's due time the division management gets a reminder.
 */
export interface ProcurementDeadlines {
  documents: number;
  evaluation: number;
  vendorAppointment: number;
  purchaseOrder: number;
  contract: number;
  reminderLead: number;
}

/** Default procurement deadlines, which seed the project settings. */
export const procurementDeadlineDefaults: ProcurementDeadlines = {
  documents: 14,
  evaluation: 14,
  vendorAppointment: 7,
  purchaseOrder: 7,
  contract: 14,
  reminderLead: 2,
};

/** Maximum days of a procurement step's deadline and of the reminder lead. */
export const maxDeadlineDays = 365;

/**
 * Default thresholds, which seed the project settings. Each approval bound is the lowest value of
 * the band above it. NOTE: only the JTICT review from RM20,000 is a published figure; the
 * university, KPT and MAMPU bounds are placeholder defaults for an administrator to confirm.
 */
export const ictProjectThresholds: Required<ProjectThresholds> = {
  approval: { university: 500_000, kpt: 5_000_000, mampu: 50_000_000 },
  /** Treasury procurement methods: direct purchase up to 50,000; tender above 500,000. */
  procurement: { quotationAbove: 50_000, tenderAbove: 500_000 },
  /** A performance security is required above 200,000: 2.5% of the value, 5% above 500,000. */
  security: { requiredAbove: 200_000, higherRateAbove: 500_000, rate: 0.025, higherRate: 0.05 },
  /** Cash retention withholds up to 5% of the contract value; half returns at completion. */
  retention: { rate: 0.05, releasedAtCompletion: 0.5 },
  deadlines: procurementDeadlineDefaults,
};

export const approvalAuthorities = ['division', 'university', 'kpt', 'mampu'] as const;
/** Approving body of a project: UTMDigital management, the university, the ministry (KPT) or MAMPU. */
export type ApprovalAuthority = (typeof approvalAuthorities)[number];

/** Chooses the approval authority for a project value in RM. */
export function approvalAuthorityFor(
  value: number,
  thresholds: ProjectThresholds = ictProjectThresholds,
): ApprovalAuthority {
  const bounds = thresholds.approval;
  if (value >= bounds.mampu) return 'mampu';
  if (value >= bounds.kpt) return 'kpt';
  if (value >= bounds.university) return 'university';
  return 'division';
}

/**
 * Approval-rule category of an authority; rules of kind `ictProject` match on it and name the
 * authority's approvers. NOTE: a rule without a category matches every authority, so the approvers
 * differ by authority only once an administrator adds a rule per category.
 */
export function approvalCategoryOf(authority: ApprovalAuthority): string {
  return `ictProject:${authority}`;
}

export const procurementMethods = ['directPurchase', 'quotation', 'tender'] as const;
/** Pembelian terus, sebut harga or tender. */
export type ProcurementMethod = (typeof procurementMethods)[number];

/** Chooses the Treasury procurement method for a value in RM. */
export function procurementMethodFor(
  value: number,
  thresholds: ProjectThresholds = ictProjectThresholds,
): ProcurementMethod {
  const bounds = thresholds.procurement;
  if (value > bounds.tenderAbove) return 'tender';
  if (value > bounds.quotationAbove) return 'quotation';
  return 'directPurchase';
}

export const securityKinds = ['bond', 'retention'] as const;
/** Bon pelaksanaan (bank or insurance bond) or wang jaminan pelaksanaan (cash retention). */
export type SecurityKind = (typeof securityKinds)[number];

export interface PerformanceSecurity {
  kind: SecurityKind;
  /** Amount in RM, rounded to sen. */
  amount: number;
}

function toSen(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Returns the performance security a contract value requires, or null when none is required. */
export function performanceSecurityFor(
  value: number,
  kind: SecurityKind,
  thresholds: ProjectThresholds = ictProjectThresholds,
): PerformanceSecurity | null {
  const bounds = thresholds.security;
  if (value <= bounds.requiredAbove) return null;
  if (kind === 'retention') {
    return { kind, amount: toSen(value * thresholds.retention.rate) };
  }
  const rate = value > bounds.higherRateAbove ? bounds.higherRate : bounds.rate;
  return { kind, amount: toSen(value * rate) };
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

export const projectDocumentKinds = [
  'studyReport',
  'evaluation',
  'approvalMinutes',
  'testReport',
  'acceptanceRecord',
  'handoverRecord',
  'quotationDocument',
  'tenderDocument',
  'evaluationReport',
  'purchaseOrder',
  'contract',
  'releaseCertificate',
] as const;
export type ProjectDocumentKind = (typeof projectDocumentKinds)[number];

/** A document attached to a project or a child workflow: an uploaded file or a link. */
export interface ProjectDocument {
  kind: ProjectDocumentKind;
  /** Id of an uploaded attachment. Exactly one of fileId and url is set. */
  fileId: string | null;
  url: string | null;
  title: string;
}

/** The stage of the lane a document belongs to: the gate that requires it, procurement or the guarantee. */
export type DocumentStage = ProjectGate | 'procurement' | 'guarantee';

/** The stage of each document kind; a gate's kinds are those in `gateDocuments`. */
export const documentStages: Record<ProjectDocumentKind, DocumentStage> = {
  studyReport: 'preliminaryStudy',
  evaluation: 'evaluation',
  approvalMinutes: 'kickOff',
  testReport: 'verification',
  acceptanceRecord: 'presentation',
  handoverRecord: 'handover',
  quotationDocument: 'procurement',
  tenderDocument: 'procurement',
  evaluationReport: 'procurement',
  purchaseOrder: 'procurement',
  contract: 'procurement',
  releaseCertificate: 'guarantee',
};

export interface AttachDocumentMessage {
  actor: Actor;
  document: ProjectDocument;
}

/** Maximum lengths of the text in project messages; the API checks the same limits. */
export const projectTextLimits = {
  title: 200,
  description: 4_000,
  reason: 1_000,
  url: 2_000,
} as const;

// ---------------------------------------------------------------------------------------------
// ictProject
// ---------------------------------------------------------------------------------------------

export const projectVariants = ['applicationProject', 'corporateService'] as const;
/** Projek aplikasi (an application system) or perkhidmatan korporat (a university-wide service). */
export type ProjectVariant = (typeof projectVariants)[number];

/**
 * The gates of the map in order, each an update of the same name. A gate that a variant skips is
 * absent from its list in `projectGatesOf`.
 */
export const projectGates = [
  'preliminaryStudy',
  'applicationProject',
  'projectCriteria',
  'corporateService',
  'evaluation',
  'kickOff',
  'verification',
  'presentation',
  'handover',
] as const;
export type ProjectGate = (typeof projectGates)[number];

/** Documents that must be attached before a gate may pass with "yes". */
export const gateDocuments: Record<ProjectGate, readonly ProjectDocumentKind[]> = {
  preliminaryStudy: ['studyReport'],
  applicationProject: [],
  projectCriteria: [],
  corporateService: [],
  evaluation: ['evaluation'],
  kickOff: ['approvalMinutes'],
  verification: ['testReport'],
  presentation: ['acceptanceRecord'],
  handover: ['handoverRecord'],
};

/**
 * Returns the gates of a variant in order. An application project passes "Projek aplikasi?" and
 * "Menepati kriteria projek?". A corporate service passes "Perkhidmatan korporat?" instead,
 * because the variant is chosen when the need is raised.
 */
export function projectGatesOf(variant: ProjectVariant): readonly ProjectGate[] {
  const screening: ProjectGate[] =
    variant === 'applicationProject'
      ? ['applicationProject', 'projectCriteria']
      : ['corporateService'];
  return [
    'preliminaryStudy',
    ...screening,
    'evaluation',
    'kickOff',
    'verification',
    'presentation',
    'handover',
  ];
}

export const projectStatuses = [
  'study',
  'screening',
  'evaluation',
  'pending_approval',
  'procurement',
  'kick_off',
  'development',
  'presentation',
  'handover',
  'guarantee',
  'closed',
  'rejected',
] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const gateDecisions = ['yes', 'no'] as const;
export type GateDecision = (typeof gateDecisions)[number];

/** Payload of every gate update. */
export interface GateMessage {
  actor: Actor;
  decision: GateDecision;
  /** Required with "no": the reason sent to the applicant. */
  reason: string;
}

export interface IctProjectInput {
  projectId: string;
  reference: string;
  variant: ProjectVariant;
  title: string;
  description: string;
  applicantId: string;
  applicantUnitId: string | null;
  /** Estimated value in RM; it chooses the approval authority and the procurement method. */
  estimatedValue: number;
  /** Perlu perolehan? Set when the need is raised; false for work done in house. */
  procurementNeeded: boolean;
  /** The security the contract will use when one is required. */
  securityKind: SecurityKind;
  /** Defects-liability period after handover, in days. */
  defectsLiabilityDays: number;
  requestedAt: string;
  language: Language;
}

export interface IctProjectState {
  projectId: string;
  reference: string;
  variant: ProjectVariant;
  status: ProjectStatus;
  /** The next gate waiting for its decision, or null while none waits. */
  currentGate: ProjectGate | null;
  gatesPassed: ProjectGate[];
  documents: ProjectDocument[];
  authority: ApprovalAuthority;
  /** The gate or step that ended the project with a "no", and the reason. */
  rejectedAt: ProjectGate | 'approval' | null;
  reason: string | null;
  /** Times the customer did not accept the presentation (Diterima? no). */
  presentationRejections: number;
  /**
   * Index in documents where the current development round starts: after the customer does not
   * accept a presentation, verification needs a test report attached from this index on.
   */
  roundDocumentsFrom: number;
  contract: ProcurementContract | null;
  refund: GuaranteeRefundResult | null;
  /** Sequence of recorded steps, for idempotent writes. */
  step: number;
}

export const ictProjectMessages = {
  /** Returns the state once the project record is written; the API waits on it after starting. */
  opened: 'opened',
  attachDocument: 'attachDocument',
  state: 'state',
} as const;

export const ictProjectWorkflowType = 'ictProject';

/** Reference prefix of ICT projects (projek). */
export const projectPrefix = 'PRJ';

// ---------------------------------------------------------------------------------------------
// procurement
// ---------------------------------------------------------------------------------------------

export interface ProcurementInput {
  reference: string;
  projectId: string;
  title: string;
  estimatedValue: number;
  securityKind: SecurityKind;
  defectsLiabilityDays: number;
  /**
   * The thresholds the project read when it started. A procurement started on its own, without
   * them, reads the current project settings.
   */
  thresholds?: ProjectThresholds;
}

export const procurementStatuses = [
  'documents',
  'evaluation',
  'vendor_appointment',
  'purchase_order',
  'contract',
  'completed',
] as const;
export type ProcurementStatus = (typeof procurementStatuses)[number];

export interface AppointVendorMessage {
  actor: Actor;
  vendorName: string;
  /** Vendor's e-mail address, for the refund notification. */
  vendorEmail: string;
}

export interface PurchaseOrderMessage {
  actor: Actor;
  number: string;
}

export interface ContractMessage {
  actor: Actor;
  value: number;
  /** Malaysian dates (yyyy-MM-dd). */
  startsOn: string;
  endsOn: string;
}

/** The contract that procurement returns to the project. */
export interface ProcurementContract {
  method: ProcurementMethod;
  vendorName: string;
  vendorEmail: string;
  purchaseOrderNumber: string;
  value: number;
  startsOn: string;
  endsOn: string;
  security: PerformanceSecurity | null;
  defectsLiabilityDays: number;
}

export interface ProcurementState {
  reference: string;
  method: ProcurementMethod;
  status: ProcurementStatus;
  documents: ProjectDocument[];
  vendorName: string | null;
  vendorEmail: string | null;
  purchaseOrderNumber: string | null;
  contract: ProcurementContract | null;
  /**
   * When the current step is due (ISO instant), or null once the contract is recorded. Also null
   * in a procurement started before the deadlines existed, which keeps running without them.
   */
  dueAt: string | null;
}

/** The procurement steps that have a deadline: every status before `completed`. */
export type ProcurementStep = Exclude<ProcurementStatus, 'completed'>;

/** The `ProcurementDeadlines` field with the days of each step. */
export const procurementDeadlineFields = {
  documents: 'documents',
  evaluation: 'evaluation',
  vendor_appointment: 'vendorAppointment',
  purchase_order: 'purchaseOrder',
  contract: 'contract',
} as const satisfies Record<ProcurementStep, Exclude<keyof ProcurementDeadlines, 'reminderLead'>>;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Returns when a procurement step that started at `startedAt` (epoch ms) is due, in epoch ms. The
 * days are calendar days, holidays and weekends included.
 */
export function procurementDueAt(
  step: ProcurementStep,
  startedAt: number,
  deadlines: ProcurementDeadlines,
): number {
  return startedAt + deadlines[procurementDeadlineFields[step]] * dayMs;
}

/** Returns when the reminder of a step due at `dueAt` (epoch ms) is sent, in epoch ms. */
export function procurementReminderAt(dueAt: number, deadlines: ProcurementDeadlines): number {
  return dueAt - deadlines.reminderLead * dayMs;
}

export const procurementMessages = {
  attachDocument: 'attachDocument',
  documentsReady: 'documentsReady',
  evaluate: 'evaluate',
  appointVendor: 'appointVendor',
  purchaseOrder: 'purchaseOrder',
  contract: 'contract',
  state: 'state',
} as const;

export const procurementWorkflowType = 'procurement';

export function procurementWorkflowId(reference: string): string {
  return `${reference}-procurement`;
}

/** Documents each procurement step requires for a method. */
export function procurementDocumentsFor(
  method: ProcurementMethod,
  step: 'documentsReady' | 'evaluate',
): readonly ProjectDocumentKind[] {
  if (method === 'directPurchase') return [];
  if (step === 'evaluate') return ['evaluationReport'];
  return method === 'tender' ? ['tenderDocument'] : ['quotationDocument'];
}

// ---------------------------------------------------------------------------------------------
// guaranteeRefund
// ---------------------------------------------------------------------------------------------

export interface GuaranteeRefundInput {
  reference: string;
  projectId: string;
  contract: ProcurementContract;
  /** Handover instant (ISO); the defects-liability period starts here. */
  completedAt: string;
  /** The project's thresholds; without them the current project settings are read. */
  thresholds?: ProjectThresholds;
}

/** Items that must all be confirmed before the release decision. */
export const releaseChecklistItems = [
  'defectsRectified',
  'finalAccountAgreed',
  'noOutstandingClaims',
] as const;
export type ReleaseChecklistItem = (typeof releaseChecklistItems)[number];

export interface ChecklistMessage {
  actor: Actor;
  item: ReleaseChecklistItem;
}

export interface ReleaseDecisionMessage {
  actor: Actor;
  releaseCertificate: ProjectDocument;
}

export const guaranteeRefundStatuses = [
  'not_required',
  'defects_liability',
  'checklist',
  'released',
] as const;
export type GuaranteeRefundStatus = (typeof guaranteeRefundStatuses)[number];

/** One refund (penjanaan bayaran balik) recorded and sent to the vendor and finance. */
export interface RefundPayment {
  amount: number;
  at: string;
  stage: 'completion' | 'final';
}

export interface GuaranteeRefundState {
  reference: string;
  status: GuaranteeRefundStatus;
  security: PerformanceSecurity | null;
  defectsLiabilityEndsAt: string;
  checklist: ReleaseChecklistItem[];
  refunds: RefundPayment[];
}

export interface GuaranteeRefundResult {
  status: 'not_required' | 'released';
  refunds: RefundPayment[];
}

export const guaranteeRefundMessages = {
  checklist: 'checklist',
  releaseDecision: 'releaseDecision',
  state: 'state',
} as const;

export const guaranteeRefundWorkflowType = 'guaranteeRefund';

export function guaranteeRefundWorkflowId(reference: string): string {
  return `${reference}-guarantee`;
}

/** Splits a security into the refunds due at completion and after the defects-liability period. */
export function refundScheduleOf(
  security: PerformanceSecurity,
  thresholds: ProjectThresholds = ictProjectThresholds,
): {
  atCompletion: number;
  final: number;
} {
  if (security.kind === 'bond') return { atCompletion: 0, final: security.amount };
  const atCompletion = toSen(security.amount * thresholds.retention.releasedAtCompletion);
  return { atCompletion, final: toSen(security.amount - atCompletion) };
}

// ---------------------------------------------------------------------------------------------
// Project settings
// ---------------------------------------------------------------------------------------------

/**
 * The settings an administrator edits: the thresholds, the procurement deadlines and the finance
 * office's address.
 */
export interface ProjectSettings extends Required<ProjectThresholds> {
  /** E-mail address of the finance office (bendahari) notified of each guarantee refund, or null. */
  financeEmail: string | null;
}

/** One invalid field of the thresholds, named by its path such as `approval.kpt`. */
export interface ThresholdIssue {
  field: string;
  message: string;
}

/**
 * Checks that each band's thresholds ascend: university below KPT below MAMPU, quotation below
 * tender, the security's lower band below its higher band with a rate no higher than the higher
 * rate. Returns one issue per field out of order, naming the later field, and one when the
 * reminder lead is not shorter than every procurement step's deadline.
 */
export function thresholdIssues(thresholds: ProjectThresholds): ThresholdIssue[] {
  const issues: ThresholdIssue[] = [];
  const ascending = (
    lower: number,
    higher: number,
    lowerField: string,
    higherField: string,
    strict = true,
  ) => {
    if (strict ? higher > lower : higher >= lower) return;
    const relation = strict ? 'greater than' : 'at least';
    issues.push({ field: higherField, message: `must be ${relation} ${lowerField}` });
  };
  const { approval, procurement, security } = thresholds;
  ascending(approval.university, approval.kpt, 'approval.university', 'approval.kpt');
  ascending(approval.kpt, approval.mampu, 'approval.kpt', 'approval.mampu');
  ascending(
    procurement.quotationAbove,
    procurement.tenderAbove,
    'procurement.quotationAbove',
    'procurement.tenderAbove',
  );
  ascending(
    security.requiredAbove,
    security.higherRateAbove,
    'security.requiredAbove',
    'security.higherRateAbove',
  );
  ascending(security.rate, security.higherRate, 'security.rate', 'security.higherRate', false);
  if (thresholds.deadlines) {
    const issue = reminderLeadIssue(thresholds.deadlines);
    if (issue) issues.push(issue);
  }
  return issues;
}

/**
 * Checks that the reminder lead is shorter than every step's deadline, so that each reminder goes
 * out after its step starts. Names the shortest step in the message. Skips the check while a day
 * count is not a whole number from 1 to `maxDeadlineDays`, because the caller's range check
 * reports that field itself.
 */
function reminderLeadIssue(deadlines: ProcurementDeadlines): ThresholdIssue | null {
  const inRange = (days: number) => Number.isInteger(days) && days >= 1 && days <= maxDeadlineDays;
  if (!Object.values(deadlines).every(inRange)) return null;
  const fields = Object.values(procurementDeadlineFields);
  const shortest = fields.reduce((min, field) => (deadlines[field] < deadlines[min] ? field : min));
  if (deadlines.reminderLead < deadlines[shortest]) return null;
  return {
    field: 'deadlines.reminderLead',
    message: `must be less than deadlines.${shortest} (${deadlines[shortest]} days)`,
  };
}

// ---------------------------------------------------------------------------------------------
// Project records: milestones, team, risks
// ---------------------------------------------------------------------------------------------

export const milestoneStatuses = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

export const projectTeamRoles = [
  'projectDirector',
  'projectManager',
  'technicalLead',
  'developer',
  'tester',
  'businessAnalyst',
  'userRepresentative',
  'vendorRepresentative',
] as const;
/** A role on the technical and management team (pasukan teknikal & pengurusan). */
export type ProjectTeamRole = (typeof projectTeamRoles)[number];

export const riskStatuses = ['open', 'mitigating', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

/** Highest likelihood and impact of a risk: each runs from 1 (rare, minor) to 5 (almost certain, severe). */
export const maxRiskLevel = 5;

/** Maximum lengths of the text in project records. */
export const projectRecordLimits = {
  name: 200,
  description: 2_000,
  mitigation: 2_000,
  /** Milestones, team members or risks of one project. */
  perProject: 200,
} as const;
