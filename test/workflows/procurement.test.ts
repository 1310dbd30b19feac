/**
 * The value thresholds of the ICT project contract: the procurement method, the approval
 * authority and the performance security at values either side of each threshold. Then the
 * procurement workflow's step deadlines, on the time-skipping test server with a real worker over
 * a fresh PGlite. A reminder goes before a due time and an overdue notice at it, neither goes for
 * a step finished in time, and due times follow the settings.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { replaceProjectSettings } from '../../activities/projects/settings';
import type { Actor } from '../../common/complaint';
import { loadConfig } from '../../common/config';
import {
  approvalAuthorityFor,
  ictProjectThresholds,
  performanceSecurityFor,
  procurementDeadlineDefaults,
  procurementDocumentsFor,
  procurementMessages,
  procurementMethodFor,
  procurementWorkflowId,
  procurementWorkflowType,
  refundScheduleOf,
  thresholdIssues,
  type ProcurementContract,
  type ProcurementInput,
  type ProcurementState,
  type ProjectThresholds,
} from '../../common/ict-project';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import { ictProjectHistory, ictProjects, notifications, people } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { historiesDir } from './complaint-fixture';
import { historyToJson } from './history-json';

describe('procurement method by value', () => {
  const { quotationAbove, tenderAbove } = ictProjectThresholds.procurement;

  it.each([
    [quotationAbove, 'directPurchase'],
    [quotationAbove + 0.01, 'quotation'],
    [tenderAbove, 'quotation'],
    [tenderAbove + 0.01, 'tender'],
  ] as const)('value %d uses %s', (value, method) => {
    expect(procurementMethodFor(value)).toBe(method);
  });

  it('direct purchase needs no documents', () => {
    expect(procurementDocumentsFor('directPurchase', 'documentsReady')).toEqual([]);
    expect(procurementDocumentsFor('directPurchase', 'evaluate')).toEqual([]);
  });

  it('quotation and tender need their documents', () => {
    expect(procurementDocumentsFor('quotation', 'documentsReady')).toEqual(['quotationDocument']);
    expect(procurementDocumentsFor('tender', 'documentsReady')).toEqual(['tenderDocument']);
    expect(procurementDocumentsFor('tender', 'evaluate')).toEqual(['evaluationReport']);
  });
});

describe('approval authority by value', () => {
  const { university, kpt, mampu } = ictProjectThresholds.approval;

  it.each([
    [university - 0.01, 'division'],
    [university, 'university'],
    [kpt - 0.01, 'university'],
    [kpt, 'kpt'],
    [mampu - 0.01, 'kpt'],
    [mampu, 'mampu'],
  ] as const)('value %d goes to %s', (value, authority) => {
    expect(approvalAuthorityFor(value)).toBe(authority);
  });
});

describe('performance security by value', () => {
  it('none is required up to 200,000', () => {
    expect(performanceSecurityFor(200_000, 'bond')).toBeNull();
    expect(performanceSecurityFor(200_000, 'retention')).toBeNull();
  });

  it('bond is 2.5% up to 500,000', () => {
    expect(performanceSecurityFor(200_000.01, 'bond')?.amount).toBe(5_000);
    expect(performanceSecurityFor(500_000, 'bond')?.amount).toBe(12_500);
  });

  it('bond is 5% above 500,000', () => {
    expect(performanceSecurityFor(500_000.01, 'bond')?.amount).toBe(25_000);
  });

  it('retention is 5% with half at completion', () => {
    const security = performanceSecurityFor(300_000, 'retention');
    expect(security?.amount).toBe(15_000);
    if (!security) return;
    expect(refundScheduleOf(security)).toEqual({ atCompletion: 7_500, final: 7_500 });
  });

  it('bond is refunded whole after the period', () => {
    expect(refundScheduleOf({ kind: 'bond', amount: 12_500 })).toEqual({
      atCompletion: 0,
      final: 12_500,
    });
  });
});

describe('procurement deadline settings', () => {
  it('reminder lead must be shorter than every step', () => {
    const deadlines = { ...procurementDeadlineDefaults, reminderLead: 7 };
    expect(thresholdIssues({ ...ictProjectThresholds, deadlines })).toEqual([
      {
        field: 'deadlines.reminderLead',
        message: 'must be less than deadlines.vendorAppointment (7 days)',
      },
    ]);
  });

  it('out-of-range days skip the lead check', () => {
    // The range check of the API reports documents: 0 on its own field.
    const deadlines = { ...procurementDeadlineDefaults, documents: 0 };
    expect(thresholdIssues({ ...ictProjectThresholds, deadlines })).toEqual([]);
  });

  it('defaults have no issues', () => {
    expect(thresholdIssues(ictProjectThresholds)).toEqual([]);
  });
});

const hour = 60 * 60 * 1000;
const day = 24 * hour;

describe('procurement deadlines', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let db: Database;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `procurement-test-${randomUUID()}`;

  let applicantId: string;
  let adminId: string;
  let manager: Actor;
  /** The active managers, who receive the deadline notices, by id. */
  const managerLanguages = new Map<string, 'ms' | 'en'>();

  beforeAll(async () => {
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
    installRuntimeLogger(logger);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
    database = await openTestDatabase('pglite');
    db = database.db;

    applicantId = (await createPerson(db, { roles: ['customer'] })).id;
    adminId = (await createPerson(db, { roles: ['admin'] })).id;
    const malay = await createPerson(db, { roles: ['manager'] });
    const english = await createPerson(db, { roles: ['manager'], language: 'en' });
    managerLanguages.set(malay.id, 'ms');
    managerLanguages.set(english.id, 'en');
    manager = { id: malay.id, roles: ['manager'], unitIds: [], headOfUnitIds: [] };
    // A manager who has left gets no notice.
    const departed = await createPerson(db, { roles: ['manager'] });
    await db.update(people).set({ active: false }).where(eq(people.id, departed.id));

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

  async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const value = await read().catch(() => null);
      if (value !== null && done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Inserts the project row that notices and steps refer to, and starts its procurement. */
  async function startProcurement(estimatedValue: number, thresholds?: ProjectThresholds) {
    const projectId = randomUUID();
    const reference = `PRJ-2026-${projectId.slice(0, 8)}`;
    await db.insert(ictProjects).values({
      id: projectId,
      reference,
      variant: 'applicationProject',
      title: 'Sistem tempahan makmal',
      description: '',
      applicantId,
      estimatedValue,
      status: 'procurement',
      authority: 'division',
      workflowId: reference,
      requestedAt: new Date(),
    });
    const input: ProcurementInput = {
      reference,
      projectId,
      title: 'Sistem tempahan makmal',
      estimatedValue,
      securityKind: 'bond',
      defectsLiabilityDays: 365,
      ...(thresholds ? { thresholds } : {}),
    };
    const startedAt = await env.currentTimeMs();
    const handle = await env.client.workflow.start(procurementWorkflowType, {
      workflowId: procurementWorkflowId(reference),
      taskQueue,
      args: [input],
    });
    const state = await readState(handle);
    return { handle, reference, projectId, startedAt, state };
  }

  function readState(handle: WorkflowHandle) {
    return poll(
      () => handle.query<ProcurementState>(procurementMessages.state),
      () => true,
      'the procurement state',
    );
  }

  /** Returns the deadline notices of a project, oldest key first. */
  function noticesOf(reference: string) {
    return db
      .select({
        key: notifications.idempotencyKey,
        template: notifications.template,
        recipientId: notifications.recipientId,
        language: notifications.language,
        subject: notifications.subject,
      })
      .from(notifications)
      .where(like(notifications.idempotencyKey, `project:${reference}:procurement:%`))
      .orderBy(asc(notifications.idempotencyKey));
  }

  function waitForNotices(reference: string, template: string) {
    return poll(
      () => noticesOf(reference),
      (rows) => rows.filter((row) => row.template === template).length >= managerLanguages.size,
      `${template} of ${reference}`,
    );
  }

  /** Skips the test server's clock forward to the given instant (epoch ms). */
  async function skipTo(instant: number): Promise<void> {
    const now = await env.currentTimeMs();
    if (instant > now) await env.sleep(instant - now);
  }

  function step<M>(handle: WorkflowHandle, name: string, message: M) {
    return handle.executeUpdate<ProcurementState, [M & { actor: Actor }]>(name, {
      args: [{ actor: manager, ...message }],
    });
  }

  /** Writes the workflow's history to test/histories/ when RECORD_HISTORIES=1, for the replay test. */
  async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
    if (process.env.RECORD_HISTORIES !== '1') return;
    const history = await handle.fetchHistory();
    writeFileSync(
      `${historiesDir}procurement-${name}.json`,
      `${JSON.stringify(historyToJson(history), null, 2)}\n`,
    );
  }

  it('reminder then overdue notice', async () => {
    const { handle, reference, startedAt, state } = await startProcurement(300_000);
    expect(state.method).toBe('quotation');
    expect(state.status).toBe('documents');
    expect(state.dueAt).not.toBeNull();
    const dueAt = Date.parse(state.dueAt ?? '');
    // Documents are due 14 days after the start; the start is a few seconds after startedAt.
    expect(dueAt - startedAt).toBeGreaterThanOrEqual(14 * day);
    expect(dueAt - startedAt).toBeLessThan(14 * day + hour);
    const remindAt = dueAt - 2 * day;

    await skipTo(remindAt - hour);
    await readState(handle);
    expect(await noticesOf(reference)).toEqual([]);

    await skipTo(remindAt + hour);
    const reminded = await waitForNotices(reference, 'procurementStepDue');
    expect(reminded.map((row) => row.template)).toEqual([
      'procurementStepDue',
      'procurementStepDue',
    ]);
    expect(new Set(reminded.map((row) => row.recipientId))).toEqual(
      new Set(managerLanguages.keys()),
    );
    for (const row of reminded) {
      expect(row.key).toBe(
        `project:${reference}:procurement:documents:reminder:management:${row.recipientId}`,
      );
      expect(row.language).toBe(managerLanguages.get(row.recipientId ?? ''));
    }
    expect(reminded.find((row) => row.language === 'ms')?.subject).toContain('Peringatan');
    expect(reminded.find((row) => row.language === 'en')?.subject).toContain('Reminder');

    await skipTo(dueAt - hour);
    await readState(handle);
    expect(
      (await noticesOf(reference)).filter((row) => row.template === 'procurementStepOverdue'),
    ).toEqual([]);

    await skipTo(dueAt + hour);
    const all = await waitForNotices(reference, 'procurementStepOverdue');
    const overdue = all.filter((row) => row.template === 'procurementStepOverdue');
    expect(overdue).toHaveLength(2);
    for (const row of overdue) {
      expect(row.key).toBe(
        `project:${reference}:procurement:documents:overdue:management:${row.recipientId}`,
      );
    }

    // Each notice goes once per step, however long the step stays late.
    await env.sleep(30 * day);
    await readState(handle);
    expect(await noticesOf(reference)).toHaveLength(4);
    expect((await readState(handle)).status).toBe('documents');
    await recordHistory(handle, 'deadlines-overdue');
    await handle.terminate('test finished');
  }, 120_000);

  it('finished steps send nothing more', async () => {
    const { handle, reference, projectId, state } = await startProcurement(30_000);
    expect(state.method).toBe('directPurchase');
    expect(state.status).toBe('vendor_appointment');
    const firstDue = Date.parse(state.dueAt ?? '');

    await env.sleep(day);
    const appointed = await step(handle, procurementMessages.appointVendor, {
      vendorName: 'Syarikat Maju Sdn Bhd',
      vendorEmail: 'akaun@maju.test',
    });
    expect(appointed.status).toBe('purchase_order');
    const nextDue = Date.parse(appointed.dueAt ?? '');
    const appointedAt = await env.currentTimeMs();
    // The purchase order is due 7 days after the vendor appointment, not after the start.
    expect(nextDue - appointedAt).toBeGreaterThan(7 * day - hour);
    expect(nextDue - appointedAt).toBeLessThanOrEqual(7 * day);

    // Past the appointment's own reminder and due time, which also passes the purchase order's
    // reminder 5 days after the appointment. The appointment was done, so it sends neither.
    await skipTo(firstDue + hour);
    const reminded = await waitForNotices(reference, 'procurementStepDue');
    const vendorNotices = reminded.filter((row) => row.key.includes(':vendor_appointment:'));
    expect(vendorNotices).toEqual([]);
    const orderNotices = reminded.filter((row) => row.key.includes(':purchase_order:reminder:'));
    expect(orderNotices).toHaveLength(2);

    await step(handle, procurementMessages.purchaseOrder, { number: 'PO-2026-0042' });
    await step(handle, procurementMessages.contract, {
      value: 30_000,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    const contract = await handle.result();
    expect((contract as ProcurementContract).vendorName).toBe('Syarikat Maju Sdn Bhd');
    // The purchase order finished before its due time, so its overdue notice never goes.
    await env.sleep(30 * day);
    const notices = await noticesOf(reference);
    expect(notices.map((row) => row.template)).toEqual([
      'procurementStepDue',
      'procurementStepDue',
    ]);

    const history = await db
      .select({ action: ictProjectHistory.action, details: ictProjectHistory.details })
      .from(ictProjectHistory)
      .where(
        and(
          eq(ictProjectHistory.projectId, projectId),
          eq(ictProjectHistory.source, 'procurement'),
        ),
      )
      .orderBy(asc(ictProjectHistory.step));
    expect(history.map((entry) => entry.action)).toEqual([
      'started',
      'appointVendor',
      'purchaseOrder',
      'contract',
    ]);
    const dueTimes = history.map((entry) => (entry.details as { nextDueAt?: string }).nextDueAt);
    expect(dueTimes[0]).toBe(state.dueAt);
    expect(dueTimes[1]).toBe(appointed.dueAt);
    expect(typeof dueTimes[2]).toBe('string');
    // The contract ends the procurement, so no step follows it.
    expect(dueTimes[3]).toBeUndefined();
    await recordHistory(handle, 'deadlines-completed');
  }, 120_000);

  it('due time follows the settings', async () => {
    await replaceProjectSettings(
      db,
      {
        ...ictProjectThresholds,
        deadlines: { ...procurementDeadlineDefaults, vendorAppointment: 3, reminderLead: 1 },
        financeEmail: null,
      },
      adminId,
      new Date(),
    );
    try {
      const { handle, reference, startedAt, state } = await startProcurement(30_000);
      const dueAt = Date.parse(state.dueAt ?? '');
      expect(dueAt - startedAt).toBeGreaterThanOrEqual(3 * day);
      expect(dueAt - startedAt).toBeLessThan(3 * day + hour);

      // The reminder follows the stored lead of 1 day, not the default 2.
      await skipTo(dueAt - day - hour);
      await readState(handle);
      expect(await noticesOf(reference)).toEqual([]);
      await skipTo(dueAt - day + hour);
      await waitForNotices(reference, 'procurementStepDue');
      await handle.terminate('test finished');
    } finally {
      await replaceProjectSettings(
        db,
        { ...ictProjectThresholds, financeEmail: null },
        adminId,
        new Date(),
      );
    }
  }, 120_000);

  it('thresholds passed by the project set the due time', async () => {
    const passed = {
      ...ictProjectThresholds,
      deadlines: { ...procurementDeadlineDefaults, documents: 30 },
    };
    const { handle, startedAt, state } = await startProcurement(300_000, passed);
    const dueAt = Date.parse(state.dueAt ?? '');
    expect(dueAt - startedAt).toBeGreaterThanOrEqual(30 * day);
    expect(dueAt - startedAt).toBeLessThan(30 * day + hour);
    await handle.terminate('test finished');
  }, 60_000);

  it('thresholds without deadlines use the defaults', async () => {
    // A project started before the deadlines existed passes thresholds without them.
    const { approval, procurement, security, retention } = ictProjectThresholds;
    const older: ProjectThresholds = { approval, procurement, security, retention };
    const { handle, startedAt, state } = await startProcurement(30_000, older);
    const dueAt = Date.parse(state.dueAt ?? '');
    expect(dueAt - startedAt).toBeGreaterThanOrEqual(7 * day);
    expect(dueAt - startedAt).toBeLessThan(7 * day + hour);
    await handle.terminate('test finished');
  }, 60_000);
});
