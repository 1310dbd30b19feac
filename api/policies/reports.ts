/**
 * Who may read the charter report: managers, auditors and administrators read every unit, and a
 * supervisor reads the units they belong to. Every other role is forbidden.
 */
import type { Principal } from '../../activities/identity/principals';
import type { Role } from '../../common/enums';

const seesEveryUnit: readonly Role[] = ['manager', 'auditor', 'admin'];

/** Returns the units whose cases the person may report on: 'all', a list, or null for none. */
export function charterScope(principal: Principal): 'all' | string[] | null {
  if (principal.roles.some((role) => seesEveryUnit.includes(role))) return 'all';
  if (principal.roles.includes('supervisor')) return principal.unitIds;
  return null;
}
