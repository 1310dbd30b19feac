/**
 * Settings of `npm run demo` from the environment, and the record in the data directory of what
 * the demo has already loaded.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const defaultDemoPassword = 'khidmat-demo';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const optionsSchema = z.object({
  /** Directory of the embedded database, the Temporal state and the demo's caches. */
  KHIDMAT_DEMO_DIR: z.string().min(1).default('./data-demo'),
  /** Port of Khidmat (API and web app) on 127.0.0.1. */
  KHIDMAT_DEMO_PORT: port(3000),
  /** gRPC port of the Temporal dev server on 127.0.0.1. */
  KHIDMAT_DEMO_TEMPORAL_PORT: port(7233),
  /** Port of the Temporal UI on 127.0.0.1. */
  KHIDMAT_DEMO_TEMPORAL_UI_PORT: port(8233),
  /** Password of every demo account. */
  KHIDMAT_DEMO_PASSWORD: z.string().min(8).default(defaultDemoPassword),
  /** Log level; the demo prints its own summary, so only warnings are logged unless asked. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface DemoOptions {
  dataDir: string;
  port: number;
  temporalPort: number;
  temporalUiPort: number;
  password: string;
  logLevel: z.infer<typeof optionsSchema>['LOG_LEVEL'];
}

export function readDemoOptions(env: NodeJS.ProcessEnv = process.env): DemoOptions {
  const result = optionsSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid demo settings:\n${lines.join('\n')}`);
  }
  const values = result.data;
  return {
    dataDir: resolve(values.KHIDMAT_DEMO_DIR),
    port: values.KHIDMAT_DEMO_PORT,
    temporalPort: values.KHIDMAT_DEMO_TEMPORAL_PORT,
    temporalUiPort: values.KHIDMAT_DEMO_TEMPORAL_UI_PORT,
    password: values.KHIDMAT_DEMO_PASSWORD,
    logLevel: values.LOG_LEVEL,
  };
}

/** Record of what the demo has loaded into its data directory. */
export interface DemoState {
  version: 1;
  /** Set once the people, the history and every live case are loaded. */
  loadedAt: string | null;
  /** References of the live cases made so far, by scenario key. */
  liveCases: Record<string, string>;
}

const stateFile = (dataDir: string) => join(dataDir, 'demo-state.json');

export function readDemoState(dataDir: string): DemoState {
  const path = stateFile(dataDir);
  if (!existsSync(path)) return { version: 1, loadedAt: null, liveCases: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoState>;
  return { version: 1, loadedAt: parsed.loadedAt ?? null, liveCases: parsed.liveCases ?? {} };
}

/** Writes the state through a temporary file, so an interrupted write leaves the old state. */
export function writeDemoState(dataDir: string, state: DemoState): void {
  const path = stateFile(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
