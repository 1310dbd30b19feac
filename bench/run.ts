/**
 * `npm run bench`: the first figures of the performance budget, measured on this machine with a
 * real Temporal dev server and the embedded database (or PostgreSQL from BENCH_DATABASE_URL).
 *
 * - complaints received through the HTTP API per second, each with its workflow started and the
 *   case record written (POST /api/v1/cases waits for the workflow's `opened` update), at
 *   concurrency 1, 16 and 64;
 * - how late timers fire: BENCH_TIMERS probe workflows (default 200; 0 skips them) due while
 *   concurrency 16 and 64 run, then as many with nothing else running (see timer-lateness.ts);
 * - the agent queue (open cases of a unit by deadline, 50 rows) p50/p95/p99, through the API and as
 *   raw SQL in the same run;
 * - the JavaScript of the web app's first screen, gzipped: the scripts and module preloads that
 *   web/dist/index.html loads before any lazy route;
 * - on BENCH_SIZE generated cases (default 10,000) in a database of their own: the agent queue,
 *   search and a customer's own cases, each beside its raw SQL (see data-figures.ts);
 * - the SLA deadline computation: one case's due time, and every open case's (BENCH_OPEN_DEADLINES,
 *   default 100,000) after a holiday is added (see sla-figures.ts);
 * - e-mail intake (see mail-figures.ts);
 * - the demo's start, cold on an empty data directory and warm on the same one (see
 *   demo-start.ts);
 * - BENCH_OPEN_WORKFLOWS workflows waiting at a gate (default 2,000; 0 skips them) in a worker
 *   process of their own, with that worker's memory and cache (see open-workflows.ts).
 *
 * Results go to bench/results/<time>-<database>.json. BENCH_COMPLAINTS sets how many complaints
 * each concurrency level files (default 200).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { sql } from 'drizzle-orm';
import { createActivities } from '../activities';
import { buildApp } from '../api/app';
import { createFileStore } from '../api/uploads/store';
import { hashPassword } from '../activities/identity/passwords';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { rowsOf } from '../db/client';
import { people, unitMembers, units } from '../db/schema';
import { loadReferenceData } from '../db/seed/reference';
import { bundleWorkflows, createWorker } from '../worker/create';
import { ensureWebBuild } from '../scripts/build-web';
import { benchSize, measureDataFigures } from './data-figures';
import { openBenchDatabase } from './database';
import { startDevServer } from './environment';
import { machine } from './report';
import { measureSlaFigures } from './sla-figures';
import { measureMailFigures } from './mail-figures';
import { measureDemoStart } from './demo-start';
import { measureIntake, type IntakeFigures } from './intake';
import {
  benchTimerCount,
  collectProbes,
  startProbes,
  startProbeWorker,
  type TimerLateness,
} from './timer-lateness';
import { summarise } from './stats';
import {
  benchOpenWorkflowCount,
  measureOpenWorkflows,
  printOpenWorkflows,
  type OpenWorkflowFigures,
} from './open-workflows';

const root = fileURLToPath(new URL('..', import.meta.url));
const complaintsPerLevel = Number(process.env.BENCH_COMPLAINTS ?? 200);
const password = 'bench-password-1';
const timerCount = benchTimerCount();
const openWorkflowCount = benchOpenWorkflowCount();

function printTimerLateness(label: string, figures: TimerLateness): void {
  const { p50, p95, p99, max } = figures.wallClockAfterTimerDueMs;
  const requested = figures.wallClockLatenessMs;
  console.log(
    `timer lateness ${label}: p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, max ${max} ms ` +
      `after the timer was due on the server; p50 ${requested.p50} ms, p95 ${requested.p95} ms, ` +
      `max ${requested.max} ms after the instant the workflow requested ` +
      `(${figures.dueInWindow} of ${figures.probes} probes counted, ` +
      `${figures.missedStart} started after their due instant)`,
  );
}

/** Gzipped bytes of every script and module preload that web/dist/index.html names. */
function firstScreenJavaScript(): { files: Record<string, number>; totalKiB: number } {
  ensureWebBuild();
  const dist = join(root, 'web/dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const paths = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
    (match) => match[1] ?? '',
  );
  const files: Record<string, number> = {};
  for (const path of paths) files[path] = gzipSync(readFileSync(join(dist, path))).length;
  const total = Object.values(files).reduce((sum, size) => sum + size, 0);
  return { files, totalKiB: Math.round((total / 1024) * 10) / 10 };
}

