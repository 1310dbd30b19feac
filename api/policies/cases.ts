/**
 * Who may see and act on cases. Someone who may not see a case gets 404, as if it did not exist;
 * someone who may see it but not do the action gets 403. The workflow then checks what only it
 * knows (the state, and who is assigned).
 */
import type { Role } from '../../common/enums';
import type { Principal } from '../../activities/identity/principals';
import type { CaseScope } from '../../activities/cases/queries';

/** Roles that see every case: the desk, management, quality and administration. */
const seesAll: readonly Role[] = ['agent', 'supervisor', 'manager', 'auditor', 'admin'];
/** Roles that may send staff messages (classify, assign, reply, note, ...). */
const works: readonly Role[] = ['agent', 'technician', 'supervisor', 'manager', 'admin'];

const has = (principal: Principal, roles: readonly Role[]) =>
  principal.roles.some((role) => roles.includes(role));

export function isStaff(principal: Principal): boolean {
  return has(principal, seesAll) || principal.roles.includes('technician');
}

export interface CaseAccessFacts {
  requesterId: string;
  unitId: string | null;
  assigneeId: string | null;
  participantIds: string[];
}

/** Returns the cases a list may show this person. */
export function caseScope(principal: Principal): CaseScope {
  if (has(principal, seesAll)) return { kind: 'all' };
  if (principal.roles.includes('technician')) {
    return { kind: 'units', personId: principal.id, unitIds: principal.unitIds };
  }
  return { kind: 'customer', personId: principal.id };
}

/** True when the person is the requester or is copied on the case. */
export function isCustomerOf(principal: Principal, facts: CaseAccessFacts): boolean {
  return facts.requesterId === principal.id || facts.participantIds.includes(principal.id);
}

export function canSeeCase(principal: Principal, facts: CaseAccessFacts): boolean {
  if (isCustomerOf(principal, facts)) return true;
  if (has(principal, seesAll)) return true;
  if (principal.roles.includes('technician')) {
    return (
      facts.assigneeId === principal.id ||
      (facts.unitId !== null && principal.unitIds.includes(facts.unitId))
    );
  }
  return false;
}

/** Staff may see internal notes, work logs and the full history; customers may not. */
export function canSeeInternal(principal: Principal, facts: CaseAccessFacts): boolean {
  return isStaff(principal) && canSeeCase(principal, facts) && !isOnlyCustomer(principal);
}

function isOnlyCustomer(principal: Principal): boolean {
  return !isStaff(principal);
}

/** Staff work on a case they can see: auditors read only. */
export function canWorkOnCase(principal: Principal, facts: CaseAccessFacts): boolean {
  return has(principal, works) && canSeeCase(principal, facts);
}

/** Agents (and those above them) log cases for a customer by phone, walk-in or other channels. */
export function canLogForOthers(principal: Principal): boolean {
  return has(principal, ['agent', 'supervisor', 'manager', 'admin']);
}

/** Anyone signed in may file a complaint for themselves. */
export function canFileComplaint(principal: Principal): boolean {
  return principal.roles.length > 0;
}
