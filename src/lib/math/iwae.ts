/**
 * The importance-weighted bound of Burda et al. (2015) for the toy models of `./latent-models`,
 * where the evidence log p(x) is known exactly, in plain numbers:
 *
 *   L_K = E[ log (1/K) Σ_k w_k ],   w_k = p(x, z_k) / q(z_k),   z_1, …, z_K ~ q independently.
 *
 * L_1 is the ELBO, L_K ≤ L_{K+1} ≤ log p(x), and L_K → log p(x) as K → ∞ when the weights are
 * bounded. L_K has no closed form even for these models, so it is estimated by Monte Carlo: an
 * outer average over independent draws of the inner K-sample estimator, reported with its
 * standard error. Everything happens in log space (log-weights of −1000 are normal here).
 *
 * Randomness comes only from the `Rng` argument, so every estimate is reproducible from a seed.
 */
import { assertNormal1D, drawNormal, type Normal1D, normalLogPdf } from './gaussian.ts';
import { assertModel, logJoint, type ToyModel } from './latent-models.ts';
import { logSumExp } from './mixture.ts';
import type { Rng } from './random.ts';
import { summarize as meanAndVariance } from './stats.ts';

/**
 * A Monte Carlo estimate of an IWAE figure: the mean of `samples` independent draws and its
 * standard error. (Not `./kl`'s `MonteCarloEstimate`, whose fields are estimate, standardError, n.)
 */
export interface IwaeEstimate {
  readonly mean: number;
  /** The sample standard deviation over √samples; 0 when every draw is the same. */
  readonly standardError: number;
  readonly samples: number;
}

/**
 * The mean and standard error √(s²/n) of `values`, s² the unbiased sample variance of
 * `./stats` `summarize`. A single value has standard error NaN: one draw says nothing about its
 * own spread.
 */
export function summarize(values: ArrayLike<number>): IwaeEstimate {
  const { mean, variance } = meanAndVariance(values);
  const n = values.length;
  return { mean, standardError: n === 1 ? Number.NaN : Math.sqrt(variance / n), samples: n };
}

/**
 * log((1/n) Σ_i e^{v_i}) = logSumExp(v) − log n, so as stable as {@link logSumExp} (nothing
 * overflows, the sum cannot underflow to 0). All −∞ gives −∞; a +∞ gives +∞, a NaN NaN.
 */
export function logMeanExp(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('logMeanExp needs at least one value');
  return logSumExp(values) - Math.log(n);
}

/** log w = log p(x, z) − log q(z): the log importance weight of one code z drawn from q. */
export function logImportanceWeight(model: ToyModel, x: number, q: Normal1D, z: number): number {
  return logJoint(model, x, z) - normalLogPdf(z, q);
}

/** `k` log-weights for independent draws z_1, …, z_k ~ q. */
export function drawLogWeights(model: ToyModel, x: number, q: Normal1D, k: number, rng: Rng): Float64Array {
  checkCount('k', k);
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = logImportanceWeight(model, x, q, drawNormal(q, rng));
  return out;
}

function checkCount(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}

function checkArguments(model: ToyModel, q: Normal1D): void {
  assertModel(model);
  assertNormal1D(q, 'q');
}

/**
 * A Monte Carlo estimate of L_K: `samples` independent draws of log (1/K) Σ_k w_k, each from its
 * own K codes z_k ~ q. For K = 1 it estimates the ELBO, `elbo(model, x, q)`.
 */
export function iwaeBoundToy(model: ToyModel, x: number, q: Normal1D, k: number, samples: number, rng: Rng): IwaeEstimate {
  checkArguments(model, q);
  checkCount('k', k);
  checkCount('samples', samples);
  const draws = new Float64Array(samples);
  for (let s = 0; s < samples; s++) draws[s] = logMeanExp(drawLogWeights(model, x, q, k, rng));
  return summarize(draws);
}

/**
 * The estimator of the common mistake: the average of the log-weights, (1/K) Σ_k log w_k, instead
 * of the logarithm of the averaged weights. Its expectation is the ELBO for every K; more
 * samples only make it less noisy.
 */
