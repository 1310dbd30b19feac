/**
 * The approvalChain workflow on the time-skipping test server, with a real worker and the real
 * activities over a fresh PGlite: levels, modes, delegation, rejection, permissions, reminders
 * and escalation.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import {
  approvalChainStateQueryName,
  approvalChainWorkflowId,
  approvalChainWorkflowType,
  decideApprovalUpdateName,
  type ApprovalChainInput,
  type ApprovalChainState,
  type ApprovalRuleLevel,
  type ApprovalSubject,
  type DecideApprovalInput,
  type DecideApprovalResult,
} from '../../common/approval';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import type { Database } from '../../db/client';
import { approvalDelegations, approvalRules, approvalTasks, notifications } from '../../db/schema';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import type { approvalChain } from '../../workflows/approval-chain';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const day = 24 * 60 * 60 * 1000;

type ChainHandle = WorkflowHandle<typeof approvalChain>;

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Database;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `approval-test-${randomUUID()}`;

interface Cast {
  requester: string;
  unitId: string;
  unitHead: string;
  approverA: string;
  approverB: string;
  director: string;
  delegate: string;
  stranger: string;
}
let cast: Cast;

beforeAll(async () => {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
  installRuntimeLogger(logger);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  database = await openTestDatabase('pglite');
  db = database.db;
  await insertAlwaysOpenCalendar(db);

  const unit = await createUnit(db, 'PENGURUSAN');
  const directorate = await createUnit(db, 'PENGARAH');
  const director = await createPerson(db, { roles: ['manager'], headOf: [directorate.id] });
  cast = {
    requester: (await createPerson(db, { roles: ['customer'], unitIds: [unit.id] })).id,
    unitId: unit.id,
    unitHead: (await createPerson(db, { roles: ['supervisor'], headOf: [unit.id] })).id,
    approverA: (await createPerson(db, { roles: ['approver'], unitIds: [directorate.id] })).id,
    approverB: (await createPerson(db, { roles: ['approver'], unitIds: [directorate.id] })).id,
    director: director.id,
    delegate: (await createPerson(db, { roles: ['supervisor'] })).id,
    stranger: (await createPerson(db, { roles: ['approver'] })).id,
  };

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

/** Adds a rule for a category of its own, so each test's chain has the levels it needs. */
async function addRule(levels: ApprovalRuleLevel[]): Promise<string> {
  const category = `CAT-${randomUUID().slice(0, 8)}`;
  await db.insert(approvalRules).values({
    name: `rule ${category}`,
    subjectKind: 'facilityRequest',
    category,
    priority: 10,
    levels,
  });
  return category;
}

async function startChain(
  category: string | null,
  options: Partial<ApprovalChainInput> = {},
): Promise<ChainHandle> {
  const reference = `PKM-2026-${randomUUID().slice(0, 6)}`;
  const subject: ApprovalSubject = {
    kind: 'facilityRequest',
    reference,
    title: 'Lesen perisian MATLAB',
    requesterId: cast.requester,
    unitId: cast.unitId,
    category,
    value: null,
    link: `/facilities/${reference}`,
  };
  return env.client.workflow.start<typeof approvalChain>(approvalChainWorkflowType, {
    workflowId: approvalChainWorkflowId(reference),
    taskQueue,
    args: [{ subject, ...options }],
  });
}

