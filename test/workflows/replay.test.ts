/**
 * Replays every recorded complaint history in test/histories/ against the current workflow code;
 * a change that alters the workflow's commands without `patched()` fails here. Re-record the
 * histories with `RECORD_HISTORIES=1 npx vitest run test/workflows/complaint.test.ts`.
 * The complaint-two-activities-* histories were recorded before complaints opened in one activity
 * (the open-in-one-activity patch), so the current code cannot re-record them.
 * The procurement-deadlines-* histories come from test/workflows/procurement.test.ts the same way.
 * The procurement-before-deadlines-* histories were recorded with the procurement code from before
 * its step deadlines, so the current code cannot re-record them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { beforeAll, expect, test } from 'vitest';
import { createLogger } from '../../common/logger';
import { bundleWorkflows } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { historiesDir } from './complaint-fixture';
import { historyFromJson } from './history-json';

const files = readdirSync(historiesDir).filter((name) => name.endsWith('.json'));
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  bundle = await bundleWorkflows(logger);
}, 120_000);

test('histories of every complaint path are recorded', () => {
  for (const path of ['happy-path', 'reopen', 'waiting', 'auto-close', 'breach']) {
    expect(files, path).toContain(`complaint-${path}.json`);
    expect(files, path).toContain(`complaint-two-activities-${path}.json`);
  }
});

test('procurement histories from before and with deadlines are recorded', () => {
  for (const name of [
    'before-deadlines-completed',
    'before-deadlines-running',
    'deadlines-completed',
    'deadlines-overdue',
  ]) {
    expect(files, name).toContain(`procurement-${name}.json`);
  }
});

test('recorded histories replay without nondeterminism', async () => {
  const histories = files.map((name) => ({
    workflowId: name.replace(/\.json$/, ''),
    history: historyFromJson(JSON.parse(readFileSync(`${historiesDir}${name}`, 'utf8'))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: 'complaint-histories' },
    histories,
  )) {
    if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
  }
  expect(failures).toEqual([]);
  expect(histories.length).toBeGreaterThanOrEqual(5);
}, 120_000);
