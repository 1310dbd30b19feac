/**
 * Who may see and decide approval tasks, and who manages rules and delegations. Someone who may
 * not see a task gets 404; the workflow then checks again that the task's level is still open.
 */
import type { Principal } from '../../activities/identity/principals';
import type { ApprovalTaskRow } from '../../activities/approvals/inbox';

/** Roles that read every approval task: quality and administration. */
const readsAll = ['auditor', 'admin'] as const;

/**
 * Returns whom the person decides for on a pending task: null for their own task, the approver
 * when they are its delegate, or undefined when they may not decide it.
 */
export function decisionAuthority(
  principal: Principal,
  task: Pick<ApprovalTaskRow, 'status' | 'approverId' | 'slotApproverId' | 'delegateId'>,
  represented: readonly string[],
): { onBehalfOf: string | null } | undefined {
  if (task.status !== 'pending') return undefined;
  if (task.approverId === principal.id) {
    return { onBehalfOf: task.slotApproverId === principal.id ? null : task.slotApproverId };
  }
  if (task.delegateId === principal.id || represented.includes(task.approverId)) {
    return { onBehalfOf: task.approverId };
  }
  return undefined;
}

export function canSeeApprovalTask(
  principal: Principal,
  task: Pick<
    ApprovalTaskRow,
    'status' | 'approverId' | 'slotApproverId' | 'delegateId' | 'decidedById'
  >,
  represented: readonly string[],
): boolean {
  return (
    task.approverId === principal.id ||
    task.delegateId === principal.id ||
    task.decidedById === principal.id ||
    represented.includes(task.approverId) ||
    principal.roles.some((role) => (readsAll as readonly string[]).includes(role))
  );
}

export function canManageApprovalRules(principal: Principal): boolean {
  return principal.roles.includes('admin');
}

/** Roles that may be asked to decide a gate, and so may name a delegate or be one. */
export const decidingRoles = ['approver', 'supervisor', 'manager', 'admin'] as const;

/** Checks whether the person decides gates, so a delegation of theirs means something. */
export function canDelegate(principal: Principal): boolean {
  return principal.roles.some((role) => (decidingRoles as readonly string[]).includes(role));
}

/** A person who decides gates sets their own delegation; an administrator sets anyone's. */
export function canManageDelegation(principal: Principal, approverId: string): boolean {
  return (
    (principal.id === approverId && canDelegate(principal)) || principal.roles.includes('admin')
  );
}
