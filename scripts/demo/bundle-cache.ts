/**
 * A cache of the workflow bundle in the demo's data directory. Bundling the workflow code takes
 * seconds, more than the whole start-up budget of a second demo start, so the bundle is kept and
 * reused while the workflow sources and the SDK version are unchanged. The bundler is imported only
 * when the bundle must be built.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Logger } from '../../common/logger';

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files.sort();
}

/**
 * A digest of what the bundle is built from: the workflow code, the common code it imports, and
 * the version of the SDK's workflow library that is bundled with it.
 */
export function bundleKey(root: string): string {
  const hash = createHash('sha256');
  for (const directory of ['workflows', 'common']) {
    for (const file of sourceFiles(join(root, directory))) {
      hash.update(file.slice(root.length));
      hash.update(readFileSync(file));
    }
  }
  hash.update(readFileSync(join(root, 'node_modules', '@temporalio', 'workflow', 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Returns the cached bundle for the current sources, building and storing it when needed. */
export async function cachedWorkflowBundle(
  root: string,
  cacheDir: string,
  logger: Logger,
): Promise<WorkflowBundleWithSourceMap> {
  const key = bundleKey(root);
  const codePath = join(cacheDir, `workflow-bundle-${key}.js`);
  const mapPath = join(cacheDir, `workflow-bundle-${key}.js.map`);
  try {
    return { code: readFileSync(codePath, 'utf8'), sourceMap: readFileSync(mapPath, 'utf8') };
  } catch {
    // Not cached yet: build it below.
  }

  const started = Date.now();
  const { bundleWorkflows } = await import('../../worker/create');
  const bundle = await bundleWorkflows(logger);
  mkdirSync(cacheDir, { recursive: true });
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith('workflow-bundle-')) rmSync(join(cacheDir, name), { force: true });
  }
  // Written under temporary names and renamed, the code last, so an interrupted start never
  // leaves a truncated bundle or a code file without its map.
  writeFileSync(`${mapPath}.tmp`, bundle.sourceMap);
  renameSync(`${mapPath}.tmp`, mapPath);
  writeFileSync(`${codePath}.tmp`, bundle.code);
  renameSync(`${codePath}.tmp`, codePath);
  logger.info({ key, ms: Date.now() - started }, 'workflow bundle built and cached');
  return bundle;
}
