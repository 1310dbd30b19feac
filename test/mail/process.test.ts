/**
 * Processing of stored inbound mail against the Temporal dev server, a real worker, a real
 * database and a real SMTP server. Covered: new complaints, threading both ways, strangers kept
 * apart, loop protection, bounces, idempotency, the rate limit, the domain policy and attachments.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { processStoredMessage } from '../../activities/mail/process';
import { storeRawMessage } from '../../activities/mail/store';
import {
  attachments,
  caseMessages,
  cases,
  mailMessages,
  notifications,
  people,
} from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { insertSlaTargets } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import {
  fixture,
  fixtureDir,
  ingest,
  insertMailbox,
  startMailStack,
  startSmtpSink,
  type MailStack,
  type SmtpSink,
} from './harness';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe.each(databaseKinds())('mail processing on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let smtp: SmtpSink;
  let stack: MailStack;
  let mailboxId: string;
  let unitId: string;
  let aminahId: string;
  let firstCase: { id: string; reference: string };

  beforeAll(async () => {
    env = await createDevServerEnv();
    db = await openTestDatabase(kind);
    await insertSlaTargets(db.db);
    smtp = await startSmtpSink();
    stack = await startMailStack(env, db, smtp.port);
    unitId = (await createUnit(db.db, 'MEJA-EMEL')).id;
    mailboxId = (await insertMailbox(db, { defaultUnitId: unitId })).id;
    aminahId = (await createPerson(db.db, { email: 'aminah@utm.my', name: 'Aminah Hassan' })).id;
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
    await db?.destroy();
    await env?.teardown();
  });

  async function caseCount(): Promise<number> {
    const [row] = await db.db.select({ count: sql<number>`count(*)::int` }).from(cases);
    return row?.count ?? 0;
  }

  async function customerReplies(caseId: string) {
    return db.db
      .select({ body: caseMessages.body })
      .from(caseMessages)
      .where(and(eq(caseMessages.caseId, caseId), eq(caseMessages.kind, 'customer_reply')));
  }

  it('plain mail opens an e-mail case', async () => {
    const { result } = await ingest(stack, fixture('plain.eml'), mailboxId);
    expect(result.status).toBe('processed');
    expect(result.outcome).toBe('new_case');
    const [row] = await db.db
      .select()
      .from(cases)
      .where(eq(cases.reference, result.caseReference!));
    expect(row!.channel).toBe('email');
    expect(row!.title).toBe('Pencetak di makmal FC tidak berfungsi');
    expect(row!.description).toContain('Pencetak di makmal FC aras 2 tidak mencetak');
    expect(row!.description).not.toContain('Fakulti Komputeran');
    expect(row!.requesterId).toBe(aminahId);
    expect(row!.unitId).toBe(unitId);
    firstCase = { id: row!.id, reference: row!.reference };
  });

  it('acknowledgement carries thread headers', async () => {
    // The complaint workflow acknowledges the case by mail through the SMTP server.
    for (let waited = 0; waited < 100 && smtp.messages.length === 0; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sent = (smtp.messages[0]?.toString('utf8') ?? '').replace(/\r?\n[ \t]+/g, ' ');
    expect(sent).toMatch(/^Message-ID: <khidmat\.[0-9a-f-]+@khidmat\.test>/im);
    expect(sent).toMatch(
      new RegExp(`^In-Reply-To: <khidmat\\.case\\.${firstCase.id}@khidmat\\.test>`, 'im'),
    );
    expect(sent).toMatch(/^Auto-Submitted: auto-generated/im);
    expect(sent).toMatch(/^X-Khidmat-Notification: /im);
    expect(sent).toContain('text/html');
    const [outbox] = await db.db
      .select({ messageId: notifications.messageId })
      .from(notifications)
      .where(eq(notifications.caseId, firstCase.id));
    expect(outbox!.messageId).toMatch(/^<khidmat\./);
  });

  it('reply by headers joins its case', async () => {
    await db.db.insert(notifications).values({
      idempotencyKey: `fixture-1-${kind}`,
      caseId: firstCase.id,
      recipientId: aminahId,
      recipientEmail: 'aminah@utm.my',
      template: 'received',
      language: 'ms',
      subject: 'Aduan diterima',
      bodyText: 'Aduan anda telah diterima.',
      status: 'sent',
      messageId: '<khidmat.00000000-0000-4000-8000-000000000001@khidmat.test>',
    });
    const before = await caseCount();
    const { result } = await ingest(stack, fixture('reply-by-headers.eml'), mailboxId);
    expect(result.outcome).toBe('joined_case');
    expect(await caseCount()).toBe(before);
    const replies = await customerReplies(firstCase.id);
    expect(replies.map((reply) => reply.body)).toContain(
      'Pencetak masih rosak selepas dimulakan semula.',
    );
  });

  it('reply by subject joins its case', async () => {
    const raw = fixture('reply-by-subject.eml', { REFERENCE: firstCase.reference });
    const { result } = await ingest(stack, raw, mailboxId);
    expect(result.outcome).toBe('joined_case');
    const replies = await customerReplies(firstCase.id);
    expect(replies.map((reply) => reply.body)).toContain(
      'Saya juga cuba pencetak lain, juga tidak berfungsi.',
    );
  });

  it('stranger quoting a reference gets own case', async () => {
    const raw = fixture('reply-stranger-quotes-reference.eml', { REFERENCE: firstCase.reference });
    const repliesBefore = (await customerReplies(firstCase.id)).length;
    const { result } = await ingest(stack, raw, mailboxId);
    expect(result.outcome).toBe('new_case');
    expect(result.caseReference).not.toBe(firstCase.reference);
    expect((await customerReplies(firstCase.id)).length).toBe(repliesBefore);
    const [stranger] = await db.db
      .select()
      .from(people)
      .where(eq(people.email, 'stranger@example.com'));
    expect(stranger!.kind).toBe('visitor');
  });

  it('automatic mail never opens a case', async () => {
    const before = await caseCount();
    const senders = ['ahmad@utm.my', 'zul@utm.my', 'hans@example.de', 'list@lists.utm.my'];
    for (const name of [
      'auto-reply-auto-submitted.eml',
      'auto-reply-exchange.eml',
      'auto-reply-subject-ms.eml',
      'auto-reply-subject-de.eml',
      'auto-reply-precedence.eml',
      'calendar-reply.eml',
      'own-mail.eml',
    ]) {
      const { result } = await ingest(stack, fixture(name), mailboxId);
      expect(result.status, name).toBe('ignored');
      expect(result.reason, name).toMatch(/^(auto_reply|calendar_reply|own_mail)/);
    }
    expect(await caseCount()).toBe(before);
    // No acknowledgement went to an auto-responder.
    const acknowledged = await db.db
      .select()
      .from(notifications)
      .where(inArray(notifications.recipientEmail, senders));
    expect(acknowledged).toEqual([]);
  });

  it('bounce marks address failing on its case', async () => {
    const hilang = await createPerson(db.db, { email: 'hilang@utm.my' });
    await db.db.insert(notifications).values({
      idempotencyKey: `fixture-2-${kind}`,
      caseId: firstCase.id,
      recipientId: hilang.id,
      recipientEmail: 'hilang@utm.my',
      template: 'received',
      language: 'ms',
      subject: 'Aduan diterima',
      bodyText: 'Aduan anda telah diterima.',
      status: 'sent',
      messageId: '<khidmat.00000000-0000-4000-8000-000000000002@khidmat.test>',
    });
    const before = await caseCount();
    for (const name of ['bounce-dsn.eml', 'bounce-plain-daemon.eml', 'bounce-exchange-ndr.eml']) {
      const { result } = await ingest(stack, fixture(name), mailboxId);
      expect(result.status, name).toBe('ignored');
      expect(result.outcome, name).toBe('bounce');
    }
    expect(await caseCount()).toBe(before);
    const [person] = await db.db.select().from(people).where(eq(people.id, hilang.id));
    expect(person!.emailFailing).toBe(true);
    const [dsn] = await db.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.messageId, 'dsn-1@mx.utm.my'));
    expect(dsn!.caseId).toBe(firstCase.id);
    const [bounced] = await db.db
      .select()
      .from(notifications)
      .where(eq(notifications.idempotencyKey, `fixture-2-${kind}`));
    expect(bounced!.status).toBe('failed');
  });

  it('same message twice is one case', async () => {
    const raw = fixture('html-only.eml');
    const first = await ingest(stack, raw, mailboxId);
    const again = await ingest(stack, raw, mailboxId);
    expect(again.stored.duplicate).toBe(true);
    expect(again.stored.id).toBe(first.stored.id);
    expect(again.result.caseReference).toBe(first.result.caseReference);
    // The same Message-ID from the same sender with other trace headers is the same message.
    const relayed = Buffer.concat([Buffer.from('Received: from relay.utm.my\r\n'), raw]);
    const third = await ingest(stack, relayed, mailboxId);
    expect(third.stored.duplicate).toBe(true);
    const [count] = await db.db
      .select({ count: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.reference, first.result.caseReference!));
    expect(count!.count).toBe(1);
  });

  it('retry after crash starts no duplicate', async () => {
    const { stored, result } = await ingest(stack, fixture('forwarded.eml'), mailboxId);
    expect(result.outcome).toBe('new_case');
    const before = await caseCount();
    // A crash after the workflow started but before the message row was finished.
    await db.db
      .update(mailMessages)
      .set({ status: 'stored', outcome: null, caseId: null })
      .where(eq(mailMessages.id, stored.id));
    const again = await processStoredMessage(stack.deps, stored.id);
    expect(again.outcome).toBe('new_case');
    expect(again.caseReference).toBe(result.caseReference);
    expect(await caseCount()).toBe(before);
  });

  it('rate limit quarantines a flood', async () => {
    const limited = await insertMailbox(db, { senderHourlyLimit: 2 });
    const results = [];
    for (let index = 0; index < 4; index += 1) {
      const raw = Buffer.from(
        `From: Banjir <banjir@utm.my>\r\nSubject: Mesej ${index}\r\nMessage-ID: <flood-${index}-${kind}@utm.my>\r\n\r\nMesej nombor ${index}\r\n`,
      );
      results.push((await ingest(stack, raw, limited.id)).result);
    }
    expect(results.map((result) => result.status)).toEqual([
      'processed',
      'processed',
      'quarantined',
      'quarantined',
    ]);
    expect(results[2]!.reason).toMatch(/^rate_limited/);
    const reprocessed = await processStoredMessage(stack.deps, results[2]!.id, { force: true });
    expect(reprocessed.outcome).toBe('new_case');
  });

  it('reject policy replies and opens nothing', async () => {
    const strict = await insertMailbox(db, { unknownDomainPolicy: 'reject' });
    const before = await caseCount();
    const sentBefore = smtp.messages.length;
    const raw = Buffer.from(
      'From: Luar <luar@example.org>\r\nSubject: Tolong\r\nMessage-ID: <reject-1@example.org>\r\n\r\nSaya perlukan bantuan.\r\n',
    );
    const { result } = await ingest(stack, raw, strict.id);
    expect(result.status).toBe('ignored');
    expect(result.reason).toBe('unknown_domain_rejected: luar@example.org');
    expect(await caseCount()).toBe(before);
    const reply = smtp.messages
      .slice(sentBefore)
      .map((message) => message.toString('utf8'))
      .filter((message) => /^To: luar@example\.org/im.test(message));
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatch(/^Auto-Submitted: auto-replied/im);
    expect(reply[0]).toMatch(/^In-Reply-To: <reject-1@example.org>/im);
    // A known domain under the same policy is accepted.
    const known = Buffer.from(
      'From: Dalam <dalam@fc.utm.my>\r\nSubject: Tolong juga\r\nMessage-ID: <reject-2@utm.my>\r\n\r\nSaya juga.\r\n',
    );
    expect((await ingest(stack, known, strict.id)).result.outcome).toBe('new_case');
  });

  it('attachments are cleaned, sniffed and limited', async () => {
    const awkward = await ingest(stack, fixture('awkward-attachment-names.eml'), mailboxId);
    const [awkwardCase] = await db.db
      .select()
      .from(cases)
      .where(eq(cases.reference, awkward.result.caseReference!));
    const kept = await db.db
      .select()
      .from(attachments)
      .where(eq(attachments.caseId, awkwardCase!.id));
    const names = kept.map((row) => row.fileName).sort();
    expect(names).toEqual(['ralatgnp.png', 'skrin ralat.png', 'tangkapan skrin é.png']);
    expect(kept.every((row) => row.contentType === 'image/png')).toBe(true);
    expect(awkwardCase!.description).toContain('gambar.png');

    const many = await ingest(stack, fixture('many-attachments.eml'), mailboxId);
    const [manyCase] = await db.db
      .select()
      .from(cases)
      .where(eq(cases.reference, many.result.caseReference!));
    const manyKept = await db.db
      .select()
      .from(attachments)
      .where(eq(attachments.caseId, manyCase!.id));
    expect(manyKept).toHaveLength(stack.config.ATTACHMENT_MAX_COUNT);
    const [row] = await db.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.id, many.stored.id));
    const skipped = row!.skippedParts ?? [];
    expect(skipped.filter((part) => part.why === 'too_large').map((part) => part.name)).toEqual([
      'besar.txt',
    ]);
    expect(skipped.filter((part) => part.why === 'too_many')).toHaveLength(
      15 - stack.config.ATTACHMENT_MAX_COUNT,
    );
    expect(manyCase!.description).toContain('besar.txt');
  });

  it('every corpus message ends with a status', async () => {
    const otherBox = await insertMailbox(db, { senderHourlyLimit: 1000 });
    const names = readdirSync(fixtureDir).filter((name) => name.endsWith('.eml'));
    for (const name of names) {
      const { result } = await ingest(
        stack,
        fixture(name, { REFERENCE: firstCase.reference }),
        otherBox.id,
      );
      expect(['processed', 'ignored', 'quarantined'], name).toContain(result.status);
      if (result.status !== 'processed') expect(result.reason, name).toBeTruthy();
    }
    const [malformed] = await db.db
      .select()
      .from(mailMessages)
      .where(
        and(eq(mailMessages.mailboxId, otherBox.id), sql`${mailMessages.reason} like 'no_sender%'`),
      );
    expect(malformed).toBeDefined();
  });

  it('shared corpus starts, joins or sets aside', async (context) => {
    const sharedDir = join(repoRoot, '..', 'shared', 'fixtures', 'email');
    if (!existsSync(sharedDir)) {
      console.log(`skipped: ${sharedDir} does not exist`);
      context.skip();
    }
    const box = await insertMailbox(db, { senderHourlyLimit: 1000, unknownDomainPolicy: 'accept' });
    const names = readdirSync(sharedDir).filter((name) => name.endsWith('.eml'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const { result } = await ingest(stack, readFileSync(join(sharedDir, name)), box.id);
      expect(['processed', 'ignored', 'quarantined'], name).toContain(result.status);
      if (result.status === 'processed') {
        expect(['new_case', 'joined_case'], name).toContain(result.outcome);
      } else {
        expect(result.reason, name).toBeTruthy();
      }
    }
    const [left] = await db.db
      .select({ count: sql<number>`count(*)::int` })
      .from(mailMessages)
      .where(and(eq(mailMessages.mailboxId, box.id), eq(mailMessages.status, 'stored')));
    expect(left!.count).toBe(0);
  });

  it('raw bytes are stored unchanged', async () => {
    const raw = fixture('plain.eml');
    const stored = await storeRawMessage(db.db, {
      raw,
      source: 'cli',
      mailboxId: null,
      receivedAt: new Date(),
    });
    const [row] = await db.db.select().from(mailMessages).where(eq(mailMessages.id, stored.id));
    expect(Buffer.compare(row!.raw, raw)).toBe(0);
  });
});
