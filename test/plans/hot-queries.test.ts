/**
 * Query plans of the hot case-list queries on PostgreSQL over generated data. Each snapshot in
 * test/plans/<query>.txt contains the statement and its EXPLAIN plan; the test compares the plan's
 * nodes (types, indexes and nesting, not costs), so a change that loses an index scan fails here
 * and shows in review. UPDATE_PLAN_SNAPSHOTS=1 rewrites the snapshots after an intended change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { openStatuses } from '../../common/enums';
import { buildPeriodicReport } from '../../activities/reports/periodic';
import { reportPeriod } from '../../activities/reports/periodic-period';
import { listCases, type CaseScope, type CaseFilters } from '../../activities/cases/queries';
import { openDatabase, rowsOf, type Database } from '../../db/client';
import { generateData } from '../../bench/generate/index';
import {
  agentQueueSql,
  caseSearchSql,
  chooseInputs,
  explain,
  listPageSize,
  myCasesSql,
  queuePageSize,
  statementText,
  type HotQueryInputs,
} from '../../bench/hot-queries';
import { openTestDatabase, type TestDatabase } from '../helpers/db';

/** Large enough that the planner prefers indexes, small enough to generate in seconds. */
const size = 20_000;
const seed = 9;
const snapshotDir = fileURLToPath(new URL('.', import.meta.url));
const updateSnapshots = process.env.UPDATE_PLAN_SNAPSHOTS === '1';

interface HotQuery {
  name: string;
  query: (inputs: HotQueryInputs) => SQL;
  /** The same list through listCases, which the API calls. */
  list: (inputs: HotQueryInputs) => {
    scope: CaseScope;
    filters: CaseFilters;
    sort: 'opened' | 'due';
    limit: number;
  };
}

const hotQueries: HotQuery[] = [
  {
    name: 'agent-queue',
    query: (inputs) => agentQueueSql(inputs.unitId),
    list: (inputs) => ({
      scope: { kind: 'all' },
      filters: { status: [...openStatuses], unitIds: [inputs.unitId] },
      sort: 'due',
      limit: queuePageSize,
    }),
  },
  {
    name: 'case-search-common',
    query: () => caseSearchSql('tidak'),
    list: () => ({
      scope: { kind: 'all' },
      filters: { q: 'tidak' },
      sort: 'opened',
      limit: listPageSize,
    }),
  },
  {
    name: 'case-search-rare',
    query: () => caseSearchSql('osiloskop'),
    list: () => ({
      scope: { kind: 'all' },
      filters: { q: 'osiloskop' },
      sort: 'opened',
      limit: listPageSize,
    }),
  },
  {
    name: 'my-cases',
    query: (inputs) => myCasesSql(inputs.customerId),
    list: (inputs) => ({
      scope: { kind: 'customer', personId: inputs.customerId },
      filters: {},
      sort: 'opened',
      limit: listPageSize,
    }),
  },
];

/** Keeps the node lines of a plan: the root and every line that starts a child node with "->". */
function planNodes(plan: string[]): string[] {
  return plan
    .filter((line, index) => index === 0 || line.trimStart().startsWith('->'))
    .map((line) => line.trimEnd());
}

function snapshotText(statement: string, plan: string[]): string {
  return `${statement}\n\n-- EXPLAIN (COSTS FALSE) at ${size} generated cases, seed ${seed}\n${plan.join('\n')}\n`;
}

function snapshotPlan(text: string): string[] {
  const marker = text.indexOf('\n-- EXPLAIN');
  if (marker < 0) return [];
  return text
    .slice(marker + 1)
    .split('\n')
    .slice(1)
    .filter((line) => line.length > 0);
}

interface ScanCounts {
  seqScan: number;
  idxScan: number;
}

async function casesScans(db: Database): Promise<ScanCounts> {
  const [row] = rowsOf<{ seq_scan: string; idx_scan: string | null }>(
    await db.execute(sql`
      select seq_scan, idx_scan from pg_stat_user_tables where relname = 'cases'`),
  );
  return { seqScan: Number(row?.seq_scan ?? 0), idxScan: Number(row?.idx_scan ?? 0) };
}

