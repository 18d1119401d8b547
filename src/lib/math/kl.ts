/**
 * Kullback–Leibler divergences used throughout the book, all in nats.
 *
 * D_KL(p‖q) = E_p[log p(x) − log q(x)] measures the expected extra code length
 * (in nats) paid for describing samples of p with a code built for q. It is
 * non-negative, zero only when p = q, and asymmetric. The closed forms below
 * are written so that they keep those properties in floating point too: they
 * never return a negative number from rounding, and they stay accurate when
 * p ≈ q, where naive formulas subtract nearly equal numbers.
 */

import { assertNormal1D, drawNormal, normalLogPdf } from './gaussian.ts';
import type { Normal1D } from './gaussian.ts';
import type { Rng } from './random.ts';

/** How far from 1 the entries of a probability vector may sum (absorbs decimal input like 0.1 + 0.2 + 0.7). */
const PROBABILITY_SUM_TOLERANCE = 1e-9;

/** Smallest positive normal double; below it a ratio has lost significant bits. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Reads `xs[i]`, turning the `undefined` of a hole or out-of-range index into a
 * RangeError instead of letting it propagate as NaN.
 */
function valueAt(xs: ArrayLike<number>, i: number, name: string): number {
  const x = xs[i];
  if (x === undefined) {
    throw new RangeError(`${name}[${i}] is missing`);
  }
  return x;
}

/** Throws a RangeError unless `v` has finite, non-negative entries summing to 1 (within 1e-9). */
function assertProbabilityVector(v: readonly number[], name: string): void {
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const x = valueAt(v, i, name);
    if (!(Number.isFinite(x) && x >= 0)) {
      throw new RangeError(`${name}[${i}] must be finite and >= 0, got ${x}`);
    }
    sum += x;
  }
  if (!(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE)) {
    throw new RangeError(`${name} must sum to 1, got ${sum}`);
  }
}

/**
 * One summand of the discrete KL divergence, in the form p·log(p/q) − p + q.
 *
 * The extra −p + q terms add up to zero over two normalised vectors, so the sum
 * is unchanged, but each summand becomes q·φ(p/q) with φ(t) = t log t − t + 1 ≥ 0.
 * Non-negative summands make the total non-negative without a global clamp, and
 * exactly 0 only where p = q. Conventions: 0·log(0/q) = 0 (the summand is then
 * just q) and p·log(p/0) = +∞ for p > 0, i.e. q fails to cover p's support.
 */
function discreteKLSummand(p: number, q: number): number {
  if (p === 0) {
    return q;
  }
  if (q === 0) {
    return Infinity;
  }
  const ratio = p / q;
  // Fall back to a difference of logs if the ratio overflowed or went subnormal.
  const logRatio = ratio >= MIN_NORMAL && ratio < Infinity ? Math.log(ratio) : Math.log(p) - Math.log(q);
  return Math.max(0, p * logRatio - p + q);
}

/**
 * D_KL(p‖q) = Σᵢ pᵢ log(pᵢ/qᵢ) for discrete distributions on the same finite set.
 *
 * @returns The divergence in nats; Infinity when some pᵢ > 0 has qᵢ = 0.
 * @throws RangeError if the lengths differ, an entry is negative or not finite,
 *   or a vector does not sum to 1 within 1e-9.
 */
export function klDiscrete(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) {
    throw new RangeError(`p and q must have the same length, got ${p.length} and ${q.length}`);
  }
  assertProbabilityVector(p, 'p');
  assertProbabilityVector(q, 'q');
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    total += discreteKLSummand(valueAt(p, i, 'p'), valueAt(q, i, 'q'));
  }
  return total;
}

/**
 * e^u − 1 − u, accurate for every u (and exactly 0 at u = 0).
 *
 * This is the shape of the variance part of every Gaussian KL: with
 * u = ln(σ₁²/σ₂²) it equals r² − 1 − ln r². Near u = 0 the value is ≈ u²/2 while
 * e^u − 1 and u are each ≈ u, so even `Math.expm1(u) − u` loses about
 * log10(2/|u|) digits to cancellation. For |u| < 1 we therefore sum the Taylor
 * series Σ_{k≥2} u^k/k! directly: it is dominated by u²/2, successive terms
 * shrink by at least a factor 3, so there is no cancellation and it converges
 * in ≤ 20 terms. For |u| ≥ 1 the result is ≥ 0.36 and `expm1(u) − u` is already
 * accurate; it is always ≥ 0 because e^u ≥ 1 + u.
 */
