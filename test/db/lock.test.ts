import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../../db/client';
import { DataDirectoryInUseError, type LockOwner } from '../../db/lock';

const root = fileURLToPath(new URL('../..', import.meta.url));
const childScript = join(root, 'test/db/fixtures/open-database.ts');

interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the open-database fixture in a separate Node.js process on dataDir. */
function openInChild(dataDir: string): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** Returns the pid of a process that has already exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(result.stdout);
}

function writeLock(dataDir: string, owner: Partial<LockOwner> | string): void {
  mkdirSync(dataDir, { recursive: true });
  const content = typeof owner === 'string' ? owner : JSON.stringify(owner);
  writeFileSync(join(dataDir, 'khidmat.lock'), content);
}

function readLock(dataDir: string): LockOwner {
  return JSON.parse(readFileSync(join(dataDir, 'khidmat.lock'), 'utf8')) as LockOwner;
}

async function selectOne(handle: DatabaseHandle): Promise<number> {
  const result = await handle.db.execute(sql`select 1 as one`);
  return Number(rowsOf<{ one: number }>(result)[0]?.one);
}

// Each test starts PGlite once or twice, and a child Node.js process, which takes tens of seconds
// on a loaded 2-core machine.
describe('embedded database lock', { timeout: 120_000 }, () => {
  let base: string;
  let dataDir: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'khidmat-lock-'));
    // A directory whose parent does not exist yet: openDatabase must create it.
    dataDir = join(base, 'nested', 'data');
  });

  afterEach(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('rejects a second process naming the holder pid', async () => {
    const holder = await openDatabase({ dataDir });
    try {
      await holder.migrate();

      const child = await openInChild(dataDir);

      expect(child.status).toBe(1);
      expect(child.stderr).toContain('DataDirectoryInUseError');
      expect(child.stderr).toContain(`in use by process ${process.pid}`);
      expect(child.stdout).not.toContain('opened');

      // The holder keeps working and still owns the lock.
      expect(await selectOne(holder)).toBe(1);
      expect(readLock(dataDir).pid).toBe(process.pid);
    } finally {
      await holder.close();
    }

    expect(existsSync(join(dataDir, 'khidmat.lock'))).toBe(false);
    const next = await openInChild(dataDir);
    expect(next.stderr).toBe('');
    expect(next.stdout).toContain('opened');
    expect(next.status).toBe(0);
  });

  it('rejects a second open in the same process', async () => {
    const holder = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirectoryInUseError);
      expect(await selectOne(holder)).toBe(1);
    } finally {
      await holder.close();
    }
  });

  it('takes over a stale lock from a dead pid', async () => {
    const pid = deadPid();
    writeLock(dataDir, {
      pid,
      hostname: hostname(),
      startedAt: new Date(0).toISOString(),
      command: 'crashed',
    });

    const handle = await openDatabase({ dataDir });
    try {
      expect(readLock(dataDir).pid).toBe(process.pid);
      expect(await selectOne(handle)).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('takes over an unreadable lock file', async () => {
    writeLock(dataDir, '{"pid": 12');

    const handle = await openDatabase({ dataDir });
    try {
      expect(readLock(dataDir).pid).toBe(process.pid);
    } finally {
      await handle.close();
    }
  });

  it('keeps a lock held from another host', async () => {
    const owner: LockOwner = {
      pid: deadPid(),
      hostname: `${hostname()}-other`,
      startedAt: new Date(0).toISOString(),
      command: 'khidmat on another host',
    };
    writeLock(dataDir, owner);

    const error = await openDatabase({ dataDir }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DataDirectoryInUseError);
    expect((error as DataDirectoryInUseError).owner).toEqual(owner);
    expect(readLock(dataDir)).toEqual(owner);
  });
});
