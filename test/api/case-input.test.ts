/**
 * Bad input to the cases API: every rejection is a 400 (or 413/415) naming the field, and nothing
 * is written. Out-of-order messages are refused by the workflow with 409.
 */
import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { attachments, caseHistory, cases, people } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, multipartFile, post, tinyPng, uploadFile } from '../helpers/http';
import { insertSlaTargets, startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';

describe.each(databaseKinds())('case input on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let customer: Session;
  let agent: Session;
  let unitId: string;
  let otherTechnicianId: string;

  beforeAll(async () => {
    // A Temporal per database: references restart with each fresh database.
    env = await createDevServerEnv();
    db = await openTestDatabase(kind);
    await insertSlaTargets(db.db);
    const unit = await createUnit(db.db);
    unitId = unit.id;
    const customerPerson = await createPerson(db.db, { roles: ['customer'] });
    const agentPerson = await createPerson(db.db, { roles: ['agent'] });
    otherTechnicianId = (await createPerson(db.db, { roles: ['technician'] })).id;
    stack = await startStack(env, db);
    customer = await signIn(stack.app, customerPerson.email);
    agent = await signIn(stack.app, agentPerson.email);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.destroy();
    await env?.teardown();
  });

  async function counts() {
    const [c] = await db.db.select({ n: count() }).from(cases);
    const [h] = await db.db.select({ n: count() }).from(caseHistory);
    const [p] = await db.db.select({ n: count() }).from(people);
    return { cases: c?.n, history: h?.n, people: p?.n };
  }

  const valid = {
    title: 'Projektor dewan kuliah rosak',
    description: 'Tiada paparan dari projektor.',
  };

  it.each([
    ['a missing title', { description: 'x' }, 'body.title'],
    ['a title too short', { ...valid, title: 'ab' }, 'body.title'],
    ['an empty description', { ...valid, description: '   ' }, 'body.description'],
    ['an impact out of range', { ...valid, impact: 7 }, 'body.impact'],
    ['an unknown channel', { ...valid, channel: 'pigeon' }, 'body.channel'],
    ['a category that is not a uuid', { ...valid, categoryId: 'abc' }, 'body.categoryId'],
    ['an unknown category', { ...valid, categoryId: randomUUID() }, 'categoryId'],
    ['an unknown attachment', { ...valid, attachmentIds: [randomUUID()] }, 'attachmentIds'],
    [
      'a self-service customer choosing the phone channel',
      { ...valid, channel: 'phone' },
      'channel',
    ],
  ])('filing a case with %s is 400 naming the field', async (_case, payload, field) => {
    const before = await counts();
    const response = await post(stack.app, customer, '/api/v1/cases', payload);
    expect(response.statusCode, response.body).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.requestId).toBeTruthy();
    expect(error.details.map((issue: { field: string }) => issue.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('rejects unknown fields and repeated attachment ids', async () => {
    const before = await counts();
    const extra = await post(stack.app, customer, '/api/v1/cases', { ...valid, status: 'closed' });
    expect(extra.statusCode).toBe(400);
    const upload = await uploadFile(stack.app, customer, 'a.png', tinyPng);
    const id = upload.json().id as string;
    const twice = await post(stack.app, customer, '/api/v1/cases', {
      ...valid,
      attachmentIds: [id, id],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].field).toBe('body.attachmentIds');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['the title', { ...valid, title: 'Projektor\u0000 rosak' }, 'body.title'],
    [
      'the requester name',
      { ...valid, requester: { email: 'x@utm.my', name: 'A\u0000B' }, channel: 'phone' },
      'body.requester.name',
    ],
  ])('rejects a NUL character in %s', async (_where, payload, field) => {
    const before = await counts();
    const response = await post(stack.app, agent, '/api/v1/cases', payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.map((issue: { field: string }) => issue.field)).toContain(
      field,
    );
    expect(await counts()).toEqual(before);
  });

  it('rejects a NUL character in a search', async () => {
    const response = await get(stack.app, customer, '/api/v1/cases?q=a%00b');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('querystring.q');
  });

  it('accepts one file per upload request', async () => {
    const boundary = '----khidmat-two-files';
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      'Content-Type: image/png\r\n\r\n';
    const payload = Buffer.concat([
      Buffer.from(part('a.png')),
      tinyPng,
      Buffer.from('\r\n' + part('b.png')),
      tinyPng,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      payload,
      headers: { ...customer.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details[0].field).toBe('file');
  });

  it('strips bidirectional controls from file names', async () => {
    const response = await uploadFile(stack.app, customer, 'invoice\u202egnp.png', tinyPng);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().fileName).toBe('invoicegnp.png');
  });

  it('answers a long rating token with 400, not 414', async () => {
    const response = await get(stack.app, null, `/api/v1/ratings/${'a'.repeat(300)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('refuses a customer logging a case for someone else', async () => {
    const before = await counts();
    const response = await post(stack.app, customer, '/api/v1/cases', {
      ...valid,
      requester: { email: 'orang.lain@utm.my', name: 'Orang Lain' },
      channel: 'portal',
    });
    expect(response.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('requires a channel when an agent logs for a customer', async () => {
    const before = await counts();
    const response = await post(stack.app, agent, '/api/v1/cases', {
      ...valid,
      requester: { email: 'pemanggil@utm.my', name: 'Pemanggil' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('channel');
    expect(await counts()).toEqual(before);
  });

  it('rejects a body that is not JSON', async () => {
    const response = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: '{"title": ',
      headers: { ...customer.headers, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('rejects a bad list query naming the parameter', async () => {
    const status = await get(stack.app, customer, '/api/v1/cases?status=lost');
    expect(status.statusCode).toBe(400);
    expect(status.json().error.details[0].field).toContain('status');
    const cursor = await get(stack.app, customer, '/api/v1/cases?cursor=not-a-cursor');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details[0].field).toBe('querystring.cursor');
    const limit = await get(stack.app, customer, '/api/v1/cases?limit=1000');
    expect(limit.statusCode).toBe(400);
  });

  it('checks uploads by content, size and emptiness', async () => {
    const before = await db.db.select({ n: count() }).from(attachments);
    const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const exe = await uploadFile(stack.app, customer, 'gambar.png', executable);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('unsupported_media_type');

    const empty = await uploadFile(stack.app, customer, 'kosong.txt', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);

    const big = await uploadFile(
      stack.app,
      customer,
      'besar.txt',
      Buffer.alloc(11 * 1024 * 1024, 0x61),
    );
    expect(big.statusCode).toBe(413);

    const wrongField = multipartFile('other', 'a.png', tinyPng);
    const noFile = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      payload: wrongField.payload,
      headers: { ...customer.headers, ...wrongField.headers },
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details[0].field).toBe('file');
    expect(await db.db.select({ n: count() }).from(attachments)).toEqual(before);
  });

  it('cleans directories and control characters out of file names', async () => {
    const response = await uploadFile(
      stack.app,
      customer,
      '../../etc/\u0007pass\u0000wd.png',
      tinyPng,
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().fileName).toBe('passwd.png');
  });

  it('rejects bad gate input naming the field and out-of-order messages with 409', async () => {
    const created = await post(stack.app, customer, '/api/v1/cases', valid);
    expect(created.statusCode, created.body).toBe(201);
    const reference = created.json().reference as string;
    const before = await counts();

    const resolve = await post(stack.app, agent, `/api/v1/cases/${reference}/resolve`, {
      resolutionNote: 'Terlalu awal',
    });
    expect(resolve.statusCode, resolve.body).toBe(409);
    expect(resolve.json().error.code).toBe('invalid_state');

    const confirm = await post(stack.app, customer, `/api/v1/cases/${reference}/confirm`, {});
    expect(confirm.statusCode, confirm.body).toBe(409);

    const unknownUnit = await post(stack.app, agent, `/api/v1/cases/${reference}/assign`, {
      unitId: randomUUID(),
      reason: 'Ujian',
    });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().error.details[0].field).toBe('unitId');

    const outsider = await post(stack.app, agent, `/api/v1/cases/${reference}/assign`, {
      unitId,
      assigneeId: otherTechnicianId,
      reason: 'Ujian',
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details[0].field).toBe('assigneeId');

    const noReason = await post(stack.app, agent, `/api/v1/cases/${reference}/assign`, { unitId });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('body.reason');

    const badScore = await post(stack.app, customer, `/api/v1/cases/${reference}/rating`, {
      score: 6,
    });
    expect(badScore.statusCode).toBe(400);
    expect(badScore.json().error.details[0].field).toBe('body.score');

    const longReason = await post(stack.app, customer, `/api/v1/cases/${reference}/reopen`, {
      reason: 'x'.repeat(501),
    });
    expect(longReason.statusCode).toBe(400);
    expect(longReason.json().error.details[0].field).toBe('body.reason');

    const nulReply = await post(stack.app, customer, `/api/v1/cases/${reference}/replies`, {
      body: 'a\u0000b',
    });
    expect(nulReply.statusCode).toBe(400);
    expect(nulReply.json().error.details[0].field).toBe('body.body');

    const badReference = await get(stack.app, customer, '/api/v1/cases/not-a-reference');
    expect(badReference.statusCode).toBe(400);

    expect(await counts()).toEqual(before);
  });

  it('rejects a second workflow for the same reference', async () => {
    const created = await post(stack.app, customer, '/api/v1/cases', valid);
    const reference = created.json().reference as string;
    await expect(
      env.client.workflow.start('complaint', {
        workflowId: reference,
        taskQueue: stack.taskQueue,
        args: [{}],
      }),
    ).rejects.toThrow(/already started/i);
  });
});
