/**
 * Temporal for tests: the time-skipping test server and the dev server, both provided under
 * .tools/ by scripts/setup-temporal and started through @temporalio/testing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const temporalCliPath = process.env.TEMPORAL_CLI_PATH ?? `${root}.tools/bin/temporal`;
export const testServerPath = `${root}.tools/bin/temporal-test-server`;

function requireTool(path: string): string {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run scripts/setup-temporal once before the tests.`);
  }
  return path;
}

/**
 * Tries to start a server a few times. The SDK waits 5 s for a server to listen, which a JVM
 * starting while other test files load both cores can miss.
 */
async function withRetries(
  start: () => Promise<TestWorkflowEnvironment>,
): Promise<TestWorkflowEnvironment> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      lastError = error;
      if (!String(error).includes('did not start within')) throw error;
    }
  }
  throw lastError;
}

/** Starts the Java time-skipping test server; timers jump ahead while a test awaits a result. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return withRetries(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: requireTool(testServerPath) } },
    }),
  );
}

/** Starts the Temporal dev server in memory: the server that `npm run demo` runs. */
export function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  return withRetries(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: requireTool(temporalCliPath) },
        ip: '127.0.0.1',
        ui: false,
        extraArgs: ['--log-level', 'error'],
      },
    }),
  );
}
