/**
 * Two Monte Carlo estimators of the gradient of an expectation under a Gaussian,
 *
 *   F(μ, σ) = E_{z∼N(μ, σ²)}[f(z)],   ∂F/∂μ and ∂F/∂σ,
 *
 * for a handful of one-dimensional test functions f, with everything needed to compare them:
 * the exact gradients in closed form, the exact variance of each single-sample estimator, and
 * seeded draws of the N-sample average estimator. Every per-sample estimate is written in terms
 * of the standard-normal noise ε, with z = μ + σε:
 *
 *   score function (REINFORCE):  f(z) ∂/∂μ log q = f(z) ε/σ,        f(z) ∂/∂σ log q = f(z) (ε² − 1)/σ
 *   pathwise (reparameterised):  f′(z) ∂z/∂μ     = f′(z),           f′(z) ∂z/∂σ     = f′(z) ε
 *
 * Both are unbiased whenever f is differentiable (Stein's lemma turns one into the other in
 * expectation). The step function is the exception on purpose: its derivative is 0 almost
 * everywhere, so the pathwise estimate is always 0, while the true gradient is not.
 */
import { assertNormal1D, type Normal1D, sampleNormal, STANDARD_NORMAL } from './gaussian.ts';
import { expectationUnderNormal } from './quadrature.ts';
import type { Rng } from './random.ts';

export const TEST_FUNCTION_NAMES = ['square', 'linear', 'quartic', 'cosine', 'step'] as const;
export type TestFunctionName = (typeof TEST_FUNCTION_NAMES)[number];

/** The parameter a gradient is taken with respect to: the mean μ or the standard deviation σ. */
export type GradientParam = 'mu' | 'sigma';
export const GRADIENT_PARAMS: readonly GradientParam[] = ['mu', 'sigma'];

export type EstimatorKind = 'score' | 'pathwise';

/** (∂/∂μ, ∂/∂σ) of something that depends on a Gaussian's parameters. */
export interface Gradient {
  readonly mu: number;
  readonly sigma: number;
}

export interface TestFunction {
  readonly name: TestFunctionName;
  readonly f: (z: number) => number;
  /** f′(z); for the step function 0, its derivative everywhere except at the jump. */
  readonly df: (z: number) => number;
  /** Whether f is differentiable everywhere, which the pathwise estimator needs to be unbiased. */
  readonly differentiable: boolean;
  /** E_{N(μ, σ²)}[f(z)] in closed form. */
  readonly expectation: (q: Normal1D) => number;
  /** Its gradient (∂/∂μ, ∂/∂σ) in closed form. */
  readonly gradient: (q: Normal1D) => Gradient;
  /** Coefficients of f as a polynomial in z, constant first (polynomials only). */
  readonly polynomial?: readonly number[];
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * The standard normal density φ(x), as e^{−x²/2}/√(2π). Deliberately not `normalPdf(x, N(0, 1))`
 * from `./gaussian`: that evaluates exp(log-density) (right for tiny σ), which folds ½ln(2π) into
 * the exponent and so loses a few ulps in the tails; Φ below would be up to 5× less accurate
 * (e.g. |Φ(−6) − reference| 9e-16 instead of 2e-16).
 */
export function standardNormalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * The standard normal distribution function Φ(x) = ½ + φ(x)(x + x³/3 + x⁵/(3·5) + …), Marsaglia's
 * series (J. Stat. Softw. 11(4), 2004). Every term is positive, so the sum has no cancellation;
 * the absolute error is a few ulps of ½. Beyond |x| = 9, Φ is 0 or 1 to double precision.
 */
export function standardNormalCdf(x: number): number {
  if (x < -9) return 0;
  if (x > 9) return 1;
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 3; sum + term !== sum; k += 2) {
    term *= x2 / k;
    sum += term;
  }
  return Math.min(1, Math.max(0, 0.5 + standardNormalPdf(x) * sum));
}

/**
 * The test functions. Closed forms: with m = μ, s = σ,
 *   E[z] = m, E[z²] = m² + s², E[z⁴] = m⁴ + 6m²s² + 3s⁴, E[cos z] = cos(m) e^{−s²/2} (the
 *   real part of the characteristic function), E[1{z > 0}] = Φ(m/s).
 */
