/** The machine description and the results file of a benchmark run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('./results', import.meta.url));

export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** Writes the result to bench/results/<time>-<label>.json and returns the file's path. */
export function writeResult(at: string, label: string, result: unknown): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${at.replace(/[:.]/g, '-')}-${label}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
