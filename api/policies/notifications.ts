/** Who may read the notification outbox: administrators and auditors, because it contains every message's text. */
import type { Principal } from '../../activities/identity/principals';

export function canReadOutbox(principal: Principal): boolean {
  return principal.roles.includes('admin') || principal.roles.includes('auditor');
}
