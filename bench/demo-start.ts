/**
 * The demo's start time: `scripts/demo.ts` as a child process on free ports of 127.0.0.1, first
 * with a new, empty data directory (cold: it bundles the workflows and loads the demo
 * organisation), then again on the same directory (warm). Each start is timed from the spawn until
 * `GET /api/v1/health` returns 200, and until the demo prints its banner ("Press Ctrl-C"), which
 * on the first start comes after the demo organisation is loaded.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/ports';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Maximum wait for one start to print its banner. */
const startTimeoutMs = 5 * 60_000;

export interface DemoStart {
  /** From the spawn until `GET /api/v1/health` first returned 200. */
  healthMs: number;
  /** From the spawn until the banner, when the demo data is loaded and the worker polls. */
  bannerMs: number;
  /** Whether the demo rebuilt the web app first, which a cold start normally does not need. */
  builtWebApp: boolean;
}

async function healthIsOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function startAndStop(env: NodeJS.ProcessEnv, port: number): Promise<DemoStart> {
  const started = performance.now();
  // One process with tsx as a loader, so that SIGINT reaches the demo itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  try {
    let healthMs = Number.NaN;
    let bannerMs = Number.NaN;
    const deadline = started + startTimeoutMs;
    while (performance.now() < deadline && (Number.isNaN(healthMs) || Number.isNaN(bannerMs))) {
      if (child.exitCode !== null)
        throw new Error(`the demo exited with code ${child.exitCode} while starting:\n${output}`);
      if (Number.isNaN(bannerMs) && output.includes('Press Ctrl-C'))
        bannerMs = performance.now() - started;
      if (Number.isNaN(healthMs) && (await healthIsOk(`http://127.0.0.1:${port}/api/v1/health`)))
        healthMs = performance.now() - started;
      await sleep(50);
    }
    if (Number.isNaN(healthMs) || Number.isNaN(bannerMs))
      throw new Error(`the demo did not start within ${startTimeoutMs} ms; output:\n${output}`);
    return {
      healthMs: Math.round(healthMs),
      bannerMs: Math.round(bannerMs),
      builtWebApp: output.includes('Building the web app'),
    };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(killer);
      if (code !== 0) console.error(`the demo stopped with code ${code}; output:\n${output}`);
    }
  }
}

/**
 * Kills the Temporal dev server that a demo killed with SIGKILL left running, by the pid the demo
 * recorded, and only if that process's command line still names this data directory.
 */
function killLeftoverDevServer(dataDir: string): void {
  const pidFile = join(dataDir, 'temporal.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (commandLine.includes(dataDir)) process.kill(pid, 'SIGKILL');
  } catch {
    // The server has already exited.
  }
}

export async function measureDemoStart(): Promise<{ cold: DemoStart; warm: DemoStart }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'khidmat-bench-demo-'));
  try {
    const port = await freePort();
    const env = {
      KHIDMAT_DEMO_DIR: dataDir,
      KHIDMAT_DEMO_PORT: String(port),
      KHIDMAT_DEMO_TEMPORAL_PORT: String(await freePort()),
      KHIDMAT_DEMO_TEMPORAL_UI_PORT: String(await freePort()),
    };
    const cold = await startAndStop(env, port);
    const warm = await startAndStop(env, port);
    console.log(
      `demo start: health 200 after ${cold.healthMs} ms and banner after ${cold.bannerMs} ms ` +
        `on an empty data directory; ${warm.healthMs} ms and ${warm.bannerMs} ms on the second start`,
    );
    return { cold, warm };
  } finally {
    killLeftoverDevServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
