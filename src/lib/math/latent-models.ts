/**
 * Toy latent-variable models with a one-dimensional latent z and observation x, small enough
 * that every quantity of the ELBO chapter can be computed: the evidence log p(x), the true
 * posterior p(z | x), and, for a Gaussian q(z | x) = N(m, s²), the ELBO
 *
 *   ℒ(q) = E_q[log p(x | z)] − D_KL(q ‖ p(z))
 *
 * and the gap D_KL(q ‖ p(z | x)) = log p(x) − ℒ(q). Three models:
 *
 * - `linear-gaussian`: p(z) = N(0, 1), p(x | z) = N(x; wz + b, σ²). Everything is Gaussian and
 *   in closed form: the evidence N(x; b, w² + σ²) and a Gaussian posterior, so the best
 *   Gaussian q is the posterior itself and closes the gap.
 * - `squared`: p(z) = N(0, 1), p(x | z) = N(x; z², σ²). The decoder cannot tell z from −z, so
 *   for x > 0 the posterior has two mirror-image modes near ±√x; the evidence needs quadrature,
 *   and no Gaussian q closes the gap.
 * - `mixture-prior`: p(z) = ½N(−c, s²) + ½N(c, s²), p(x | z) = N(x; z, σ²). The posterior is a
 *   two-component mixture, non-Gaussian but known exactly, as is the evidence; this makes it the
 *   reference case for checking the quadrature.
 *
 * Accuracy: closed forms are used wherever they exist (all reconstruction terms, the KL to a
 * standard normal prior, the evidence and posterior of the linear and mixture models). The
 * rest is computed by the trapezoid rule (see ./quadrature): the evidence of the squared model
 * on z ∈ [−12, 12], refined until two successive passes agree to 1e-12 nats, and expectations
 * under q on q's own standardised grid, with a step fine enough for the mixture prior's
 * narrowest feature (about 1e-13 relative error). The unit tests check these against
 * 40-digit reference values and against the exact results of the other two models.
 */

import { type Normal1D, assertNormal1D, normalLogPdf, STANDARD_NORMAL } from './gaussian.ts';
import { klNormal } from './kl.ts';
import { nelderMead } from './optimize.ts';
import { type Mixture1D, logSumExp, mixtureLogPdf } from './mixture.ts';
import { expectationUnderNormal, logIntegrateExp, uniformGrid } from './quadrature.ts';

export interface LinearGaussianModel {
  readonly kind: 'linear-gaussian';
  /** w in p(x | z) = N(x; wz + b, σ²). */
  readonly weight: number;
  /** b in p(x | z) = N(x; wz + b, σ²). */
  readonly bias: number;
  /** σ > 0, the decoder's noise standard deviation. */
  readonly noise: number;
}

export interface SquaredModel {
  readonly kind: 'squared';
  /** σ > 0 in p(x | z) = N(x; z², σ²). */
  readonly noise: number;
}

export interface MixturePriorModel {
  readonly kind: 'mixture-prior';
  /** c > 0: the prior's components sit at −c and +c. */
  readonly centre: number;
  /** s > 0: the standard deviation of each prior component. */
  readonly spread: number;
  /** σ > 0 in p(x | z) = N(x; z, σ²). */
  readonly noise: number;
}

export type ToyModel = LinearGaussianModel | SquaredModel | MixturePriorModel;
export type ToyModelKind = ToyModel['kind'];

/** The models the chapter and its widget use, with the parameters the text quotes. */
export const MODEL_PRESETS = {
  'linear-gaussian': { kind: 'linear-gaussian', weight: 1, bias: 0, noise: 0.5 },
  squared: { kind: 'squared', noise: 0.5 },
  'mixture-prior': { kind: 'mixture-prior', centre: 2, spread: 0.5, noise: 0.5 },
} as const satisfies { [K in ToyModelKind]: Extract<ToyModel, { kind: K }> };

