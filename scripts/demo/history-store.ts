/**
 * Writes a planned year of closed complaints straight into the tables (cases, case_history,
 * case_messages), in one transaction so that a load is all or nothing. References come from the
 * same yearly sequence as live cases, allocated in order of opening.
 */
import { count, eq } from 'drizzle-orm';
import { allocateReference } from '../../activities/cases/reference';
import { complaintPrefix } from '../../common/complaint';
import type { Database } from '../../db/client';
import { caseHistory, caseMessages, cases, categories } from '../../db/schema';
import type { PlannedCase, PlanValue } from './history';

/** The `source` of generated cases, which distinguishes them from cases filed in Khidmat. */
export const demoSource = 'demo';

export interface StoreMaps {
  personIds: Map<string, string>;
  unitIds: Map<string, string>;
}

const batchSize = 500;

function required<V>(map: Map<string, V>, key: string, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo history refers to an unknown ${what}: ${key}`);
  return value;
}

async function insertInBatches<Row>(
  rows: Row[],
  insert: (batch: Row[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await insert(rows.slice(start, start + batchSize));
  }
}

/** Counts the generated cases already in the database. */
export async function countDemoHistory(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(cases).where(eq(cases.source, demoSource));
  return Number(row?.n ?? 0);
}

/** Writes the plan; returns the references given to the cases, in plan order. */
export async function storeHistory(
  db: Database,
  plan: PlannedCase[],
  maps: StoreMaps,
): Promise<string[]> {
  const categoryRows = await db
    .select({ id: categories.id, code: categories.code, serviceId: categories.serviceId })
    .from(categories);
  const categoryByCode = new Map(categoryRows.map((row) => [row.code, row]));
  const person = (email: string) => required(maps.personIds, email, 'person');
  const resolveValue = (value: PlanValue): string | null => {
    if (value === null || typeof value === 'string') return value;
    if ('personEmail' in value) return person(value.personEmail);
    return required(maps.unitIds, value.unitCode, 'unit');
  };

  return db.transaction(async (tx) => {
    const references: string[] = [];
    const caseRows: (typeof cases.$inferInsert)[] = [];
    const historyRows: (typeof caseHistory.$inferInsert)[] = [];
    const messageRows: (typeof caseMessages.$inferInsert)[] = [];

    for (const planned of plan) {
      const reference = await allocateReference(tx, complaintPrefix, planned.referenceYear);
      references.push(reference);
      const category = required(categoryByCode, planned.categoryCode, 'category');
      caseRows.push({
        id: planned.id,
        reference,
        type: 'incident',
        title: planned.title,
        description: planned.description,
        status: 'closed',
        channel: planned.channel,
        priority: planned.priority,
        impact: planned.impact,
        urgency: planned.urgency,
        serviceId: category.serviceId,
        categoryId: category.id,
        requesterId: person(planned.requesterEmail),
        createdById: person(planned.createdByEmail),
        unitId: required(maps.unitIds, planned.unitCode, 'unit'),
        assigneeId: person(planned.assigneeEmail),
        workflowId: null,
        openedAt: new Date(planned.openedAt),
        firstRespondedAt: new Date(planned.firstRespondedAt),
        resolvedAt: new Date(planned.resolvedAt),
        closedAt: new Date(planned.closedAt),
        firstResponseDueAt: new Date(planned.firstResponseDueAt),
        resolutionDueAt: new Date(planned.resolutionDueAt),
        firstResponseBreached: planned.firstResponseBreached,
        resolutionBreached: planned.resolutionBreached,
        pausedMs: planned.pausedMs,
        reopenCount: planned.reopenCount,
        reassignmentCount: planned.reassignmentCount,
        workMinutes: planned.workMinutes,
        resolutionNote: planned.resolutionNote,
        rating: planned.rating?.score ?? null,
        ratingComment: planned.rating ? planned.rating.comment || null : null,
        ratedAt: planned.rating ? new Date(planned.rating.at) : null,
        source: demoSource,
        lastStep: planned.lastStep,
        createdAt: new Date(planned.openedAt),
        updatedAt: new Date(planned.updatedAt),
      });

      const rowIndexOfStep = new Map<number, number>();
      for (const entry of planned.history) {
        const index = rowIndexOfStep.get(entry.step) ?? 0;
        rowIndexOfStep.set(entry.step, index + 1);
        const details = entry.action === 'opened' ? { ...entry.details, reference } : entry.details;
        historyRows.push({
          caseId: planned.id,
          at: new Date(entry.at),
          actorId: entry.actorEmail ? person(entry.actorEmail) : null,
          action: entry.action,
          field: entry.field,
          oldValue: resolveValue(entry.oldValue),
          newValue: resolveValue(entry.newValue),
          details,
          idempotencyKey: `demo:${entry.step}:${index}`,
        });
      }
      for (const message of planned.messages) {
        messageRows.push({
          caseId: planned.id,
          kind: message.kind,
          visibility: message.visibility,
          authorId: message.authorEmail ? person(message.authorEmail) : null,
          body: message.body,
          minutes: message.minutes,
          createdAt: new Date(message.at),
          idempotencyKey: `demo:${message.step}`,
        });
      }
    }

    await insertInBatches(caseRows, (batch) => tx.insert(cases).values(batch));
    await insertInBatches(historyRows, (batch) => tx.insert(caseHistory).values(batch));
    await insertInBatches(messageRows, (batch) => tx.insert(caseMessages).values(batch));
    return references;
  });
}
