/**
 * Univariate Gaussian density and sampling.
 */

import { standardNormal } from './random.ts';
import type { Rng } from './random.ts';

/** N(mu, sigma²); `sigma` is the standard deviation (not the variance) and must be > 0. */
export interface Normal1D {
  readonly mu: number;
  readonly sigma: number;
}

/** N(0, 1). */
export const STANDARD_NORMAL: Normal1D = { mu: 0, sigma: 1 };

/** ½·ln(2π), the normalising constant of the standard normal density in log space. */
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Throws a RangeError unless `p` describes a proper Gaussian: finite mean and a
 * finite, strictly positive standard deviation. σ = 0 (a point mass) has no
 * density, so it is rejected rather than silently producing NaN or ±Infinity.
 */
export function assertNormal1D(p: Normal1D, name = 'p'): void {
  if (!Number.isFinite(p.mu)) {
    throw new RangeError(`${name}.mu must be finite, got ${p.mu}`);
  }
  if (!(Number.isFinite(p.sigma) && p.sigma > 0)) {
    throw new RangeError(`${name}.sigma must be finite and > 0, got ${p.sigma}`);
  }
}

/**
 * log N(x; μ, σ²) = −½z² − ln σ − ½ ln 2π with z = (x − μ)/σ.
 *
 * Working in log space keeps the value finite far into the tails (at x = μ + 100σ
 * it is about −5000, whereas the density itself underflows to 0), which is what
 * log-likelihoods and KL integrands need. z is formed before squaring so that
 * neither (x − μ)² nor σ² can overflow or underflow on their own.
 */
export function normalLogPdf(x: number, p: Normal1D): number {
  assertNormal1D(p);
  const z = (x - p.mu) / p.sigma;
  return -0.5 * z * z - Math.log(p.sigma) - HALF_LOG_TWO_PI;
}

/**
 * N(x; μ, σ²) = exp(−½z²) / (σ√(2π)).
 *
 * Evaluated as exp(log-density): this stays correct for very small σ, where
 * 1/(σ√(2π)) on its own would be huge, and it underflows gracefully to 0 in the
 * far tails instead of producing 0·Infinity.
 */
export function normalPdf(x: number, p: Normal1D): number {
  return Math.exp(normalLogPdf(x, p));
}

/**
 * One draw from N(μ, σ²) by location–scale transform of a standard normal:
 * if Z ∼ N(0, 1) then μ + σZ ∼ N(μ, σ²). This is also the reparameterisation
 * trick the book introduces later.
 */
export function drawNormal(p: Normal1D, rng: Rng): number {
  return p.mu + p.sigma * standardNormal(rng);
}

/**
 * `n` independent draws from N(μ, σ²), in a typed array so that large samples
 * for histograms stay compact.
 *
 * @throws RangeError if `n` is not a non-negative integer or `p` is invalid.
 */
export function sampleNormal(n: number, p: Normal1D, rng: Rng): Float64Array {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  assertNormal1D(p);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = drawNormal(p, rng);
  }
  return out;
}
