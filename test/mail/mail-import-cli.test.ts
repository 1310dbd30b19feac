/**
 * `khidmat mail-import` with the Temporal dev server. Files are stored raw, then processed into
 * cases, and a second import of the same file is harmless.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { main } from '../../cli/main';
import { mailMessages } from '../../db/schema';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { insertSlaTargets } from '../helpers/stack';
import { createDevServerEnv } from '../helpers/temporal';
import {
  fixtureDir,
  startMailStack,
  startSmtpSink,
  type MailStack,
  type SmtpSink,
} from './harness';

const plain = fileURLToPath(new URL('plain.eml', fixtureDir));
const autoReply = fileURLToPath(new URL('auto-reply-subject-ms.eml', fixtureDir));

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(argv, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stdout: out, stderr: err };
}

describe('mail-import command', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let smtp: SmtpSink;
  let stack: MailStack;
  let cliEnv: NodeJS.ProcessEnv;
  const emptyDir = mkdtempSync(join(tmpdir(), 'khidmat-mail-cli-'));

  beforeAll(async () => {
    env = await createDevServerEnv();
    // The command opens the database itself, which an embedded database held by the test forbids.
    db = await openTestDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    await insertSlaTargets(db.db);
    smtp = await startSmtpSink();
    stack = await startMailStack(env, db, smtp.port);
    cliEnv = {
      ...(db.url ? { DATABASE_URL: db.url } : {}),
      DATA_DIR: join(emptyDir, 'unused'),
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      LOG_LEVEL: 'silent',
    };
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
    await db?.destroy();
    await env?.teardown();
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('usage without files exits 2', async () => {
    const outcome = await run(['mail-import'], { DATA_DIR: emptyDir });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Expected at least one FILE');
  });

  it('unknown mailbox fails naming it', async () => {
    const cli = { DATA_DIR: join(emptyDir, 'data'), LOG_LEVEL: 'silent' };
    expect((await run(['migrate'], cli)).code).toBe(0);
    const outcome = await run(['mail-import', '--mailbox', 'tiada@khidmat.test', plain], cli);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('No mailbox tiada@khidmat.test');
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('imports files into cases once', async () => {
    const first = await run(['mail-import', plain, autoReply], cliEnv);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^plain\.eml: processed new_case ADU-\d{4}-\d{6}$/m);
    expect(first.stdout).toMatch(/^auto-reply-subject-ms\.eml: ignored set_aside auto_reply/m);

    const again = await run(['mail-import', plain], cliEnv);
    expect(again.code).toBe(0);
    expect(again.stdout.split(' ').at(-1)).toBe(
      first.stdout.split('\n')[0]!.split(' ').at(-1) + '\n',
    );
    const [count] = await db.db.select({ count: sql<number>`count(*)::int` }).from(mailMessages);
    expect(count!.count).toBe(2);
  });

  it('store-only keeps messages for later', async () => {
    const cli = { DATA_DIR: join(emptyDir, 'store-only'), LOG_LEVEL: 'silent' };
    expect((await run(['migrate'], cli)).code).toBe(0);
    const outcome = await run(['mail-import', '--store-only', plain], cli);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toBe('plain.eml: stored\n');
  });
});
