/**
 * Turns the rows of one ServiceNow incident into the case it becomes and the history rows that
 * record how it got there. Pure: people, units and categories arrive already resolved to ids.
 */
import type { CaseStatus, Channel, Level, Priority } from '../../common/enums';
import {
  channelOf,
  finalStatusOf,
  serviceNowStates,
  type ServiceNowRow,
} from './servicenow-format';

/** The ids that the tokens of an incident's rows resolve to. */
export interface ResolvedIds {
  unitIdOf(row: ServiceNowRow): string | null;
  assigneeIdOf(row: ServiceNowRow): string | null;
  categoryIdOf(row: ServiceNowRow): string | null;
  requesterId: string;
  createdById: string;
  serviceId: string;
}

/** The fields of a case that history rows track. */
export interface CaseSnapshot {
  status: CaseStatus;
  unitId: string | null;
  assigneeId: string | null;
  priority: Priority;
  impact: Level;
  urgency: Level;
  reopenCount: number;
}

export interface PlannedCase extends CaseSnapshot {
  title: string;
  description: string;
  channel: Channel;
  requesterId: string;
  createdById: string;
  serviceId: string;
  categoryId: string | null;
  openedAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolutionBreached: boolean;
  reassignmentCount: number;
}

export interface PlannedHistory {
  at: Date;
  action: 'opened' | 'status' | 'assigned' | 'classified' | 'reopened' | 'imported';
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  details: Record<string, unknown>;
  idempotencyKey: string;
}

export interface IncidentPlan {
  number: string;
  /** The highest sys_mod_count among the rows. */
  lastModCount: number;
  caseFields: PlannedCase;
  history: PlannedHistory[];
}

/** Sorts rows in the order they happened: by sys_updated_at, then by sys_mod_count. */
export function sortRows(rows: ServiceNowRow[]): ServiceNowRow[] {
  return [...rows].sort(
    (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.sysModCount - b.sysModCount,
  );
}

/** Returns the idempotency key of the history row that marks an import up to a given update. */
export function importMarkerKey(number: string, sysModCount: number): string {
  return `sn:${number}:${sysModCount}`;
}

/**
 * Plans an incident from its rows, sorted by sortRows. With `previous` (the stored case and the
 * last sys_mod_count imported), only rows after that update add history; without it, the history
 * starts with the opening.
 */
export function planIncident(
  rows: ServiceNowRow[],
  ids: ResolvedIds,
  previous: { snapshot: CaseSnapshot; lastModCount: number } | null,
): IncidentPlan {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) throw new Error('planIncident needs at least one row');
  const number = first.number;
  const lastModCount = Math.max(...rows.map((row) => row.sysModCount));

  const history: PlannedHistory[] = [];
  let current: CaseSnapshot;
  let newRows: ServiceNowRow[];
  if (previous) {
    current = previous.snapshot;
    newRows = rows.filter((row) => row.sysModCount > previous.lastModCount);
  } else {
    current = {
      status: 'new',
      unitId: null,
      assigneeId: null,
      priority: first.priority,
      impact: first.impact,
      urgency: first.urgency,
      reopenCount: 0,
    };
    newRows = rows;
    history.push({
      at: first.openedAt,
      action: 'opened',
      field: 'status',
      oldValue: null,
      newValue: 'new',
      details: { source: 'servicenow', number, openedBy: first.openedBy, caller: first.caller },
      idempotencyKey: `sn:${number}:opened`,
    });
  }

  for (const row of newRows) {
    const next: CaseSnapshot = {
      status: row === last ? finalStatusOf(row.state, row.active) : serviceNowStates[row.state],
      unitId: ids.unitIdOf(row),
      assigneeId: ids.assigneeIdOf(row),
      priority: row.priority,
      impact: row.impact,
      urgency: row.urgency,
      reopenCount: row.reopenCount,
    };
    history.push(...changesBetween(current, next, row));
    current = next;
  }

  history.push({
    at: last.updatedAt,
    action: 'imported',
    field: null,
    oldValue: null,
    newValue: null,
    details: { source: 'servicenow', number, sysModCount: lastModCount, rows: newRows.length },
    idempotencyKey: importMarkerKey(number, lastModCount),
  });

  return { number, lastModCount, caseFields: caseFieldsOf(rows, ids, current), history };
}

