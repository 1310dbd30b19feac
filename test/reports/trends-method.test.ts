/**
 * The trend flag's statistics on generated data: exact Poisson tails, a generated spike that must
 * be flagged, and seeded Poisson noise on which the share of weeks with any flag must stay near
 * the stated family-wise false-alarm rate.
 */
import { describe, expect, it } from 'vitest';
import {
  baselineOf,
  defaultTrendOptions,
  detectRises,
  poissonUpperTail,
} from '../../activities/reports/trends-method';

/** mulberry32: a small seeded generator, so the generated data is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws a Poisson count by Knuth's method, which is exact and fast enough for means below 30. */
function poissonSample(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

const weeks = 4 * 52;
const testedWeeks = { first: 3 * 52, last: weeks - 1 };

function generateSeries(random: () => number, seriesCount: number) {
  const series = new Map<string, number[]>();
  for (let s = 0; s < seriesCount; s += 1) {
    const mean = 1 + ((s * 7) % 15);
    series.set(
      `series-${s}`,
      Array.from({ length: weeks }, () => poissonSample(mean, random)),
    );
  }
  return series;
}

describe('trend method', () => {
  it('poisson tail matches exact values', () => {
    // P(X >= 1) = 1 - e^-2 for mean 2.
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X >= 3) for mean 1: 1 - e^-1 (1 + 1 + 1/2).
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    // P(X >= 20) for mean 5: 3.452135820914455e-7, summed with Python's math.lgamma.
    expect(poissonUpperTail(20, 5)).toBeCloseTo(3.452135820914455e-7, 18);
    expect(poissonUpperTail(0, 3)).toBe(1);
  });

  it('seasonal baseline uses earlier years', () => {
    const counts = Array.from({ length: 3 * 52 + 1 }, (_, week) => (week % 52 === 10 ? 9 : 1));
    const baseline = baselineOf(counts, 2 * 52 + 10);
    expect(baseline.basis).toBe('seasonal');
    expect(baseline.weeks).toBe(10);
    // Two years × (one week of 9 and four weeks of 1) / 10 weeks.
    expect(baseline.expected).toBeCloseTo(2.6, 10);
    const early = baselineOf(counts, 20);
    expect(early.basis).toBe('recent');
    expect(early.weeks).toBe(8);
  });

  it('flag fires on a generated spike', () => {
    const series = generateSeries(seededRandom(20261204), 20);
    const spikeWeek = testedWeeks.last;
    const spiked = series.get('series-3')!;
    // series-3 has mean 7; a week of 30 is far above any seasonal mean of ordinary noise.
    spiked[spikeWeek] = 30;
    const results = detectRises(series, spikeWeek);
    const flagged = results.filter((result) => result.flagged).map((result) => result.key);
    expect(flagged).toEqual(['series-3']);
    expect(results[0]?.basis).toBe('seasonal');
    expect(results[0]?.threshold).toBeCloseTo(defaultTrendOptions.alpha / 20, 12);
  });

  it('noise stays near the stated false-alarm rate', () => {
    const master = seededRandom(8);
    let weeksTested = 0;
    let weeksFlagged = 0;
    for (let run = 0; run < 100; run += 1) {
      const series = generateSeries(seededRandom(Math.floor(master() * 2 ** 32)), 20);
      for (let week = testedWeeks.first; week <= testedWeeks.last; week += 1) {
        weeksTested += 1;
        if (detectRises(series, week).some((result) => result.flagged)) weeksFlagged += 1;
      }
    }
    const rate = weeksFlagged / weeksTested;
    console.info(
      `trend false-alarm rate on seeded noise: ${rate} (${weeksFlagged}/${weeksTested})`,
    );
    // The nominal rate is 1% with a known mean; the estimated baseline is allowed up to twice that.
    expect(rate).toBeLessThanOrEqual(2 * defaultTrendOptions.alpha);
  });
});
