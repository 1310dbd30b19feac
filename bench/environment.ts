/** Helpers of the benchmark scripts: counts read from the environment, the Temporal dev server. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Reads a whole number of `unit` from the environment variable `name`, or the fallback. */
export function countFromEnv(name: string, fallback: number, unit: string): number {
  const text = process.env[name];
  const count = Number(text ?? fallback);
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`${name} must be a whole number of ${unit}, got "${text}"`);
  return count;
}

/** Starts the Temporal dev server from `.tools/` on 127.0.0.1, without its web UI. */
export function startDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: join(root, '.tools/bin/temporal') },
      ip: '127.0.0.1',
      ui: false,
      extraArgs: ['--log-level', 'error'],
    },
  });
}
