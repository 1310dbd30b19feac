/**
 * Who may read the management dashboard: managers and administrators over every unit, and a
 * supervisor (ketua unit) over the units they head, or belong to when they head none. Every other
 * role is forbidden, auditors included.
 */
import type { Principal } from '../../activities/identity/principals';
import type { ReportScope } from '../../activities/reports/periodic-types';
import type { Role } from '../../common/enums';

const seesEveryUnit: readonly Role[] = ['manager', 'admin'];

/** Returns the units the dashboard covers for the person, or null when they may not read it. */
export function dashboardScope(principal: Principal): ReportScope | null {
  if (principal.roles.some((role) => seesEveryUnit.includes(role))) return { unitIds: null };
  if (!principal.roles.includes('supervisor')) return null;
  return {
    unitIds: principal.headOfUnitIds.length > 0 ? principal.headOfUnitIds : principal.unitIds,
  };
}
