/**
 * The hot queries of the case list, written out as the SQL that `listCases` builds for them, so
 * the benchmark can time the same statement without the API and the plan tests can EXPLAIN it.
 * test/plans/hot-queries.test.ts checks that each returns the same rows as `listCases`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { openStatuses } from '../common/enums';
import { searchQuery } from '../activities/cases/queries';
import { rowsOf, type Database } from '../db/client';

/** The columns of a case list row, as `caseSummaryColumns` selects them, and the sort value. */
const listColumns = sql.raw(`
  c.id, c.reference, c.title, c.status, c.channel, c.priority, c.requester_id,
  (select name from people requester where requester.id = c.requester_id) as requester_name,
  c.unit_id, c.assignee_id,
  (select name from people assignee where assignee.id = c.assignee_id) as assignee_name,
  c.category_id, c.opened_at, c.updated_at, c.resolution_due_at, c.first_response_due_at,
  c.resolution_breached, c.first_response_breached, c.waiting_for`);

const farFuture = sql.raw(`'9999-12-31T00:00:00.000Z'::timestamptz`);

/** Rows per page of the agent queue; the query reads one more to know whether a page follows. */
export const queuePageSize = 50;
/** The case list's default page size, used by search and by a customer's own cases. */
export const listPageSize = 25;

/** Builds the agent queue: open cases of one unit by resolution deadline, as an agent sees them. */
export function agentQueueSql(unitId: string): SQL {
  return sql`select ${listColumns}, coalesce(c.resolution_due_at, ${farFuture}) as sort_value
    from cases c
    where c.status in (${sql.join(
      openStatuses.map((status) => sql`${status}`),
      sql`, `,
    )}) and c.unit_id in (${unitId})
    order by coalesce(c.resolution_due_at, ${farFuture}) asc, c.id asc
    limit ${queuePageSize + 1}`;
}

/** Builds the search of every case by a word, newest first, as an agent searches. */
export function caseSearchSql(text: string): SQL {
  const query = searchQuery(text) ?? '';
  return sql`select ${listColumns}, c.opened_at as sort_value
    from cases c
    where (c.search @@ to_tsquery('simple', ${query}) or c.reference = ${text.trim().toUpperCase()})
    order by c.opened_at desc, c.id desc
    limit ${listPageSize + 1}`;
}

/**
 * Builds a customer's own list, newest first: the cases they filed and those they are copied on.
 * The ids come from a union of cases_requester_idx and case_participants_person_idx, so the plan
 * reads only the customer's cases and sorts them.
 */
export function myCasesSql(personId: string): SQL {
  return sql`select ${listColumns}, c.opened_at as sort_value
    from cases c
    where c.id in (
      select own.id from cases own where own.requester_id = ${personId}
      union select cp.case_id from case_participants cp where cp.person_id = ${personId})
    order by c.opened_at desc, c.id desc
    limit ${listPageSize + 1}`;
}

/** Renders the statement text of a query with its parameters, as the snapshots record it. */
export function statementText(query: SQL): string {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return `${lines.join('\n')}\n-- parameters: ${JSON.stringify(params)}`;
}

/** Runs EXPLAIN on the query and returns the plan's text lines. */
export async function explain(db: Database, query: SQL): Promise<string[]> {
  const rows = rowsOf<{ 'QUERY PLAN': string }>(
    await db.execute(sql`explain (costs false) ${query}`),
  );
  return rows.map((row) => row['QUERY PLAN']);
}

/**
 * The parameters of the hot queries, chosen from the data: the unit with the most open cases and
 * a customer with the median number of cases, whose own list is the common case.
 */
export interface HotQueryInputs {
  unitId: string;
  customerId: string;
}

export async function chooseInputs(db: Database): Promise<HotQueryInputs> {
  const [unit] = rowsOf<{ unit_id: string }>(
    await db.execute(sql`
      select unit_id from cases where status in ('new', 'assigned', 'in_progress')
      group by unit_id order by count(*) desc, unit_id limit 1`),
  );
  const [customer] = rowsOf<{ requester_id: string }>(
    await db.execute(sql`
      with counts as (select requester_id, count(*) as n from cases group by requester_id)
      select requester_id from counts order by n, requester_id
      offset (select count(*) / 2 from counts) limit 1`),
  );
  if (!unit || !customer) throw new Error('the database has no open cases to query');
  return { unitId: unit.unit_id, customerId: customer.requester_id };
}
