/**
 * `npm start` as a process: it serves, stops cleanly on SIGTERM, and a second process on the same
 * embedded data directory exits at once with an error that names the holder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports';
import { createDevServerEnv } from '../helpers/temporal';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts', '--with-worker'], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitForHealth(port: number, started: Started): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no health 200 within 60 s:\n${started.output()}`);
}

describe('the production start', () => {
  let temporal: TestWorkflowEnvironment;
  let dataDir: string;

  beforeAll(async () => {
    temporal = await createDevServerEnv();
    dataDir = mkdtempSync(join(tmpdir(), 'khidmat-main-'));
  });

  afterAll(async () => {
    await temporal?.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves, rejects a second process and stops cleanly', async () => {
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: `main-${port}`,
      KHIDMAT_ADMIN_EMAIL: 'admin@test.khidmat.invalid',
      KHIDMAT_ADMIN_PASSWORD: 'admin-password-1',
    };
    const first = start(env);
    try {
      await waitForHealth(port, first);
      const body = await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json();
      expect(body).toEqual({ status: 'ok' });

      const second = start({ ...env, PORT: String(await freePort()) });
      const code = await Promise.race([
        second.exited,
        new Promise<'still running'>((resolve) =>
          setTimeout(() => resolve('still running'), 30_000),
        ),
      ]);
      if (code === 'still running') second.child.kill('SIGKILL');
      expect(code).toBe(1);
      expect(second.output()).toContain(`in use by process ${first.child.pid}`);

      const stillServing = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      expect(stillServing.status).toBe(200);

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain('"msg":"stopped"');
      expect(first.output()).not.toContain('IllegalStateError');
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 180_000);
});
