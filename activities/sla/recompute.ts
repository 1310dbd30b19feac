/**
 * Pages of open complaints for the recomputeDeadlines workflow, which signals each one after a
 * calendar or policy change. Keyset pagination on the case id keeps each page bounded and lets a
 * restarted run continue where it stopped.
 */
import { and, asc, gt, inArray, isNotNull } from 'drizzle-orm';
import { openStatuses } from '../../common/enums';
import type { Database } from '../../db/client';
import { cases } from '../../db/schema';

export interface OpenCasePageRequest {
  /** Case id after which the page starts; null for the first page. */
  after: string | null;
  limit: number;
}

export interface OpenCasePage {
  workflowIds: string[];
  /** Case id to pass as `after` for the next page; null after the last page. */
  next: string | null;
}

export const maxOpenCasePage = 1_000;

export async function listOpenCaseWorkflows(
  db: Database,
  request: OpenCasePageRequest,
): Promise<OpenCasePage> {
  const limit = Math.min(Math.max(1, Math.floor(request.limit)), maxOpenCasePage);
  const rows = await db
    .select({ id: cases.id, workflowId: cases.workflowId })
    .from(cases)
    .where(
      and(
        inArray(cases.status, [...openStatuses]),
        isNotNull(cases.workflowId),
        request.after === null ? undefined : gt(cases.id, request.after),
      ),
    )
    .orderBy(asc(cases.id))
    .limit(limit);
  const last = rows[rows.length - 1];
  return {
    workflowIds: rows.map((row) => row.workflowId).filter((id): id is string => id !== null),
    next: rows.length === limit && last ? last.id : null,
  };
}
