/**
 * The ictProject workflow with its procurement and guaranteeRefund children on the time-skipping
 * test server, with a real worker running the real activities and the real approvalChain child
 * over a fresh PGlite: both variants end to end, gate rejections, the Diterima? loop, gates held
 * for their documents, the authority chosen by value, and the guarantee's release conditions.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  decideApprovalUpdateName,
  type ApprovalChainState,
  type DecideApprovalInput,
} from '../../common/approval';
import type { Actor } from '../../common/complaint';
import { loadConfig } from '../../common/config';
import {
  approvalCategoryOf,
  guaranteeRefundMessages,
  guaranteeRefundWorkflowId,
  ictProjectMessages,
  ictProjectWorkflowType,
  procurementMessages,
  procurementWorkflowId,
  releaseChecklistItems,
  type ApprovalAuthority,
  type GateMessage,
  type GuaranteeRefundState,
  type IctProjectInput,
  type IctProjectState,
  type ProcurementState,
  type ProjectDocument,
  type ProjectDocumentKind,
  type ProjectGate,
  type ProjectVariant,
} from '../../common/ict-project';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import { approvalRules, ictProjectHistory, ictProjects } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const day = 24 * 60 * 60 * 1000;

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Database;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `project-test-${randomUUID()}`;

let applicant: Actor;
let manager: Actor;
let unitId: string;
/** The approver of each authority's rule. */
const approvers = new Map<ApprovalAuthority, string>();

function actorOf(id: string, roles: Actor['roles'], unitIds: string[] = []): Actor {
  return { id, roles, unitIds, headOfUnitIds: [] };
}

beforeAll(async () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  database = await openTestDatabase('pglite');
  db = database.db;
  await insertAlwaysOpenCalendar(db);

  const unit = await createUnit(db, 'FAKULTI-PRJ');
  unitId = unit.id;
  const applicantRow = await createPerson(db, { roles: ['customer'], unitIds: [unit.id] });
  applicant = actorOf(applicantRow.id, ['customer'], [unit.id]);
  const managerRow = await createPerson(db, { roles: ['manager'] });
  manager = actorOf(managerRow.id, ['manager']);
  for (const authority of ['division', 'university', 'kpt', 'mampu'] as const) {
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

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.destroy();
});

interface ProjectOptions {
  variant?: ProjectVariant;
  value?: number;
  procurementNeeded?: boolean;
}

