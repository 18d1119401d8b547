/**
 * The forward (noising) process of a diffusion model in plain numbers (Ho et al. 2020):
 *
 *   q(x_t | x_{t−1}) = N(√(1 − β_t)·x_{t−1}, β_t·I),   t = 1 … T,
 *
 * whose t-step marginal has the closed form
 *
 *   q(x_t | x_0) = N(√ᾱ_t·x_0, (1 − ᾱ_t)·I),   ᾱ_t = ∏_{s ≤ t} (1 − β_s).
 *
 * Every coordinate is noised independently, so one coordinate (a number) tells the whole story.
 */

/** The linear schedule β_1 … β_T from `first` to `last` (DDPM: T = 1000, 10⁻⁴ → 0.02). */
export function linearBetaSchedule(steps: number, first: number, last: number): Float64Array {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  if (!(first > 0 && last < 1 && first <= last)) throw new RangeError(`need 0 < first ≤ last < 1, got ${first}, ${last}`);
  return Float64Array.from({ length: steps }, (_, i) => (steps === 1 ? first : first + ((last - first) * i) / (steps - 1)));
}

/**
 * ᾱ_1 … ᾱ_T, the running products of 1 − β_t. Computed as exp of a running sum of log1p(−β)
 * so that the long products keep full relative precision.
 */
export function alphaBar(betas: ArrayLike<number>): Float64Array {
  const out = new Float64Array(betas.length);
  let logProduct = 0;
  for (let t = 0; t < betas.length; t++) {
    const beta = betas[t] ?? Number.NaN;
    if (!(beta > 0 && beta < 1)) throw new RangeError(`β_${t + 1} must lie in (0, 1), got ${beta}`);
    logProduct += Math.log1p(-beta);
    out[t] = Math.exp(logProduct);
  }
  return out;
}

/** A univariate Gaussian by its mean and variance. */
export interface MeanVariance {
  readonly mean: number;
  readonly variance: number;
}

/**
 * One forward step applied to x_{t−1} ~ N(m, v): x_t = √(1 − β)·x_{t−1} + √β·ε gives
 * N(√(1 − β)·m, (1 − β)·v + β).
 */
export function forwardStep(previous: MeanVariance, beta: number): MeanVariance {
  return { mean: Math.sqrt(1 - beta) * previous.mean, variance: (1 - beta) * previous.variance + beta };
}

/** The closed-form marginal q(x_t | x_0) = N(√ᾱ_t·x_0, 1 − ᾱ_t), given ᾱ_t. */
export function forwardMarginal(x0: number, alphaBarT: number): MeanVariance {
  return { mean: Math.sqrt(alphaBarT) * x0, variance: 1 - alphaBarT };
}