/**
 * Returns the scan counters once they have moved past `before`. Each backend publishes its
 * statistics when it goes idle, at most once a second, so this polls for up to ten seconds.
 */
async function scansAfter(db: Database, before: ScanCounts): Promise<ScanCounts> {
  let counts = before;
  for (let attempt = 0; attempt < 40 && counts.idxScan === before.idxScan; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    await db.execute(sql`select pg_stat_clear_snapshot()`);
    counts = await casesScans(db);
  }
  return counts;
}

/**
 * Returns the scan counters once they stop moving, so that scans of earlier statements that other
 * backends publish late are not counted against the report.
 */
async function settledScans(db: Database): Promise<ScanCounts> {
  let counts = await casesScans(db);
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await db.execute(sql`select pg_stat_clear_snapshot()`);
    const next = await casesScans(db);
    if (next.seqScan === counts.seqScan && next.idxScan === counts.idxScan) return next;
    counts = next;
  }
  return counts;
}

/** Returns the first and last day of the calendar month that contains the day 40 days ago. */
function monthFortyDaysAgo(now: Date): { from: string; to: string } {
  const inMonth = new Date(now.getTime() - 40 * 24 * 60 * 60 * 1000);
  const year = inMonth.getUTCFullYear();
  const month = inMonth.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const prefix = `${year}-${String(month + 1).padStart(2, '0')}`;
  return { from: `${prefix}-01`, to: `${prefix}-${String(lastDay).padStart(2, '0')}` };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('hot query plans on postgres', () => {
  let db: TestDatabase;
  let inputs: HotQueryInputs;

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    await generateData(db.db, { cases: size, seed, postgresUrl: db.url });
    inputs = await chooseInputs(db.db);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('monthly report skips sequential scans', async () => {
    // The report runs several statements on pooled connections, so instead of their plans this
    // checks the table's counters: indexes were used and no statement scanned all of `cases`.
    // At 20,000 cases a sequential scan can be the cheaper plan, so the report's own connections
    // disable it: a statement then reads `cases` sequentially only when no index can serve it.
    const url = db.url ?? '';
    const name = new URL(url).pathname.slice(1);
    await db.db.execute(sql.raw(`alter database "${name}" set enable_seqscan = off`));
    const withoutSeqScans = await openDatabase({ dataDir: '', databaseUrl: url, poolSize: 4 });
    try {
      const { from, to } = monthFortyDaysAgo(new Date());
      const before = await settledScans(db.db);
      const report = await buildPeriodicReport(withoutSeqScans.db, {
        period: reportPeriod(from, to),
        filters: {},
        scope: { unitIds: null },
      });
      expect(report.totals.received.value).toBeGreaterThan(0);

      const after = await scansAfter(db.db, before);
      expect(after.idxScan).toBeGreaterThan(before.idxScan);
      expect(after.seqScan).toBe(before.seqScan);
    } finally {
      await withoutSeqScans.close();
      await db.db.execute(sql.raw(`alter database "${name}" reset enable_seqscan`));
    }
  });

  describe.each(hotQueries)('$name', (hotQuery) => {
    it('returns the rows listCases returns', async () => {
      const expected = await listCases(db.db, { ...hotQuery.list(inputs), cursor: null });
      const rows = rowsOf<{ reference: string }>(await db.db.execute(hotQuery.query(inputs)));
      expect(expected.items.length).toBeGreaterThan(0);
      expect(rows.slice(0, expected.items.length).map((row) => row.reference)).toEqual(
        expected.items.map((item) => item.reference),
      );
    });

    it('keeps the plan of its snapshot', async () => {
      const query = hotQuery.query(inputs);
      const plan = await explain(db.db, query);
      const file = `${snapshotDir}${hotQuery.name}.txt`;
      if (updateSnapshots || !existsSync(file)) {
        writeFileSync(file, snapshotText(statementText(query), plan));
      }
      const snapshot = readFileSync(file, 'utf8');
      expect(planNodes(plan)).toEqual(planNodes(snapshotPlan(snapshot)));
      expect(plan.join('\n')).not.toMatch(/Seq Scan on cases\b/);
    });
  });
});