export const TEST_FUNCTIONS: Readonly<Record<TestFunctionName, TestFunction>> = {
  square: {
    name: 'square',
    f: (z) => z * z,
    df: (z) => 2 * z,
    differentiable: true,
    expectation: ({ mu, sigma }) => mu * mu + sigma * sigma,
    gradient: ({ mu, sigma }) => ({ mu: 2 * mu, sigma: 2 * sigma }),
    polynomial: [0, 0, 1],
  },
  linear: {
    name: 'linear',
    f: (z) => z,
    df: () => 1,
    differentiable: true,
    expectation: ({ mu }) => mu,
    gradient: () => ({ mu: 1, sigma: 0 }),
    polynomial: [0, 1],
  },
  quartic: {
    name: 'quartic',
    f: (z) => z ** 4,
    df: (z) => 4 * z ** 3,
    differentiable: true,
    expectation: ({ mu, sigma }) => mu ** 4 + 6 * mu ** 2 * sigma ** 2 + 3 * sigma ** 4,
    gradient: ({ mu, sigma }) => ({ mu: 4 * mu ** 3 + 12 * mu * sigma ** 2, sigma: 12 * mu ** 2 * sigma + 12 * sigma ** 3 }),
    polynomial: [0, 0, 0, 0, 1],
  },
  cosine: {
    name: 'cosine',
    f: (z) => Math.cos(z),
    df: (z) => -Math.sin(z),
    differentiable: true,
    expectation: ({ mu, sigma }) => Math.cos(mu) * Math.exp(-0.5 * sigma * sigma),
    gradient: ({ mu, sigma }) => {
      const damping = Math.exp(-0.5 * sigma * sigma);
      return { mu: -Math.sin(mu) * damping, sigma: -sigma * Math.cos(mu) * damping };
    },
  },
  step: {
    name: 'step',
    f: (z) => (z > 0 ? 1 : 0),
    df: () => 0,
    differentiable: false,
    expectation: ({ mu, sigma }) => standardNormalCdf(mu / sigma),
    gradient: ({ mu, sigma }) => {
      const density = standardNormalPdf(mu / sigma);
      return { mu: density / sigma, sigma: (-mu / (sigma * sigma)) * density };
    },
  },
};

/** The test function of that name. */
export function testFunction(name: TestFunctionName): TestFunction {
  return TEST_FUNCTIONS[name];
}

/**
 * The score-function estimate of ∇F from one noise value ε (z = μ + σε):
 * (f(z) − b) ∇ log N(z; μ, σ²) with ∂/∂μ log q = ε/σ and ∂/∂σ log q = (ε² − 1)/σ.
 * The baseline b (default 0) leaves the mean unchanged because the score has mean zero.
 */
export function scoreFunctionEstimate(fn: TestFunction, q: Normal1D, eps: number, baseline = 0): Gradient {
  const weight = fn.f(q.mu + q.sigma * eps) - baseline;
  return { mu: (weight * eps) / q.sigma, sigma: (weight * (eps * eps - 1)) / q.sigma };
}

/** The pathwise estimate of ∇F from one noise value ε: f′(z) ∂z/∂μ = f′(z), f′(z) ∂z/∂σ = f′(z) ε. */
export function pathwiseEstimate(fn: TestFunction, q: Normal1D, eps: number): Gradient {
  const slope = fn.df(q.mu + q.sigma * eps);
  return { mu: slope, sigma: slope * eps };
}

/** One estimator's single-sample estimate of ∂F/∂param from the noise ε. */
export function estimate(kind: EstimatorKind, fn: TestFunction, q: Normal1D, param: GradientParam, eps: number): number {
  return (kind === 'score' ? scoreFunctionEstimate(fn, q, eps) : pathwiseEstimate(fn, q, eps))[param];
}

// ── Exact variances of the single-sample estimators ────────────────────────────────────────────

/** E[ε^k] for ε ∼ N(0, 1): 0 for odd k, (k − 1)!! for even k. */
export function standardNormalMoment(k: number): number {
  if (k % 2 === 1) return 0;
  let moment = 1;
  for (let j = k - 1; j > 1; j -= 2) moment *= j;
  return moment;
}

type Poly = number[];

function polyMul(a: readonly number[], b: readonly number[]): Poly {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((ai, i) => b.forEach((bj, j) => (out[i + j] = (out[i + j] ?? 0) + ai * bj)));
  return out;
}