export function expm1MinusX(u: number): number {
  if (Math.abs(u) >= 1) {
    return Math.expm1(u) - u;
  }
  let term = 0.5 * u * u;
  let sum = term;
  for (let k = 3; k < 40 && Math.abs(term) > 0.5 * Number.EPSILON * sum; k++) {
    term *= u / k;
    sum += term;
  }
  return sum;
}

/**
 * ln(σ₁²/σ₂²), accurate also when σ₁ ≈ σ₂.
 *
 * When the ratio is within 50% of 1, σ₁ − σ₂ is computed exactly (Sterbenz), so
 * 2·log1p((σ₁ − σ₂)/σ₂) carries full relative precision even for σ's that differ
 * in the last few bits; forming σ₁/σ₂ first would round the information away.
 * Otherwise the logs are subtracted, which cannot overflow even when σ₁/σ₂ would.
 */
function logVarianceRatio(sigma1: number, sigma2: number): number {
  const relativeGap = (sigma1 - sigma2) / sigma2;
  if (Math.abs(relativeGap) <= 0.5) {
    return 2 * Math.log1p(relativeGap);
  }
  return 2 * (Math.log(sigma1) - Math.log(sigma2));
}

/**
 * D_KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) expressed through u = ln(σ₁²/σ₂²) and the
 * standardised mean gap z = (μ₁ − μ₂)/σ₂:  ½(e^u − 1 − u) + ½z².
 * Both halves are non-negative, and they separate the price of a wrong width
 * from the price of a wrong location.
 */
function gaussianKL(logVarRatio: number, standardizedMeanGap: number): number {
  const total = 0.5 * expm1MinusX(logVarRatio) + 0.5 * standardizedMeanGap * standardizedMeanGap;
  // The sum of non-negative parts is already ≥ 0; the clamp is a last guard.
  return Math.max(0, total);
}

/**
 * The three pieces of the textbook formula
 *   D_KL(p‖q) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½,
 * for display: the widget substitutes these numbers into the equation.
 */
export interface NormalKLTerms {
  /** log(σ₂/σ₁): the change in log-normaliser between the two densities. */
  readonly logRatio: number;
  /** (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) = E_p[(x − μ₂)²]/(2σ₂²), the expected quadratic term of −log q under p. */
  readonly spread: number;
  /** logRatio + spread − ½. */
  readonly total: number;
}

/**
 * Splits the Gaussian KL into the terms of the textbook formula.
 *
 * The log term is computed as log σ₂ − log σ₁ so that extreme ratios do not
 * overflow, and the spread as ½[(σ₁/σ₂)² + ((μ₁ − μ₂)/σ₂)²] so that σ² does
 * not overflow or underflow on its own. `total` is the literal sum of the
 * displayed terms, so it suffers cancellation when p ≈ q (absolute error about
 * 1e-16 × the size of the terms, and it may then be a hair below 0); use
 * {@link klNormal} when the value itself matters.
 */
export function klNormalTerms(p: Normal1D, q: Normal1D): NormalKLTerms {
  assertNormal1D(p, 'p');
  assertNormal1D(q, 'q');
  const logRatio = Math.log(q.sigma) - Math.log(p.sigma);
  const scaleRatio = p.sigma / q.sigma;
  const meanGap = (p.mu - q.mu) / q.sigma;
  const spread = 0.5 * (scaleRatio * scaleRatio + meanGap * meanGap);
  return { logRatio, spread, total: logRatio + spread - 0.5 };
}

/**
 * D_KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) in closed form, accurate when p ≈ q.
 *
 * Rewriting the textbook formula with r = σ₁/σ₂ gives
 *   ½(r² − 1 − ln r²) + (μ₁ − μ₂)²/(2σ₂²),
 * where the first part is computed as ½·expm1MinusX(ln r²) (see
 * {@link expm1MinusX}) from an accurately formed ln r². This avoids the
 * catastrophic cancellation of "log + spread − ½" (each ≈ ½ when p ≈ q), so
 * klNormal(p, p) is exactly 0 and nearby pairs get tiny, correct, non-negative
 * values. The result is never negative or NaN for valid inputs; it can be
 * +Infinity only if the true value exceeds the double range.
 *
 * @throws RangeError if a mean is not finite or a σ is not finite and > 0.
 */
