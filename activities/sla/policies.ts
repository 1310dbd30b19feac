/**
 * Reading and writing service-level policies. The deadline activity picks the most specific active
 * policy for a case. When none applies, the `sla_targets` row of the priority (working minutes) is
 * the fallback, as in a database loaded before policies existed.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import type { Priority } from '../../common/enums';
import {
  defaultEscalation,
  normalisePauseStatuses,
  reopenModes,
  selectPolicy,
  slaWorkflowTypes,
  type PolicyKey,
  type ReopenMode,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaWorkflowType,
} from '../../common/sla';
import type { Database } from '../../db/client';
import { slaPolicies, slaTargets } from '../../db/schema';

type PolicyRow = typeof slaPolicies.$inferSelect;

function asWorkflowType(value: string): SlaWorkflowType {
  return (slaWorkflowTypes as readonly string[]).includes(value)
    ? (value as SlaWorkflowType)
    : 'complaint';
}

function asReopenMode(value: string): ReopenMode {
  return (reopenModes as readonly string[]).includes(value) ? (value as ReopenMode) : 'continue';
}

export function toPolicy(row: PolicyRow): SlaPolicy {
  return {
    id: row.id,
    code: row.code,
    nameMs: row.nameMs,
    nameEn: row.nameEn,
    workflowType: asWorkflowType(row.workflowType),
    categoryId: row.categoryId,
    priority: row.priority === null ? null : (row.priority as Priority),
    firstResponse: row.firstResponse,
    resolution: row.resolution,
    pauseStatuses: normalisePauseStatuses(row.pauseStatuses),
    reopenMode: asReopenMode(row.reopenMode),
    warningShares: [...row.warningShares].sort((a, b) => a - b),
    escalation: { ...defaultEscalation, ...row.escalation },
    active: row.active,
  };
}

export async function listPolicies(db: Database): Promise<SlaPolicy[]> {
  const rows = await db
    .select()
    .from(slaPolicies)
    .orderBy(
      asc(slaPolicies.workflowType),
      sql`${slaPolicies.categoryId} nulls first`,
      sql`${slaPolicies.priority} nulls first`,
      asc(slaPolicies.code),
    );
  return rows.map(toPolicy);
}

export async function getPolicy(db: Database, id: string): Promise<SlaPolicy | null> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  return row ? toPolicy(row) : null;
}

/**
 * Returns the policy for a case: the most specific active policy of the workflow type, else a
 * policy built from the `sla_targets` row of the priority, else null (no deadlines).
 */
export async function findPolicy(db: Database, key: PolicyKey): Promise<SlaPolicy | null> {
  const rows = await db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.workflowType, key.workflowType), eq(slaPolicies.active, true)));
  const chosen = selectPolicy(rows.map(toPolicy), key);
  if (chosen) return chosen;
  if (key.workflowType !== 'complaint') return null;

  const [legacy] = await db.select().from(slaTargets).where(eq(slaTargets.priority, key.priority));
  if (!legacy) return null;
  return {
    id: '',
    code: `sla_targets:${legacy.priority}`,
    nameMs: legacy.nameMs,
    nameEn: legacy.nameEn,
    workflowType: 'complaint',
    categoryId: null,
    priority: key.priority,
    firstResponse: { kind: 'workingMinutes', minutes: legacy.firstResponseMinutes },
    resolution: { kind: 'workingMinutes', minutes: legacy.resolutionMinutes },
    pauseStatuses: ['waiting_customer', 'waiting_supplier'],
    reopenMode: 'continue',
    warningShares: [0.75],
    escalation: defaultEscalation,
    active: true,
  };
}

export type PolicyInput = SlaPolicyInput;

/** Rejects a second policy for the same workflow type, category and priority with 409. */
async function requireFreeScope(
  db: Pick<Database, 'select'>,
  input: PolicyInput,
  exceptId: string | null,
) {
  const scope = and(
    eq(slaPolicies.workflowType, input.workflowType),
    input.categoryId === null
      ? sql`${slaPolicies.categoryId} is null`
      : eq(slaPolicies.categoryId, input.categoryId),
    input.priority === null
      ? sql`${slaPolicies.priority} is null`
      : eq(slaPolicies.priority, input.priority),
    exceptId === null ? undefined : ne(slaPolicies.id, exceptId),
  );
  const [clash] = await db.select({ code: slaPolicies.code }).from(slaPolicies).where(scope);
  if (clash) {
    throw new AppError(
      'conflict',
      `Policy ${clash.code} already covers this workflow type, category and priority; update it instead`,
    );
  }
  const [sameCode] = await db
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.code, input.code),
        exceptId === null ? undefined : ne(slaPolicies.id, exceptId),
      ),
    );
  if (sameCode) throw new AppError('conflict', `A policy with the code ${input.code} exists`);
}

export async function createPolicy(db: Database, input: PolicyInput): Promise<SlaPolicy> {
  return db.transaction(async (tx) => {
    await requireFreeScope(tx, input, null);
    const [row] = await tx.insert(slaPolicies).values(input).returning();
    if (!row) throw new Error('insert into sla_policies returned no row');
    return toPolicy(row);
  });
}

/** Replaces every field of a policy; returns null when the policy does not exist. */
export async function updatePolicy(
  db: Database,
  id: string,
  input: PolicyInput,
): Promise<SlaPolicy | null> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(eq(slaPolicies.id, id))
      .for('update');
    if (!existing) return null;
    await requireFreeScope(tx, input, id);
    const [row] = await tx
      .update(slaPolicies)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(slaPolicies.id, id))
      .returning();
    return row ? toPolicy(row) : null;
  });
}
