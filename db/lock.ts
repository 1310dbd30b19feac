/**
 * The single-process lock on an embedded (PGlite) data directory. PGlite is one process: a second
 * process opening the same directory would corrupt it, so it must fail before touching anything.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        const owner = readOwner(path);
        if (owner?.pid === me.pid && owner.hostname === me.hostname) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      const stale = owner !== null && owner.hostname === me.hostname && !isAlive(owner.pid);
      if (owner !== null && !stale) throw new DataDirectoryInUseError(dataDir, owner);
      // A lock from a process that died, or an unreadable one from a crash while writing it.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${path}; remove it if no Khidmat process is running.`);
}
