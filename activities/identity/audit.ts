/**
 * The append-only audit log of administrative changes (people, units, roles, tokens, catalogue).
 * Old and new values are stored as JSON text; secrets and password hashes never enter it.
 */
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema';

export interface AuditEntry {
  /** The person who made the change; null for the system itself. */
  actorId: string | null;
  entity:
    | 'person'
    | 'unit'
    | 'api_token'
    | 'session'
    | 'service'
    | 'category'
    | 'calendar_holiday'
    | 'campus';
  entityId: string;
  action: string;
  oldValue?: unknown;
  newValue?: unknown;
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export async function appendAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    oldValue: toJson(entry.oldValue),
    newValue: toJson(entry.newValue),
  });
}

/**
 * Returns the fields of `next` whose values differ from `previous`, as two objects holding only
 * those fields, so an audit row records what changed and nothing else.
 */
export function changedFields<T extends object>(
  previous: T,
  next: Partial<T>,
): { oldValue: Partial<T>; newValue: Partial<T> } {
  const oldValue: Partial<T> = {};
  const newValue: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const after = next[key];
    if (after === undefined) continue;
    const before = previous[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    oldValue[key] = before;
    newValue[key] = after;
  }
  return { oldValue, newValue };
}
