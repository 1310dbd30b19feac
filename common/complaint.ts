/**
 * The contract of the `complaint` workflow: its input, its live state, and the name and payload of
 * every message it accepts. Deterministic and free of runtime dependencies, so the workflow, the
 * activities and the API all import it.
 */
import type { CaseStatus, Channel, Level, Priority, Role, WaitReason } from './enums';
import type { SlaRules } from './sla';

/** Who sends a message: the API fills it in from the signed-in person. */
export interface Actor {
  id: string;
  roles: Role[];
  /** Units the person belongs to. */
  unitIds: string[];
  /** Units the person heads (ketua unit). */
  headOfUnitIds: string[];
}

/** A link to a stored attachment, checked and saved by the API before the message is sent. */
export interface AttachmentRef {
  id: string;
}

export interface ComplaintInput {
  caseId: string;
  reference: string;
  title: string;
  description: string;
  channel: Channel;
  requesterId: string;
  /** The person who logged the case: the requester, or an agent on the requester's behalf. */
  createdById: string;
  serviceId: string | null;
  categoryId: string | null;
  impact: Level;
  urgency: Level;
  unitId: string | null;
  attachmentIds: string[];
  openedAt: string;
  /** How long the customer may confirm or reopen after resolution before the case closes. */
  confirmationWindowMs: number;
  /**
   * Share of each target after which the assignee is warned, between 0 and 1. Used only for
   * targets from `sla_targets`; a policy of `sla_policies` has its own shares.
   */
  warningShare: number;
  /**
   * Time after the confirmation window during which the customer may still rate the case. The
   * workflow stays open until then (or until rated), and the rating link expires then. Default 14 days.
   */
  ratingWindowMs?: number;
  /**
   * Present when the case comes from an import: the workflow then starts in this state and
   * records nothing that the import already wrote.
   */
  resumeFrom?: ResumeState;
}

/**
 * The state of an imported case. The importer writes the `cases` row (with `last_step` 0, because
 * the workflow numbers its writes from 1) and the workflow takes over from this state.
 */
export interface ResumeState {
  status: CaseStatus;
  priority: Priority;
  unitId: string | null;
  assigneeId: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  reopenCount: number;
  /** Totals the import already holds, so the workflow adds to them; 0 when absent. */
  workMinutes?: number;
  reassignmentCount?: number;
}

/** The state of one service-level target (first response or resolution). */
export interface TargetState {
  /** Target length in milliseconds of the clock that the deadline activity uses. */
  targetMs: number;
  dueAt: string;
  warnAt: string;
  /** One instant per warning share of the policy, ascending; absent in states before policies. */
  warnAts?: string[];
  /** How many of `warnAts` have been sent; absent means 1 when `warned`, else 0. */
  warningsSent?: number;
  /** True once every warning has been sent (or the target was breached). */
  warned: boolean;
  breached: boolean;
  breachedAt: string | null;
  /** When the target was met, or null while it is open. */
  metAt: string | null;
}

export interface ComplaintState {
  caseId: string;
  reference: string;
  status: CaseStatus;
  priority: Priority;
  impact: Level;
  urgency: Level;
  categoryId: string | null;
  serviceId: string | null;
  requesterId: string;
  unitId: string | null;
  assigneeId: string | null;
  recorded: boolean;
  waitingFor: WaitReason | null;
  pausedSince: string | null;
  /** Time in statuses that pause the clock, plus the time resolved when a reopening continues it. */
  pausedMs: number;
  /** Rules of the case's SLA policy; absent before the first deadline computation. */
  sla?: SlaRules;
  /** Last reopening, where a policy with reopen mode 'restart' starts the resolution clock again. */
  reopenedAt?: string | null;
  firstResponse: TargetState | null;
  resolution: TargetState | null;
  resolvedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  reassignmentCount: number;
  rated: boolean;
  /** Until when the rating link is valid and the workflow accepts a rating; null before resolution. */
  ratingClosesAt: string | null;
  workMinutes: number;
  /** Sequence of accepted messages, for idempotent writes of each step. */
  step: number;
}

export interface ClassifyMessage {
  actor: Actor;
  categoryId: string | null;
  serviceId: string | null;
  impact: Level;
  urgency: Level;
}

export interface AssignMessage {
  actor: Actor;
  unitId: string;
  assigneeId: string | null;
  reason: string;
}

export interface WorkLogMessage {
  actor: Actor;
  minutes: number;
  body: string;
}

export interface TextMessage {
  actor: Actor;
  body: string;
  attachmentIds: string[];
}

export interface WaitMessage {
  actor: Actor;
  reason: WaitReason;
  body: string;
}

export interface ActorMessage {
  actor: Actor;
}

export interface FindingMessage {
  actor: Actor;
  title: string;
  body: string;
}

export interface ResolveMessage {
  actor: Actor;
  resolutionNote: string;
}

export interface ReopenMessage {
  actor: Actor;
  reason: string;
}

export interface RateMessage {
  /** Null when the rating arrives through the single-use link without sign-in. */
  actor: Actor | null;
  score: 1 | 2 | 3 | 4 | 5;
  comment: string;
}

/** The recomputeDeadlines workflow: its type, its single workflow id and its restart signal. */
export const recomputeDeadlinesWorkflowType = 'recomputeDeadlines';
export const recomputeDeadlinesWorkflowId = 'sla-recompute-deadlines';
export const recomputeDeadlinesRestartSignal = 'restart';

export interface RecomputeDeadlinesInput {
  /** Why the deadlines change, for the logs: 'calendar' or 'policy' with an id. */
  reason: string;
  /** Case id after which to continue, when the run continued as new; null to start. */
  after?: string | null;
}

/** Names of the workflow's updates, queries and signals, used by the API and the workflow. */
export const complaintMessages = {
  opened: 'opened',
  classify: 'classify',
  assign: 'assign',
  logWork: 'logWork',
  reply: 'reply',
  note: 'note',
  customerReply: 'customerReply',
  wait: 'wait',
  resume: 'resume',
  finding: 'finding',
  resolve: 'resolve',
  confirm: 'confirm',
  reopen: 'reopen',
  rate: 'rate',
  state: 'state',
  sla: 'slaChanged',
} as const;

export type ComplaintMessageName = (typeof complaintMessages)[keyof typeof complaintMessages];

/**
 * Types of the ApplicationFailure that rejects an update. Each is a code of common/errors.ts, so
 * the API maps it to its HTTP status unchanged.
 */
export const complaintRejections = ['invalid_state', 'forbidden', 'validation_failed'] as const;
export type ComplaintRejection = (typeof complaintRejections)[number];

/** Maximum lengths of the text in the workflow's messages; the API checks the same limits. */
export const complaintTextLimits = {
  /** Descriptions, replies, notes, work logs, resolution notes. */
  body: 20_000,
  /** Reasons (assignment, reopening) and finding titles. */
  short: 500,
  /** The rating's comment. */
  comment: 2_000,
} as const;

export const complaintWorkflowType = 'complaint';
export const taskQueueDefault = 'khidmat';

/** Reference prefix of complaints (aduan). */
export const complaintPrefix = 'ADU';
