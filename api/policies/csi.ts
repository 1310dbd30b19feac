/**
 * Who may run CSI campaigns: administrators, managers and quality coordinators (the auditor role)
 * create, cancel and schedule campaigns and read their results. Respondents need no sign-in:
 * their single-use link is their only key.
 */
import type { Principal } from '../../activities/identity/principals';
import type { Role } from '../../common/enums';

const runsCampaigns: readonly Role[] = ['admin', 'manager', 'auditor'];

export function canRunCsiCampaigns(principal: Principal): boolean {
  return principal.roles.some((role) => runsCampaigns.includes(role));
}
