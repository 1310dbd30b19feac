/**
 * Builds the web app (`npm run build:web`) when web/dist is missing or older than its sources, so
 * `npm start`, `npm run api` and the demo always serve the current screens. Run directly, it builds
 * only when needed; `--force` always builds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestModification(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

/** Returns true when web/dist/index.html is missing or older than a file of the web app. */
export function webBuildIsStale(): boolean {
  const built = join(root, 'web/dist/index.html');
  if (!existsSync(built)) return true;
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts'].map((path) =>
    join(root, path),
  );
  return statSync(built).mtimeMs < Math.max(...sources.map(newestModification));
}

/** Runs `npm run build:web` when the build is stale (or always, when forced). */
export function ensureWebBuild(force = false): void {
  if (!force && !webBuildIsStale()) return;
  execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuild(process.argv.includes('--force'));
}
