/**
 * One-dimensional Gaussian mixtures and the EM algorithm, in plain numbers.
 *
 * A K-component mixture has density p(x) = Σ_k π_k N(x; μ_k, σ_k²). Reading the component as a
 * discrete latent variable z ∈ {1, …, K} with p(z = k) = π_k and p(x | z = k) = N(x; μ_k, σ_k²)
 * gives the joint p(x, z = k) = π_k N(x; μ_k, σ_k²), the model of chapter 2. Everything here works
 * in log space (log-sum-exp), so densities far in the tails never underflow into log 0.
 *
 * **Variance floor.** The likelihood of a mixture is unbounded: a component centred on one data
 * point with σ → 0 sends that point's density, and the likelihood, to +∞ (see Bishop 2006, §9.2.1).
 * Every fit here therefore keeps σ ≥ `minSigma` (default {@link DEFAULT_MIN_SIGMA}). The floor is
 * part of the model, not a patch on the result: for fixed responsibilities the M-step objective
 * in σ² is −½N_k log σ² − S_k/(2σ²), which increases up to S_k/N_k and decreases after it, so
 * max(S_k/N_k, σ_min²) is its exact maximiser on σ ≥ σ_min and EM keeps its monotonicity.
 * The same floor makes a single data point, identical points, or a component that captures one
 * point yield finite numbers instead of NaN or ∞.
 */
import { assertNormal1D, normalLogPdf, type Normal1D } from './gaussian.ts';
import type { Rng } from './random.ts';

/** One component of a mixture: weight π_k and the Gaussian N(μ_k, σ_k²) (σ is a standard deviation). */
export interface MixtureComponent extends Normal1D {
  readonly weight: number;
}

/** A 1-D Gaussian mixture: its components' weights are non-negative and sum to 1. */
export type Mixture1D = readonly MixtureComponent[];

/**
 * Responsibilities r[n][k] = q(z_n = k): one row per data point, each row a distribution over the
 * K components. After an E-step the rows are the exact posteriors p(z_n = k | x_n).
 */
export type Responsibilities = readonly (readonly number[])[];

/** Default lower bound on every σ a fit returns (see the module comment). */
export const DEFAULT_MIN_SIGMA = 1e-3;

/** How far from 1 the weights of a mixture may sum (absorbs decimal input such as 0.3 + 0.7). */
const WEIGHT_SUM_TOLERANCE = 1e-9;

export interface FitOptions {
  /** Lower bound on every fitted σ; must be > 0. Default {@link DEFAULT_MIN_SIGMA}. */
  readonly minSigma?: number;
}

function minSigmaOf(options: FitOptions | undefined): number {
  const minSigma = options?.minSigma ?? DEFAULT_MIN_SIGMA;
  if (!(Number.isFinite(minSigma) && minSigma > 0)) {
    throw new RangeError(`minSigma must be finite and > 0, got ${minSigma}`);
  }
  return minSigma;
}

/** Throws a RangeError unless every value is a finite number; `minLength` guards empty data. */
function assertData(data: readonly number[], minLength = 1): void {
  if (data.length < minLength) {
    throw new RangeError(`need at least ${minLength} data point(s), got ${data.length}`);
  }
  for (let n = 0; n < data.length; n++) {
    if (!Number.isFinite(data[n])) throw new RangeError(`data[${n}] must be finite, got ${data[n]}`);
  }
}

/**
 * Throws a RangeError unless `mixture` has at least one component, finite non-negative weights
 * summing to 1 (within 1e-9), and valid Gaussians (finite μ, finite σ > 0).
 */
export function assertMixture(mixture: Mixture1D): void {
  if (mixture.length === 0) throw new RangeError('a mixture needs at least one component');
  let sum = 0;
  mixture.forEach((c, k) => {
    if (!(Number.isFinite(c.weight) && c.weight >= 0)) {
      throw new RangeError(`weight ${k} must be finite and >= 0, got ${c.weight}`);
    }
    assertNormal1D(c, `component ${k}`);
    sum += c.weight;
  });
  if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
    throw new RangeError(`mixture weights must sum to 1, got ${sum}`);
  }
}

