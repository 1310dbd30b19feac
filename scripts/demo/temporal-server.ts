/**
 * The Temporal dev server as a child process of the demo: provided by scripts/setup-temporal,
 * started with its state in the demo's data directory, and stopped when the demo stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@temporalio/client';
import type { Logger } from '../../common/logger';

export interface DevServerOptions {
  root: string;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  logger: Logger;
}

export interface DevServer {
  address: string;
  /** Connects once the server responds and its namespace exists; rejects if the server exits. */
  ready(timeoutMs: number): Promise<Connection>;
  /** Asks the server to stop (SIGINT), and kills it if it has not stopped after the timeout. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs scripts/setup-temporal (idempotent: it only checks when the tools exist) and returns the
 * path of the `temporal` CLI. When the script fails but the CLI is already there, for example
 * because the Java runtime that only the tests need is missing, the demo goes on with a warning.
 */
export async function provideTemporalCli(root: string, logger: Logger): Promise<string> {
  const cli = join(root, '.tools', 'bin', 'temporal');
  const child = spawn(join(root, 'scripts', 'setup-temporal'), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      output += String(error);
      resolve(null);
    });
    child.once('close', resolve);
  });
  if (status !== 0) {
    if (!existsSync(cli))
      throw new Error(`scripts/setup-temporal failed and ${cli} is missing:\n${output.trim()}`);
    logger.warn(
      { output: output.trim() },
      'scripts/setup-temporal failed; using the temporal CLI already in .tools/bin',
    );
  }
  return cli;
}

const pidFileName = 'temporal.pid';

/**
 * Stops a dev server that an earlier demo started on this data directory and left running (the
 * demo was killed without its cleanup). Only a live process whose command line names the same
 * database file is stopped, so an unrelated process that reused the pid is left alone.
 */
async function stopLeftoverServer(dataDir: string, dbFile: string, logger: Logger): Promise<void> {
  const pidFile = join(dataDir, pidFileName);
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return;
  let commandLine = '';
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return;
  }
  if (!commandLine.includes('start-dev') || !commandLine.includes(dbFile)) return;
  logger.warn({ pid }, 'stopping the Temporal dev server left running by an earlier demo');
  process.kill(pid, 'SIGTERM');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
}

export async function startDevServer(cli: string, options: DevServerOptions): Promise<DevServer> {
  const dbFile = join(options.dataDir, 'temporal.db');
  const logFile = join(options.dataDir, 'temporal.log');
  await stopLeftoverServer(options.dataDir, dbFile, options.logger);

  const log = openSync(logFile, 'a');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    dbFile,
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
  ];
  // Its own process group, so Ctrl-C in the terminal reaches only the demo, which stops the worker
  // before the server it polls.
  const child: ChildProcess = spawn(cli, args, { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  if (child.pid !== undefined) writeFileSync(join(options.dataDir, pidFileName), String(child.pid));

  let exited = false;
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exited = true;
      rmSync(join(options.dataDir, pidFileName), { force: true });
      resolve(code);
    });
  });
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const address = `127.0.0.1:${options.port}`;

  const tail = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  };

  return {
    address,
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown = null;
      while (Date.now() < deadline) {
        if (exited) {
          throw new Error(
            `the Temporal dev server exited while starting; end of ${logFile}:\n${tail()}`,
          );
        }
        try {
          // Imported here, so that the server starts before the demo loads the Temporal client.
          const { Connection } = await import('@temporalio/client');
          const connection = await Connection.connect({ address, connectTimeout: 1_000 });
          try {
            await connection.workflowService.describeNamespace({ namespace: options.namespace });
            return connection;
          } catch (error) {
            await connection.close();
            throw error;
          }
        } catch (error) {
          lastError = error;
          await sleep(100);
        }
      }
      throw new Error(
        `the Temporal dev server did not respond on ${address} within ${timeoutMs} ms ` +
          `(${String(lastError)}); end of ${logFile}:\n${tail()}`,
      );
    },
    async stop(timeoutMs = 10_000) {
      process.removeListener('exit', killOnExit);
      if (exited) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exit;
      clearTimeout(timer);
    },
  };
}
