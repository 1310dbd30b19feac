/**
 * The contract of the `approvalChain` workflow, which every gated workflow (facility requests,
 * loans, ceremony support, ICT projects) runs as a child to get a decision. Deterministic and free
 * of runtime dependencies, so workflows, activities, the API and the web app all import it.
 *
 * A parent gets its decision with
 * `await executeChild(approvalChain, { workflowId: approvalChainWorkflowId(ref), args: [{ subject }] })`
 * and reads `outcome.approved` and `outcome.reason`.
 */
import type { Language, Role } from './enums';

export const approvalSubjectKinds = [
  'facilityRequest',
  'facilityLoan',
  'ceremonySupport',
  'ictProject',
] as const;
export type ApprovalSubjectKind = (typeof approvalSubjectKinds)[number];

/** The record that waits for approval, as the inbox shows it and as the rules match it. */
export interface ApprovalSubject {
  kind: ApprovalSubjectKind;
  /** The parent workflow id or record reference, e.g. PKM-2026-000012. */
  reference: string;
  /** Title shown in the inbox. */
  title: string;
  /** Person id of the applicant. */
  requesterId: string;
  /** The requester's unit; rules may match on it. */
  unitId: string | null;
  /** Catalogue service or category code; rules may match on it. */
  category: string | null;
  /** Money value in RM when relevant; rules may match on it. */
  value: number | null;
  /** Path of the record in the web app, e.g. /loans/PJM-2026-000003. */
  link: string;
  /** Unit that owns the resource asked for (a loaned item's unit), for `ownerUnitHead` approvers. */
  ownerUnitId?: string | null;
}

export interface ApprovalChainInput {
  subject: ApprovalSubject;
  /** Language of the e-mails to approvers when a person has no preference; default `ms`. */
  language?: Language;
  /** Time between reminders to a silent approver, in working days; default 1. */
  reminderWorkingDays?: number;
  /** Reminders sent to one approver before the task escalates to their unit head; default 2. */
  remindersBeforeEscalation?: number;
}

export const approvalDecisionValues = ['approved', 'rejected'] as const;
export type ApprovalDecisionValue = (typeof approvalDecisionValues)[number];

export interface ApprovalDecisionRecord {
  level: number;
  /** The person who decided. */
  approverId: string;
  /** The approver the decider stood in for as a delegate, or null when they decided for themselves. */
  onBehalfOf: string | null;
  decision: ApprovalDecisionValue;
  comment: string;
  decidedAt: string;
}

export interface ApprovalOutcome {
  /** True when every level approved. */
  approved: boolean;
  decisions: ApprovalDecisionRecord[];
  /** The rejecting comment when not approved, otherwise null. */
  reason: string | null;
}

/** "any" needs one approval from the level's approvers; "all" needs an approval from each. */
export const approvalModes = ['any', 'all'] as const;
export type ApprovalMode = (typeof approvalModes)[number];

export const approvalTaskStatuses = ['pending', 'approved', 'rejected', 'superseded'] as const;
export type ApprovalTaskStatus = (typeof approvalTaskStatuses)[number];

/**
 * Who approves at a level of a rule: a named person, everyone holding a role, the head of the
 * requester's unit, the head of a named unit, or the head of the unit owning the resource.
 */
export type ApprovalApproverSpec =
  | { type: 'person'; personId: string }
  | { type: 'role'; role: Role }
  | { type: 'requesterUnitHead' }
  | { type: 'unitHead'; unitId: string }
  | { type: 'ownerUnitHead' };

/** One level of an approval rule, as stored in `approval_rules.levels`. */
export interface ApprovalRuleLevel {
  mode: ApprovalMode;
  approvers: ApprovalApproverSpec[];
}

/** One approver of a level as the rules resolved it. */
export interface ResolvedApprover {
  approverId: string;
  /** The delegate standing in for the approver today, or null. */
  delegateId: string | null;
}

/** One level of the chain as the rules resolved it for a subject. */
export interface ResolvedLevel {
  level: number;
  mode: ApprovalMode;
  approvers: ResolvedApprover[];
}

/** Payload of the `decide` update; the API fills `actorId` from the signed-in person or the link. */
export interface DecideApprovalInput {
  actorId: string;
  /**
   * The approver the actor stands in for. The API sets it only after checking an active
   * delegation in the database; the workflow also accepts the delegate it resolved itself.
   */
  onBehalfOf?: string | null;
  decision: ApprovalDecisionValue;
  comment: string;
  /** Id of the approval task decided, when the caller knows it (inbox and link do). */
  taskId?: string;
}

/** Result of the `decide` update: the chain's state right after the decision. */
export interface DecideApprovalResult {
  /** The level that took the decision. */
  level: number;
  /** True when the decision closed the level. */
  levelClosed: boolean;
  /** Set when the decision finished the chain. */
  outcome: ApprovalOutcome | null;
}

/** Live state returned by the `state` query. */
export interface ApprovalChainState {
  subject: ApprovalSubject;
  levels: ResolvedLevel[];
  /** The level waiting for decisions, or null once the chain has finished. */
  currentLevel: number | null;
  decisions: ApprovalDecisionRecord[];
  outcome: ApprovalOutcome | null;
}

export const approvalChainWorkflowType = 'approvalChain';
export const decideApprovalUpdateName = 'decide';
export const approvalChainStateQueryName = 'state';

/** Workflow id of the approval chain for a record; a new round follows a resubmission. */
export function approvalChainWorkflowId(reference: string, round = 1): string {
  return `${reference}-approval-${round}`;
}

/** Maximum length of a decision comment, in characters. */
export const maxApprovalCommentLength = 2000;
