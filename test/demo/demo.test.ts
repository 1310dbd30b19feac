/**
 * `npm run demo` end to end. scripts/demo.ts runs as a child process with its own data directory
 * and free ports. It must pass the health check, let a demo customer sign in and show its complaint
 * workflows in Temporal. It must stop everything on SIGINT and start again without reloading.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection, Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExclusively } from '../helpers/exclusive';
import { freePort } from '../helpers/ports';
import { liveScenarios } from '../../scripts/demo/live';

const root = fileURLToPath(new URL('../..', import.meta.url));

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface DemoProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startDemo(env: NodeJS.ProcessEnv): DemoProcess {
  // One process (tsx as a loader), so SIGINT goes straight to the demo.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

async function waitForOutput(demo: DemoProcess, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (demo.output().includes(text)) return;
    if (demo.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `the demo did not print "${text}" within ${timeoutMs} ms; output:\n${demo.output()}`,
  );
}

async function stopDemo(demo: DemoProcess): Promise<number | null> {
  if (demo.child.exitCode !== null) return demo.child.exitCode;
  demo.child.kill('SIGINT');
  const timer = setTimeout(() => demo.child.kill('SIGKILL'), 30_000);
  const code = await demo.exited;
  clearTimeout(timer);
  return code;
}

describe('npm run demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'khidmat-demo-'));
  let ports: { api: number; temporal: number; ui: number };
  let env: NodeJS.ProcessEnv;
  let running: DemoProcess | null = null;

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await runExclusively();
    ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
    env = {
      KHIDMAT_DEMO_DIR: dataDir,
      KHIDMAT_DEMO_PORT: String(ports.api),
      KHIDMAT_DEMO_TEMPORAL_PORT: String(ports.temporal),
      KHIDMAT_DEMO_TEMPORAL_UI_PORT: String(ports.ui),
    };
    // The heavy-test lock may be held for up to ten minutes by a browser test file.
  }, 660_000);

  afterAll(async () => {
    try {
      if (running) await stopDemo(running);
      rmSync(dataDir, { recursive: true, force: true });
    } finally {
      release?.();
    }
  });

  it('serves, stops, restarts without reloading', async () => {
    running = startDemo(env);
    await waitForOutput(running, 'Press Ctrl-C', 150_000);
    const base = `http://127.0.0.1:${ports.api}`;

    const health = await fetch(`${base}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'customer@demo.khidmat.test', password: 'khidmat-demo' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const mine = await fetch(`${base}/api/v1/cases?limit=100`, { headers: { cookie } });
    const cases = (await mine.json()) as { items: { status: string }[] };
    expect(cases.items.some((item) => item.status === 'closed')).toBe(true);
    expect(cases.items.some((item) => item.status === 'resolved')).toBe(true);

    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    try {
      const client = new Client({ connection, namespace: 'default' });
      const expected = liveScenarios.length + 1;
      let workflows = 0;
      for (let attempt = 0; attempt < 50 && workflows < expected; attempt += 1) {
        workflows = 0;
        for await (const execution of client.workflow.list({
          query: "WorkflowType = 'complaint'",
        })) {
          expect(execution.workflowId).toMatch(/^ADU-\d{4}-\d{6}$/);
          workflows += 1;
        }
        if (workflows < expected) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(workflows).toBe(expected);
    } finally {
      await connection.close();
    }

    expect(await stopDemo(running)).toBe(0);
    expect(running.output()).toContain('Stopped.');
    expect(await portAnswers(ports.temporal)).toBe(false);
    expect(await portAnswers(ports.api)).toBe(false);
    expect(existsSync(join(dataDir, 'temporal.pid'))).toBe(false);

    running = startDemo(env);
    await waitForOutput(running, 'Press Ctrl-C', 60_000);
    expect(running.output()).not.toContain('Loading the demo organisation');
    const again = await fetch(`${base}/api/v1/health`);
    expect(again.status).toBe(200);
    expect(await stopDemo(running)).toBe(0);
    running = null;
  }, 170_000);
});