export function klNormal(p: Normal1D, q: Normal1D): number {
  assertNormal1D(p, 'p');
  assertNormal1D(q, 'q');
  return gaussianKL(logVarianceRatio(p.sigma, q.sigma), (p.mu - q.mu) / q.sigma);
}

/**
 * Per-dimension D_KL(N(μⱼ, e^{ℓⱼ}) ‖ N(0, 1)) = ½(μⱼ² + e^{ℓⱼ} − ℓⱼ − 1),
 * where ℓⱼ = log σⱼ² is the log-variance an encoder outputs.
 *
 * These summands of the VAE's KL term are reported separately because a
 * dimension whose KL stays ≈ 0 is "inactive": its posterior has collapsed to
 * the prior and it carries no information about x. It is the Gaussian KL with
 * ln(σ₁²/σ₂²) = ℓⱼ and standardised mean gap μⱼ, so near ℓ = 0 it inherits
 * {@link klNormal}'s protection against cancellation.
 *
 * @throws RangeError if the lengths differ.
 */
export function klDiagonalToStdNormalPerDim(mu: ArrayLike<number>, logVar: ArrayLike<number>): Float64Array {
  if (mu.length !== logVar.length) {
    throw new RangeError(`mu and logVar must have the same length, got ${mu.length} and ${logVar.length}`);
  }
  const out = new Float64Array(mu.length);
  for (let j = 0; j < mu.length; j++) {
    out[j] = gaussianKL(valueAt(logVar, j, 'logVar'), valueAt(mu, j, 'mu'));
  }
  return out;
}

/**
 * D_KL(N(μ, diag(e^ℓ)) ‖ N(0, I)) = ½ Σⱼ (μⱼ² + e^{ℓⱼ} − ℓⱼ − 1).
 *
 * A diagonal Gaussian factorises over dimensions, and KL is additive over
 * independent factors, so this is the sum of
 * {@link klDiagonalToStdNormalPerDim}. It is the regulariser in the VAE loss.
 *
 * @throws RangeError if the lengths differ.
 */
export function klDiagonalToStdNormal(mu: ArrayLike<number>, logVar: ArrayLike<number>): number {
  let total = 0;
  for (const term of klDiagonalToStdNormalPerDim(mu, logVar)) {
    total += term;
  }
  return total;
}

/** A Monte Carlo estimate with its standard error, so widgets can draw error bars. */
export interface MonteCarloEstimate {
  readonly estimate: number;
  /** Sample standard deviation (n − 1 denominator) divided by √n. */
  readonly standardError: number;
  readonly n: number;
}

/**
 * Estimates D_KL(p‖q) = E_{x∼p}[log p(x) − log q(x)] by averaging the log
 * density ratio over n draws from p.
 *
 * This is how KL terms are estimated when no closed form exists, and comparing
 * it with {@link klNormal} shows the estimator is unbiased with error ∝ 1/√n.
 * Mean and variance are accumulated with Welford's algorithm, which is
 * numerically stable and needs no stored samples. Note that single-sample
 * log ratios can be negative even though their mean (the KL) cannot.
 *
 * @param n Number of draws, an integer ≥ 2 (the standard error needs n − 1 > 0).
 * @throws RangeError if `n` is invalid or either distribution is invalid.
 */
export function klNormalMonteCarlo(p: Normal1D, q: Normal1D, n: number, rng: Rng): MonteCarloEstimate {
  if (!(Number.isInteger(n) && n >= 2)) {
    throw new RangeError(`n must be an integer >= 2, got ${n}`);
  }
  assertNormal1D(p, 'p');
  assertNormal1D(q, 'q');
  let mean = 0;
  let sumSquaredDeviations = 0;
  for (let i = 1; i <= n; i++) {
    const x = drawNormal(p, rng);
    const logRatio = normalLogPdf(x, p) - normalLogPdf(x, q);
    const delta = logRatio - mean;
    mean += delta / i;
    sumSquaredDeviations += delta * (logRatio - mean);
  }
  const variance = sumSquaredDeviations / (n - 1);
  return { estimate: mean, standardError: Math.sqrt(variance / n), n };
}
