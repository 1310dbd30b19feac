/** Reads of loans for the API: lists by borrower or owning unit, one loan and its timeline. */
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { LoanStatus } from '../../common/facility-loan';
import type { Database } from '../../db/client';
import { inventoryResources, loanHistory, loans, people } from '../../db/schema';

const loanColumns = {
  loan: loans,
  resourceName: inventoryResources.name,
  resourceTag: inventoryResources.tag,
  borrowerName: people.name,
};

export type LoanRow = typeof loans.$inferSelect;

export interface LoanFilters {
  borrowerId?: string;
  owningUnitIds?: string[];
  status?: LoanStatus | undefined;
  limit: number;
}

export async function listLoans(db: Database, filters: LoanFilters) {
  const conditions: SQL[] = [];
  if (filters.borrowerId) conditions.push(eq(loans.borrowerId, filters.borrowerId));
  if (filters.owningUnitIds) conditions.push(inArray(loans.owningUnitId, filters.owningUnitIds));
  if (filters.status) conditions.push(eq(loans.status, filters.status));
  return db
    .select(loanColumns)
    .from(loans)
    .innerJoin(inventoryResources, eq(inventoryResources.id, loans.resourceId))
    .innerJoin(people, eq(people.id, loans.borrowerId))
    .where(and(...conditions))
    .orderBy(desc(loans.requestedAt))
    .limit(filters.limit);
}

export async function findLoan(db: Database, reference: string) {
  const [row] = await db
    .select(loanColumns)
    .from(loans)
    .innerJoin(inventoryResources, eq(inventoryResources.id, loans.resourceId))
    .innerJoin(people, eq(people.id, loans.borrowerId))
    .where(eq(loans.reference, reference));
  return row ?? null;
}

export async function loanTimeline(db: Database, loanId: string) {
  return db
    .select({
      step: loanHistory.step,
      action: loanHistory.action,
      actorName: people.name,
      details: loanHistory.details,
      at: loanHistory.at,
    })
    .from(loanHistory)
    .leftJoin(people, eq(people.id, loanHistory.actorId))
    .where(eq(loanHistory.loanId, loanId))
    .orderBy(asc(loanHistory.step));
}
