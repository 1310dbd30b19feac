/** The queues of the agent workspace: each one a preset of filters over GET /cases. */
import type { CaseStatus } from '../../../../common/enums';

export type QueueId = 'unassigned' | 'mine' | 'units' | 'open' | 'waiting' | 'resolved';
export type QueueSort = 'due' | 'opened' | 'updated';

export interface QueuePreset {
  id: QueueId;
  statuses: CaseStatus[];
  /** Only cases assigned to the signed-in person. */
  mine?: boolean;
  /** Only cases without an assignee. */
  unassigned?: boolean;
  /** Only cases of one of the person's own units, chosen in the unit filter. */
  ownUnits?: boolean;
  sort: QueueSort;
}

const open: CaseStatus[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_supplier',
];

export const queuePresets: readonly QueuePreset[] = [
  { id: 'unassigned', statuses: ['new'], unassigned: true, sort: 'due' },
  { id: 'mine', statuses: open, mine: true, sort: 'due' },
  { id: 'units', statuses: open, ownUnits: true, sort: 'due' },
  { id: 'open', statuses: open, sort: 'due' },
  { id: 'waiting', statuses: ['waiting_customer', 'waiting_supplier'], sort: 'due' },
  { id: 'resolved', statuses: ['resolved'], sort: 'updated' },
];

export function queuePreset(id: string | null): QueuePreset | undefined {
  return queuePresets.find((preset) => preset.id === id);
}

export interface QueueFilters {
  q: string;
  status: CaseStatus | null;
  /** Cases of any of these units; empty for every unit. */
  unitIds: string[];
  priority: string | null;
  channel: string | null;
  sort: QueueSort;
}

/** Builds the query string of GET /cases for a queue, its filters and a page cursor. */
export function caseListQuery(
  preset: QueuePreset,
  filters: QueueFilters,
  cursor: string | null,
  limit: number,
): string {
  const query = new URLSearchParams({ limit: String(limit), sort: filters.sort });
  const statuses =
    filters.status && preset.statuses.includes(filters.status) ? [filters.status] : preset.statuses;
  query.set('status', statuses.join(','));
  if (preset.mine) query.set('mine', 'true');
  if (preset.unassigned) query.set('unassigned', 'true');
  if (filters.unitIds.length > 0) query.set('unitId', filters.unitIds.join(','));
  if (filters.priority) query.set('priority', filters.priority);
  if (filters.channel) query.set('channel', filters.channel);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}
