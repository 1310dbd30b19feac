/**
 * Authorisation rules for the service catalogue, as pure functions of the principal that the
 * catalogue routes call.
 */
import type { Principal } from '../../activities/identity/principals';

/** Allows every signed-in person to read the active catalogue, because customers choose a service from it. */
export function canReadCatalogue(_principal: Principal): boolean {
  return true;
}

/** Deactivated services and categories are shown to administrators and auditors only. */
export function canSeeInactiveCatalogue(principal: Principal): boolean {
  return principal.roles.includes('admin') || principal.roles.includes('auditor');
}

export function canManageCatalogue(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