/** p(μ + σε) as a polynomial in ε, for p given by its coefficients in z. */
function polyShift(p: readonly number[], { mu, sigma }: Normal1D): Poly {
  const out: Poly = new Array<number>(Math.max(1, p.length)).fill(0);
  let power: Poly = [1]; // (μ + σε)^k
  for (const c of p) {
    power.forEach((v, i) => (out[i] = (out[i] ?? 0) + c * v));
    power = polyMul(power, [mu, sigma]);
  }
  return out;
}

/** E[p(ε)] for ε ∼ N(0, 1). */
function polyMean(p: readonly number[]): number {
  return p.reduce((sum, c, k) => sum + c * standardNormalMoment(k), 0);
}

/** Var[p(ε)], exactly: the polynomial is centred first, so no large squares cancel. */
function polyVariance(p: readonly number[]): number {
  const centred = [...p];
  centred[0] = (centred[0] ?? 0) - polyMean(p);
  return polyMean(polyMul(centred, centred));
}

/** The single-sample estimate as a polynomial in ε (f a polynomial; `baseline` for the score function). */
function estimatorPolynomial(kind: EstimatorKind, coefficients: readonly number[], q: Normal1D, param: GradientParam, baseline: number): Poly {
  if (kind === 'score') {
    const shifted = [...coefficients];
    shifted[0] = (shifted[0] ?? 0) - baseline;
    const score = param === 'mu' ? [0, 1 / q.sigma] : [-1 / q.sigma, 0, 1 / q.sigma];
    return polyMul(polyShift(shifted, q), score);
  }
  const derivative = coefficients.slice(1).map((c, k) => (k + 1) * c);
  const slope = polyShift(derivative.length > 0 ? derivative : [0], q);
  return param === 'mu' ? slope : polyMul(slope, [0, 1]);
}

/**
 * E[ε^k 1{ε > a}] for k = 0 … kMax, by T_k = a^{k−1} φ(a) + (k − 1) T_{k−2} (integration by
 * parts), starting from T₀ = 1 − Φ(a) and T₁ = φ(a).
 */
function truncatedMoments(a: number, kMax: number): number[] {
  const density = standardNormalPdf(a);
  const t = [standardNormalCdf(-a), density];
  for (let k = 2; k <= kMax; k++) t.push(a ** (k - 1) * density + (k - 1) * (t[k - 2] ?? 0));
  return t;
}

/**
 * The exact variance of one estimator's single-sample estimate of ∂F/∂param (the N-sample
 * average has this divided by N); `baseline` is the b of the score-function estimate
 * (f(z) − b) ∇ log q and is ignored by the pathwise estimator. Polynomials: exact, by expanding
 * the estimate as a polynomial in ε and using the moments of N(0, 1). Step function: exact, from
 * truncated moments (the pathwise estimate is the constant 0). Cosine: the trapezoid rule over
 * ε, which for this smooth integrand under a Gaussian weight is accurate to rounding (see
 * quadrature.ts).
 */
export function perSampleVariance(kind: EstimatorKind, fn: TestFunction, q: Normal1D, param: GradientParam, baseline = 0): number {
  assertNormal1D(q, 'q');
  if (fn.polynomial !== undefined) return polyVariance(estimatorPolynomial(kind, fn.polynomial, q, param, baseline));
  const mean = fn.gradient(q)[param];
  if (fn.name === 'step') {
    if (kind === 'pathwise') return 0;
    // The estimate is (1{ε > a} − b) w(ε)/σ with w = ε or ε² − 1 and a = −μ/σ, so its second
    // moment is ((1 − b)² E[w² 1{ε > a}] + b² E[w² 1{ε ≤ a}]) / σ², with E[w²] = 1 or 2.
    const [t0 = 0, , t2 = 0, , t4 = 0] = truncatedMoments(-q.mu / q.sigma, 4);
    const above = param === 'mu' ? t2 : t4 - 2 * t2 + t0;
    const below = (param === 'mu' ? 1 : 2) - above;
    const second = ((1 - baseline) ** 2 * above + baseline ** 2 * below) / (q.sigma * q.sigma);
    return Math.max(0, second - mean * mean);
  }
  const g = (eps: number) => (kind === 'score' ? scoreFunctionEstimate(fn, q, eps, baseline) : pathwiseEstimate(fn, q, eps))[param];
  return Math.max(
    0,
    expectationUnderNormal((eps) => (g(eps) - mean) ** 2, { mu: 0, sigma: 1 }),
  );
}

