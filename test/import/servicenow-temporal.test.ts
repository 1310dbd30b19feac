/**
 * The ServiceNow import against a real Temporal dev server: open incidents get a running `complaint`
 * workflow whose id is the case reference, and no workflow is started twice.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { eq, isNotNull } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintMessages } from '../../common/complaint';
import { importServiceNowEventLog, type ImportSummary } from '../../activities/import/servicenow';
import { cases } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createDevServerEnv } from '../helpers/temporal';
import { createActivities } from '../../activities';
import { loadConfig } from '../../common/config';
import type { ComplaintState } from '../../common/complaint';
import { createWorker } from '../../worker/create';
import { insertSlaTargets } from '../helpers/stack';

const sampleFile = fileURLToPath(new URL('../fixtures/servicenow/sample.csv', import.meta.url));
const openNumbers = [
  'INC9000002',
  'INC9000004',
  'INC9000005',
  'INC9000006',
  'INC9000007',
  'INC9000008',
];
const closedNumbers = ['INC9000001', 'INC9000003', 'INC9000009'];
/** Resolved and still active in the log, long enough ago that its windows are over. */
const resolvedLongAgo = 'INC9000008';
const logger = pino({ level: 'silent' });

describe.each(databaseKinds())('ServiceNow import with Temporal on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let workerRun: Promise<void>;
  let database: TestDatabase;
  let workDir: string;
  const taskQueue = `import-${kind}`;

  const runImport = (withTemporal: boolean, file = sampleFile): Promise<ImportSummary> =>
    importServiceNowEventLog({
      db: database.db,
      temporalClient: withTemporal ? env.client : null,
      taskQueue,
      logger,
      file,
    });

  const caseOf = async (number: string) => {
    const [row] = await database.db.select().from(cases).where(eq(cases.externalRef, number));
    if (!row) throw new Error(`no case for ${number}`);
    return row;
  };

  beforeAll(async () => {
    // The worker's start and stop lines would bury the test output; warnings and errors remain.
    if (kind === databaseKinds()[0]) Runtime.install({ logger: new DefaultLogger('WARN') });
    env = await createDevServerEnv();
    database = await openTestDatabase(kind);
    await insertSlaTargets(database.db);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: database.dataDir });
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: createActivities({ db: database.db, config, logger, mailer: null }),
      logger,
    });
    workerRun = worker.run();
    workDir = mkdtempSync(join(tmpdir(), 'khidmat-import-temporal-'));
  });

  afterAll(async () => {
    worker?.shutdown();
    await workerRun;
    await env?.teardown();
    await database?.destroy();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('starts workflows left out by an import without Temporal', async () => {
    const recordOnly = await runImport(false);
    expect(recordOnly.workflowsNotStarted).toBe(openNumbers.length);
    const withoutWorkflow = await database.db
      .select()
      .from(cases)
      .where(isNotNull(cases.workflowId));
    expect(withoutWorkflow).toHaveLength(0);

    const summary = await runImport(true);
    expect(summary.casesUnchanged).toBe(9);
    expect(summary.workflowsStarted).toBe(openNumbers.length);
    expect(summary.workflowsNotStarted).toBe(0);
  });

  it('runs a workflow per open incident with the reference as id', async () => {
    for (const number of openNumbers) {
      const row = await caseOf(number);
      expect(row.workflowId, number).toBe(row.reference);

      const handle = env.client.workflow.getHandle(row.reference);
      const description = await handle.describe();
      expect(description.type, number).toBe('complaint');
      if (number === resolvedLongAgo) continue;
      expect(description.status.name, number).toBe('RUNNING');

      const state = await handle.query<ComplaintState>(complaintMessages.state);
      expect(state.reference, number).toBe(row.reference);
      expect(state.status, number).toBe(row.status);
      expect(state.reopenCount, number).toBe(row.reopenCount);
    }
  });

  it('closes an incident resolved before its confirmation window ended', async () => {
    const row = await caseOf(resolvedLongAgo);
    // Resolved in March 2025: the window to confirm or reopen and the rating window are over, so
    // the resumed workflow closes the case and ends.
    await env.client.workflow.getHandle(row.reference).result();
    const after = await caseOf(resolvedLongAgo);
    expect(after.status).toBe('closed');
    expect(after.closedAt).not.toBeNull();
  });

  it('starts no workflow for closed incidents', async () => {
    for (const number of closedNumbers) {
      const row = await caseOf(number);
      expect(row.workflowId, number).toBeNull();
      await expect(env.client.workflow.getHandle(row.reference).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    }
  });

  it('does not start a workflow twice', async () => {
    const again = await runImport(true);
    expect(again.workflowsStarted).toBe(0);
    expect(again.workflowsAlreadyRunning).toBe(0);

    // A case whose workflow id was lost still finds its workflow running under the reference.
    const row = await caseOf('INC9000002');
    await database.db.update(cases).set({ workflowId: null }).where(eq(cases.id, row.id));
    const recovered = await runImport(true);
    expect(recovered.workflowsStarted).toBe(0);
    expect(recovered.workflowsAlreadyRunning).toBe(1);
    expect(recovered.workflowFailures).toEqual([]);
    expect((await caseOf('INC9000002')).workflowId).toBe(row.reference);
  });

  it('starts the workflow of a new open incident at once', async () => {
    const file = join(workDir, 'new-incident.csv');
    writeFileSync(file, readFileSync(sampleFile, 'utf8').replaceAll('INC9000002', 'INC9000102'));

    const summary = await runImport(true, file);
    expect(summary.casesCreated).toBe(1);
    expect(summary.workflowsStarted).toBe(1);
    const row = await caseOf('INC9000102');
    const description = await env.client.workflow.getHandle(row.reference).describe();
    expect(description.status.name).toBe('RUNNING');
  });
});
