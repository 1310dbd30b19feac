/**
 * `npm run demo`: Temporal, Khidmat and a demo organisation on this machine, with nothing else to
 * install. It provides the Temporal CLI (scripts/setup-temporal) and runs the Temporal dev server
 * as a child process. It runs the API and the worker in this process over the embedded database,
 * loads the demo organisation on the first start, and prints the URLs and the demo accounts. Everything
 * lives in KHIDMAT_DEMO_DIR (./data-demo), so the second start skips the loading. Ctrl-C stops it
 * all: the API, then the worker, then the database, then the Temporal dev server.
 *
 * This entry imports only light modules and starts the dev server first. The embedded database
 * opens and Khidmat's own modules (scripts/demo/run.ts) load while the server boots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '../common/logger';
import { lockDataDirectory } from '../db/lock';
import { ensureWebBuild, webBuildIsStale } from './build-web';
import { readDemoOptions, type DemoOptions } from './demo/options';
import { provideTemporalCli, startDevServer } from './demo/temporal-server';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (text: string) => process.stdout.write(`${text}\n`);

/** Cleanup steps registered as each part starts; run in reverse order on stop. */
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let stopping = false;

async function stopAll(logger: Logger, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('\nStopping Khidmat and Temporal...');
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup.run();
    } catch (error) {
      logger.error({ err: error, step: cleanup.name }, 'demo cleanup step failed');
    }
  }
  say('Stopped.');
  process.exit(exitCode);
}

async function main(options: DemoOptions, logger: Logger): Promise<void> {
  mkdirSync(options.dataDir, { recursive: true });
  // Fails at once, naming the holder, when another demo runs on this directory. Without this check
  // the start below would stop that demo's Temporal dev server before the database refused to open.
  lockDataDirectory(options.dataDir)();
  const temporalStateExisted = existsSync(join(options.dataDir, 'temporal.db'));
  say(`Khidmat demo: data in ${options.dataDir}`);
  if (webBuildIsStale()) {
    say('Building the web app (npm run build:web), which happens after each change to web/...');
    ensureWebBuild(true);
  }

  // The embedded database opens while the rest of Khidmat's modules load.
  const opening = import('../db/client').then(({ openDatabase }) =>
    openDatabase({ dataDir: options.dataDir }),
  );
  opening.catch(() => undefined);
  const loading = import('./demo/run');
  const cli = await provideTemporalCli(root, logger);
  const server = await startDevServer(cli, {
    root,
    dataDir: options.dataDir,
    port: options.temporalPort,
    uiPort: options.temporalUiPort,
    namespace: 'default',
    logger,
  });
  cleanups.push({ name: 'temporal dev server', run: () => server.stop() });

  const { runDemo } = await loading;
  await runDemo({
    root,
    options,
    logger,
    server,
    database: opening,
    temporalStateExisted,
    onStop: (name, run) => cleanups.push({ name, run }),
    say,
  });
}

let options: DemoOptions;
try {
  options = readDemoOptions();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const logger = createLogger(options.logLevel);
// Handlers stay installed: a Ctrl-C reaches this process both from the terminal and through the
// tsx and npm parents, and a second signal must not kill it halfway through stopping.
process.on('SIGINT', () => void stopAll(logger, 0));
process.on('SIGTERM', () => void stopAll(logger, 0));

main(options, logger).catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'the Khidmat demo failed to start');
  await stopAll(logger, 1);
});
