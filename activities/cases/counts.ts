/**
 * Counts of complaints at each box of the complaint lane of the process map, for the live map.
 * One aggregate query over the cases in the caller's scope, so the numbers agree with the case
 * lists that the boxes open.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { openStatuses } from '../../common/enums';
import type { Database } from '../../db/client';
import { cases, knowledgeDrafts } from '../../db/schema';
import { scopeCondition, type CaseScope } from './queries';

export interface ComplaintLaneCounts {
  /** New complaints with nobody assigned (terima aduan). */
  received: number;
  /** Assigned, work not started (tentukan & agihkan aduan). */
  assigned: number;
  /** Being worked on (laksana penyelenggaraan). */
  inProgress: number;
  waitingCustomer: number;
  waitingSupplier: number;
  /** Resolved, waiting for the customer to confirm or reopen (maklumkan kepada pelanggan). */
  resolved: number;
  closedRecently: number;
  /** Open complaints past their first-response or resolution deadline. */
  breached: number;
  /** Findings (dapatan baharu) recorded in the same window as closedRecently. */
  findingsRecently: number;
}

const count = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;

/** Counts complaints per box of the complaint lane; "recently" means since `since`. */
export async function countComplaintLane(
  db: Database,
  scope: CaseScope,
  since: Date,
): Promise<ComplaintLaneCounts> {
  const sinceText = since.toISOString();
  const open = inArray(cases.status, [...openStatuses]);
  const [row] = await db
    .select({
      received: count(sql`${cases.status} = 'new' and ${cases.assigneeId} is null`),
      assigned: count(sql`${cases.status} = 'assigned'`),
      inProgress: count(sql`${cases.status} = 'in_progress'`),
      waitingCustomer: count(sql`${cases.status} = 'waiting_customer'`),
      waitingSupplier: count(sql`${cases.status} = 'waiting_supplier'`),
      resolved: count(sql`${cases.status} = 'resolved'`),
      closedRecently: count(
        sql`${cases.status} = 'closed' and ${cases.closedAt} >= ${sinceText}::timestamptz`,
      ),
      breached: count(
        sql`${open} and (${cases.firstResponseBreached} or ${cases.resolutionBreached})`,
      ),
    })
    .from(cases)
    .where(and(eq(cases.type, 'incident'), scopeCondition(scope)));

  const [findings] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(knowledgeDrafts)
    .innerJoin(cases, eq(cases.id, knowledgeDrafts.caseId))
    .where(
      and(
        eq(cases.type, 'incident'),
        sql`${knowledgeDrafts.createdAt} >= ${sinceText}::timestamptz`,
        scopeCondition(scope),
      ),
    );

  return {
    received: row?.received ?? 0,
    assigned: row?.assigned ?? 0,
    inProgress: row?.inProgress ?? 0,
    waitingCustomer: row?.waitingCustomer ?? 0,
    waitingSupplier: row?.waitingSupplier ?? 0,
    resolved: row?.resolved ?? 0,
    closedRecently: row?.closedRecently ?? 0,
    breached: row?.breached ?? 0,
    findingsRecently: findings?.total ?? 0,
  };
}
