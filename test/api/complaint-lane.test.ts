/**
 * The complaint lane through the API with a real worker on the Temporal dev server: a customer's
 * portal complaint and an agent's phone complaint, each from receipt to closure and rating.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { cases, categories, notifications, people, services } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post, tinyPng, uploadFile } from '../helpers/http';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';

describe.each(databaseKinds())('complaint lane on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let unitId: string;
  let categoryId: string;
  const sessions: Record<string, Session> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // A Temporal per database: references restart with each fresh database.
    env = await createDevServerEnv();
    db = await openTestDatabase(kind);
    await insertSlaTargets(db.db);
    const unit = await createUnit(db.db, 'MEJA-BANTUAN');
    unitId = unit.id;
    const [service] = await db.db
      .insert(services)
      .values({ code: 'EMEL', nameMs: 'E-mel', nameEn: 'E-mail', defaultUnitId: unit.id })
      .returning();
    const [category] = await db.db
      .insert(categories)
      .values({
        serviceId: service!.id,
        code: 'EMEL-AKSES',
        nameMs: 'Tidak boleh akses e-mel',
        nameEn: 'Cannot access e-mail',
      })
      .returning();
    categoryId = category!.id;

    const customer = await createPerson(db.db, { roles: ['customer'], language: 'ms' });
    const agent = await createPerson(db.db, { roles: ['agent'], unitIds: [unit.id] });
    const technician = await createPerson(db.db, { roles: ['technician'], unitIds: [unit.id] });
    Object.assign(ids, { customer: customer.id, agent: agent.id, technician: technician.id });

    stack = await startStack(env, db);
    sessions.customer = await signIn(stack.app, customer.email);
    sessions.agent = await signIn(stack.app, agent.email);
    sessions.technician = await signIn(stack.app, technician.email);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.destroy();
    await env?.teardown();
  });

  async function walkToClosure(reference: string, customer: Session) {
    const assign = await post(stack.app, sessions.agent!, `/api/v1/cases/${reference}/assign`, {
      unitId,
      assigneeId: ids.technician,
      reason: 'Masalah akaun e-mel, unit Meja Bantuan',
    });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.json().case.status).toBe('assigned');

    const work = await post(
      stack.app,
      sessions.technician!,
      `/api/v1/cases/${reference}/work-logs`,
      {
        minutes: 25,
        body: 'Set semula kata laluan dan semak peti mel.',
      },
    );
    expect(work.statusCode, work.body).toBe(200);
    expect(work.json().case.status).toBe('in_progress');

    const reply = await post(
      stack.app,
      sessions.technician!,
      `/api/v1/cases/${reference}/replies`,
      {
        body: 'Kata laluan telah ditetapkan semula. Sila cuba log masuk semula.',
      },
    );
    expect(reply.statusCode, reply.body).toBe(200);

    const resolve = await post(
      stack.app,
      sessions.technician!,
      `/api/v1/cases/${reference}/resolve`,
      {
        resolutionNote: 'Akaun dibuka semula dan kata laluan ditetapkan semula.',
      },
    );
    expect(resolve.statusCode, resolve.body).toBe(200);
    expect(resolve.json().case.status).toBe('resolved');

    const rate = await post(stack.app, customer, `/api/v1/cases/${reference}/rating`, {
      score: 5,
      comment: 'Pantas dan membantu, terima kasih.',
    });
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.json().case.rating).toEqual({
      score: 5,
      comment: 'Pantas dan membantu, terima kasih.',
    });

    const confirm = await post(stack.app, customer, `/api/v1/cases/${reference}/confirm`, {});
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json().case.status).toBe('closed');
  }

  it('walks a portal complaint with an attachment from receipt to closure', async () => {
    const upload = await uploadFile(stack.app, sessions.customer!, 'tangkapan-skrin.png', tinyPng);
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json().contentType).toBe('image/png');

    const created = await post(stack.app, sessions.customer!, '/api/v1/cases', {
      title: 'Tidak dapat log masuk ke e-mel UTM',
      description: 'Sejak pagi tadi saya tidak dapat log masuk ke e-mel. Mesej ralat dilampirkan.',
      categoryId,
      urgency: 2,
      attachmentIds: [upload.json().id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const detail = created.json();
    expect(detail.reference).toMatch(/^ADU-\d{4}-\d{6}$/);
    expect(detail.status).toBe('new');
    expect(detail.channel).toBe('portal');
    expect(detail.unit?.id).toBe(unitId);
    expect(detail.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      'tangkapan-skrin.png',
    ]);
    expect(detail.history).toBeUndefined();
    expect(detail.workflow).toBeUndefined();

    const staffView = await get(stack.app, sessions.agent!, `/api/v1/cases/${detail.reference}`);
    expect(staffView.json().workflow.temporalUiUrl).toContain(`/workflows/${detail.reference}`);

    await walkToClosure(detail.reference, sessions.customer!);

    const [row] = await db.db.select().from(cases).where(eq(cases.reference, detail.reference));
    expect(row?.workMinutes).toBe(25);
    expect(row?.firstRespondedAt).not.toBeNull();
    const sent = await db.db
      .select({ template: notifications.template })
      .from(notifications)
      .where(eq(notifications.caseId, row!.id));
    const templates = sent.map((n) => n.template);
    expect(templates).toContain('acknowledgement');
    expect(templates).toContain('resolved');

    const download = await get(
      stack.app,
      sessions.customer!,
      `/api/v1/cases/${detail.reference}/attachments/${upload.json().id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(tinyPng)).toBe(true);
  });

  it('walks a phone complaint logged by an agent for a new caller', async () => {
    const created = await post(stack.app, sessions.agent!, '/api/v1/cases', {
      title: 'Wi-Fi tidak berfungsi di Blok N28',
      description: 'Pemanggil melaporkan eduroam terputus-putus sejak semalam.',
      channel: 'phone',
      requester: { email: `Pemanggil.${kind}@utm.my`, name: 'Siti Pemanggil', phone: '07-5530000' },
      categoryId,
      impact: 2,
      urgency: 1,
    });
    expect(created.statusCode, created.body).toBe(201);
    const detail = created.json();
    expect(detail.channel).toBe('phone');
    expect(detail.priority).toBe(2);
    expect(detail.requester.name).toBe('Siti Pemanggil');

    const [caller] = await db.db
      .select({ id: people.id, email: people.email, roles: people.roles })
      .from(people)
      .where(eq(people.email, `pemanggil.${kind}@utm.my`));
    expect(caller?.roles).toEqual(['customer']);
    expect(detail.requester.id).toBe(caller?.id);
  });

  it('walks a phone complaint logged by an agent for a known customer', async () => {
    const created = await post(stack.app, sessions.agent!, '/api/v1/cases', {
      title: 'Pencetak di pejabat tidak dapat dikesan',
      description: 'Pelanggan menelefon: pencetak rangkaian tidak muncul dalam senarai.',
      channel: 'phone',
      requester: { id: ids.customer },
      categoryId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const detail = created.json();
    expect(detail.channel).toBe('phone');
    expect(detail.requester.id).toBe(ids.customer);

    const [row] = await db.db.select().from(cases).where(eq(cases.reference, detail.reference));
    expect(row?.createdById).toBe(ids.agent);
    await walkToClosure(detail.reference, sessions.customer!);
  });
});