function changesBetween(
  before: CaseSnapshot,
  after: CaseSnapshot,
  row: ServiceNowRow,
): PlannedHistory[] {
  const changes: PlannedHistory[] = [];
  const details = {
    source: 'servicenow',
    sysModCount: row.sysModCount,
    state: row.state,
    updatedBy: row.updatedBy,
  };
  // Some logs repeat a sys_mod_count on two different updates, so the update time is part of
  // the key: otherwise the second update's changes would be dropped as duplicates.
  const updatedMinute = Math.floor(row.updatedAt.getTime() / 60_000);
  const keyOf = (field: string): string =>
    `sn:${row.number}:${row.sysModCount}:${updatedMinute}:${field}`;
  const add = (
    action: PlannedHistory['action'],
    field: string,
    oldValue: string | number | null,
    newValue: string | number | null,
  ): void => {
    changes.push({
      at: row.updatedAt,
      action,
      field,
      oldValue: oldValue === null ? null : String(oldValue),
      newValue: newValue === null ? null : String(newValue),
      details,
      idempotencyKey: keyOf(field),
    });
  };

  if (after.reopenCount > before.reopenCount) {
    add('reopened', 'reopenCount', before.reopenCount, after.reopenCount);
  }
  if (after.status !== before.status) add('status', 'status', before.status, after.status);
  if (after.unitId !== before.unitId) add('assigned', 'unitId', before.unitId, after.unitId);
  if (after.assigneeId !== before.assigneeId) {
    add('assigned', 'assigneeId', before.assigneeId, after.assigneeId);
  }
  if (after.priority !== before.priority)
    add('classified', 'priority', before.priority, after.priority);
  if (after.impact !== before.impact) add('classified', 'impact', before.impact, after.impact);
  if (after.urgency !== before.urgency) add('classified', 'urgency', before.urgency, after.urgency);
  return changes;
}

function caseFieldsOf(rows: ServiceNowRow[], ids: ResolvedIds, final: CaseSnapshot): PlannedCase {
  const last = rows[rows.length - 1] as ServiceNowRow;
  const finished = final.status === 'resolved' || final.status === 'closed';
  const firstWorked = rows.find((row) => row.state !== 'New');
  const firstResolved = rows.find((row) => row.state === 'Resolved' || row.state === 'Closed');

  let resolvedAt: Date | null = null;
  if (finished) resolvedAt = last.resolvedAt ?? firstResolved?.updatedAt ?? last.updatedAt;
  let closedAt: Date | null = null;
  if (final.status === 'closed') closedAt = last.closedAt ?? last.updatedAt;

  return {
    ...final,
    title: titleOf(last),
    description: descriptionOf(last),
    channel: channelOf(last.contactType),
    requesterId: ids.requesterId,
    createdById: ids.createdById,
    serviceId: ids.serviceId,
    categoryId: ids.categoryIdOf(last),
    openedAt: last.openedAt,
    firstRespondedAt: firstWorked?.updatedAt ?? resolvedAt,
    resolvedAt,
    closedAt,
    resolutionBreached: last.madeSla === false,
    reassignmentCount: last.reassignmentCount,
  };
}

function titleOf(row: ServiceNowRow): string {
  const topic = [row.category?.token, row.subcategory].filter(Boolean).join(' / ');
  return topic ? `${row.number}: ${topic}` : row.number;
}

/** Keeps the log's fields that have no column of their own, under their ServiceNow names. */
function descriptionOf(row: ServiceNowRow): string {
  const fields: Array<[string, string | null]> = [
    ['number', row.number],
    ['incident_state', row.state],
    ['location', row.location],
    ['u_symptom', row.symptom],
    ['cmdb_ci', row.configurationItem],
    ['problem_id', row.problemId],
    ['rfc', row.changeRequest],
    ['closed_code', row.closedCode],
    ['resolved_by', row.resolvedBy],
  ];
  const lines = fields
    .filter((field): field is [string, string] => field[1] !== null)
    .map(([name, value]) => `${name}: ${value}`);
  return ['Imported from a ServiceNow incident log.', ...lines].join('\n');
}
