/**
 * One-dimensional quadrature for the toy latent-variable models: the log of an integral of a
 * density known only up to its logarithm (the evidence), and expectations under a Gaussian.
 *
 * Both use the composite trapezoid rule on a uniform grid. For a smooth integrand that decays
 * to (numerically) zero at both ends of the interval, the trapezoid rule is not merely
 * second-order accurate: its error is the aliasing error of a Fourier series and falls
 * exponentially with 1/h, roughly like exp(−2πd/h) when the integrand is analytic in a strip of
 * half-width d around the real axis (for a Gaussian bump of width s, like exp(−2π²s²/h²)).
 * Once the step h is a fraction of the narrowest feature, the result is exact to rounding.
 * That is why a plain uniform grid is the right tool here and no higher-order rule is needed.
 */

import type { Normal1D } from './gaussian.ts';
import { assertNormal1D } from './gaussian.ts';
import { logSumExp } from './mixture.ts';

/** `n` equally spaced points from `lo` to `hi` inclusive (n ≥ 2). */
export function uniformGrid(lo: number, hi: number, n: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`n must be an integer >= 2, got ${n}`);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new RangeError(`need finite lo < hi, got [${lo}, ${hi}]`);
  }
  const step = (hi - lo) / (n - 1);
  return Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + i * step));
}

/**
 * log ∫ exp(logf(z)) dz over [lo, hi] by the trapezoid rule with `intervals` equal panels,
 * summed in log space so that integrands far below or above 1 (such as a joint density
 * p(x, z) at an unlikely x) neither underflow nor overflow.
 */
export function logTrapezoidExp(logf: (z: number) => number, lo: number, hi: number, intervals: number): number {
  const grid = uniformGrid(lo, hi, intervals + 1);
  const terms = grid.map(logf);
  // End points carry weight ½ in the trapezoid rule.
  terms[0] = (terms[0] ?? -Infinity) - Math.LN2;
  terms[intervals] = (terms[intervals] ?? -Infinity) - Math.LN2;
  return logSumExp(terms) + Math.log((hi - lo) / intervals);
}

export interface LogIntegralOptions {
  /** Panels of the first, coarsest pass; the step should already be below the integrand's narrowest feature. */
  readonly initialIntervals?: number;
  /** Stop when halving the step changes the log-integral by less than this. */
  readonly tolerance?: number;
  /** Upper limit on the panel count (each halving doubles it). */
  readonly maxIntervals?: number;
}

/**
 * log ∫ exp(logf(z)) dz over [lo, hi], halving the trapezoid step until the result changes by
 * less than `tolerance` (default 1e-12) between two passes. Because the trapezoid rule converges
 * exponentially for smooth integrands, the last change is a generous bound on the remaining
 * error. The first pass must resolve the integrand (see {@link LogIntegralOptions}); a peak much
 * narrower than its step could be missed by both of the first two passes.
 */
export function logIntegrateExp(logf: (z: number) => number, lo: number, hi: number, options: LogIntegralOptions = {}): number {
  const { initialIntervals = 2048, tolerance = 1e-12, maxIntervals = 2 ** 18 } = options;
  let intervals = initialIntervals;
  let previous = logTrapezoidExp(logf, lo, hi, intervals);
  while (intervals * 2 <= maxIntervals) {
    intervals *= 2;
    const current = logTrapezoidExp(logf, lo, hi, intervals);
    if (Math.abs(current - previous) < tolerance || !Number.isFinite(current)) return current;
    previous = current;
  }
  return previous;
}

/**
 * Half-width, in standard deviations, of the grid for Gaussian expectations: the mass beyond
 * ±12σ is 3.6e-33, far below double precision relative to the rest.
 */
export const NORMAL_GRID_HALF_WIDTH = 12;

/** Largest step of that grid in standard deviations; resolves the Gaussian weight itself to rounding. */
const MAX_NORMAL_STEP = 0.25;

/** Most panels the grid will use (a step of 0.006σ over ±12σ). */
const MAX_NORMAL_INTERVALS = 4096;

/**
 * Panels needed for E_{N(μ, σ²)}[f] when f is analytic within a distance `featureWidth` of the
 * real axis (the half-width of its strip of analyticity in z; ∞ for polynomials and Gaussian
 * log-densities). In the standardised variable u = (z − μ)/σ that strip has half-width
 * featureWidth/σ, and the trapezoid error falls like exp(−2π·(featureWidth/σ)/h); the step is
 * chosen so that this exponent is at least 36 (a relative error of about 1e-16), and never
 * coarser than 0.25.
 */
export function normalGridIntervals(sigma: number, featureWidth = Infinity): number {
  const step = Math.min(MAX_NORMAL_STEP, (2 * Math.PI * featureWidth) / (36 * sigma));
  return Math.min(MAX_NORMAL_INTERVALS, Math.ceil((2 * NORMAL_GRID_HALF_WIDTH) / step));
}

/**
 * E_{z∼N(μ, σ²)}[f(z)] = ∫ φ(u) f(μ + σu) du, with φ the standard normal density, by the
 * trapezoid rule on the standardised grid u ∈ [−12, 12]. Working in u means the grid follows q
 * wherever it sits and however narrow or wide it is; `featureWidth` (see
 * {@link normalGridIntervals}) says how finely f itself must be resolved.
 */
export function expectationUnderNormal(f: (z: number) => number, q: Normal1D, featureWidth = Infinity): number {
  assertNormal1D(q, 'q');
  const n = normalGridIntervals(q.sigma, featureWidth);
  const h = (2 * NORMAL_GRID_HALF_WIDTH) / n;
  const normaliser = 1 / Math.sqrt(2 * Math.PI);
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const u = -NORMAL_GRID_HALF_WIDTH + i * h;
    const weight = (i === 0 || i === n ? 0.5 : 1) * normaliser * Math.exp(-0.5 * u * u);
    sum += weight * f(q.mu + q.sigma * u);
  }
  return sum * h;
}
