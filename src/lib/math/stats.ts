/**
 * Sample statistics of plain-number draws, for the Monte Carlo figures of the theory widgets
 * (gradient-estimator variances, IWAE bounds with standard errors).
 */

/** The mean and the unbiased sample variance of some draws. */
export interface SampleSummary {
  readonly mean: number;
  /** The unbiased sample variance (divisor n − 1); 0 for a single value. */
  readonly variance: number;
}

/** Mean and sample variance, in two passes (accurate when the spread is small next to the mean). */
export function summarize(values: ArrayLike<number>): SampleSummary {
  const n = values.length;
  if (n === 0) throw new RangeError('summarize needs at least one value');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] ?? 0;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((values[i] ?? 0) - mean) ** 2;
  return { mean, variance: n > 1 ? squares / (n - 1) : 0 };
}
