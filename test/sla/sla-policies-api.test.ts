/**
 * The SLA policy API on every database kind. Administrators list, create and update policies, and
 * everyone else gets 403. Bad input gets 400 naming the field and writes nothing. A change starts
 * the deadline recomputation on Temporal: the time-skipping server without a worker, so the started
 * workflow waits.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import { canManageSlaPolicies } from '../../api/policies/sla';
import { recomputeDeadlinesWorkflowId } from '../../common/complaint';
import { roles } from '../../common/enums';
import { categories, slaPolicies } from '../../db/schema';
import { loadReferenceData, referenceSlaPolicies } from '../../db/seed/reference';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { createTimeSkippingEnv } from '../helpers/temporal';

interface PolicyBody {
  id: string;
  code: string;
  workflowType: string;
  categoryId: string | null;
  priority: number | null;
  firstResponse: unknown;
  resolution: unknown;
  pauseStatuses: string[];
  reopenMode: string;
  warningShares: number[];
  escalation: Record<string, boolean>;
  active: boolean;
}

interface ErrorBody {
  error: { code: string; details?: Array<{ field: string }> };
}

function newPolicy(overrides: Record<string, unknown> = {}) {
  return {
    code: 'complaint-network-p2',
    nameMs: 'Rangkaian tinggi',
    nameEn: 'Network high',
    workflowType: 'complaint',
    categoryId: null,
    priority: 2,
    firstResponse: { kind: 'workingMinutes', minutes: 60 },
    resolution: { kind: 'workingDays', days: 3 },
    pauseStatuses: ['waiting_supplier', 'waiting_customer'],
    reopenMode: 'restart',
    warningShares: [0.9, 0.5],
    escalation: { notifyUnitHead: true, raisePriority: true, reassignToUnitQueue: false },
    active: true,
    ...overrides,
  };
}

describe('SLA policy rights', () => {
  it.each(roles)('manage right of %s', (role) => {
    const principal = {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'someone@test.khidmat.invalid',
      name: 'Someone',
      roles: [role],
      language: 'ms' as const,
      unitIds: [],
      headOfUnitIds: [],
    };
    expect(canManageSlaPolicies(principal)).toBe(role === 'admin');
  });
});

describe.each(databaseKinds())('SLA policy API on %s', (kind) => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let app: App;
  let admin: Session;
  let supervisor: Session;
  let customer: Session;
  let outageCategoryId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await loadReferenceData(db.db);
    env = await createTimeSkippingEnv();
    ({ app } = await buildTestApp({
      db,
      temporalClient: env.client,
      taskQueue: 'sla-policies-api-test',
      env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' },
    }));
    admin = await signIn(app, (await createPerson(db.db, { roles: ['admin'] })).email);
    supervisor = await signIn(app, (await createPerson(db.db, { roles: ['supervisor'] })).email);
    customer = await signIn(app, (await createPerson(db.db, { roles: ['customer'] })).email);
    const [outage] = await db.db
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.code, 'NET-OUTAGE'));
    outageCategoryId = outage?.id ?? '';
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
    await db?.destroy();
  });

  function request(
    session: Session,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: Record<string, unknown>,
  ) {
    return app.inject({
      method,
      url: `/api/v1${url}`,
      headers: method === 'GET' ? { cookie: session.cookie } : session.headers,
      ...(payload ? { payload } : {}),
    });
  }

  async function policyCount(): Promise<number> {
    const [row] = await db.db.select({ n: count() }).from(slaPolicies);
    return Number(row?.n ?? 0);
  }

  it('seed loads the charter policies once', async () => {
    const loaded = await policyCount();
    expect(loaded).toBe(referenceSlaPolicies.length);
    await loadReferenceData(db.db);
    expect(await policyCount()).toBe(loaded);
  });

  it('list returns the seeded policies to an administrator', async () => {
    const response = await request(admin, 'GET', '/sla-policies');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: PolicyBody[] }>();
    const critical = items.find((policy) => policy.code === 'complaint-p1');
    expect(critical).toMatchObject({
      workflowType: 'complaint',
      priority: 1,
      categoryId: null,
      firstResponse: { kind: 'workingMinutes', minutes: 30 },
      resolution: { kind: 'workingMinutes', minutes: 240 },
      pauseStatuses: ['waiting_supplier'],
      warningShares: [0.75],
    });
    const security = items.find((policy) => policy.code === 'complaint-security-sec-phishing');
    expect(security?.categoryId).not.toBeNull();
    expect(security?.resolution).toEqual({ kind: 'workingDays', days: 1 });
  });

  it('non-administrators are forbidden', async () => {
    for (const session of [supervisor, customer]) {
      expect((await request(session, 'GET', '/sla-policies')).statusCode).toBe(403);
      const created = await request(session, 'POST', '/sla-policies', newPolicy());
      expect(created.statusCode).toBe(403);
    }
    expect(await policyCount()).toBe(referenceSlaPolicies.length);
  });

  it('create stores a policy and starts the recomputation', async () => {
    const response = await request(
      admin,
      'POST',
      '/sla-policies',
      newPolicy({ categoryId: outageCategoryId }),
    );
    expect(response.statusCode).toBe(201);
    const created = response.json<PolicyBody>();
    // Statuses and shares come back in a fixed order.
    expect(created.pauseStatuses).toEqual(['waiting_customer', 'waiting_supplier']);
    expect(created.warningShares).toEqual([0.5, 0.9]);
    expect(created.escalation.raisePriority).toBe(true);

    const description = await env.client.workflow
      .getHandle(recomputeDeadlinesWorkflowId)
      .describe();
    expect(description.type).toBe('recomputeDeadlines');
    expect(description.status.name).toBe('RUNNING');
  });

  it('second policy for one scope is a conflict', async () => {
    const response = await request(
      admin,
      'POST',
      '/sla-policies',
      newPolicy({ code: 'complaint-network-p2-again', categoryId: outageCategoryId }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorBody>().error.code).toBe('conflict');
  });

  it('update replaces the fields', async () => {
    const [row] = await db.db
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(eq(slaPolicies.code, 'complaint-network-p2'));
    const response = await request(
      admin,
      'PUT',
      `/sla-policies/${row?.id}`,
      newPolicy({
        categoryId: outageCategoryId,
        resolution: { kind: 'workingMinutes', minutes: 960 },
        active: false,
      }),
    );
    expect(response.statusCode).toBe(200);
    const updated = response.json<PolicyBody>();
    expect(updated.resolution).toEqual({ kind: 'workingMinutes', minutes: 960 });
    expect(updated.active).toBe(false);
  });

  it('update of an unknown policy is not found', async () => {
    const response = await request(
      admin,
      'PUT',
      '/sla-policies/00000000-0000-4000-8000-00000000abcd',
      newPolicy({ code: 'complaint-unknown' }),
    );
    expect(response.statusCode).toBe(404);
  });

  it.each([
    ['body.warningShares.0', { warningShares: [1.5] }],
    ['body.resolution.days', { resolution: { kind: 'workingDays', days: 0 } }],
    ['body.resolution.kind', { resolution: { kind: 'calendarDays', days: 2 } }],
    ['body.pauseStatuses.0', { pauseStatuses: ['resolved'] }],
    ['body.workflowType', { workflowType: 'procurement' }],
    ['body.priority', { priority: 7 }],
    ['body.reopenMode', { reopenMode: 'forget' }],
    ['body.code', { code: 'kod dengan ruang' }],
  ])('invalid %s is rejected', async (field, change) => {
    const before = await policyCount();
    const response = await request(
      admin,
      'POST',
      '/sla-policies',
      newPolicy({ code: 'complaint-invalid', priority: 3, categoryId: null, ...change }),
    );
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details?.map((issue) => issue.field)).toContain(field);
    expect(await policyCount()).toBe(before);
  });
});
