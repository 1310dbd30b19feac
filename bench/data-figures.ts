/**
 * The database figures of the budget on generated data: the agent queue, search for a rare and a
 * common word in Malay and English, and a customer's own cases. Each is timed through the HTTP API
 * and as the same SQL (bench/hot-queries.ts) in the same run, with p50/p95/p99 and the p95 ratio.
 *
 * BENCH_SIZE sets the number of generated cases (default 10,000); BENCH_DATABASE_URL selects
 * PostgreSQL. Run alone with `npx tsx bench/data-figures.ts`, or as part of `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { eq, sql, type SQL } from 'drizzle-orm';
import { hashPassword } from '../activities/identity/passwords';
import { buildPeriodicReport } from '../activities/reports/periodic';
import { reportPeriod } from '../activities/reports/periodic-period';
import { buildApp } from '../api/app';
import { createFileStore } from '../api/uploads/store';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { rowsOf, type Database } from '../db/client';
import { people } from '../db/schema';
import { openBenchDatabase } from './database';
import { generateData, searchWords } from './generate/index';
import {
  agentQueueSql,
  caseSearchSql,
  chooseInputs,
  listPageSize,
  myCasesSql,
  queuePageSize,
} from './hot-queries';
import { summarise, type Summary } from './stats';

const password = 'bench-password-1';

export interface PairedFigure {
  api: Summary;
  rawSql: Summary;
  /** API p95 divided by raw-SQL p95. */
  p95Ratio: number;
  /** For search: the number of cases the word matches in all. */
  matches?: number;
}

export interface DataFigures {
  database: 'pglite' | 'postgres';
  cases: number;
  generateSeconds: number;
  agentQueue: PairedFigure;
  search: Record<string, PairedFigure>;
  myCases: PairedFigure;
  monthlyReport: MonthlyReportFigure;
}

/**
 * The previous calendar month's report over every unit, as JSON through
 * `GET /api/v1/reports/periodic` and as the same build called in process. The report runs several
 * queries, so its in-process time takes the place of the raw-SQL figure.
 */
export interface MonthlyReportFigure {
  from: string;
  to: string;
  /** Cases received in the month, as the report counts them. */
  received: number;
  api: Summary;
  inProcess: Summary;
  p95Ratio: number;
}

/** Returns the first and last day of the month before `now`, in Malaysian time. */
function previousMalaysianMonth(now: Date): { from: string; to: string } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const firstOfThisMonth = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  const lastOfPrevious = new Date(firstOfThisMonth - 24 * 3_600_000);
  const to = lastOfPrevious.toISOString().slice(0, 10);
  return { from: `${to.slice(0, 8)}01`, to };
}

async function measureMonthlyReport(
  db: Database,
  address: string,
  headers: Headers,
  samples: number,
): Promise<MonthlyReportFigure> {
  const { from, to } = previousMalaysianMonth(new Date());
  const period = reportPeriod(from, to);
  const apiSamples: number[] = [];
  const inProcessSamples: number[] = [];
  let received = 0;
  // As in measurePair, three untimed rounds first, then the two alternate.
  for (let round = -3; round < samples; round += 1) {
    const t0 = performance.now();
    const response = await fetch(
      `${address}/api/v1/reports/periodic?from=${from}&to=${to}&format=json`,
      { headers },
    );
    if (response.status !== 200) {
      throw new Error(`monthly report returned ${response.status}: ${await response.text()}`);
    }
    await response.arrayBuffer();
    const t1 = performance.now();
    const report = await buildPeriodicReport(db, { period, filters: {}, scope: { unitIds: null } });
    const t2 = performance.now();
    received = report.totals.received.value;
    if (round < 0) continue;
    apiSamples.push(t1 - t0);
    inProcessSamples.push(t2 - t1);
  }
  const api = summarise(apiSamples);
  const inProcess = summarise(inProcessSamples);
  return {
    from,
    to,
    received,
    api,
    inProcess,
    p95Ratio: Math.round((api.p95 / inProcess.p95) * 10) / 10,
  };
}

type Headers = Record<string, string>;

async function signIn(address: string, email: string): Promise<Headers> {
  const response = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email} returned ${response.status}`);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

/** Times a list request and its SQL alternately, so both see the same load on the machine. */
async function measurePair(
  db: Database,
  samples: number,
  request: () => Promise<Response>,
  query: SQL,
): Promise<PairedFigure> {
  const apiSamples: number[] = [];
  const sqlSamples: number[] = [];
  // A few rounds first, so the timed ones do not include cold caches and lazy compilation.
  for (let round = -3; round < samples; round += 1) {
    const t0 = performance.now();
    const response = await request();
    if (response.status !== 200) {
      throw new Error(`${response.url} returned ${response.status}: ${await response.text()}`);
    }
    await response.arrayBuffer();
    const t1 = performance.now();
    rowsOf(await db.execute(query));
    const t2 = performance.now();
    if (round < 0) continue;
    apiSamples.push(t1 - t0);
    sqlSamples.push(t2 - t1);
  }
  const api = summarise(apiSamples);
  const rawSql = summarise(sqlSamples);
  return { api, rawSql, p95Ratio: Math.round((api.p95 / rawSql.p95) * 10) / 10 };
}

async function countMatches(db: Database, word: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from cases where search @@ to_tsquery('simple', ${`${word}:*`})`,
    ),
  );
  return Number(rows[0]?.n ?? 0);
}

