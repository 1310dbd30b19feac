/**
 * The part of `npm run demo` that runs once the Temporal dev server is starting: the database, the
 * worker and the API in this process, the loading of the demo organisation on the first start,
 * and the summary. scripts/demo.ts imports it after starting the server, so that the server boots
 * while these modules load.
 */
import { join } from 'node:path';
import { loadConfig, type Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { DatabaseHandle } from '../../db/client';
import { bootstrap } from '../../db/seed/bootstrap';
import { demoBanner } from './banner';
import { cachedWorkflowBundle } from './bundle-cache';
import { countDemoHistory } from './history-store';
import { readDemoState, writeDemoState, type DemoOptions } from './options';
import { accountEmail, demoPeople, demoSeed } from './organisation';
import { startKhidmat } from './stack';
import type { DevServer } from './temporal-server';

export interface RunOptions {
  root: string;
  options: DemoOptions;
  logger: Logger;
  server: DevServer;
  /** The embedded database of the data directory, opening since the demo started. */
  database: Promise<DatabaseHandle>;
  /** Whether the Temporal state file existed before this start. */
  temporalStateExisted: boolean;
  /** Registers a step to run when the demo stops, after the steps registered later. */
  onStop: (name: string, run: () => Promise<void>) => void;
  say: (text: string) => void;
}

/** Builds the configuration of the demo's Khidmat from the demo's settings alone, ignoring the rest of the environment. */
export function demoConfig(options: DemoOptions): Config {
  return loadConfig({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    LOG_LEVEL: options.logLevel,
    DATA_DIR: options.dataDir,
    TEMPORAL_ADDRESS: `127.0.0.1:${options.temporalPort}`,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_UI_URL: `http://localhost:${options.temporalUiPort}`,
    PUBLIC_URL: `http://localhost:${options.port}`,
  });
}

async function openAndBootstrap(run: RunOptions): Promise<DatabaseHandle> {
  const database = await run.database;
  run.onStop('database', () => database.close());
  await bootstrap({
    db: database,
    config: {
      KHIDMAT_ADMIN_EMAIL: accountEmail('admin'),
      KHIDMAT_ADMIN_PASSWORD: run.options.password,
    },
    logger: run.logger,
  });
  return database;
}

export async function runDemo(run: RunOptions): Promise<void> {
  const { options, logger, say } = run;
  const config = demoConfig(options);
  const state = readDemoState(options.dataDir);

  // The database and the workflow bundle get ready while the Temporal dev server starts.
  const workflowBundle = cachedWorkflowBundle(run.root, join(options.dataDir, 'cache'), logger);
  workflowBundle.catch(() => undefined);
  const database = await openAndBootstrap(run);
  const connection = await run.server.ready(60_000);
  const khidmat = await startKhidmat({ config, logger, database, connection, workflowBundle });
  run.onStop('khidmat', () => khidmat.stop());
  say(
    `Khidmat answers on http://localhost:${options.port} after ${process.uptime().toFixed(1)} s.`,
  );
  await khidmat.workerReady;

  const loaded = state.loadedAt !== null && (await countDemoHistory(database.db)) > 0;
  if (!loaded) {
    say(
      'Loading the demo organisation, a year of closed cases and the open cases (first start only)...',
    );
    // Imported only for the first start, which is the only one that needs them.
    const [{ seedOrganisation }, { makeLiveCases }] = await Promise.all([
      import('./seed'),
      import('./live'),
    ]);
    await seedOrganisation({
      db: database.db,
      logger,
      password: options.password,
      confirmationWindowHours: config.CONFIRMATION_WINDOW_HOURS,
      warningShare: config.SLA_WARNING_SHARE,
    });
    await makeLiveCases({
      app: khidmat.app,
      db: database.db,
      client: khidmat.client,
      config,
      logger,
      password: options.password,
      done: state.liveCases,
      onCaseMade: async () => writeDemoState(options.dataDir, state),
    });
    state.loadedAt = new Date().toISOString();
    writeDemoState(options.dataDir, state);
  } else if (!run.temporalStateExisted) {
    logger.warn(
      { temporalState: join(options.dataDir, 'temporal.db') },
      'the Temporal state was missing, so the open demo cases have no workflows; remove the data directory to load the demo again',
    );
  }

  say(
    demoBanner({
      port: options.port,
      temporalUiPort: options.temporalUiPort,
      password: options.password,
      people: demoPeople(demoSeed),
      liveCases: state.liveCases,
      startedInMs: process.uptime() * 1000,
    }),
  );
}
