/**
 * Command line of the data generator:
 *
 *   npx tsx bench/generate.ts --cases 100000 [--seed 20261204]
 *
 * Writes into PostgreSQL when DATABASE_URL is set, otherwise into the embedded database in
 * DATA_DIR (default ./data), migrating it first. The same seed and size give the same rows.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { defaultSeed, generateData } from './generate/index';

const usage = 'usage: npx tsx bench/generate.ts --cases <count> [--seed <integer>]';

function positiveInteger(name: string, text: string | undefined, fallback?: number): number {
  if (text === undefined && fallback !== undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`invalid --${name}: '${text ?? ''}'; expected a positive integer\n${usage}`);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cases: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const cases = positiveInteger('cases', values.cases);
  const seed = positiveInteger('seed', values.seed, defaultSeed);
  const databaseUrl = process.env.DATABASE_URL;
  const handle = await openDatabase({
    dataDir: process.env.DATA_DIR ?? './data',
    databaseUrl,
    poolSize: 2,
  });
  try {
    await handle.migrate();
    const summary = await generateData(handle.db, {
      cases,
      seed,
      postgresUrl: databaseUrl,
      onProgress: (written) => process.stderr.write(`\r${written} of ${cases} cases written`),
    });
    process.stderr.write('\n');
    console.log(
      `${summary.cases} cases, ${summary.historyRows} history rows and ${summary.people} people written into ${handle.kind} in ${summary.seconds} s`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
