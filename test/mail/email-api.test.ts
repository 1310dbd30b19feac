/**
 * The e-mail channel's routes with a real worker on the Temporal dev server: the inbound route
 * with its per-mailbox token, mailbox settings, the message list, the quarantine with
 * re-processing, and who may use them.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mailScheduleId } from '../../common/mail';
import { mailMailboxes } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { get, post } from '../helpers/http';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import { fixture } from './harness';

describe.each(databaseKinds())('e-mail routes on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let admin: Session;
  let agent: Session;
  let customer: Session;
  let otherCustomer: Session;
  let token: string;
  let mailboxId: string;

  beforeAll(async () => {
    env = await createDevServerEnv();
    db = await openTestDatabase(kind);
    await insertSlaTargets(db.db);
    const adminPerson = await createPerson(db.db, { roles: ['admin'] });
    const agentPerson = await createPerson(db.db, { roles: ['agent'] });
    await createPerson(db.db, { email: 'aminah@utm.my', name: 'Aminah Hassan' });
    const other = await createPerson(db.db, { roles: ['customer'] });
    stack = await startStack(env, db);
    admin = await signIn(stack.app, adminPerson.email);
    agent = await signIn(stack.app, agentPerson.email);
    customer = await signIn(stack.app, 'aminah@utm.my');
    otherCustomer = await signIn(stack.app, other.email);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.destroy();
    await env?.teardown();
  });

  function inbound(raw: Buffer, mailboxToken: string) {
    return stack.app.inject({
      method: 'POST',
      url: '/api/v1/channels/email/inbound',
      headers: { 'content-type': 'message/rfc822', 'x-khidmat-mailbox-token': mailboxToken },
      payload: raw,
    });
  }

  it('admin creates mailbox with token', async () => {
    const response = await post(stack.app, admin, '/api/v1/channels/email/mailboxes', {
      name: 'Meja Bantuan',
      address: 'Aduan@Khidmat.Test',
      knownDomains: ['utm.my'],
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.mailbox.address).toBe('aduan@khidmat.test');
    expect(body.mailbox.imapPasswordSet).toBe(false);
    expect(body.inboundToken).toMatch(/^khm_/);
    token = body.inboundToken;
    mailboxId = body.mailbox.id;
    const [row] = await db.db.select().from(mailMailboxes).where(eq(mailMailboxes.id, mailboxId));
    expect(row!.inboundTokenHash).not.toContain(token);
    // The intake runs on a Temporal Schedule, which also retries messages stored by the route.
    const schedule = await env.client.schedule.getHandle(mailScheduleId(mailboxId)).describe();
    expect(schedule.action.type).toBe('startWorkflow');
  });

  it('mailbox input is validated by field', async () => {
    const response = await post(stack.app, admin, '/api/v1/channels/email/mailboxes', {
      name: 'X',
      address: 'not-an-address',
      knownDomains: ['utm'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('address');
    const duplicate = await post(stack.app, admin, '/api/v1/channels/email/mailboxes', {
      name: 'Lagi',
      address: 'aduan@khidmat.test',
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('inbound mail with token opens a case', async () => {
    const response = await inbound(fixture('plain.eml'), token);
    expect(response.statusCode, response.body).toBe(202);
    const body = response.json();
    expect(body.outcome).toBe('new_case');
    expect(body.duplicate).toBe(false);
    const view = await get(stack.app, customer, `/api/v1/cases/${body.caseReference}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().channel).toBe('email');
    // Another customer must not see it.
    const hidden = await get(stack.app, otherCustomer, `/api/v1/cases/${body.caseReference}`);
    expect(hidden.statusCode).toBe(404);

    const again = await inbound(fixture('plain.eml'), token);
    expect(again.json().duplicate).toBe(true);
    expect(again.json().caseReference).toBe(body.caseReference);
  });

  it('inbound rejects bad token and empty body', async () => {
    expect(
      (await inbound(fixture('plain.eml'), 'khm_wrong-token-of-enough-length')).statusCode,
    ).toBe(401);
    const missing = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/channels/email/inbound',
      headers: { 'content-type': 'message/rfc822' },
      payload: fixture('plain.eml'),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('x-khidmat-mailbox-token');
    const empty = await inbound(Buffer.alloc(0), token);
    expect(empty.statusCode).toBe(400);
  });

  it('quarantine lists and reprocesses', async () => {
    const malformed = await inbound(fixture('malformed.eml'), token);
    expect(malformed.json().status).toBe('quarantined');
    const list = await get(stack.app, admin, '/api/v1/channels/email/quarantine');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; reason: string }[];
    expect(items.map((item) => item.id)).toContain(malformed.json().id);
    expect(items[0]!.reason).toBe('no_sender');

    const again = await post(
      stack.app,
      admin,
      `/api/v1/channels/email/quarantine/${malformed.json().id}/reprocess`,
      {},
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('quarantined');

    const processed = await post(
      stack.app,
      admin,
      `/api/v1/channels/email/quarantine/00000000-0000-4000-8000-000000000000/reprocess`,
      {},
    );
    expect(processed.statusCode).toBe(404);
  });

  it('message list shows what each became', async () => {
    await inbound(fixture('auto-reply-subject-ms.eml'), token);
    const list = await get(stack.app, admin, '/api/v1/channels/email/messages?limit=2');
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].reason).toMatch(/^auto_reply/);
    expect(page.nextCursor).toBeTruthy();
    const next = await get(
      stack.app,
      admin,
      `/api/v1/channels/email/messages?limit=2&cursor=${page.nextCursor}`,
    );
    expect(next.json().items[0].id).not.toBe(page.items[0].id);
    const bad = await get(stack.app, admin, '/api/v1/channels/email/messages?status=lost');
    expect(bad.statusCode).toBe(400);
  });

  it('only admins manage the channel', async () => {
    for (const session of [agent, customer]) {
      expect((await get(stack.app, session, '/api/v1/channels/email/mailboxes')).statusCode).toBe(
        403,
      );
      expect((await get(stack.app, session, '/api/v1/channels/email/quarantine')).statusCode).toBe(
        403,
      );
      expect((await get(stack.app, session, '/api/v1/channels/email/messages')).statusCode).toBe(
        403,
      );
      const create = await post(stack.app, session, '/api/v1/channels/email/mailboxes', {
        name: 'X',
        address: 'x@khidmat.test',
      });
      expect(create.statusCode).toBe(403);
    }
    expect((await get(stack.app, null, '/api/v1/channels/email/mailboxes')).statusCode).toBe(401);
  });

  it('mailbox patch and connection test', async () => {
    const patch = await stack.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/email/mailboxes/${mailboxId}`,
      headers: admin.headers,
      payload: { senderHourlyLimit: 5, unknownDomainPolicy: 'reject' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().senderHourlyLimit).toBe(5);
    const test = await post(
      stack.app,
      admin,
      `/api/v1/channels/email/mailboxes/${mailboxId}/test`,
      {},
    );
    expect(test.statusCode).toBe(400);
    expect(test.body).toContain('imapHost');
  });
});
