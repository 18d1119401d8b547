/**
 * Jensen's inequality for the logarithm on a finite distribution: points x₁, …, xₙ > 0 with
 * weights w₁, …, wₙ ≥ 0 summing to 1. Because log is concave,
 *
 *   log E[x] = log Σ wᵢxᵢ  ≥  Σ wᵢ log xᵢ = E[log x],
 *
 * with equality exactly when the distribution is a point mass (all weight on points that are
 * equal). The difference is Jensen's gap; in the ELBO chapter the same gap, with x the ratio
 * p(x, z)/q(z | x), is the KL divergence from q to the posterior.
 */

import { expm1MinusX } from './kl.ts';

/**
 * Weights made into a probability vector: negative, NaN or infinite entries count as 0, and the
 * rest are divided by their sum. If nothing positive remains, the weights are uniform (the
 * natural reading of "all weights equal to zero" in a widget, and never a division by zero).
 */
export function normalizeWeights(weights: readonly number[]): Float64Array {
  const clean = Float64Array.from(weights, (w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = clean.reduce((sum, w) => sum + w, 0);
  if (!(total > 0 && Number.isFinite(total))) return clean.map(() => 1 / Math.max(1, clean.length));
  return clean.map((w) => w / total);
}

/** The two sides of Jensen's inequality for log and the gap between them. */
export interface JensenLog {
  /** The normalised weights actually used. */
  readonly weights: Float64Array;
  /** E[x] = Σ wᵢxᵢ. */
  readonly mean: number;
  /** log E[x]: the logarithm of the mean (a point on the graph of log). */
  readonly logOfMean: number;
  /** E[log x] = Σ wᵢ log xᵢ: the mean of the logarithms (a point inside the chord polygon). */
  readonly meanOfLog: number;
  /** log E[x] − E[log x] ≥ 0. */
  readonly gap: number;
}

/**
 * Both sides of log E[x] ≥ E[log x] for the points `xs` (each finite and > 0) with the given
 * weights (normalised by {@link normalizeWeights}).
 *
 * The gap is not computed as the difference of the two sides, which could come out a hair
 * below zero. With tᵢ = xᵢ/E[x] we have Σ wᵢ(tᵢ − 1) = 0, so
 *   gap = −Σ wᵢ log tᵢ = Σ wᵢ (tᵢ − 1 − log tᵢ),
 * a sum of non-negative terms (t − 1 − log t ≥ 0, zero only at t = 1), each evaluated without
 * cancellation as expm1MinusX(log tᵢ). The gap is therefore ≥ 0 in floating point too, and
 * exactly 0 for a point mass, where E[x] is set to that point exactly.
 *
 * @throws RangeError if the arrays are empty or of different lengths, or a point is not > 0.
 */
export function jensenLog(xs: readonly number[], weights: readonly number[]): JensenLog {
  if (xs.length === 0) throw new RangeError('need at least one point');
  if (xs.length !== weights.length) {
    throw new RangeError(`xs and weights must have the same length, got ${xs.length} and ${weights.length}`);
  }
  xs.forEach((x, i) => {
    if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`xs[${i}] must be finite and > 0, got ${x}`);
  });
  const w = normalizeWeights(weights);

  let lo = Infinity;
  let hi = -Infinity;
  let mean = 0;
  let meanOfLog = 0;
  xs.forEach((x, i) => {
    const wi = w[i] ?? 0;
    if (wi === 0) return;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
    mean += wi * x;
    meanOfLog += wi * Math.log(x);
  });
  // A weighted mean lies between the smallest and largest point; rounding must not push it out,
  // and for a point mass it must be that point exactly.
  mean = lo === hi ? lo : Math.min(hi, Math.max(lo, mean));

  let gap = 0;
  xs.forEach((x, i) => {
    const wi = w[i] ?? 0;
    if (wi > 0) gap += wi * expm1MinusX(Math.log(x / mean));
  });
  return { weights: w, mean, logOfMean: Math.log(mean), meanOfLog: lo === hi ? Math.log(lo) : meanOfLog, gap };
}
