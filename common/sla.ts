/**
 * Service-level policies: the targets a workflow type promises for a category and priority, what
 * pauses the clock, what a reopened case does to it, when the warnings are due and what happens at
 * a breach. Deterministic and free of runtime dependencies, so the API, the activities and the
 * workflows import it.
 */
import type { CaseStatus, Priority } from './enums';

/** Workflow types that keep service-level deadlines; only `complaint` has a workflow so far. */
export const slaWorkflowTypes = [
  'complaint',
  'facilityRequest',
  'facilityLoan',
  'ceremonySupport',
  'ictProject',
] as const;
export type SlaWorkflowType = (typeof slaWorkflowTypes)[number];

/**
 * A target: a length of working time in minutes, or the close of the n-th working day. For the
 * second kind, the day of opening is day 1 only when the clock starts at that day's opening (a
 * case received before office hours); a case received at 10:00 on Monday with n = 1 is due at
 * Tuesday's closing.
 */
export type SlaTarget =
  { kind: 'workingMinutes'; minutes: number } | { kind: 'workingDays'; days: number };

/** Effect of reopening a resolved case on the resolution clock. */
export const reopenModes = ['continue', 'restart'] as const;
export type ReopenMode = (typeof reopenModes)[number];

/** Statuses that a policy may list as pausing the clock. */
export const pausableStatuses = [
  'waiting_customer',
  'waiting_supplier',
] as const satisfies readonly CaseStatus[];
export type PausableStatus = (typeof pausableStatuses)[number];

/** Escalation options applied at a breach, besides the breach notification. */
export interface SlaEscalation {
  /** Send the breach notification to the heads of the case's unit as well as the assignee. */
  notifyUnitHead: boolean;
  /** Raise the case's priority by one level (priority 1 stays 1). */
  raisePriority: boolean;
  /** Take the case from its assignee and put it back in the unit's queue. */
  reassignToUnitQueue: boolean;
}

export const defaultEscalation: SlaEscalation = {
  notifyUnitHead: true,
  raisePriority: false,
  reassignToUnitQueue: false,
};

export const defaultWarningShares: readonly number[] = [0.75];

/** The parts of a policy that the workflow needs while the case is open. */
export interface SlaRules {
  policyId: string | null;
  pauseStatuses: CaseStatus[];
  reopenMode: ReopenMode;
  escalation: SlaEscalation;
}

/** A policy as the API and the deadline activity see it. */
export interface SlaPolicy {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  workflowType: SlaWorkflowType;
  /** Catalogue category the policy is for; null applies to every category. */
  categoryId: string | null;
  /** Priority the policy is for; null applies to every priority. */
  priority: Priority | null;
  firstResponse: SlaTarget | null;
  resolution: SlaTarget | null;
  pauseStatuses: PausableStatus[];
  reopenMode: ReopenMode;
  /** Shares of each target after which a warning is sent, ascending, each above 0 and below 1. */
  warningShares: number[];
  escalation: SlaEscalation;
  active: boolean;
}

/** A policy's fields without its id, as the API and the seed write them. */
export type SlaPolicyInput = Omit<SlaPolicy, 'id'>;

export interface PolicyKey {
  workflowType: SlaWorkflowType;
  categoryId: string | null;
  priority: Priority;
}

/**
 * Ranks how well a policy fits a case, or returns -1 when it does not apply. A category match
 * weighs more than a priority match, so type + category + priority beats type + category, which
 * beats type + priority, which beats the type alone.
 */
export function policySpecificity(policy: SlaPolicy, key: PolicyKey): number {
  if (!policy.active || policy.workflowType !== key.workflowType) return -1;
  if (policy.categoryId !== null && policy.categoryId !== key.categoryId) return -1;
  if (policy.priority !== null && policy.priority !== key.priority) return -1;
  return (policy.categoryId !== null ? 2 : 0) + (policy.priority !== null ? 1 : 0);
}

/** Returns the most specific active policy for the case, or null when none applies. */
export function selectPolicy(policies: readonly SlaPolicy[], key: PolicyKey): SlaPolicy | null {
  let best: SlaPolicy | null = null;
  let bestRank = -1;
  for (const policy of policies) {
    const rank = policySpecificity(policy, key);
    if (rank > bestRank) {
      best = policy;
      bestRank = rank;
    }
  }
  return best;
}

/** Keeps the statuses a policy may pause on, in the order of `caseStatuses`. */
export function normalisePauseStatuses(statuses: readonly string[]): PausableStatus[] {
  return pausableStatuses.filter((status) => statuses.includes(status));
}
