/**
 * Which actions the signed-in person may take on a case in its current state. It mirrors the
 * complaint workflow's checks so that the page offers only what would be accepted; the API and the
 * workflow still decide, and their error codes are shown when they reject.
 */
import type { CaseStatus, Role } from '../../../../common/enums';
import type { CaseDetail, Me } from '../../api/types';

export type CaseAction =
  | 'classify'
  | 'assign'
  | 'workLog'
  | 'reply'
  | 'note'
  | 'wait'
  | 'resume'
  | 'finding'
  | 'resolve'
  | 'reopen';

const openStatuses: readonly CaseStatus[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_supplier',
];
const workStatuses: readonly CaseStatus[] = [
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_supplier',
];
const pausedStatuses: readonly CaseStatus[] = ['waiting_customer', 'waiting_supplier'];

/** Roles that send staff messages at all; auditors only read. */
const workingRoles: readonly Role[] = ['agent', 'technician', 'supervisor', 'manager', 'admin'];

export function allowedActions(me: Me | null, detail: CaseDetail): Set<CaseAction> {
  const allowed = new Set<CaseAction>();
  if (!me || !me.roles.some((role) => workingRoles.includes(role))) return allowed;

  const has = (role: Role) => me.roles.includes(role);
  const headsCaseUnit =
    detail.unit !== null &&
    me.units.some((unit) => unit.unitId === detail.unit?.id && unit.role === 'head');
  const headsAnyUnit = me.units.some((unit) => unit.role === 'head');
  const isAssignee = detail.assignee !== null && detail.assignee.id === me.id;
  const assigned = detail.assignee !== null && detail.status !== 'new';
  const worker = isAssignee || headsCaseUnit;
  const responder = worker || has('agent');
  const status = detail.status;

  if (openStatuses.includes(status)) {
    if (has('agent') || has('admin') || headsCaseUnit) allowed.add('classify');
    if (has('agent') || has('admin') || headsAnyUnit) allowed.add('assign');
  }
  if (status !== 'closed' && responder) {
    allowed.add('reply');
    allowed.add('note');
  }
  if (assigned && worker) {
    if (workStatuses.includes(status)) {
      allowed.add('workLog');
      allowed.add('resolve');
      allowed.add('finding');
    }
    if (status === 'resolved') allowed.add('finding');
    if (status === 'assigned' || status === 'in_progress') allowed.add('wait');
  }
  if (pausedStatuses.includes(status) && worker) allowed.add('resume');
  // The same rule as the API's: an agent or supervisor of the case's unit may reopen it.
  const inCaseUnit =
    detail.unit !== null && me.units.some((unit) => unit.unitId === detail.unit?.id);
  if (status === 'resolved' && (has('agent') || has('supervisor')) && inCaseUnit) {
    allowed.add('reopen');
  }
  return allowed;
}
