/**
 * Turns a change of the workflow state into what the recordStep activity writes: the changed
 * `cases` columns and one `case_history` row per changed field.
 */
import type { CaseChanges, HistoryEntry } from '../../activities/cases/record';
import type { ComplaintState } from '../../common/complaint';

type PlainField =
  | 'status'
  | 'priority'
  | 'impact'
  | 'urgency'
  | 'categoryId'
  | 'serviceId'
  | 'unitId'
  | 'assigneeId'
  | 'waitingFor'
  | 'reopenCount'
  | 'reassignmentCount'
  | 'workMinutes'
  | 'pausedMs'
  | 'resolvedAt'
  | 'closedAt';

const plainFields: readonly PlainField[] = [
  'status',
  'priority',
  'impact',
  'urgency',
  'categoryId',
  'serviceId',
  'unitId',
  'assigneeId',
  'waitingFor',
  'reopenCount',
  'reassignmentCount',
  'workMinutes',
  'pausedMs',
  'resolvedAt',
  'closedAt',
];

/** Fields whose changes get a history row; counters and totals are recorded by their messages. */
const historyFields = new Set<string>([
  'status',
  'priority',
  'impact',
  'urgency',
  'categoryId',
  'serviceId',
  'unitId',
  'assigneeId',
  'waitingFor',
  'reopenCount',
  'firstResponseDueAt',
  'resolutionDueAt',
]);

type Columns = Required<CaseChanges>;

function columnsOf(state: ComplaintState): Partial<Columns> {
  const columns: Partial<Columns> = {};
  for (const field of plainFields) {
    (columns as Record<string, unknown>)[field] = state[field];
  }
  columns.firstRespondedAt = state.firstResponse?.metAt ?? null;
  columns.firstResponseDueAt = state.firstResponse?.dueAt ?? null;
  columns.resolutionDueAt = state.resolution?.dueAt ?? null;
  columns.firstResponseBreached = state.firstResponse?.breached ?? false;
  columns.resolutionBreached = state.resolution?.breached ?? false;
  return columns;
}

export function caseChanges(previous: ComplaintState, next: ComplaintState): CaseChanges {
  const before = columnsOf(previous) as Record<string, unknown>;
  const after = columnsOf(next) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(after)) {
    if (before[column] !== value) changes[column] = value;
  }
  return changes;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * Builds the history rows of one step: a row for the action itself, then a row per changed field. Status
 * rows carry the action 'status', because reports of time in a status read those rows.
 */
export function historyOf(
  action: string,
  changes: CaseChanges,
  previous: ComplaintState,
  details: Record<string, unknown> | undefined,
): HistoryEntry[] {
  const before = columnsOf(previous) as Record<string, unknown>;
  const entries: HistoryEntry[] = [{ action, details: details ?? null }];
  for (const [field, value] of Object.entries(changes)) {
    if (!historyFields.has(field)) continue;
    entries.push({
      action: field === 'status' ? 'status' : action,
      field,
      oldValue: asText(before[field]),
      newValue: asText(value),
    });
  }
  return entries;
}