/**
 * log Σᵢ exp(aᵢ), computed as m + log Σᵢ exp(aᵢ − m) with m = max aᵢ so that no term overflows
 * and the largest never underflows. Entries may be −∞ (log 0); all −∞ (or no entries) gives −∞.
 * An entry of +∞ gives +∞, and a NaN entry gives NaN.
 */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] ?? -Infinity);
  if (max === -Infinity) return -Infinity;
  if (!Number.isFinite(max)) return max; // +∞ or NaN (∞ − ∞ below would give NaN for +∞)
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp((values[i] ?? -Infinity) - max);
  return max + Math.log(sum);
}

/** log p(x, z = k) = log π_k + log N(x; μ_k, σ_k²) for every k; −∞ where π_k = 0. */
function logJoint(x: number, mixture: Mixture1D): number[] {
  return mixture.map((c) => Math.log(c.weight) + normalLogPdf(x, c));
}

/** log p(x) = log Σ_k π_k N(x; μ_k, σ_k²): the log-sum-exp of the log joints. */
export function mixtureLogPdf(x: number, mixture: Mixture1D): number {
  assertMixture(mixture);
  return logSumExp(logJoint(x, mixture));
}

/** p(x) = Σ_k π_k N(x; μ_k, σ_k²), as exp of {@link mixtureLogPdf} (underflows gracefully to 0). */
export function mixturePdf(x: number, mixture: Mixture1D): number {
  return Math.exp(mixtureLogPdf(x, mixture));
}

/** π_k N(x; μ_k, σ_k²), the k-th component's share of the density (for drawing the components). */
export function componentPdf(x: number, component: MixtureComponent): number {
  return component.weight === 0 ? 0 : Math.exp(Math.log(component.weight) + normalLogPdf(x, component));
}

/**
 * The log-likelihood Σ_n log p(x_n) of i.i.d. data under the mixture (0 for no data).
 * It is finite for valid inputs: every component density is positive in log space, and at least
 * one weight is positive.
 */
export function mixtureLogLikelihood(data: readonly number[], mixture: Mixture1D): number {
  assertData(data, 0);
  assertMixture(mixture);
  let total = 0;
  for (const x of data) total += logSumExp(logJoint(x, mixture));
  return total;
}

/** The log-likelihood per data point, (1/N) Σ_n log p(x_n), in nats; it needs N ≥ 1. */
export function averageLogLikelihood(data: readonly number[], mixture: Mixture1D): number {
  assertData(data);
  return mixtureLogLikelihood(data, mixture) / data.length;
}

/** A single Gaussian as a one-component mixture, so that one set of functions serves both models. */
export function gaussianAsMixture(p: Normal1D): Mixture1D {
  return [{ weight: 1, mu: p.mu, sigma: p.sigma }];
}

/**
 * The maximum-likelihood Gaussian in closed form: μ̂ = (1/N) Σ x_n and σ̂² = (1/N) Σ (x_n − μ̂)²
 * (divided by N, not N − 1: the MLE of the variance is biased), with σ̂ raised to `minSigma` if
 * smaller — the constrained maximiser, since the log-likelihood is unimodal in σ². A single
 * point, or identical points, therefore give σ̂ = minSigma rather than a zero-width "density".
 * The mean is computed in two passes (mean, then squared deviations) for accuracy.
 *
 * @throws RangeError for empty or non-finite data.
 */
export function fitGaussian(data: readonly number[], options?: FitOptions): Normal1D {
  assertData(data);
  const minSigma = minSigmaOf(options);
  let sum = 0;
  for (const x of data) sum += x;
  const mu = sum / data.length;
  let squares = 0;
  for (const x of data) squares += (x - mu) * (x - mu);
  return { mu, sigma: Math.max(minSigma, Math.sqrt(squares / data.length)) };
}

/**
 * The E-step: responsibilities r[n][k] = p(z_n = k | x_n) = π_k N(x_n; μ_k, σ_k²) / p(x_n), by
 * Bayes' rule, together with the log-likelihood Σ_n log p(x_n) that normalises them (a by-product).
 * Each row is computed as exp(log joint − log p(x_n)), so it never divides 0 by 0.
 */
