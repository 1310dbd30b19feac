/**
 * Authorisation rules for people, units and API tokens, as pure functions of the principal so that
 * each rule is tested on its own. Routes turn a refusal into 404 when the record must stay
 * invisible, and into 403 when the caller may see the record but not change it.
 */
import type { Role } from '../../common/enums';
import type { Principal } from '../../activities/identity/principals';

/** Roles that read the directory of people: they assign, escalate, contact and audit. */
const peopleReaderRoles: readonly Role[] = [
  'agent',
  'technician',
  'supervisor',
  'manager',
  'auditor',
  'admin',
];

/** Roles that read the list of units; approvers see which unit a request comes from. */
const unitReaderRoles: readonly Role[] = [...peopleReaderRoles, 'approver'];

function hasAnyRole(principal: Principal, allowed: readonly Role[]): boolean {
  return principal.roles.some((role) => allowed.includes(role));
}

export function isAdmin(principal: Principal): boolean {
  return principal.roles.includes('admin');
}

/** Customers and approvers may not list people. */
export function canListPeople(principal: Principal): boolean {
  return hasAnyRole(principal, peopleReaderRoles);
}

/** Everyone may see their own record; directory readers may see anyone's. */
export function canViewPerson(principal: Principal, personId: string): boolean {
  return principal.id === personId || canListPeople(principal);
}

/** Creating people and changing their roles, units, status or password is for administrators. */
export function canManagePeople(principal: Principal): boolean {
  return isAdmin(principal);
}

export function canListUnits(principal: Principal): boolean {
  return hasAnyRole(principal, unitReaderRoles);
}

/** Unit readers may see any unit; everyone else only the units they belong to. */
export function canViewUnit(principal: Principal, unitId: string): boolean {
  return canListUnits(principal) || principal.unitIds.includes(unitId);
}

/** Deactivated units are shown to administrators and auditors only. */
export function canSeeInactiveUnits(principal: Principal): boolean {
  return isAdmin(principal) || principal.roles.includes('auditor');
}

export function canManageUnits(principal: Principal): boolean {
  return isAdmin(principal);
}

/**
 * New API tokens are created only from a signed-in browser session, so that a leaked token
 * cannot mint further tokens that outlive its revocation.
 */
export function canCreateApiToken(via: 'session' | 'token'): boolean {
  return via === 'session';
}

/** Allows a person to manage only their own tokens. Routes treat another person's token as missing. */
export function canManageApiToken(principal: Principal, tokenOwnerId: string): boolean {
  return principal.id === tokenOwnerId;
}
