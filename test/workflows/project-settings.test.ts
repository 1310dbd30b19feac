/**
 * The project thresholds that the ictProject workflow and its children read from the project
 * settings, on the time-skipping test server with a real worker over a fresh PGlite. The authority
 * follows the stored thresholds, a running project keeps the values it read at the start, and a
 * child started on its own reads the settings itself.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { replaceProjectSettings } from '../../activities/projects/settings';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  type ApprovalChainState,
} from '../../common/approval';
import type { Actor } from '../../common/complaint';
import { loadConfig } from '../../common/config';
import {
  approvalCategoryOf,
  guaranteeRefundMessages,
  guaranteeRefundWorkflowType,
  ictProjectMessages,
  ictProjectThresholds,
  ictProjectWorkflowType,
  procurementMessages,
  procurementWorkflowId,
  procurementWorkflowType,
  type ApprovalAuthority,
  type GuaranteeRefundInput,
  type GuaranteeRefundState,
  type IctProjectInput,
  type IctProjectState,
  type ProcurementInput,
  type ProcurementState,
  type ProjectSettings,
} from '../../common/ict-project';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import { approvalRules, ictProjects } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Database;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `project-settings-test-${randomUUID()}`;

let applicantId: string;
let adminId: string;
let manager: Actor;
const approvers = new Map<ApprovalAuthority, string>();

const defaults: ProjectSettings = { ...ictProjectThresholds, financeEmail: null };

/** Stores settings that differ from the defaults in the given bands. */
async function storeSettings(changes: Partial<ProjectSettings>): Promise<void> {
  await replaceProjectSettings(db, { ...defaults, ...changes }, adminId, new Date());
}

beforeAll(async () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  database = await openTestDatabase('pglite');
  db = database.db;
  await insertAlwaysOpenCalendar(db);

  applicantId = (await createPerson(db, { roles: ['customer'] })).id;
  adminId = (await createPerson(db, { roles: ['admin'] })).id;
  const managerId = (await createPerson(db, { roles: ['manager'] })).id;
  manager = { id: managerId, roles: ['manager'], unitIds: [], headOfUnitIds: [] };
  for (const authority of ['division', 'university'] as const) {
    const approver = await createPerson(db, { roles: ['approver'] });
    approvers.set(authority, approver.id);
    await db.insert(approvalRules).values({
      name: `Projek ICT: ${authority}`,
      subjectKind: 'ictProject',
      category: approvalCategoryOf(authority),
      priority: 10,
      levels: [{ mode: 'any', approvers: [{ type: 'person', personId: approver.id }] }],
    });
  }

  env = await createTimeSkippingEnv();
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    activities: createActivities({ db, config, logger }),
    logger,
    workflowBundle: await bundleWorkflows(logger),
  });
  running = worker.run();
}, 180_000);