export function eStep(data: readonly number[], mixture: Mixture1D): { responsibilities: number[][]; logLikelihood: number } {
  assertData(data, 0);
  assertMixture(mixture);
  let logLikelihood = 0;
  const responsibilities = data.map((x) => {
    const joint = logJoint(x, mixture);
    const logEvidence = logSumExp(joint);
    logLikelihood += logEvidence;
    return joint.map((a) => Math.exp(a - logEvidence));
  });
  return { responsibilities, logLikelihood };
}

/** How far from 1 a row of responsibilities may sum (rows from {@link eStep} are within 1e-15). */
const ROW_SUM_TOLERANCE = 1e-6;

/** Throws unless `r` has, per data point, a row of K finite, non-negative entries summing to 1. */
function assertResponsibilities(r: Responsibilities, n: number, k: number): void {
  if (r.length !== n) throw new RangeError(`need ${n} rows of responsibilities, got ${r.length}`);
  r.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`row ${i} must have ${k} entries, got ${row.length}`);
    let sum = 0;
    for (const value of row) {
      if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`row ${i} has an invalid entry ${value}`);
      sum += value;
    }
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) throw new RangeError(`row ${i} must sum to 1, got ${sum}`);
  });
}

/**
 * The M-step: the parameters that maximise the ELBO for fixed responsibilities, in closed form,
 *   N_k = Σ_n r_nk,  π_k = N_k / N,  μ_k = (1/N_k) Σ_n r_nk x_n,  σ_k² = max(σ_min², (1/N_k) Σ_n r_nk (x_n − μ_k)²).
 * A component with N_k = 0 (no responsibility at all, e.g. after underflow) does not appear in the
 * objective; it gets π_k = 0 and keeps `previous[k]`'s μ and σ (or the data's mean and spread).
 *
 * @param previous The mixture before the step, used only for components with N_k = 0.
 * @throws RangeError for empty data or responsibilities of the wrong shape.
 */
export function mStep(
  data: readonly number[],
  responsibilities: Responsibilities,
  options?: FitOptions & { readonly previous?: Mixture1D },
): MixtureComponent[] {
  assertData(data);
  const minSigma = minSigmaOf(options);
  const k = responsibilities[0]?.length ?? 0;
  if (k === 0) throw new RangeError('responsibilities need at least one component');
  assertResponsibilities(responsibilities, data.length, k);
  const fallback = fitGaussian(data, { minSigma });
  const components: MixtureComponent[] = [];
  for (let j = 0; j < k; j++) {
    let nk = 0;
    let weightedSum = 0;
    for (let n = 0; n < data.length; n++) {
      const r = responsibilities[n]?.[j] ?? 0;
      nk += r;
      weightedSum += r * (data[n] ?? 0);
    }
    if (!(nk > 0)) {
      const keep = options?.previous?.[j] ?? fallback;
      components.push({ weight: 0, mu: keep.mu, sigma: Math.max(minSigma, keep.sigma) });
      continue;
    }
    const mu = weightedSum / nk;
    let squares = 0;
    for (let n = 0; n < data.length; n++) {
      const d = (data[n] ?? 0) - mu;
      squares += (responsibilities[n]?.[j] ?? 0) * d * d;
    }
    components.push({ weight: nk, mu, sigma: Math.max(minSigma, Math.sqrt(squares / nk)) });
  }
  // Normalise by Σ_k N_k (= N up to rounding, since every row sums to 1) so the weights sum to 1.
  const total = components.reduce((s, c) => s + c.weight, 0);
  return components.map((c) => ({ ...c, weight: c.weight / total }));
}

/**
 * The evidence lower bound for a distribution q over the latent components of every point,
 *   L(q, θ) = Σ_n Σ_k q(z_n = k) [log p(x_n, z_n = k) − log q(z_n = k)],
 * with the convention 0 · log 0 = 0 (entries with q = 0 contribute nothing). It equals
 * Σ_n log p(x_n) − Σ_n D_KL(q_n ‖ p(z_n | x_n)), so it is at most the log-likelihood, with equality
 * exactly when every q_n is the posterior (right after an E-step). It is −∞ only if q puts mass on
 * a component of weight 0.
 */
