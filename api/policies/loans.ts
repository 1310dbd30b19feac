/**
 * Who may manage the inventory and act on loans. Staff of the unit that owns a resource (and
 * administrators) edit it, hand it over and check it in. A borrower sees only their own loans;
 * someone who may not see a loan gets 404, as if it did not exist.
 */
import type { Principal } from '../../activities/identity/principals';
import { staffRoles, type Role } from '../../common/enums';

/** Roles that see every loan and the whole inventory history: management, quality, admin. */
const seesAllLoans: readonly Role[] = ['manager', 'auditor', 'admin'];

export function isOwningStaff(principal: Principal, owningUnitId: string): boolean {
  if (principal.roles.includes('admin')) return true;
  return (
    principal.unitIds.includes(owningUnitId) &&
    principal.roles.some((role) => staffRoles.includes(role))
  );
}

/** Staff of any unit read resource histories and the reservation calendar with holders. */
export function isInventoryStaff(principal: Principal): boolean {
  return principal.roles.some((role) => staffRoles.includes(role) || role === 'auditor');
}

export interface LoanAccessFacts {
  borrowerId: string;
  owningUnitId: string;
}

export function canSeeLoan(principal: Principal, loan: LoanAccessFacts): boolean {
  if (loan.borrowerId === principal.id) return true;
  if (principal.roles.some((role) => seesAllLoans.includes(role))) return true;
  return isOwningStaff(principal, loan.owningUnitId);
}