export const MODEL_KINDS = Object.keys(MODEL_PRESETS) as ToyModelKind[];

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** The mixture model's prior: components at −c and +c with weight ½ each. */
export function mixturePrior(model: MixturePriorModel): Mixture1D {
  return [
    { weight: 0.5, mu: -model.centre, sigma: model.spread },
    { weight: 0.5, mu: model.centre, sigma: model.spread },
  ];
}

/** Throws a RangeError for parameters that do not define a proper model. */
export function assertModel(model: ToyModel): void {
  const positive = (value: number, name: string) => {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be finite and > 0, got ${value}`);
  };
  positive(model.noise, 'noise');
  if (model.kind === 'linear-gaussian') {
    if (!(Number.isFinite(model.weight) && Number.isFinite(model.bias))) throw new RangeError('weight and bias must be finite');
  } else if (model.kind === 'mixture-prior') {
    positive(model.centre, 'centre');
    positive(model.spread, 'spread');
  }
}

/** log(eᵘ + eᵛ) for two terms, without overflow. */
function logAddExp(u: number, v: number): number {
  const max = Math.max(u, v);
  return max === -Infinity ? max : max + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/**
 * z ↦ log p(z), with the model's constants worked out once. Quadrature calls the prior at
 * thousands of points per ELBO, so the mixture prior is written out for its two components here
 * (the same value as `mixtureLogPdf(z, mixturePrior(model))`, without re-validating the mixture
 * at every point).
 */
function logPriorFunction(model: ToyModel): (z: number) => number {
  if (model.kind !== 'mixture-prior') return (z) => normalLogPdf(z, STANDARD_NORMAL);
  assertModel(model);
  const a: Normal1D = { mu: -model.centre, sigma: model.spread };
  const b: Normal1D = { mu: model.centre, sigma: model.spread };
  return (z) => logAddExp(normalLogPdf(z, a), normalLogPdf(z, b)) - Math.LN2;
}

/**
 * How close to the real axis log p(z) stops being analytic, which sets how finely quadrature
 * must resolve it (see `normalGridIntervals`). The standard normal log-density is a polynomial
 * (∞). The mixture's log-density is −(z² + c²)/(2s²) + log cosh(cz/s²) + const, and log cosh
 * has its nearest singularities at z = ±iπs²/(2c). The likelihood terms are polynomials in z.
 */
function featureWidth(model: ToyModel): number {
  return model.kind === 'mixture-prior' ? (Math.PI * model.spread * model.spread) / (2 * model.centre) : Infinity;
}

/** z ↦ log p(x, z) for a fixed x. */
function logJointFunction(model: ToyModel, x: number): (z: number) => number {
  const prior = logPriorFunction(model);
  return (z) => prior(z) + normalLogPdf(x, { mu: decoderMean(model, z), sigma: model.noise });
}

/** log p(z). */
export function logPrior(model: ToyModel, z: number): number {
  return logPriorFunction(model)(z);
}

/** The decoder's mean: E[x | z] = wz + b, z², or z. */
export function decoderMean(model: ToyModel, z: number): number {
  switch (model.kind) {
    case 'linear-gaussian':
      return model.weight * z + model.bias;
    case 'squared':
      return z * z;
    case 'mixture-prior':
      return z;
  }
}

/** log p(x | z) = log N(x; decoderMean(z), σ²). */
export function logLikelihood(model: ToyModel, x: number, z: number): number {
  return normalLogPdf(x, { mu: decoderMean(model, z), sigma: model.noise });
}

/** log p(x, z) = log p(z) + log p(x | z). */
export function logJoint(model: ToyModel, x: number, z: number): number {
  return logPrior(model, z) + logLikelihood(model, x, z);
}

/** Half-width of a z-interval outside which the prior, and hence the joint, has no mass to speak of. */
function latentHalfWidth(model: ToyModel): number {
  return model.kind === 'mixture-prior' ? model.centre + 12 * model.spread : 12;
}

/** log p(x) = log ∫ p(x, z) dz by quadrature, for any model (the reference for the squared model). */
export function logEvidenceQuadrature(model: ToyModel, x: number): number {
  assertModel(model);
  const half = latentHalfWidth(model);
  return logIntegrateExp(logJointFunction(model, x), -half, half);
}

/**
 * The evidence log p(x): exact for the linear-Gaussian model, log N(x; b, w² + σ²), and for
 * the mixture prior, log[½N(x; −c, s² + σ²) + ½N(x; c, s² + σ²)]; by quadrature for the
 * squared model.
 */
export function logEvidence(model: ToyModel, x: number): number {
  assertModel(model);
  switch (model.kind) {
    case 'linear-gaussian':
      return normalLogPdf(x, { mu: model.bias, sigma: Math.hypot(model.weight, model.noise) });
    case 'mixture-prior': {
      // Each prior component convolved with the decoder's noise.
      const sigma = Math.hypot(model.spread, model.noise);
      return mixtureLogPdf(
        x,
        mixturePrior(model).map((c) => ({ ...c, sigma })),
      );
    }
    case 'squared':
      return logEvidenceQuadrature(model, x);
  }
}

/**
 * The exact posterior of the linear-Gaussian model, N(μ, τ²) with precision 1/τ² = 1 + w²/σ²
 * (prior precision plus the likelihood's) and μ = τ²·w(x − b)/σ².
 */
export function linearGaussianPosterior(model: LinearGaussianModel, x: number): Normal1D {
  assertModel(model);
  const ratio = model.weight / model.noise;
  const variance = 1 / (1 + ratio * ratio);
  return { mu: (variance * ratio * (x - model.bias)) / model.noise, sigma: Math.sqrt(variance) };
}

/**
 * The exact posterior of the mixture-prior model: each prior component is updated like a
 * linear-Gaussian model (variance s²σ²/(s² + σ²), mean (σ²cₖ + s²x)/(s² + σ²)), and the
 * components are reweighted by how well each explains x, ∝ ½N(x; cₖ, s² + σ²).
 */
export function mixturePosterior(model: MixturePriorModel, x: number): Mixture1D {
  assertModel(model);
  const s2 = model.spread * model.spread;
  const n2 = model.noise * model.noise;
  const evidenceSigma = Math.hypot(model.spread, model.noise);
  const sigma = Math.sqrt((s2 * n2) / (s2 + n2));
  const prior = mixturePrior(model);
  const logWeights = prior.map((c) => Math.log(c.weight) + normalLogPdf(x, { mu: c.mu, sigma: evidenceSigma }));
  const total = logSumExp(logWeights);
  return prior.map((c, k) => ({
    weight: Math.exp((logWeights[k] ?? -Infinity) - total),
    mu: (n2 * c.mu + s2 * x) / (s2 + n2),
    sigma,
  }));
}

/**
 * log p(z | x) at each z in `zs`: exact for the linear-Gaussian and mixture models; for the
 * squared model log p(x, z) − log p(x) with the evidence by quadrature (computed once).
 */
export function logPosterior(model: ToyModel, x: number, zs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(zs.length);
  if (model.kind === 'linear-gaussian') {
    const post = linearGaussianPosterior(model, x);
    for (let i = 0; i < zs.length; i++) out[i] = normalLogPdf(zs[i] ?? 0, post);
  } else if (model.kind === 'mixture-prior') {
    const posterior = mixturePosterior(model, x);
    for (let i = 0; i < zs.length; i++) out[i] = mixtureLogPdf(zs[i] ?? 0, posterior);
  } else {
    const evidence = logEvidence(model, x);
    const joint = logJointFunction(model, x);
    for (let i = 0; i < zs.length; i++) out[i] = joint(zs[i] ?? 0) - evidence;
  }
  return out;
}

/**
 * E_q[log p(x | z)] for q = N(m, s²), in closed form: the decoder's log-density is quadratic in
 * its mean, so only the first two moments of the mean under q matter:
 * −½log(2πσ²) − E_q[(x − mean(z))²]/(2σ²), with E_q[(x − mean)²] = (x − E mean)² + Var mean.
 * Linear mean wz + b: E = wm + b, Var = w²s². Squared mean z²: E = m² + s², Var = 4m²s² + 2s⁴.
 */
export function expectedLogLikelihood(model: ToyModel, x: number, q: Normal1D): number {
  assertModel(model);
  assertNormal1D(q, 'q');
  const { mu: m, sigma: s } = q;
  let mean: number;
  let variance: number;
  if (model.kind === 'squared') {
    mean = m * m + s * s;
    variance = 4 * m * m * s * s + 2 * s ** 4;
  } else {
    const w = model.kind === 'linear-gaussian' ? model.weight : 1;
    const b = model.kind === 'linear-gaussian' ? model.bias : 0;
    mean = w * m + b;
    variance = w * w * s * s;
  }
  const r = (x - mean) / model.noise;
  return -HALF_LOG_TWO_PI - Math.log(model.noise) - 0.5 * (r * r + variance / (model.noise * model.noise));
}

/**
 * D_KL(q ‖ p(z)): the closed form of the KL chapter for the standard normal prior; for the
 * mixture prior, which has no closed form, E_q[log q(z) − log p(z)] by quadrature.
 */
export function klToPrior(model: ToyModel, q: Normal1D): number {
  assertNormal1D(q, 'q');
  if (model.kind !== 'mixture-prior') return klNormal(q, STANDARD_NORMAL);
  const prior = logPriorFunction(model);
  return Math.max(
    0,
    expectationUnderNormal((z) => normalLogPdf(z, q) - prior(z), q, featureWidth(model)),
  );
}

/** The terms of the ELBO for q = N(m, s²): ℒ = E_q[log p(x | z)] − D_KL(q ‖ p(z)). */
export interface ElboTerms {
  /** E_q[log p(x | z)], the reconstruction term. */
  readonly reconstruction: number;
  /** D_KL(q ‖ p(z)), the regulariser. */
  readonly klPrior: number;
  /** ℒ(q) = reconstruction − klPrior. */
  readonly elbo: number;
}

export function elboTerms(model: ToyModel, x: number, q: Normal1D): ElboTerms {
  const reconstruction = expectedLogLikelihood(model, x, q);
  const klPrior = klToPrior(model, q);
  return { reconstruction, klPrior, elbo: reconstruction - klPrior };
}

/** ℒ(q) = E_q[log p(x | z)] − D_KL(q ‖ p(z)). */
export function elbo(model: ToyModel, x: number, q: Normal1D): number {
  return elboTerms(model, x, q).elbo;
}

/**
 * D_KL(q ‖ p(z | x)) = E_q[log q(z) − log p(x, z)] + log p(x) by quadrature under q, for any
 * model. `evidence` may be passed when already known. Never negative (a rounding residue is
 * clamped to 0).
 */
export function klToPosteriorQuadrature(model: ToyModel, x: number, q: Normal1D, evidence = logEvidence(model, x)): number {
  assertNormal1D(q, 'q');
  const joint = logJointFunction(model, x);
  const crossTerm = expectationUnderNormal((z) => normalLogPdf(z, q) - joint(z), q, featureWidth(model));
  return Math.max(0, crossTerm + evidence);
}

/**
 * D_KL(q ‖ p(z | x)), the gap between log p(x) and ℒ(q): in closed form for the
 * linear-Gaussian model (both are Gaussians), by quadrature otherwise.
 */
export function klToPosterior(model: ToyModel, x: number, q: Normal1D, evidence?: number): number {
  if (model.kind === 'linear-gaussian') return klNormal(q, linearGaussianPosterior(model, x));
  return klToPosteriorQuadrature(model, x, q, evidence);
}

/** Everything the ELBO-gap figure shows for one q: log p(x) = ℒ(q) + D_KL(q ‖ p(z | x)). */
export interface ElboDecomposition extends ElboTerms {
  readonly logEvidence: number;
  /** D_KL(q ‖ p(z | x)) = log p(x) − ℒ(q), computed independently of the two. */
  readonly gap: number;
}

export function decomposeEvidence(model: ToyModel, x: number, q: Normal1D): ElboDecomposition {
  const evidence = logEvidence(model, x);
  return { ...elboTerms(model, x, q), logEvidence: evidence, gap: klToPosterior(model, x, q, evidence) };
}

/** Bounds on log s during the search: q stays a proper, representable Gaussian. */
const LOG_SIGMA_RANGE: readonly [number, number] = [Math.log(1e-4), Math.log(1e2)];

/** Candidate starting points for the search: posterior moments and each posterior mode. */
function startingPoints(model: ToyModel, x: number): Normal1D[] {
  const half = latentHalfWidth(model);
  const zs = uniformGrid(-half, half, 4097);
  const h = (zs[1] ?? 0) - (zs[0] ?? 0);
  const logPost = logPosterior(model, x, zs);
  const density = logPost.map(Math.exp);
  let mass = 0;
  let mean = 0;
  for (let i = 0; i < zs.length; i++) {
    mass += density[i] ?? 0;
    mean += (density[i] ?? 0) * (zs[i] ?? 0);
  }
  mean /= mass;
  let variance = 0;
  for (let i = 0; i < zs.length; i++) variance += (density[i] ?? 0) * ((zs[i] ?? 0) - mean) ** 2;
  const starts: Normal1D[] = [{ mu: mean, sigma: Math.sqrt(Math.max(variance / mass, 1e-6)) }];
  // Local maxima of the posterior, each with the width its curvature implies (a Laplace fit).
  for (let i = 1; i < zs.length - 1; i++) {
    const [left, here, right] = [logPost[i - 1] ?? -Infinity, logPost[i] ?? -Infinity, logPost[i + 1] ?? -Infinity];
    if (here > left && here >= right && here > Math.log(1e-6)) {
      const curvature = (left - 2 * here + right) / (h * h);
      starts.push({ mu: zs[i] ?? 0, sigma: curvature < 0 ? 1 / Math.sqrt(-curvature) : 1 });
    }
  }
  return starts;
}

/** The result of {@link bestGaussian}. */
export interface BestGaussian {
  readonly q: Normal1D;
  readonly elbo: number;
}

/**
 * The Gaussian q = N(m, s²) that maximises ℒ(q) for this x, found numerically by Nelder–Mead
 * over (m, log s) from several starts: `from` (the current q, if given), the posterior's mean
 * and standard deviation, and each posterior mode with its Laplace width. For the linear-Gaussian
 * model the maximiser is the exact posterior, where the gap vanishes; for the others a gap
 * remains. When two optima are equally good (the squared model's mirror-image modes), the one
 * nearer to `from` is returned, so the answer does not jump across.
 */
export function bestGaussian(model: ToyModel, x: number, from?: Normal1D): BestGaussian {
  assertModel(model);
  const objective = ([m = 0, logS = 0]: readonly number[]) => {
    if (logS < LOG_SIGMA_RANGE[0] || logS > LOG_SIGMA_RANGE[1] || !Number.isFinite(m)) return Infinity;
    return -elbo(model, x, { mu: m, sigma: Math.exp(logS) });
  };
  const starts = [...(from === undefined ? [] : [from]), ...startingPoints(model, x)];
  const anchor = from?.mu ?? 0;
  let best: BestGaussian | undefined;
  for (const start of starts) {
    const result = nelderMead(objective, [start.mu, Math.log(start.sigma)], { step: [0.25 * start.sigma, 0.25] });
    const candidate = { q: { mu: result.x[0] ?? 0, sigma: Math.exp(result.x[1] ?? 0) }, elbo: -result.f };
    if (!Number.isFinite(candidate.elbo)) continue;
    const tie = best !== undefined && Math.abs(candidate.elbo - best.elbo) <= 1e-9 * (1 + Math.abs(best.elbo));
    if (best === undefined || (tie ? Math.abs(candidate.q.mu - anchor) < Math.abs(best.q.mu - anchor) : candidate.elbo > best.elbo)) {
      best = candidate;
    }
  }
  if (best === undefined) throw new RangeError('no finite ELBO found');
  return best;
}
