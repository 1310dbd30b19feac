/**
 * Who may see and act on event support requests. A requester sees only their own requests; the
 * work team, the staff of the support unit and management see every one. Someone who may not see
 * an event gets 404, as if it did not exist. Only the head of the support unit forms the team, and
 * only team members tick the checklist.
 */
import type { Principal } from '../../activities/identity/principals';
import { staffRoles, type Role } from '../../common/enums';

/** Roles that see every event: management, quality, admin. */
const seesAllEvents: readonly Role[] = ['manager', 'auditor', 'admin'];

export interface CeremonyAccessFacts {
  requesterId: string;
  supportUnitId: string;
  teamIds: readonly string[];
}

export function isSupportHead(principal: Principal, supportUnitId: string): boolean {
  return principal.roles.includes('admin') || principal.headOfUnitIds.includes(supportUnitId);
}

/** Staff (members or heads) of the support unit, and administrators. */
export function isSupportStaff(principal: Principal, supportUnitId: string): boolean {
  if (isSupportHead(principal, supportUnitId)) return true;
  return (
    principal.unitIds.includes(supportUnitId) &&
    principal.roles.some((role) => staffRoles.includes(role))
  );
}

/** Whether the principal sees every event, in lists and in the calendar. */
export function seesAllCeremonies(principal: Principal, supportUnitId: string | null): boolean {
  if (principal.roles.some((role) => seesAllEvents.includes(role))) return true;
  return supportUnitId !== null && isSupportStaff(principal, supportUnitId);
}

export function canSeeCeremony(principal: Principal, event: CeremonyAccessFacts): boolean {
  if (event.requesterId === principal.id) return true;
  if (event.teamIds.includes(principal.id)) return true;
  return seesAllCeremonies(principal, event.supportUnitId);
}
