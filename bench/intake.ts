/**
 * Complaint intake: complaints filed through `POST /api/v1/cases` by `concurrency` clients at once,
 * each request returning once the workflow has started and written the case record.
 */
import { performance } from 'node:perf_hooks';
import { summarise } from './stats';

export interface IntakeFigures {
  complaints: number;
  seconds: number;
  perSecond: number;
  latencyMs: ReturnType<typeof summarise>;
}

/** Files `count` complaints as the signed-in customer whose headers are given. */
export async function measureIntake(
  address: string,
  customerHeaders: Record<string, string>,
  concurrency: number,
  count: number,
): Promise<IntakeFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < count) {
      next += 1;
      const t0 = performance.now();
      const response = await fetch(`${address}/api/v1/cases`, {
        method: 'POST',
        headers: { ...customerHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `Rangkaian terputus di makmal ${next}`,
          description: 'Sambungan Wi-Fi terputus-putus.',
        }),
      });
      if (response.status !== 201)
        throw new Error(`POST /cases returned ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  const figures = {
    complaints: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round((latencies.length / seconds) * 10) / 10,
    latencyMs: summarise(latencies),
  };
  console.log(`intake at concurrency ${concurrency}: ${figures.perSecond} complaints/s`);
  return figures;
}