export function averagedLogWeightsToy(model: ToyModel, x: number, q: Normal1D, k: number, samples: number, rng: Rng): IwaeEstimate {
  checkArguments(model, q);
  checkCount('k', k);
  checkCount('samples', samples);
  const draws = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    const logWeights = drawLogWeights(model, x, q, k, rng);
    draws[s] = logWeights.reduce((a, b) => a + b, 0) / k;
  }
  return summarize(draws);
}

/**
 * Estimates of L_1, L_2, …, L_kMax (entry K − 1 estimates L_K) from one set of draws: each of the
 * `samples` rows holds kMax log-weights, and L_K is estimated from the first K of every row.
 * A row's first K weights are K independent draws from q, so each entry is an unbiased estimate
 * of the same quantity as {@link iwaeBoundToy}; sharing the draws makes the curve smooth in K
 * (neighbouring estimates are strongly correlated) and costs samples · kMax weights instead of
 * samples · kMax²/2. The running log-mean-exp keeps a running maximum so it stays stable.
 */
export function iwaeCurveToy(model: ToyModel, x: number, q: Normal1D, kMax: number, samples: number, rng: Rng): IwaeEstimate[] {
  checkArguments(model, q);
  checkCount('kMax', kMax);
  checkCount('samples', samples);
  // draws[(K − 1)·samples + s]: the K-sample estimate of row s.
  const draws = new Float64Array(kMax * samples);
  for (let s = 0; s < samples; s++) {
    let max = -Infinity;
    let sum = 0; // Σ_{i ≤ K} e^{log w_i − max}
    for (let k = 1; k <= kMax; k++) {
      const v = logImportanceWeight(model, x, q, drawNormal(q, rng));
      if (v > max) {
        sum = (max === -Infinity ? 0 : sum * Math.exp(max - v)) + 1;
        max = v;
      } else {
        sum += Math.exp(v - max);
      }
      draws[(k - 1) * samples + s] = max === -Infinity ? -Infinity : max + Math.log(sum / k);
    }
  }
  return Array.from({ length: kMax }, (_, k) => summarize(draws.subarray(k * samples, (k + 1) * samples)));
}

/**
 * The Rényi divergence of order 2 between two univariate Gaussians,
 *
 *   D₂(p ‖ q) = log ∫ p(z)² / q(z) dz,
 *
 * in closed form: with a = 2/τ² − 1/s², b = 2μ/τ² − m/s², c = 2μ²/τ² − m²/s² for p = N(μ, τ²)
 * and q = N(m, s²), the integral is s / (τ² √a) · exp((b²/a − c)/2). It is finite only when
 * a > 0, i.e. s² > τ²/2; otherwise the integrand does not decay and the result is +∞.
 *
 * With p the exact posterior p(z | x) and q the proposal, the importance weights w = p(x, z)/q(z)
 * have E_q[w] = p(x) and E_q[w²] = p(x)² e^{D₂}, so their relative variance is
 * Var[w]/p(x)² = e^{D₂} − 1, the χ² divergence, and for large K
 *   log p(x) − L_K ≈ (e^{D₂} − 1) / (2K).
 */
export function renyi2Gaussian(p: Normal1D, q: Normal1D): number {
  assertNormal1D(p, 'p');
  assertNormal1D(q, 'q');
  const tau2 = p.sigma * p.sigma;
  const s2 = q.sigma * q.sigma;
  const a = 2 / tau2 - 1 / s2;
  if (!(a > 0)) return Infinity;
  const b = (2 * p.mu) / tau2 - q.mu / s2;
  const c = (2 * p.mu * p.mu) / tau2 - (q.mu * q.mu) / s2;
  return Math.log(q.sigma) - Math.log(tau2) - 0.5 * Math.log(a) + 0.5 * ((b * b) / a - c);
}

/** The large-K approximation of the IWAE gap, log p(x) − L_K ≈ (e^{D₂(p(z|x) ‖ q)} − 1)/(2K). */
export function asymptoticIwaeGap(renyi2: number, k: number): number {
  checkCount('k', k);
  return Math.expm1(renyi2) / (2 * k);
}