async function main(): Promise<void> {
  const webApp = firstScreenJavaScript();
  console.log(`web app first screen: ${webApp.totalKiB} KiB of JavaScript gzipped`);
  const size = benchSize();
  const generatedData = size > 0 ? await measureDataFigures({ size, samples: 100 }) : null;
  const slaDeadlines = measureSlaFigures();
  console.log(
    `SLA: one due time p50 ${slaDeadlines.oneDueTimeMicroseconds.p50} µs; ` +
      `${slaDeadlines.openDeadlines} open deadlines recomputed in ${slaDeadlines.recomputeAllAfterEditMs} ms`,
  );

  // Before the benchmark's own Temporal server starts, so that the demo has the cores to itself.
  const demoStart = await measureDemoStart();

  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const logger = createLogger('error');
  const dataDir = mkdtempSync(join(tmpdir(), 'khidmat-bench-'));
  const env = await startDevServer();
  const database = await openBenchDatabase(dataDir);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    LOGIN_IP_LIMIT_PER_MINUTE: '100000',
  });

  try {
    await loadReferenceData(database.db);
    const [unit] = await database.db.select({ id: units.id }).from(units).limit(1);
    const passwordHash = await hashPassword(password);
    const [customer] = await database.db
      .insert(people)
      .values({
        email: 'customer@bench.khidmat.test',
        name: 'Bench Customer',
        roles: ['customer'],
        passwordHash,
      })
      .returning();
    const [agent] = await database.db
      .insert(people)
      .values({
        email: 'agent@bench.khidmat.test',
        name: 'Bench Agent',
        roles: ['agent'],
        passwordHash,
      })
      .returning();
    if (!unit || !customer || !agent) throw new Error('bench setup inserted nothing');
    await database.db.insert(unitMembers).values({ unitId: unit.id, personId: agent.id });

    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: createActivities({ db: database.db, config, logger, mailer: null }),
      logger,
      workflowBundle: await bundleWorkflows(logger),
    });
    const workerRun = worker.run();
    const stopProbeWorker = await startProbeWorker(env.nativeConnection, logger);
    const app = await buildApp({
      config,
      db: database.db,
      pingDatabase: () => database.ping(),
      temporal: { client: env.client, namespace: 'default', taskQueue: config.TEMPORAL_TASK_QUEUE },
      files: createFileStore(join(dataDir, 'files')),
      logger,
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    const signIn = async (email: string) => {
      const response = await fetch(`${address}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return { cookie, 'x-csrf-token': csrfToken };
    };
    const customerHeaders = await signIn(customer.email);
    const agentHeaders = await signIn(agent.email);

    const intake: Record<string, IntakeFigures> = {
      concurrency1: await measureIntake(address, customerHeaders, 1, complaintsPerLevel),
    };
    // The probes are due while concurrency 16 and 64 run. Their due instants are spread over
    // an estimate of those two levels' time, 0.4 × the time of concurrency 1, which matched the
    // earlier runs (about 4 complaints per second at 1 and 19 at 16).
    const timerWindowMs = Math.max(2_000, (intake.concurrency1?.seconds ?? 0) * 400);
    const startTimerProbes = (label: string) =>
      timerCount > 0
        ? startProbes(env.client, { count: timerCount, windowMs: timerWindowMs, label })
        : null;
    const loadedProbes = await startTimerProbes('loaded');
    const loadFrom = Date.now();
    for (const concurrency of [16, 64])
      intake[`concurrency${concurrency}`] = await measureIntake(
        address,
        customerHeaders,
        concurrency,
        complaintsPerLevel,
      );
    const loadTo = Date.now();
    const timersUnderLoad = loadedProbes
      ? await collectProbes(loadedProbes, { from: loadFrom, to: loadTo })
      : null;
    if (timersUnderLoad) printTimerLateness('under intake load', timersUnderLoad);

    // The agent queue: open cases by resolution deadline, 50 rows, through the API and as raw SQL.
    const apiSamples: number[] = [];
    const sqlSamples: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const t0 = performance.now();
      const response = await fetch(
        `${address}/api/v1/cases?status=new,assigned,in_progress&sort=due&limit=50`,
        {
          headers: { cookie: agentHeaders.cookie },
        },
      );
      await response.arrayBuffer();
      apiSamples.push(performance.now() - t0);
      const t1 = performance.now();
      rowsOf(
        await database.db.execute(sql`
          select id, reference, title, status, priority, resolution_due_at from cases
          where status in ('new', 'assigned', 'in_progress')
          order by coalesce(resolution_due_at, '9999-12-31'::timestamptz), id limit 50`),
      );
      sqlSamples.push(performance.now() - t1);
    }
    const queue = { api: summarise(apiSamples), rawSql: summarise(sqlSamples) };
    console.log(
      `agent queue p95: ${queue.api.p95} ms through the API, ${queue.rawSql.p95} ms raw SQL`,
    );

    const mailIntake = await measureMailFigures(
      {
        db: database.db,
        config,
        logger,
        client: env.client,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        mailer: null,
      },
      100,
    );

    // The same probes with nothing else running, for comparison.
    const idleProbes = await startTimerProbes('idle');
    const timersIdle = idleProbes
      ? await collectProbes(idleProbes, { from: 0, to: Number.MAX_SAFE_INTEGER })
      : null;
    if (timersIdle) printTimerLateness('idle', timersIdle);

    // Last, because the probes stay open on the server until it stops.
    let openWorkflows: OpenWorkflowFigures | null = null;
    if (openWorkflowCount > 0) {
      openWorkflows = await measureOpenWorkflows({
        address: env.connection.options.address,
        client: env.client,
        count: openWorkflowCount,
      });
      printOpenWorkflows(openWorkflows);
    }

    const result = {
      at: new Date().toISOString(),
      machine: machine(),
      database: database.kind,
      complaintsPerLevel,
      intake,
      agentQueue: {
        ...queue,
        cases: complaintsPerLevel * 3,
        p95Ratio: Math.round((queue.api.p95 / queue.rawSql.p95) * 10) / 10,
      },
      generatedData,
      slaDeadlines,
      mailIntake,
      timerLateness: { windowMs: timerWindowMs, underLoad: timersUnderLoad, idle: timersIdle },
      demoStart,
      openWorkflows,
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(
      root,
      'bench/results',
      `${result.at.replace(/[:.]/g, '-')}-${database.kind}.json`,
    );
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`results written to ${file}`);

    await app.close();
    await stopProbeWorker();
    worker.shutdown();
    await workerRun;
  } finally {
    await database.dispose();
    await env.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
