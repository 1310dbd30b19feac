/**
 * The single-process lock on an embedded (PGlite) data directory. PGlite is one process: a second
 * process opening the same directory would corrupt it, so it must fail before touching anything.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export class DataDirectoryInUseError extends Error {
  readonly owner: LockOwner;

  constructor(dataDir: string, owner: LockOwner) {
    super(
      `The data directory ${dataDir} is in use by process ${owner.pid} on ${owner.hostname} ` +
        `(${owner.command}, since ${owner.startedAt}). The embedded database serves one process: ` +
        'stop that process, or run the API and the worker together (npm start), or set DATABASE_URL ' +
        'to use PostgreSQL.',
    );
    this.name = 'DataDirectoryInUseError';
    this.owner = owner;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/**
 * Takes the lock on dataDir, creating the directory first. A lock left by a process that is gone
 * (on this host) is taken over. Returns the function that releases it.
 *
 * The lock file is written in full to a temporary name and hard-linked into place, so no reader
 * ever sees a half-written lock; a stale lock is renamed away before it is removed, so of two
 * processes that find it at once only one takes it over.
 */
export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'khidmat.lock');
  const me: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 200),
  };
  const unique = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const candidate = `${path}.${unique}.new`;
  writeFileSync(candidate, JSON.stringify(me));

  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(candidate, path);
        return () => {
          const owner = readOwner(path);
          if (owner?.pid === me.pid && owner.hostname === me.hostname)
            rmSync(path, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      const stale = owner === null || (owner.hostname === me.hostname && !isAlive(owner.pid));
      if (!stale) throw new DataDirectoryInUseError(dataDir, owner);
      // The lock of a process that died, or one it could not finish writing before it died.
      const moved = `${path}.${unique}.stale`;
      try {
        renameSync(path, moved);
        rmSync(moved, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  } finally {
    rmSync(candidate, { force: true });
  }
  throw new Error(`Could not take the lock ${path}; remove it if no Khidmat process is running.`);
}
