/**
 * Khidmat on more than one process: two API processes and two worker processes against one
 * Temporal dev server and one PostgreSQL database. Complaints come in through both APIs, each
 * workflow's activities run once between the workers (one acknowledgement per case in the outbox),
 * and when one worker is killed with SIGKILL mid-run the other finishes its work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client';
import { loadReferenceData } from '../../db/seed/reference';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, testPassword } from '../helpers/factories';
import { freePort } from '../helpers/ports';
import { createDevServerEnv } from '../helpers/temporal';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Complaints filed through each API in each round. */
const perApi = 6;

interface Child {
  name: string;
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startChild(name: string, script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, process: child, output: () => text, exited };
}

/** Waits until the child's output contains the text, for at most the given seconds. */
async function waitForOutput(child: Child, text: string, seconds: number): Promise<void> {
  for (let waited = 0; waited < seconds * 4; waited += 1) {
    if (child.output().includes(text)) return;
    if (child.process.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${child.name} did not log '${text}' within ${seconds} s:\n${child.output()}`);
}

async function signIn(port: number, email: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: testPassword }),
  });
  if (response.status !== 200) throw new Error(`sign-in on port ${port}: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

async function fileComplaint(port: number, headers: Record<string, string>, title: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/cases`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ title, description: 'Sambungan Wi-Fi terputus-putus di makmal.' }),
  });
  const body = await response.text();
  if (response.status !== 201)
    throw new Error(`POST /cases on ${port}: ${response.status} ${body}`);
  return (JSON.parse(body) as { reference: string }).reference;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('two APIs and two workers', () => {
  let temporal: TestWorkflowEnvironment;
  let db: TestDatabase;
  let customerEmail: string;
  const children: Child[] = [];
  const ports: number[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    temporal = await createDevServerEnv();
    db = await openTestDatabase('postgres');
    // Seeded before the processes start, so their start-up finds a database that needs nothing.
    await loadReferenceData(db.db);
    await createPerson(db.db, { roles: ['admin'] });
    customerEmail = (await createPerson(db.db, { roles: ['customer'] })).email;
    env = {
      DATABASE_URL: db.url ?? '',
      DATA_DIR: db.dataDir,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: `multi-${Date.now()}`,
      LOGIN_IP_LIMIT_PER_MINUTE: '1000',
    };
    for (const index of [1, 2]) {
      const port = await freePort();
      ports.push(port);
      children.push(startChild(`api ${index}`, 'api/main.ts', { ...env, PORT: String(port) }));
      children.push(startChild(`worker ${index}`, 'worker/main.ts', env));
    }
    for (const child of children) {
      await waitForOutput(
        child,
        child.name.startsWith('api') ? 'Khidmat API listening' : 'worker running',
        120,
      );
    }
  }, 300_000);

  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited));
    await db?.destroy();
    await temporal?.teardown();
  });

  async function acknowledgements(references: string[]) {
    return rowsOf<{ reference: string; n: number }>(
      await db.db.execute(sql`
        select c.reference, count(n.id)::int as n from cases c
        left join notifications n on n.case_id = c.id and n.template = 'acknowledgement'
        where c.reference in ${references}
        group by c.reference`),
    );
  }

  /**
   * Waits until every case has its acknowledgement, which an activity writes after the API has
   * responded, and returns the acknowledgement count per case.
   */
  async function settledAcknowledgements(references: string[]) {
    let rows = await acknowledgements(references);
    for (let attempt = 0; attempt < 240; attempt += 1) {
      if (rows.length === references.length && rows.every((row) => row.n > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
      rows = await acknowledgements(references);
    }
    return rows;
  }

  /** Notifications written more than once for the same case, template and recipient. */
  async function duplicateNotifications() {
    return rowsOf<{ case_id: string; template: string; n: number }>(
      await db.db.execute(sql`
        select case_id, template, count(*)::int as n from notifications
        group by case_id, template, recipient_email having count(*) > 1`),
    );
  }

  it('files complaints through both APIs with one acknowledgement each', async () => {
    const sessions = await Promise.all(ports.map((port) => signIn(port, customerEmail)));
    const references = await Promise.all(
      ports.flatMap((port, index) =>
        Array.from({ length: perApi }, (_, n) =>
          fileComplaint(port, sessions[index] ?? {}, `Rangkaian terputus ${index}-${n}`),
        ),
      ),
    );
    expect(new Set(references).size).toBe(2 * perApi);
    const rows = await settledAcknowledgements(references);
    expect(rows).toHaveLength(2 * perApi);
    for (const row of rows) expect(row.n, row.reference).toBe(1);
    expect(await duplicateNotifications()).toEqual([]);
  }, 180_000);

  it('finishes the work of a killed worker on the other', async () => {
    const sessions = await Promise.all(ports.map((port) => signIn(port, customerEmail)));
    const killed = children.find((child) => child.name === 'worker 1');
    const filing = Promise.all(
      ports.flatMap((port, index) =>
        Array.from({ length: perApi }, (_, n) =>
          fileComplaint(port, sessions[index] ?? {}, `Pencetak rosak ${index}-${n}`),
        ),
      ),
    );
    // Killed while the complaints are in flight: its workflow tasks and activities time out
    // and move to worker 2.
    await new Promise((resolve) => setTimeout(resolve, 300));
    killed?.process.kill('SIGKILL');
    expect(await killed?.exited).toBeNull();

    const references = await filing;
    expect(new Set(references).size).toBe(2 * perApi);
    const rows = await settledAcknowledgements(references);
    expect(rows).toHaveLength(2 * perApi);
    for (const row of rows) expect(row.n, row.reference).toBe(1);
    expect(await duplicateNotifications()).toEqual([]);
    const survivor = children.find((child) => child.name === 'worker 2');
    expect(survivor?.process.exitCode).toBeNull();
  }, 180_000);
});
