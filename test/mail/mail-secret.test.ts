/**
 * IMAP passwords are stored encrypted with AES-256-GCM: through the mailbox routes against a real
 * dovecot on 127.0.0.1, and the key handling of activities/mail/secret.ts on its own.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptMailSecret,
  encryptMailSecret,
  MailSecretError,
  mailKeyFileName,
} from '../../activities/mail/secret';
import { mailMailboxes } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { post } from '../helpers/http';
import { startStack, type Stack } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import { dovecotAvailable, dovecotPath, startDovecot, type Dovecot } from './dovecot';

describe('mail secret key handling', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'khidmat-mail-secret-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('key file is created with mode 0600', () => {
    const stored = encryptMailSecret({ DATA_DIR: dataDir }, 'rahsia-imap');
    const keyFile = join(dataDir, mailKeyFileName);
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(stored).not.toContain('rahsia-imap');
    expect(decryptMailSecret({ DATA_DIR: dataDir }, stored)).toBe('rahsia-imap');
  });

  it('same password encrypts differently each time', () => {
    const first = encryptMailSecret({ DATA_DIR: dataDir }, 'rahsia-imap');
    const second = encryptMailSecret({ DATA_DIR: dataDir }, 'rahsia-imap');
    expect(first).not.toBe(second);
  });

  it('MAIL_SECRET_KEY replaces the key file', () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'khidmat-mail-secret-'));
    try {
      const config = { DATA_DIR: otherDir, MAIL_SECRET_KEY: 'k'.repeat(40) };
      const stored = encryptMailSecret(config, 'rahsia-imap');
      expect(existsSync(join(otherDir, mailKeyFileName))).toBe(false);
      expect(decryptMailSecret(config, stored)).toBe('rahsia-imap');
      expect(() => decryptMailSecret({ DATA_DIR: dataDir }, stored)).toThrow(MailSecretError);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('tampered ciphertext is rejected', () => {
    const stored = encryptMailSecret({ DATA_DIR: dataDir }, 'rahsia-imap');
    const parts = stored.split(':');
    const ciphertext = Buffer.from(parts[4]!, 'base64url');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[4] = ciphertext.toString('base64url');
    expect(() => decryptMailSecret({ DATA_DIR: dataDir }, parts.join(':'))).toThrow(
      /cannot be decrypted/,
    );
  });

  it('plaintext column value is rejected', () => {
    expect(() => decryptMailSecret({ DATA_DIR: dataDir }, 'rahsia-imap')).toThrow(
      /is not encrypted/,
    );
  });
});

if (!dovecotAvailable()) {
  console.log(`IMAP password tests skipped: ${dovecotPath} is missing`);
}

describe.skipIf(!dovecotAvailable())('encrypted IMAP password with dovecot', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let stack: Stack;
  let dovecot: Dovecot;
  let admin: Session;
  let mailboxId: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    env = await createDevServerEnv();
    db = await openTestDatabase('pglite');
    const adminPerson = await createPerson(db.db, { roles: ['admin'] });
    stack = await startStack(env, db);
    admin = await signIn(stack.app, adminPerson.email);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.destroy();
    await env?.teardown();
    await dovecot?.stop();
  });

  async function storedPassword(): Promise<string | null> {
    const [row] = await db.db
      .select({ imapPassword: mailMailboxes.imapPassword })
      .from(mailMailboxes)
      .where(eq(mailMailboxes.id, mailboxId));
    return row?.imapPassword ?? null;
  }

  function connectionTest() {
    return post(stack.app, admin, `/api/v1/channels/email/mailboxes/${mailboxId}/test`, {});
  }

  function patchMailbox(payload: Record<string, unknown>) {
    return stack.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/email/mailboxes/${mailboxId}`,
      headers: admin.headers,
      payload,
    });
  }

  it('created mailbox stores no plaintext password', async () => {
    const response = await post(stack.app, admin, '/api/v1/channels/email/mailboxes', {
      name: 'Meja Bantuan',
      address: 'aduan-rahsia@khidmat.test',
      imapHost: '127.0.0.1',
      imapPort: dovecot.port,
      imapSecure: false,
      imapUser: dovecot.user,
      imapPassword: dovecot.password,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.body).not.toContain(dovecot.password);
    mailboxId = response.json<{ mailbox: { id: string } }>().mailbox.id;

    const stored = await storedPassword();
    expect(stored).not.toBeNull();
    expect(stored).not.toContain(dovecot.password);
    expect(stored).toMatch(/^aes256gcm:v1:/);
    expect(statSync(join(db.dataDir, mailKeyFileName)).mode & 0o777).toBe(0o600);
  });

  it('connection test decrypts the password', async () => {
    const response = await connectionTest();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, error: null });
  });

  it('patched password is stored encrypted', async () => {
    const wrong = await patchMailbox({ imapPassword: 'kata-laluan-salah' });
    expect(wrong.statusCode, wrong.body).toBe(200);
    expect(wrong.body).not.toContain('kata-laluan-salah');
    expect(await storedPassword()).not.toContain('kata-laluan-salah');
    const rejected = await connectionTest();
    expect(rejected.json()).toMatchObject({ ok: false, messages: null });

    const right = await patchMailbox({ imapPassword: dovecot.password });
    expect(right.statusCode, right.body).toBe(200);
    expect(await storedPassword()).not.toContain(dovecot.password);
    expect((await connectionTest()).json()).toMatchObject({ ok: true });
  });

  it('undecryptable password asks for re-entry', async () => {
    await db.db
      .update(mailMailboxes)
      .set({ imapPassword: dovecot.password })
      .where(eq(mailMailboxes.id, mailboxId));
    const response = await connectionTest();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ ok: false, messages: null });
    expect(response.json<{ error: string }>().error).toContain('Enter the password again');
  });
});
