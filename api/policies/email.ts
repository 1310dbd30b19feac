/** Who may manage the e-mail channel: administrators, because stored mail holds every sender's text. */
import type { Principal } from '../../activities/identity/principals';

export function canManageMail(principal: Principal): boolean {
  return principal.roles.includes('admin');
}
