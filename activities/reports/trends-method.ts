/**
 * The statistical test behind trend flags (analisa aduan), kept free of I/O so it can be tested on
 * generated data.
 *
 * Method: each series (the weekly count of cases of one category, service or unit) is compared
 * with its expected weekly count. The expected count is the mean of a seasonal baseline: the same
 * week of the year, and the two weeks either side, in each of the previous three years. When the
 * series has fewer than `minSeasonalWeeks` such weeks, the mean of the previous eight weeks is used
 * instead. A week is flagged when, under a Poisson distribution with that mean, the probability of
 * a count at least as high is below alpha / m, where m is the number of series tested that week
 * (Bonferroni correction), and the count is at least `minFlagCount`.
 *
 * False-alarm rate: if the baseline mean were the true mean, the chance that any of the m series is
 * flagged in a week of ordinary noise is at most alpha (default 1%). The baseline mean is itself
 * estimated from 5 to 15 weeks, which raises the rate somewhat: test/reports/trends-method.test.ts
 * measured 1.04% of weeks with any flag (54 of 5,200 weeks, 20 series of seeded Poisson noise) and
 * fails above 2%.
 */

export interface TrendOptions {
  /** Family-wise false-alarm rate per week, before the Bonferroni split. */
  alpha: number;
  /** Minimum count that may be flagged, so that one or two cases do not raise a flag. */
  minFlagCount: number;
  /** Expected counts below this are raised to it, so a series with no history is not flagged by one case. */
  minExpected: number;
  /** Seasonal weeks needed before the seasonal baseline is used instead of the recent one. */
  minSeasonalWeeks: number;
}

export const defaultTrendOptions: TrendOptions = {
  alpha: 0.01,
  minFlagCount: 3,
  minExpected: 0.5,
  minSeasonalWeeks: 5,
};

/** Weeks either side of the same week in earlier years that join the seasonal baseline. */
export const seasonalHalfWidth = 2;
/** Earlier years in the seasonal baseline. */
export const seasonalYears = 3;
/** Recent weeks in the fallback baseline. */
export const recentWeeks = 8;
/** Weeks in a year for the seasonal look-back; 52 keeps the same weekday. */
const weeksPerYear = 52;

/**
 * Returns P(X >= k) for X ~ Poisson(mean). Below the mean it subtracts the lower tail from 1;
 * above it, it sums the upper tail directly, so small p-values keep their precision.
 */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  const logPmf = (i: number) => {
    let logFactorial = 0;
    for (let j = 2; j <= i; j += 1) logFactorial += Math.log(j);
    return i * Math.log(mean) - mean - logFactorial;
  };
  if (k <= mean) {
    let pmf = Math.exp(-mean);
    let lower = 0;
    for (let i = 0; i < k; i += 1) {
      lower += pmf;
      pmf *= mean / (i + 1);
    }
    return Math.min(1, Math.max(0, 1 - lower));
  }
  let pmf = Math.exp(logPmf(k));
  let upper = 0;
  for (let i = k; i < k + 100_000; i += 1) {
    upper += pmf;
    pmf *= mean / (i + 1);
    if (pmf < upper * 1e-15) break;
  }
  return Math.min(1, upper);
}

/** Returns the expected count of week `index` of a series of weekly counts, and how it was found. */
export function baselineOf(
  counts: readonly number[],
  index: number,
  options: TrendOptions = defaultTrendOptions,
): { expected: number; basis: 'seasonal' | 'recent'; weeks: number } {
  const seasonal: number[] = [];
  for (let year = 1; year <= seasonalYears; year += 1) {
    for (let offset = -seasonalHalfWidth; offset <= seasonalHalfWidth; offset += 1) {
      const week = index - year * weeksPerYear + offset;
      if (week >= 0 && week < index) seasonal.push(counts[week] ?? 0);
    }
  }
  if (seasonal.length >= options.minSeasonalWeeks) {
    return { expected: meanOf(seasonal, options), basis: 'seasonal', weeks: seasonal.length };
  }
  const recent = counts.slice(Math.max(0, index - recentWeeks), index);
  return { expected: meanOf(recent, options), basis: 'recent', weeks: recent.length };
}

function meanOf(values: readonly number[], options: TrendOptions): number {
  if (values.length === 0) return options.minExpected;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.max(mean, options.minExpected);
}

/** The test result of one series in one week. */
export interface TrendResult {
  key: string;
  observed: number;
  previous: number;
  expected: number;
  basis: 'seasonal' | 'recent';
  pValue: number;
  /** alpha / m, the per-series threshold after the Bonferroni correction. */
  threshold: number;
  flagged: boolean;
}

/**
 * Tests week `index` of every series; series share the same week numbering. Series with no case
 * in the week or its baseline are still counted in m, because they were looked at.
 */
export function detectRises(
  series: ReadonlyMap<string, readonly number[]>,
  index: number,
  options: TrendOptions = defaultTrendOptions,
): TrendResult[] {
  const threshold = options.alpha / Math.max(1, series.size);
  const results: TrendResult[] = [];
  for (const [key, counts] of series) {
    const observed = counts[index] ?? 0;
    const baseline = baselineOf(counts, index, options);
    const pValue = poissonUpperTail(observed, baseline.expected);
    results.push({
      key,
      observed,
      previous: index > 0 ? (counts[index - 1] ?? 0) : 0,
      expected: baseline.expected,
      basis: baseline.basis,
      pValue,
      threshold,
      flagged: observed >= options.minFlagCount && pValue < threshold,
    });
  }
  return results.sort((a, b) => a.pValue - b.pValue);
}