// ── Seeded draws of the N-sample average estimator ─────────────────────────────────────────────

export interface EstimateDraws {
  /** `estimates` values of the score-function N-sample average. */
  readonly score: Float64Array;
  /** The pathwise N-sample averages, from the same noise draws. */
  readonly pathwise: Float64Array;
}

/** `count` independent standard-normal draws from `rng`, in order (`sampleNormal` of N(0, 1)). */
export function standardNormalNoise(count: number, rng: Rng): Float64Array {
  return sampleNormal(count, STANDARD_NORMAL, rng);
}

/**
 * N-sample average estimates of ∂F/∂param from both estimators, one per consecutive block of
 * `samplesPerEstimate` values of the standard-normal `noise` (its length must be a multiple of
 * N). Both estimators see the same noise (common random numbers), so the comparison is between
 * the formulas, not between two random streams. Keeping the noise apart lets a caller redraw
 * for new μ, σ or f without generating new normals.
 */
export function gradientEstimatesFromNoise(
  fn: TestFunction,
  q: Normal1D,
  param: GradientParam,
  noise: ArrayLike<number>,
  samplesPerEstimate: number,
): EstimateDraws {
  assertNormal1D(q, 'q');
  if (!(Number.isInteger(samplesPerEstimate) && samplesPerEstimate >= 1)) {
    throw new RangeError(`samplesPerEstimate must be a positive integer, got ${samplesPerEstimate}`);
  }
  if (noise.length % samplesPerEstimate !== 0) {
    throw new RangeError(`noise length ${noise.length} is not a multiple of ${samplesPerEstimate}`);
  }
  const estimates = noise.length / samplesPerEstimate;
  const score = new Float64Array(estimates);
  const pathwise = new Float64Array(estimates);
  const { mu, sigma } = q;
  const wrtMu = param === 'mu';
  // The formulas of scoreFunctionEstimate and pathwiseEstimate, inlined: this loop runs up to
  // half a million times per redraw of the figure, and two objects per sample would dominate it.
  for (let m = 0, k = 0; m < estimates; m++) {
    let sumScore = 0;
    let sumPathwise = 0;
    for (let i = 0; i < samplesPerEstimate; i++, k++) {
      const eps = noise[k] ?? Number.NaN;
      const z = mu + sigma * eps;
      sumScore += (fn.f(z) * (wrtMu ? eps : eps * eps - 1)) / sigma;
      sumPathwise += fn.df(z) * (wrtMu ? 1 : eps);
    }
    score[m] = sumScore / samplesPerEstimate;
    pathwise[m] = sumPathwise / samplesPerEstimate;
  }
  return { score, pathwise };
}

/**
 * `estimates` independent N-sample average estimates of ∂F/∂param from each estimator, from
 * fresh noise: ε for estimate 0 (N of them), then estimate 1, …, all from `rng`.
 */
export function drawGradientEstimates(
  fn: TestFunction,
  q: Normal1D,
  param: GradientParam,
  samplesPerEstimate: number,
  estimates: number,
  rng: Rng,
): EstimateDraws {
  assertNormal1D(q, 'q');
  for (const [name, n] of [
    ['samplesPerEstimate', samplesPerEstimate],
    ['estimates', estimates],
  ] as const) {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${name} must be a positive integer, got ${n}`);
  }
  return gradientEstimatesFromNoise(fn, q, param, standardNormalNoise(samplesPerEstimate * estimates, rng), samplesPerEstimate);
}

/** Mean and unbiased variance of the estimates (re-exported from `./stats` for the widget). */
export { type SampleSummary, summarize } from './stats.ts';

export interface Histogram {
  /** Counts of the `bins` equal bins on [lo, hi); a value equal to hi goes into the last bin. */
  readonly counts: Uint32Array;
  readonly lo: number;
  readonly hi: number;
  /** Values below lo and above hi, not counted in any bin. */
  readonly below: number;
  readonly above: number;
}

/** Counts `values` in `bins` equal bins over [lo, hi]. */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new RangeError(`need finite lo < hi, got [${lo}, ${hi}]`);
  const counts = new Uint32Array(bins);
  let below = 0;
  let above = 0;
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (v < lo) below++;
    else if (v > hi) above++;
    else if (v <= hi) {
      const bin = Math.min(bins - 1, Math.floor((v - lo) / width));
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
  }
  return { counts, lo, hi, below, above };
}