/** Polls the chain's query until it waits at the given level; at most 100 tries. */
async function waitForLevel(handle: WorkflowHandle, level: number): Promise<ApprovalChainState> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await handle.query<ApprovalChainState>(approvalChainStateQueryName);
    if (state.currentLevel === level) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${handle.workflowId} never reached level ${level}`);
}

function decide(handle: WorkflowHandle, input: DecideApprovalInput) {
  return handle.executeUpdate<DecideApprovalResult, [DecideApprovalInput]>(
    decideApprovalUpdateName,
    { args: [input] },
  );
}

/** 'accepted', or the `type` of the ApplicationFailure that rejected the update. */
async function outcomeOf(sending: Promise<unknown>): Promise<string> {
  try {
    await sending;
    return 'accepted';
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return error.cause.type ?? 'untyped';
    }
    throw error;
  }
}

async function tasksOf(handle: WorkflowHandle) {
  return db.select().from(approvalTasks).where(eq(approvalTasks.workflowId, handle.workflowId));
}

describe('approvalChain workflow', () => {
  it('any-of level closes on first approval', async () => {
    const category = await addRule([
      {
        mode: 'any',
        approvers: [
          { type: 'person', personId: cast.approverA },
          { type: 'person', personId: cast.approverB },
        ],
      },
    ]);
    const handle = await startChain(category);
    await waitForLevel(handle, 1);

    const result = await decide(handle, {
      actorId: cast.approverB,
      decision: 'approved',
      comment: '',
    });
    const outcome = await handle.result();

    expect(result.levelClosed).toBe(true);
    expect(result.outcome?.approved).toBe(true);
    expect(outcome.approved).toBe(true);
    expect(outcome.decisions).toHaveLength(1);
    expect(outcome.decisions[0]?.approverId).toBe(cast.approverB);
    const statuses = Object.fromEntries(
      (await tasksOf(handle)).map((t) => [t.approverId, t.status]),
    );
    expect(statuses[cast.approverB]).toBe('approved');
    expect(statuses[cast.approverA]).toBe('superseded');
  });

  it('all-of level waits for every approver', async () => {
    const category = await addRule([
      {
        mode: 'all',
        approvers: [
          { type: 'person', personId: cast.approverA },
          { type: 'person', personId: cast.approverB },
        ],
      },
    ]);
    const handle = await startChain(category);
    await waitForLevel(handle, 1);

    const first = await decide(handle, {
      actorId: cast.approverA,
      decision: 'approved',
      comment: 'OK',
    });
    expect(first.levelClosed).toBe(false);
    expect((await handle.query<ApprovalChainState>(approvalChainStateQueryName)).currentLevel).toBe(
      1,
    );

    const second = await decide(handle, {
      actorId: cast.approverB,
      decision: 'approved',
      comment: '',
    });
    expect(second.levelClosed).toBe(true);
    const outcome = await handle.result();
    expect(outcome.approved).toBe(true);
    expect(outcome.decisions.map((d) => d.approverId)).toEqual([cast.approverA, cast.approverB]);
  });

  it('two levels decided in order', async () => {
    const category = await addRule([
      { mode: 'any', approvers: [{ type: 'requesterUnitHead' }] },
      { mode: 'any', approvers: [{ type: 'person', personId: cast.director }] },
    ]);
    const handle = await startChain(category);
    await waitForLevel(handle, 1);

    expect(
      await outcomeOf(
        decide(handle, { actorId: cast.director, decision: 'approved', comment: '' }),
      ),
    ).toBe('forbidden');
    await decide(handle, { actorId: cast.unitHead, decision: 'approved', comment: 'Disokong' });
    await waitForLevel(handle, 2);
    await decide(handle, { actorId: cast.director, decision: 'approved', comment: 'Diluluskan' });

    const outcome = await handle.result();
    expect(outcome.approved).toBe(true);
    expect(outcome.decisions.map((d) => [d.level, d.approverId])).toEqual([
      [1, cast.unitHead],
      [2, cast.director],
    ]);
  });

  it('rejection ends the chain with its reason', async () => {
    const category = await addRule([
      { mode: 'all', approvers: [{ type: 'person', personId: cast.approverA }] },
      { mode: 'any', approvers: [{ type: 'person', personId: cast.director }] },
    ]);
    const handle = await startChain(category);
    await waitForLevel(handle, 1);

    expect(
      await outcomeOf(
        decide(handle, { actorId: cast.approverA, decision: 'rejected', comment: '  ' }),
      ),
    ).toBe('validation_failed');
    const result = await decide(handle, {
      actorId: cast.approverA,
      decision: 'rejected',
      comment: 'Tiada peruntukan bajet',
    });
    const outcome = await handle.result();

    expect(result.outcome?.approved).toBe(false);
    expect(outcome.approved).toBe(false);
    expect(outcome.reason).toBe('Tiada peruntukan bajet');
    const tasks = await tasksOf(handle);
    expect(tasks.some((task) => task.level === 2)).toBe(false);
    expect(tasks[0]?.comment).toBe('Tiada peruntukan bajet');
  });

  it('delegate decides on behalf of approver', async () => {
    const away = await createPerson(db, { roles: ['approver'] });
    await db.insert(approvalDelegations).values({
      approverId: away.id,
      delegateId: cast.delegate,
      startsOn: '2000-01-01',
      endsOn: '2999-12-31',
      reason: 'Cuti',
    });
    const category = await addRule([
      { mode: 'any', approvers: [{ type: 'person', personId: away.id }] },
    ]);
    const handle = await startChain(category);
    await waitForLevel(handle, 1);

    await decide(handle, { actorId: cast.delegate, decision: 'approved', comment: 'Bagi pihak' });
    const outcome = await handle.result();

    expect(outcome.decisions[0]?.approverId).toBe(cast.delegate);
    expect(outcome.decisions[0]?.onBehalfOf).toBe(away.id);
    const [task] = await tasksOf(handle);
    expect(task?.decidedById).toBe(cast.delegate);
    expect(task?.onBehalfOf).toBe(away.id);
  });

  it('non-approver is refused', async () => {
    const category = await addRule([
      { mode: 'any', approvers: [{ type: 'person', personId: cast.approverA }] },
    ]);
    const handle = await startChain(category);
    await waitForLevel(handle, 1);

    for (const actorId of [cast.stranger, cast.requester]) {
      expect(await outcomeOf(decide(handle, { actorId, decision: 'approved', comment: '' }))).toBe(
        'forbidden',
      );
    }
    expect(
      await outcomeOf(
        decide(handle, { actorId: cast.approverA, decision: 'maybe' as 'approved', comment: '' }),
      ),
    ).toBe('validation_failed');
    const [task] = await tasksOf(handle);
    expect(task?.status).toBe('pending');

    await decide(handle, { actorId: cast.approverA, decision: 'approved', comment: '' });
    await handle.result();
    await expect(
      decide(handle, { actorId: cast.approverA, decision: 'approved', comment: '' }),
    ).rejects.toThrow();
  });

  it('silent approver is reminded then escalated', async () => {
    const category = await addRule([
      { mode: 'any', approvers: [{ type: 'person', personId: cast.approverA }] },
    ]);
    const handle = await startChain(category, {
      reminderWorkingDays: 1,
      remindersBeforeEscalation: 2,
    });
    await waitForLevel(handle, 1);

    // A reminder falls due at the close of the next working day, so three fall within 10 days.
    await env.sleep(10 * day);
    const state = await handle.query<ApprovalChainState>(approvalChainStateQueryName);
    expect(state.currentLevel).toBe(1);

    const mail = await db
      .select({ template: notifications.template, recipientId: notifications.recipientId })
      .from(notifications)
      .where(like(notifications.idempotencyKey, `${handle.workflowId}:%`));
    const reminders = mail.filter((m) => m.template === 'approval_reminder');
    expect(reminders).toHaveLength(2);
    expect(reminders.every((m) => m.recipientId === cast.approverA)).toBe(true);
    const escalations = mail.filter((m) => m.template === 'approval_escalation');
    expect(escalations.map((m) => m.recipientId)).toEqual([cast.director]);

    const [escalated] = await db
      .select()
      .from(approvalTasks)
      .where(
        and(
          eq(approvalTasks.workflowId, handle.workflowId),
          eq(approvalTasks.approverId, cast.director),
        ),
      );
    expect(escalated?.slotApproverId).toBe(cast.approverA);

    await decide(handle, { actorId: cast.director, decision: 'approved', comment: 'Dieskalasi' });
    const outcome = await handle.result();
    expect(outcome.approved).toBe(true);
    expect(outcome.decisions[0]?.onBehalfOf).toBe(cast.approverA);
    const original = (await tasksOf(handle)).find((t) => t.approverId === cast.approverA);
    expect(original?.status).toBe('superseded');
    expect(original?.remindersSent).toBe(2);
  });

  it('falls back to requester unit head without rule', async () => {
    const handle = await startChain(`NO-RULE-${randomUUID().slice(0, 6)}`);
    const state = await waitForLevel(handle, 1);
    expect(state.levels[0]?.approvers.map((a) => a.approverId)).toEqual([cast.unitHead]);
    await decide(handle, { actorId: cast.unitHead, decision: 'approved', comment: '' });
    expect((await handle.result()).approved).toBe(true);
  });
});
