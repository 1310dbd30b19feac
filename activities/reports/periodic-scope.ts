/**
 * Who may read the periodic report, and on which units. The report routes and the report mailing
 * share this rule. Managers, auditors and administrators report on every unit. A supervisor (ketua
 * unit) reports on the units they head, or on the units they belong to when they head none.
 * Everyone else may not read the report.
 */
import type { Role } from '../../common/enums';
import type { Principal } from '../identity/principals';
import type { ReportScope } from './periodic-types';

/** Roles that report on every unit. */
const reportsOnAll: readonly Role[] = ['manager', 'auditor', 'admin'];

/** Returns the units the person may report on, or null when they may not read the report. */
export function periodicScopeOf(
  principal: Pick<Principal, 'roles' | 'unitIds' | 'headOfUnitIds'>,
): ReportScope | null {
  if (principal.roles.some((role) => reportsOnAll.includes(role))) return { unitIds: null };
  if (!principal.roles.includes('supervisor')) return null;
  return {
    unitIds: principal.headOfUnitIds.length > 0 ? principal.headOfUnitIds : principal.unitIds,
  };
}

/** Returns whether the scope covers the unit of a unit filter; every scope covers no filter. */
export function scopeCoversUnit(scope: ReportScope, unitId: string | undefined): boolean {
  return unitId === undefined || scope.unitIds === null || scope.unitIds.includes(unitId);
}
