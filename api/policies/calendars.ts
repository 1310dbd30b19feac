/**
 * Authorisation rules for working calendars: the division's staff (every role but customer) read
 * them, because deadlines and reports depend on them; administrators change them.
 */
import type { Principal } from '../../activities/identity/principals';

export function canReadCalendars(principal: Principal): boolean {
  return principal.roles.some((role) => role !== 'customer');
}

export function canManageCalendars(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