export async function measureDataFigures(options: {
  size: number;
  samples: number;
}): Promise<DataFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'khidmat-bench-data-'));
  const database = await openBenchDatabase(dataDir);
  const logger = createLogger('error');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    LOGIN_IP_LIMIT_PER_MINUTE: '100000',
  });
  try {
    const generated = await generateData(database.db, {
      cases: options.size,
      postgresUrl: database.url,
      onProgress: (written) => process.stderr.write(`\rgenerated ${written} of ${options.size}`),
    });
    process.stderr.write('\n');
    const inputs = await chooseInputs(database.db);
    const passwordHash = await hashPassword(password);
    const [agent] = await database.db
      .insert(people)
      .values({
        email: 'agent@bench.khidmat.test',
        name: 'Bench Agent',
        roles: ['agent'],
        passwordHash,
      })
      .returning();
    const [customer] = await database.db
      .update(people)
      .set({ passwordHash })
      .where(eq(people.id, inputs.customerId))
      .returning();
    if (!agent || !customer) throw new Error('bench setup wrote no people');
    const [manager] = await database.db
      .insert(people)
      .values({
        email: 'manager@bench.khidmat.test',
        name: 'Bench Manager',
        roles: ['manager'],
        passwordHash,
      })
      .returning();
    if (!manager) throw new Error('bench setup wrote no manager');

    // The list routes need no Temporal: a lazy client of an unused port is never called.
    const temporalClient = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const app = await buildApp({
      config,
      db: database.db,
      pingDatabase: () => database.ping(),
      temporal: { client: temporalClient, namespace: 'default', taskQueue: 'unused' },
      files: createFileStore(join(dataDir, 'files')),
      logger,
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const agentHeaders = await signIn(address, agent.email);
      const customerHeaders = await signIn(address, customer.email);
      const list = (headers: Headers, query: string) => () =>
        fetch(`${address}/api/v1/cases?${query}`, { headers });

      const statuses = 'new,assigned,in_progress,waiting_customer,waiting_supplier';
      const agentQueue = await measurePair(
        database.db,
        options.samples,
        list(
          agentHeaders,
          `status=${statuses}&unitId=${inputs.unitId}&sort=due&limit=${queuePageSize}`,
        ),
        agentQueueSql(inputs.unitId),
      );
      console.log(
        `agent queue p95: ${agentQueue.api.p95} ms (raw SQL ${agentQueue.rawSql.p95} ms)`,
      );

      const search: Record<string, PairedFigure> = {};
      for (const frequency of ['rare', 'common'] as const) {
        for (const language of ['ms', 'en'] as const) {
          const word = searchWords[frequency][language];
          const figure = await measurePair(
            database.db,
            options.samples,
            list(agentHeaders, `q=${encodeURIComponent(word)}&limit=${listPageSize}`),
            caseSearchSql(word),
          );
          figure.matches = await countMatches(database.db, word);
          search[`${frequency} ${language} '${word}'`] = figure;
          console.log(
            `search '${word}' (${figure.matches} matches) p95: ${figure.api.p95} ms (raw SQL ${figure.rawSql.p95} ms)`,
          );
        }
      }

      const myCases = await measurePair(
        database.db,
        options.samples,
        list(customerHeaders, `limit=${listPageSize}`),
        myCasesSql(customer.id),
      );
      console.log(`my cases p95: ${myCases.api.p95} ms (raw SQL ${myCases.rawSql.p95} ms)`);

      const monthlyReport = await measureMonthlyReport(
        database.db,
        address,
        await signIn(address, manager.email),
        options.samples,
      );
      console.log(
        `monthly report ${monthlyReport.from}..${monthlyReport.to} (${monthlyReport.received} received) p95: ${monthlyReport.api.p95} ms (in process ${monthlyReport.inProcess.p95} ms)`,
      );

      return {
        database: database.kind,
        cases: generated.cases,
        generateSeconds: generated.seconds,
        agentQueue,
        search,
        myCases,
        monthlyReport,
      };
    } finally {
      await app.close();
      await temporalClient.connection.close();
    }
  } finally {
    await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Generated cases of the run from BENCH_SIZE (default 10,000); 0 skips the generated data. */
export function benchSize(): number {
  const size = Number(process.env.BENCH_SIZE ?? 10_000);
  if (!Number.isInteger(size) || (size !== 0 && size < 100)) {
    throw new Error(
      `invalid BENCH_SIZE '${process.env.BENCH_SIZE}': expected 0 or an integer of at least 100`,
    );
  }
  return size;
}