export function mixtureElbo(data: readonly number[], mixture: Mixture1D, responsibilities: Responsibilities): number {
  assertData(data, 0);
  assertMixture(mixture);
  assertResponsibilities(responsibilities, data.length, mixture.length);
  let total = 0;
  data.forEach((x, n) => {
    const joint = logJoint(x, mixture);
    const row = responsibilities[n] ?? [];
    row.forEach((q, k) => {
      if (q > 0) total += q * ((joint[k] ?? -Infinity) - Math.log(q));
    });
  });
  return total;
}

/** Responsibilities that spread every point evenly over K components: q(z_n = k) = 1/K. */
export function uniformResponsibilities(n: number, k: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: k }, () => 1 / k));
}

/**
 * A starting point for EM: K distinct data points drawn at random (seeded) as the means, every σ
 * equal to the data's spread (at least `minSigma`), equal weights. With fewer than K points some
 * means repeat. The draw is deterministic for a given `rng` state.
 */
export function initialMixture(data: readonly number[], k: number, rng: Rng, options?: FitOptions): MixtureComponent[] {
  assertData(data);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const { sigma } = fitGaussian(data, options);
  const pool = data.map((_, n) => n);
  const means: number[] = [];
  for (let j = 0; j < k; j++) {
    if (pool.length === 0) pool.push(...data.map((_, n) => n));
    const pick = Math.min(pool.length - 1, Math.floor(rng() * pool.length));
    const [index = 0] = pool.splice(pick, 1);
    means.push(data[index] ?? 0);
  }
  return means.map((mu) => ({ weight: 1 / k, mu, sigma }));
}

export interface EMOptions extends FitOptions {
  /** Stop after this many iterations (E-step + M-step). Default 500. */
  readonly maxIterations?: number;
  /** Stop when the average log-likelihood rises by less than this. Default 1e-10 nats. */
  readonly tolerance?: number;
}

export interface EMResult {
  readonly mixture: MixtureComponent[];
  /** Log-likelihood Σ_n log p(x_n) of the returned mixture. */
  readonly logLikelihood: number;
  /** Log-likelihood before each iteration and after the last: non-decreasing. */
  readonly trace: number[];
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Runs EM from `initial` until the average log-likelihood rises by less than `tolerance` per
 * iteration or `maxIterations` is reached. Each iteration is one E-step and one M-step; the
 * log-likelihood never decreases (up to rounding), which the tests check on many data sets.
 */
export function fitMixtureEM(data: readonly number[], initial: Mixture1D, options?: EMOptions): EMResult {
  assertData(data);
  const minSigma = minSigmaOf(options);
  const maxIterations = options?.maxIterations ?? 500;
  const tolerance = options?.tolerance ?? 1e-10;
  // Start from a valid mixture even if the caller's σ's are below the floor.
  let mixture: MixtureComponent[] = initial.map((c) => ({ ...c, sigma: Math.max(minSigma, c.sigma) }));
  let { responsibilities, logLikelihood } = eStep(data, mixture);
  const trace = [logLikelihood];
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    mixture = mStep(data, responsibilities, { minSigma, previous: mixture });
    const next = eStep(data, mixture);
    iterations += 1;
    converged = (next.logLikelihood - logLikelihood) / data.length < tolerance;
    ({ responsibilities, logLikelihood } = next);
    trace.push(logLikelihood);
  }
  return { mixture, logLikelihood, trace, iterations, converged };
}

/**
 * Runs {@link fitMixtureEM} from each starting mixture and returns the run with the highest
 * log-likelihood (the first one on ties). EM only finds a local maximum, so several starts are
 * the usual remedy; including the current parameters among the starts guarantees that the
 * result is never worse than them.
 */
export function fitMixtureBest(data: readonly number[], starts: readonly Mixture1D[], options?: EMOptions): EMResult {
  let best: EMResult | undefined;
  for (const start of starts) {
    const result = fitMixtureEM(data, start, options);
    if (best === undefined || result.logLikelihood > best.logLikelihood) best = result;
  }
  if (best === undefined) throw new RangeError('need at least one starting mixture');
  return best;
}
