/**
 * Subscriptions to the periodic report by e-mail: list, create and cancel. A cancelled
 * subscription keeps its row, so the record of who received what stays.
 */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { people, reportSubscriptions, type ReportSubscriptionFilters } from '../../db/schema';
import { isUniqueViolation } from '../identity/constraints';
import type { ReportKind } from './mailing-periods';

export interface NewReportSubscription {
  personId: string;
  kind: ReportKind;
  language: 'ms' | 'en';
  format: 'xlsx' | 'pdf';
  filters: ReportSubscriptionFilters;
  createdById: string;
}

const subscriptionColumns = {
  id: reportSubscriptions.id,
  personId: reportSubscriptions.personId,
  personName: people.name,
  personEmail: people.email,
  kind: reportSubscriptions.kind,
  language: reportSubscriptions.language,
  format: reportSubscriptions.format,
  filters: reportSubscriptions.filters,
  createdById: reportSubscriptions.createdById,
  createdAt: reportSubscriptions.createdAt,
  cancelledAt: reportSubscriptions.cancelledAt,
};

export type ReportSubscriptionRow = NonNullable<Awaited<ReturnType<typeof findReportSubscription>>>;

/** Lists active subscriptions, of one person or of everyone, by person and kind. */
export function listReportSubscriptions(db: Database, personId: string | null) {
  const conditions: SQL[] = [isNull(reportSubscriptions.cancelledAt)];
  if (personId !== null) conditions.push(eq(reportSubscriptions.personId, personId));
  return db
    .select(subscriptionColumns)
    .from(reportSubscriptions)
    .innerJoin(people, eq(people.id, reportSubscriptions.personId))
    .where(and(...conditions))
    .orderBy(asc(people.name), asc(reportSubscriptions.kind), asc(reportSubscriptions.createdAt));
}

export async function findReportSubscription(db: Database, id: string) {
  const [row] = await db
    .select(subscriptionColumns)
    .from(reportSubscriptions)
    .innerJoin(people, eq(people.id, reportSubscriptions.personId))
    .where(eq(reportSubscriptions.id, id));
  return row ?? null;
}

/** Inserts a subscription; returns null when the same active subscription exists. */
export async function createReportSubscription(
  db: Database,
  subscription: NewReportSubscription,
): Promise<string | null> {
  try {
    const [row] = await db
      .insert(reportSubscriptions)
      .values(subscription)
      .returning({ id: reportSubscriptions.id });
    return row?.id ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Cancels an active subscription; returns whether it was active. */
export async function cancelReportSubscription(
  db: Database,
  request: { id: string; actorId: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(reportSubscriptions)
    .set({ cancelledAt: request.at, cancelledById: request.actorId })
    .where(and(eq(reportSubscriptions.id, request.id), isNull(reportSubscriptions.cancelledAt)))
    .returning({ id: reportSubscriptions.id });
  return rows.length > 0;
}
