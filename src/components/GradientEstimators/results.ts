/**
 * Everything the gradient-estimator figure shows, computed from its state alone through
 * `src/lib/math/gradient-estimators` (pure and seeded, so a browser test can recompute it):
 * 2,000 N-sample estimates from each estimator, their means and variances, the exact gradient
 * and exact variances, and the two histograms on a shared range.
 */
import {
  type EstimatorKind,
  gradientEstimatesFromNoise,
  type Histogram,
  histogram,
  perSampleVariance,
  type SampleSummary,
  standardNormalNoise,
  summarize,
  testFunction,
} from '../../lib/math/gradient-estimators.ts';
import { mulberry32 } from '../../lib/math/random.ts';
import { ESTIMATES, type GradEstState } from './state.ts';

export const KINDS: readonly EstimatorKind[] = ['score', 'pathwise'];

/** Bars per histogram. */
export const BINS = 48;

/** Share of the pooled estimates left out at each end of the plotted range (heavy tails). */
export const TAIL = 0.005;

export interface GradEstResults {
  /** The exact ∂/∂μ or ∂/∂σ of E[f(z)]. */
  readonly exact: number;
  readonly estimates: Record<EstimatorKind, Float64Array>;
  /** Empirical mean and variance of the 2,000 estimates. */
  readonly summary: Record<EstimatorKind, SampleSummary>;
  /** Exact variance of one N-sample estimate: the per-sample variance divided by N. */
  readonly exactVariance: Record<EstimatorKind, number>;
  /** Shared x range of both histograms. */
  readonly domain: readonly [number, number];
  readonly histograms: Record<EstimatorKind, Histogram>;
  /** Estimates of both kinds together that fall outside the plotted range. */
  readonly outside: number;
}

/** The q-quantile of sorted values (linear interpolation between order statistics). */
function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const a = sorted[below] ?? 0;
  const b = sorted[Math.min(sorted.length - 1, below + 1)] ?? a;
  return a + (position - below) * (b - a);
}

/**
 * The shared range: from the 0.5 % to the 99.5 % quantile of both estimators' values together,
 * widened to include the exact gradient and padded by 5 %. When everything sits on one value
 * (the pathwise estimate of a linear f), a unit-wide window around it.
 */
export function histogramDomain(a: Float64Array, b: Float64Array, exact: number): [number, number] {
  const pooled = new Float64Array(a.length + b.length);
  pooled.set(a);
  pooled.set(b, a.length);
  pooled.sort();
  let lo = Math.min(quantile(pooled, TAIL), exact);
  let hi = Math.max(quantile(pooled, 1 - TAIL), exact);
  const width = hi - lo;
  const scale = Math.max(1, Math.abs(lo), Math.abs(hi));
  if (!(width > 1e-9 * scale)) return [lo - 0.5, hi + 0.5];
  lo -= 0.05 * width;
  hi += 0.05 * width;
  return [lo, hi];
}

/**
 * The noise behind the figure: N · 2,000 standard normals from the seed. It depends on the seed
 * and N only, so the widget keeps it while a reader moves μ or σ or changes f.
 */
export function figureNoise(seed: number, n: number): Float64Array {
  return standardNormalNoise(n * ESTIMATES, mulberry32(seed));
}

/** Everything shown for `state`; `noise` must be `figureNoise(state.seed, state.n)` (the default). */
export function computeResults(state: GradEstState, noise: Float64Array = figureNoise(state.seed, state.n)): GradEstResults {
  const fn = testFunction(state.fn);
  const q = { mu: state.mu, sigma: state.sigma };
  const draws = gradientEstimatesFromNoise(fn, q, state.param, noise, state.n);
  const exact = fn.gradient(q)[state.param];
  const domain = histogramDomain(draws.score, draws.pathwise, exact);
  const perKind = <T>(make: (kind: EstimatorKind) => T) => ({ score: make('score'), pathwise: make('pathwise') });
  const histograms = perKind((kind) => histogram(draws[kind], domain[0], domain[1], BINS));
  return {
    exact,
    estimates: draws,
    summary: perKind((kind) => summarize(draws[kind])),
    exactVariance: perKind((kind) => perSampleVariance(kind, fn, q, state.param) / state.n),
    domain,
    histograms,
    outside: KINDS.reduce((sum, kind) => sum + histograms[kind].below + histograms[kind].above, 0),
  };
}

/**
 * A variance ratio score / pathwise for display: Infinity when the pathwise variance is 0 and
 * the score-function variance is not (the linear f, the step f), NaN when both are 0.
 */
export function varianceRatio(score: number, pathwise: number): number {
  if (pathwise === 0) return score === 0 ? Number.NaN : Number.POSITIVE_INFINITY;
  return score / pathwise;
}