async function startProject(options: ProjectOptions = {}) {
  const projectId = randomUUID();
  const input: IctProjectInput = {
    projectId,
    reference: `PRJ-2026-${projectId.slice(0, 8)}`,
    variant: options.variant ?? 'applicationProject',
    title: 'Sistem pengurusan makmal',
    description: 'Sistem tempahan makmal komputer fakulti',
    applicantId: applicant.id,
    applicantUnitId: unitId,
    estimatedValue: options.value ?? 100_000,
    procurementNeeded: options.procurementNeeded ?? false,
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
  return { handle, input };
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const value = await read().catch(() => null);
    if (value !== null && done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function projectState(handle: WorkflowHandle): Promise<IctProjectState> {
  return handle.query<IctProjectState>(ictProjectMessages.state);
}

function documentOf(kind: ProjectDocumentKind): ProjectDocument {
  return { kind, fileId: randomUUID(), url: null, title: `Dokumen ${kind}` };
}

async function attach(handle: WorkflowHandle, kind: ProjectDocumentKind): Promise<void> {
  await handle.executeUpdate(ictProjectMessages.attachDocument, {
    args: [{ actor: applicant, document: documentOf(kind) }],
  });
}

/** Waits until the gate is the one waiting, then sends the decision. */
async function decideGate(
  handle: WorkflowHandle,
  gate: ProjectGate,
  decision: GateMessage['decision'] = 'yes',
  reason = '',
): Promise<IctProjectState> {
  await poll(
    () => projectState(handle),
    (state) => state.currentGate === gate,
    gate,
  );
  const message: GateMessage = { actor: manager, decision, reason };
  return handle.executeUpdate<IctProjectState, [GateMessage]>(gate, { args: [message] });
}

/** Waits for the project's approval chain and decides it as the given person. */
async function decideApproval(
  reference: string,
  approverId: string,
  decision: 'approved' | 'rejected' = 'approved',
): Promise<void> {
  const chain = env.client.workflow.getHandle(approvalChainWorkflowId(reference));
  await poll(
    () => chain.query<ApprovalChainState>(approvalChainStateQueryName),
    (state) => state.currentLevel !== null,
    'the approval chain',
  );
  const payload: DecideApprovalInput = {
    actorId: approverId,
    decision,
    comment: decision === 'rejected' ? 'Tiada peruntukan' : '',
  };
  await chain.executeUpdate(decideApprovalUpdateName, { args: [payload] });
}

async function rejectionOf(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  if (!(cause instanceof ApplicationFailure)) return { message: String(cause) };
  return { type: cause.type ?? undefined, message: cause.message };
}

/** Passes the screening gates and the evaluation of a variant with their documents. */
async function passToApproval(handle: WorkflowHandle, variant: ProjectVariant): Promise<void> {
  await attach(handle, 'studyReport');
  await decideGate(handle, 'preliminaryStudy');
  if (variant === 'applicationProject') {
    await decideGate(handle, 'applicationProject');
    await decideGate(handle, 'projectCriteria');
  } else {
    await decideGate(handle, 'corporateService');
  }
  await attach(handle, 'evaluation');
  await decideGate(handle, 'evaluation');
}

/** Passes kick-off, verification, presentation and handover. */
async function passToHandover(handle: WorkflowHandle): Promise<void> {
  await attach(handle, 'approvalMinutes');
  await decideGate(handle, 'kickOff');
  await attach(handle, 'testReport');
  await decideGate(handle, 'verification');
  await attach(handle, 'acceptanceRecord');
  await decideGate(handle, 'presentation');
  await attach(handle, 'handoverRecord');
  await decideGate(handle, 'handover');
}

async function projectRow(projectId: string) {
  const [row] = await db.select().from(ictProjects).where(eq(ictProjects.id, projectId));
  return row;
}

describe('ictProject', () => {
  it('guarantee released only after its period and checklist', async () => {
    const { handle, input } = await startProject({ value: 300_000, procurementNeeded: true });
    await passToApproval(handle, 'applicationProject');
    await decideApproval(input.reference, approvers.get('division') ?? '');

    const procurement = env.client.workflow.getHandle(procurementWorkflowId(input.reference));
    const procurementState = await poll(
      () => procurement.query<ProcurementState>(procurementMessages.state),
      () => true,
      'procurement',
    );
    expect(procurementState.method).toBe('quotation');
    const notReady = await rejectionOf(
      procurement.executeUpdate(procurementMessages.documentsReady, { args: [{ actor: manager }] }),
    );
    expect(notReady.message).toContain('quotationDocument');
    await procurement.executeUpdate(procurementMessages.attachDocument, {
      args: [{ actor: manager, document: documentOf('quotationDocument') }],
    });
    await procurement.executeUpdate(procurementMessages.documentsReady, {
      args: [{ actor: manager }],
    });
    await procurement.executeUpdate(procurementMessages.attachDocument, {
      args: [{ actor: manager, document: documentOf('evaluationReport') }],
    });
    await procurement.executeUpdate(procurementMessages.evaluate, { args: [{ actor: manager }] });
    await procurement.executeUpdate(procurementMessages.appointVendor, {
      args: [{ actor: manager, vendorName: 'Syarikat Maju Sdn Bhd', vendorEmail: 'v@maju.test' }],
    });
    await procurement.executeUpdate(procurementMessages.purchaseOrder, {
      args: [{ actor: manager, number: 'PO-2026-0042' }],
    });
    await procurement.executeUpdate(procurementMessages.contract, {
      args: [{ actor: manager, value: 300_000, startsOn: '2026-01-01', endsOn: '2026-12-31' }],
    });

    await passToHandover(handle);
    const guarantee = env.client.workflow.getHandle(guaranteeRefundWorkflowId(input.reference));
    const inPeriod = await poll(
      () => guarantee.query<GuaranteeRefundState>(guaranteeRefundMessages.state),
      (state) => state.refunds.length === 1,
      'the refund at completion',
    );
    expect(inPeriod.status).toBe('defects_liability');
    expect(inPeriod.refunds[0]).toMatchObject({ stage: 'completion', amount: 7_500 });

    const release = { actor: manager, releaseCertificate: documentOf('releaseCertificate') };
    const early = await rejectionOf(
      guarantee.executeUpdate(guaranteeRefundMessages.releaseDecision, { args: [release] }),
    );
    expect(early.type).toBe('invalid_state');

    await env.sleep(366 * day);
    await poll(
      () => guarantee.query<GuaranteeRefundState>(guaranteeRefundMessages.state),
      (state) => state.status === 'checklist',
      'the end of the defects-liability period',
    );
    const openChecklist = await rejectionOf(
      guarantee.executeUpdate(guaranteeRefundMessages.releaseDecision, { args: [release] }),
    );
    expect(openChecklist.message).toContain('defectsRectified');
    for (const item of releaseChecklistItems) {
      await guarantee.executeUpdate(guaranteeRefundMessages.checklist, {
        args: [{ actor: manager, item }],
      });
    }
    await guarantee.executeUpdate(guaranteeRefundMessages.releaseDecision, { args: [release] });

    const final: IctProjectState = await handle.result();
    expect(final.status).toBe('closed');
    expect(final.contract?.security).toEqual({ kind: 'retention', amount: 15_000 });
    expect(final.refund?.refunds.map((refund) => refund.amount)).toEqual([7_500, 7_500]);
    expect((await projectRow(input.projectId))?.status).toBe('closed');
  }, 120_000);

  it('corporate service closes without procurement', async () => {
    const { handle, input } = await startProject({ variant: 'corporateService' });
    await passToApproval(handle, 'corporateService');
    await decideApproval(input.reference, approvers.get('division') ?? '');
    await passToHandover(handle);

    const final: IctProjectState = await handle.result();
    expect(final.status).toBe('closed');
    expect(final.gatesPassed).toEqual([
      'preliminaryStudy',
      'corporateService',
      'evaluation',
      'kickOff',
      'verification',
      'presentation',
      'handover',
    ]);
    expect(final.contract).toBeNull();
    const row = await projectRow(input.projectId);
    expect(row?.status).toBe('closed');
    expect(row?.closedAt).not.toBeNull();
  }, 60_000);

  it('gate without its document is rejected', async () => {
    const { handle } = await startProject();
    await poll(
      () => projectState(handle),
      (state) => state.currentGate !== null,
      'the study',
    );
    const refused = await rejectionOf(
      handle.executeUpdate('preliminaryStudy', {
        args: [{ actor: manager, decision: 'yes', reason: '' }],
      }),
    );
    expect(refused.type).toBe('validation_failed');
    expect(refused.message).toContain('studyReport');
    expect((await projectState(handle)).gatesPassed).toEqual([]);
    await handle.terminate('test finished');
  }, 60_000);

  it('gate rejects the applicant as decider', async () => {
    const { handle } = await startProject();
    await attach(handle, 'studyReport');
    const refused = await rejectionOf(
      handle.executeUpdate('preliminaryStudy', {
        args: [{ actor: applicant, decision: 'yes', reason: '' }],
      }),
    );
    expect(refused.type).toBe('forbidden');
    await handle.terminate('test finished');
  }, 60_000);

  it.each([
    'preliminaryStudy',
    'applicationProject',
    'projectCriteria',
    'evaluation',
    'kickOff',
    'verification',
    'handover',
  ] as const)(
    'no at %s ends with reason',
    async (gate) => {
      const { handle, input } = await startProject();
      const lane: [ProjectGate, ProjectDocumentKind | null][] = [
        ['preliminaryStudy', 'studyReport'],
        ['applicationProject', null],
        ['projectCriteria', null],
        ['evaluation', 'evaluation'],
        ['kickOff', 'approvalMinutes'],
        ['verification', 'testReport'],
        ['presentation', 'acceptanceRecord'],
        ['handover', 'handoverRecord'],
      ];
      for (const [current, document] of lane) {
        if (current === gate) break;
        if (document) await attach(handle, document);
        await decideGate(handle, current);
        if (current === 'evaluation') {
          await decideApproval(input.reference, approvers.get('division') ?? '');
        }
      }
      await decideGate(handle, gate, 'no', `Ditolak di ${gate}`);

      const final: IctProjectState = await handle.result();
      expect(final.status).toBe('rejected');
      expect(final.rejectedAt).toBe(gate);
      expect(final.reason).toBe(`Ditolak di ${gate}`);
    },
    60_000,
  );

  it.each([
    [50_000, 'directPurchase', 'vendor_appointment'],
    [50_000.01, 'quotation', 'documents'],
    [500_000, 'quotation', 'documents'],
    [500_000.01, 'tender', 'documents'],
  ] as const)(
    'procurement of %d uses %s',
    async (value, method, status) => {
      const projectId = randomUUID();
      const reference = `PRJ-2026-${projectId.slice(0, 8)}`;
      await db.insert(ictProjects).values({
        id: projectId,
        reference,
        variant: 'applicationProject',
        title: 'Perolehan',
        description: '',
        applicantId: applicant.id,
        estimatedValue: value,
        status: 'procurement',
        authority: 'division',
        workflowId: reference,
        requestedAt: new Date(),
      });
      const procurement = await env.client.workflow.start('procurement', {
        workflowId: procurementWorkflowId(reference),
        taskQueue,
        args: [
          {
            reference,
            projectId,
            title: 'Perolehan',
            estimatedValue: value,
            securityKind: 'bond',
            defectsLiabilityDays: 365,
          },
        ],
      });
      const state = await poll(
        () => procurement.query<ProcurementState>(procurementMessages.state),
        () => true,
        'procurement',
      );
      expect(state.method).toBe(method);
      expect(state.status).toBe(status);
      if (method === 'tender') {
        const refused = await rejectionOf(
          procurement.executeUpdate(procurementMessages.documentsReady, {
            args: [{ actor: manager }],
          }),
        );
        expect(refused.message).toContain('tenderDocument');
      }
      await procurement.terminate('test finished');
    },
    60_000,
  );

  it('no at approval ends the project', async () => {
    const { handle, input } = await startProject();
    await passToApproval(handle, 'applicationProject');
    await decideApproval(input.reference, approvers.get('division') ?? '', 'rejected');

    const final: IctProjectState = await handle.result();
    expect(final.status).toBe('rejected');
    expect(final.rejectedAt).toBe('approval');
    expect(final.reason).toBe('Tiada peruntukan');
  }, 60_000);

  it('only the authority for the value approves', async () => {
    const { handle, input } = await startProject({ value: 600_000 });
    expect(
      (
        await poll(
          () => projectState(handle),
          () => true,
          'state',
        )
      ).authority,
    ).toBe('university');
    await passToApproval(handle, 'applicationProject');
    const chain = env.client.workflow.getHandle(approvalChainWorkflowId(input.reference));
    const chainState = await poll(
      () => chain.query<ApprovalChainState>(approvalChainStateQueryName),
      (state) => state.currentLevel !== null,
      'the approval chain',
    );
    expect(chainState.levels[0]?.approvers.map((approver) => approver.approverId)).toEqual([
      approvers.get('university'),
    ]);
    const wrong = await rejectionOf(
      chain.executeUpdate(decideApprovalUpdateName, {
        args: [{ actorId: approvers.get('division'), decision: 'approved', comment: '' }],
      }),
    );
    expect(wrong.type).toBe('forbidden');

    await decideApproval(input.reference, approvers.get('university') ?? '');
    await poll(
      () => projectState(handle),
      (state) => state.status === 'kick_off',
      'kick-off',
    );
    await handle.terminate('test finished');
  }, 60_000);

  it('Diterima loop returns to development', async () => {
    const { handle, input } = await startProject();
    await passToApproval(handle, 'applicationProject');
    await decideApproval(input.reference, approvers.get('division') ?? '');
    await attach(handle, 'approvalMinutes');
    await decideGate(handle, 'kickOff');
    for (let round = 0; round < 2; round += 1) {
      // Each round needs its own test report; the one of the round before does not count.
      const withoutReport = await rejectionOf(decideGate(handle, 'verification'));
      expect(withoutReport.message).toContain('testReport');
      await attach(handle, 'testReport');
      await decideGate(handle, 'verification');
      await decideGate(
        handle,
        'presentation',
        'no',
        `Pusingan ${round + 1}: laporan belum lengkap`,
      );
    }
    await attach(handle, 'testReport');
    await decideGate(handle, 'verification');
    const withoutRecord = await rejectionOf(decideGate(handle, 'presentation'));
    expect(withoutRecord.message).toContain('acceptanceRecord');
    await attach(handle, 'acceptanceRecord');
    await decideGate(handle, 'presentation');
    await attach(handle, 'handoverRecord');
    await decideGate(handle, 'handover');

    const final: IctProjectState = await handle.result();
    expect(final.status).toBe('closed');
    expect(final.presentationRejections).toBe(2);
    const history = await db
      .select({ action: ictProjectHistory.action })
      .from(ictProjectHistory)
      .where(
        and(
          eq(ictProjectHistory.projectId, input.projectId),
          eq(ictProjectHistory.source, 'project'),
        ),
      )
      .orderBy(asc(ictProjectHistory.step));
    const actions = history.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'not_accepted')).toHaveLength(2);
    expect(actions.filter((action) => action === 'development')).toHaveLength(3);
  }, 60_000);
});