afterEach(async () => {
  await storeSettings({});
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.destroy();
});

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const value = await read().catch(() => null);
    if (value !== null && done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startProject(value: number, procurementNeeded = false) {
  const projectId = randomUUID();
  const input: IctProjectInput = {
    projectId,
    reference: `PRJ-2026-${projectId.slice(0, 8)}`,
    variant: 'corporateService',
    title: 'Portal perkhidmatan pelajar',
    description: 'Portal sehenti untuk perkhidmatan pelajar',
    applicantId,
    applicantUnitId: null,
    estimatedValue: value,
    procurementNeeded,
    securityKind: 'retention',
    defectsLiabilityDays: 365,
    requestedAt: new Date(await env.currentTimeMs()).toISOString(),
    language: 'ms',
  };
  const handle = await env.client.workflow.start(ictProjectWorkflowType, {
    workflowId: input.reference,
    taskQueue,
    args: [input],
  });
  const opened = await handle.executeUpdate<IctProjectState, []>(ictProjectMessages.opened);
  return { handle, input, opened };
}

/** Passes the study, the corporate-service gate and the evaluation. */
async function passToApproval(handle: WorkflowHandle): Promise<void> {
  const decide = async (gate: string) => {
    await poll(
      () => handle.query<IctProjectState>(ictProjectMessages.state),
      (state) => state.currentGate === gate,
      gate,
    );
    await handle.executeUpdate(gate, { args: [{ actor: manager, decision: 'yes', reason: '' }] });
  };
  const attach = (kind: string) =>
    handle.executeUpdate(ictProjectMessages.attachDocument, {
      args: [
        {
          actor: manager,
          document: { kind, fileId: null, url: 'https://docs.test/d', title: kind },
        },
      ],
    });
  await attach('studyReport');
  await decide('preliminaryStudy');
  await decide('corporateService');
  await attach('evaluation');
  await decide('evaluation');
}

async function chainApprovers(reference: string): Promise<string[]> {
  const chain = env.client.workflow.getHandle(approvalChainWorkflowId(reference));
  const state = await poll(
    () => chain.query<ApprovalChainState>(approvalChainStateQueryName),
    (candidate) => candidate.currentLevel !== null,
    'the approval chain',
  );
  return state.levels[0]?.approvers.map((approver) => approver.approverId) ?? [];
}

describe('project thresholds from the settings', () => {
  it('authority follows the stored thresholds', async () => {
    await storeSettings({ approval: { university: 100_000, kpt: 1_000_000, mampu: 10_000_000 } });
    const { handle, input, opened } = await startProject(150_000);
    expect(opened.authority).toBe('university');

    const [row] = await db.select().from(ictProjects).where(eq(ictProjects.id, input.projectId));
    expect(row?.authority).toBe('university');
    expect(row?.thresholds?.approval.university).toBe(100_000);

    await passToApproval(handle);
    expect(await chainApprovers(input.reference)).toEqual([approvers.get('university')]);
    await handle.terminate('test finished');
  }, 60_000);

  it('running project keeps its thresholds', async () => {
    await storeSettings({
      approval: { university: 100_000, kpt: 1_000_000, mampu: 10_000_000 },
      procurement: { quotationAbove: 200_000, tenderAbove: 900_000 },
    });
    const { handle, input, opened } = await startProject(150_000, true);
    expect(opened.authority).toBe('university');

    // An administrator changes the settings while the project waits at its study.
    await storeSettings({});
    await passToApproval(handle);
    const approverIds = await chainApprovers(input.reference);
    expect(approverIds).toEqual([approvers.get('university')]);
    const chain = env.client.workflow.getHandle(approvalChainWorkflowId(input.reference));
    await chain.executeUpdate('decide', {
      args: [{ actorId: approverIds[0], decision: 'approved', comment: '' }],
    });

    const procurement = env.client.workflow.getHandle(procurementWorkflowId(input.reference));
    const state = await poll(
      () => procurement.query<ProcurementState>(procurementMessages.state),
      () => true,
      'procurement',
    );
    expect(state.method).toBe('directPurchase');
    await handle.terminate('test finished');
  }, 60_000);

  it('procurement alone reads the settings', async () => {
    await storeSettings({ procurement: { quotationAbove: 100_000, tenderAbove: 900_000 } });
    const projectId = randomUUID();
    const reference = `PRJ-2026-${projectId.slice(0, 8)}`;
    await db.insert(ictProjects).values({
      id: projectId,
      reference,
      variant: 'applicationProject',
      title: 'Perolehan',
      description: '',
      applicantId,
      estimatedValue: 950_000,
      status: 'procurement',
      authority: 'division',
      workflowId: reference,
      requestedAt: new Date(),
    });
    const input: ProcurementInput = {
      reference,
      projectId,
      title: 'Perolehan',
      estimatedValue: 80_000,
      securityKind: 'bond',
      defectsLiabilityDays: 365,
    };
    const handle = await env.client.workflow.start(procurementWorkflowType, {
      workflowId: procurementWorkflowId(reference),
      taskQueue,
      args: [input],
    });
    const state = await poll(
      () => handle.query<ProcurementState>(procurementMessages.state),
      () => true,
      'procurement',
    );
    expect(state.method).toBe('directPurchase');
    await handle.terminate('test finished');
  }, 60_000);

  it('guarantee refunds the stored share', async () => {
    await storeSettings({ retention: { rate: 0.1, releasedAtCompletion: 0.4 } });
    const projectId = randomUUID();
    const reference = `PRJ-2026-${projectId.slice(0, 8)}`;
    await db.insert(ictProjects).values({
      id: projectId,
      reference,
      variant: 'applicationProject',
      title: 'Jaminan',
      description: '',
      applicantId,
      estimatedValue: 300_000,
      status: 'guarantee',
      authority: 'division',
      workflowId: reference,
      requestedAt: new Date(),
    });
    const input: GuaranteeRefundInput = {
      reference,
      projectId,
      contract: {
        method: 'quotation',
        vendorName: 'Syarikat Maju Sdn Bhd',
        vendorEmail: 'akaun@maju.test',
        purchaseOrderNumber: 'PO-1',
        value: 300_000,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        security: { kind: 'retention', amount: 30_000 },
        defectsLiabilityDays: 365,
      },
      completedAt: new Date(await env.currentTimeMs()).toISOString(),
    };
    const handle = await env.client.workflow.start(guaranteeRefundWorkflowType, {
      workflowId: `${reference}-guarantee`,
      taskQueue,
      args: [input],
    });
    const state = await poll(
      () => handle.query<GuaranteeRefundState>(guaranteeRefundMessages.state),
      (candidate) => candidate.refunds.length === 1,
      'the refund at completion',
    );
    expect(state.refunds[0]).toMatchObject({ stage: 'completion', amount: 12_000 });
    await handle.terminate('test finished');
  }, 60_000);
});
