/**
 * IMAP intake against a real dovecot on 127.0.0.1. The mailIntake workflow fetches, stores, marks
 * and processes every message. A worker killed in the middle of intake loses no message and starts
 * no duplicate case when another worker takes over.
 */
import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { KhidmatActivities } from '../../activities';
import { storedKeyword, testImapConnection } from '../../activities/mail/imap';
import { mailIntakeWorkflowType, type MailIntakeResult } from '../../common/mail';
import { cases, mailMessages } from '../../db/schema';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { insertSlaTargets } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import { dovecotAvailable, dovecotPath, startDovecot, type Dovecot } from './dovecot';
import {
  fixture,
  insertMailbox,
  startMailStack,
  startSmtpSink,
  type MailStack,
  type SmtpSink,
} from './harness';

if (!dovecotAvailable()) {
  console.log(`IMAP tests skipped: ${dovecotPath} is missing (apt-get install -y dovecot-imapd)`);
}

describe.skipIf(!dovecotAvailable())('IMAP intake with dovecot', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let smtp: SmtpSink;
  let dovecot: Dovecot;
  let stack: MailStack;
  let mailboxId: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    await insertSlaTargets(db.db);
    smtp = await startSmtpSink();
    stack = await startMailStack(env, db, smtp.port, {}, { startMainWorker: false });
    await createPerson(db.db, { email: 'aminah@utm.my', name: 'Aminah Hassan' });
    mailboxId = (
      await insertMailbox(db, {
        imapHost: '127.0.0.1',
        imapPort: dovecot.port,
        imapSecure: false,
        imapUser: dovecot.user,
        imapPassword: dovecot.password,
      })
    ).id;
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
    await db?.destroy();
    await env?.teardown();
    await dovecot?.stop();
  });

  async function imap<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  }

  function runIntake(): Promise<MailIntakeResult> {
    return env.client.workflow.execute(mailIntakeWorkflowType, {
      args: [{ mailboxId }],
      taskQueue: stack.taskQueue,
      workflowId: `mail-intake-test-${randomBytes(4).toString('hex')}`,
    });
  }

  async function caseCount(): Promise<number> {
    const [row] = await db.db.select({ count: sql<number>`count(*)::int` }).from(cases);
    return row?.count ?? 0;
  }

  it('connection test logs in', async () => {
    const settings = {
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      folder: 'INBOX',
    };
    expect((await testImapConnection(settings)).ok).toBe(true);
    const wrong = await testImapConnection({ ...settings, password: 'salah' });
    expect(wrong.ok).toBe(false);
    expect(wrong.error).toBeTruthy();
  });

  it('intake stores, marks and processes', async () => {
    const names = ['plain.eml', 'html-only.eml', 'auto-reply-subject-ms.eml', 'malformed.eml'];
    await imap(async (client) => {
      for (const name of names) await client.append('INBOX', fixture(name));
    });
    const worker = await stack.startWorker();
    try {
      const result = await runIntake();
      expect(result).toEqual({ fetched: 4, processed: 4, failed: 0 });
      const rows = await db.db
        .select()
        .from(mailMessages)
        .where(eq(mailMessages.mailboxId, mailboxId));
      expect(rows.map((row) => row.status).sort()).toEqual([
        'ignored',
        'processed',
        'processed',
        'quarantined',
      ]);
      expect(rows.every((row) => row.source === 'imap' && row.imapUid !== null)).toBe(true);

      const unmarked = await imap(async (client) => {
        const lock = await client.getMailboxLock('INBOX');
        try {
          return await client.search({ unKeyword: storedKeyword }, { uid: true });
        } finally {
          lock.release();
        }
      });
      expect(unmarked).toEqual([]);
      expect(await runIntake()).toEqual({ fetched: 0, processed: 0, failed: 0 });
    } finally {
      await worker.stop();
    }
  });

  it('killed worker loses nothing and duplicates nothing', async () => {
    const subjects = ['Papan kekunci rosak', 'Tetikus hilang', 'Skrin berkelip'];
    await imap(async (client) => {
      for (const [index, subject] of subjects.entries()) {
        await client.append(
          'INBOX',
          `From: Aminah Hassan <aminah@utm.my>\r\nSubject: ${subject}\r\nMessage-ID: <kill-${index}@utm.my>\r\n\r\n${subject} di makmal.\r\n`,
        );
      }
    });
    const before = await caseCount();

    // The first worker dies right after its first message opened a case, before it reported back.
    let first: Awaited<ReturnType<MailStack['startWorker']>> | null = null;
    let crashed = false;
    const dying: KhidmatActivities = {
      ...stack.activities,
      async processMailMessage(input) {
        const result = await stack.activities.processMailMessage(input);
        if (!crashed) {
          crashed = true;
          void first?.stop();
          throw new Error('simulated worker crash after the case was opened');
        }
        return result;
      },
    };
    first = await stack.startWorker(dying);
    const handle = await env.client.workflow.start(mailIntakeWorkflowType, {
      args: [{ mailboxId }],
      taskQueue: stack.taskQueue,
      workflowId: `mail-intake-kill-${randomBytes(4).toString('hex')}`,
    });
    for (let waited = 0; waited < 300 && !crashed; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(crashed).toBe(true);
    await first.stop();

    const second = await stack.startWorker();
    try {
      const result = await handle.result();
      expect(result.failed).toBe(0);
    } finally {
      await second.stop();
    }

    expect(await caseCount()).toBe(before + subjects.length);
    const rows = await db.db
      .select()
      .from(mailMessages)
      .where(
        inArray(
          mailMessages.messageId,
          subjects.map((_subject, index) => `kill-${index}@utm.my`),
        ),
      );
    expect(rows).toHaveLength(subjects.length);
    expect(rows.every((row) => row.status === 'processed' && row.outcome === 'new_case')).toBe(
      true,
    );
    expect(new Set(rows.map((row) => row.caseReference)).size).toBe(subjects.length);
  });
});
