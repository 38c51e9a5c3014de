/**
 * The few statistics the benchmark reports. Loads on a shared machine are noisy and
 * heavy-tailed, so it compares medians, and says how far a ratio of medians could move.
 */

/** The `p`-quantile (0–1) of `values`, nearest rank; the median is `quantile(values, 0.5)`. */
export function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/** A uniform random number in [0, 1): `Math.random`, or a seeded one in tests. */
export type Random = () => number;

/**
 * The ratio of the medians of `a` and `b`, with a 95% bootstrap interval: both samples are
 * resampled with replacement `resamples` times, and the interval holds the middle 95% of the
 * resampled ratios. Two identical trackers measured in one run give intervals around 1.
 */
export function medianRatio(
  a: number[],
  b: number[],
  resamples = 2000,
  random: Random = Math.random,
): { ratio: number; low: number; high: number } {
  const resample = (values: number[]) => values.map(() => values[Math.floor(random() * values.length)]!);
  const ratios = Array.from({ length: resamples }, () => quantile(resample(a), 0.5) / quantile(resample(b), 0.5));
  return { ratio: quantile(a, 0.5) / quantile(b, 0.5), low: quantile(ratios, 0.025), high: quantile(ratios, 0.975) };
}
