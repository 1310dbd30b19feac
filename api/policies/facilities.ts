/**
 * Who may see and act on facility applications. The applicant sees their own; staff of the
 * providing unit, unit heads, managers, auditors and administrators see all. Someone who may not
 * see an application gets 404.
 */
import type { Principal } from '../../activities/identity/principals';
import type { Role } from '../../common/enums';

const seesAll: readonly Role[] = ['supervisor', 'manager', 'auditor', 'admin'];
const provides: readonly Role[] = ['technician', 'supervisor', 'manager', 'admin'];

export interface ApplicationFacts {
  requesterId: string;
  providerUnitId: string | null;
}

const has = (principal: Principal, roles: readonly Role[]) =>
  principal.roles.some((role) => roles.includes(role));

/** True for staff who see the provision list: the providing units' technicians and above. */
export function isFacilityStaff(principal: Principal): boolean {
  return has(principal, seesAll) || principal.roles.includes('technician');
}

export function canSeeApplication(principal: Principal, facts: ApplicationFacts): boolean {
  if (facts.requesterId === principal.id) return true;
  if (has(principal, seesAll)) return true;
  return (
    principal.roles.includes('technician') &&
    facts.providerUnitId !== null &&
    principal.unitIds.includes(facts.providerUnitId)
  );
}

/** Checks whether the person may mark provision steps done: a technician of the providing unit, or a unit head, manager or administrator. */
export function canProvide(principal: Principal, facts: ApplicationFacts): boolean {
  if (!has(principal, provides)) return false;
  if (
    principal.roles.includes('technician') &&
    !has(principal, ['supervisor', 'manager', 'admin'])
  ) {
    return facts.providerUnitId !== null && principal.unitIds.includes(facts.providerUnitId);
  }
  return true;
}
