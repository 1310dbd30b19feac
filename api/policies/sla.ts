/** Authorisation rules for service-level policies: administrators read and change them. */
import type { Principal } from '../../activities/identity/principals';

export function canManageSlaPolicies(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
