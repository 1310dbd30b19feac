/**
 * `npx tsx bench/data.ts`: only the database figures of the budget on generated data (see
 * data-figures.ts), without the intake and the web app. BENCH_SIZE and BENCH_DATABASE_URL apply.
 */
import { benchSize, measureDataFigures } from './data-figures';
import { machine, writeResult } from './report';

async function main(): Promise<void> {
  const size = benchSize();
  const samples = Number(process.env.BENCH_SAMPLES ?? 100);
  const at = new Date().toISOString();
  const figures = await measureDataFigures({ size, samples });
  const file = writeResult(at, `data-${figures.database}-${size}`, {
    at,
    machine: machine(),
    command: `BENCH_SIZE=${size} npx tsx bench/data.ts`,
    samples,
    ...figures,
  });
  console.log(`results written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
