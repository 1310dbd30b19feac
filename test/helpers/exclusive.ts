/**
 * A lock across test files for the heaviest ones (browser tests and the demo's first start): run
 * side by side on two cores, a browser test's pages stopped loading in CI.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lockDir = join(tmpdir(), 'khidmat-heavy-tests.lock');

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits, at most 10 minutes, until no other heavy test file runs; returns the release function.
 * A beforeAll that calls it needs a timeout above those 10 minutes plus its own setup.
 */
export async function runExclusively(): Promise<() => void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A holder that died leaves the directory behind; a pid file not yet written reads as dead
    // only for a moment, so the check waits a second before taking over.
    if (!holderAlive()) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (!holderAlive()) rmSync(lockDir, { recursive: true, force: true });
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
