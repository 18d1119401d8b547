/**
 * The GAN's value function for one-dimensional densities, in plain numbers: the optimal
 * discriminator, the value V(D, G) of any discriminator by quadrature, and the Jensen–Shannon
 * divergence it turns into at the optimum (chapter 9). Here p_data and p_g are Gaussians, so
 * every integral is a smooth one that the trapezoid rule of `./quadrature` evaluates to rounding.
 *
 * Discriminators are given by their logits t(x), D(x) = σ(t(x)), as in the model library, so that
 * log D = −softplus(−t) and log(1 − D) = −softplus(t) stay finite where D is within rounding of
 * 0 or 1.
 */
import { normalLogPdf, normalPdf } from './gaussian.ts';
import type { Normal1D } from './gaussian.ts';
import { logSumExp } from './mixture.ts';
import { expectationUnderNormal } from './quadrature.ts';

/** softplus(t) = log(1 + eᵗ), without overflow for large t or loss of precision for very negative t. */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/** The logistic function σ(t) = 1 / (1 + e⁻ᵗ). */
export function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/**
 * The logit of the optimal discriminator, t*(x) = log p_data(x) − log p_g(x): then
 * σ(t*) = p_data / (p_data + p_g).
 */
export function optimalLogit(x: number, pData: Normal1D, pModel: Normal1D): number {
  return normalLogPdf(x, pData) - normalLogPdf(x, pModel);
}

/** D*(x) = p_data(x) / (p_data(x) + p_g(x)). */
export function optimalDiscriminator(x: number, pData: Normal1D, pModel: Normal1D): number {
  return sigmoid(optimalLogit(x, pData, pModel));
}

/**
 * V(D, G) = ∫ p_data(x) log D(x) + p_g(x) log(1 − D(x)) dx by the trapezoid rule on a uniform
 * grid `xs` (e.g. `uniformGrid(lo, hi, n)`, wide enough that both densities vanish at its ends),
 * with the discriminator given by its logits at those points (so a trained network can be
 * evaluated in one batch).
 */
export function ganValueOnGrid(xs: ArrayLike<number>, logits: ArrayLike<number>, pData: Normal1D, pModel: Normal1D): number {
  const n = xs.length;
  if (n < 2 || logits.length !== n) throw new RangeError(`need ≥ 2 grid points and one logit per point, got ${n} and ${logits.length}`);
  const h = ((xs[n - 1] ?? 0) - (xs[0] ?? 0)) / (n - 1);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] ?? Number.NaN;
    const t = logits[i] ?? Number.NaN;
    const value = -normalPdf(x, pData) * softplus(-t) - normalPdf(x, pModel) * softplus(t);
    sum += (i === 0 || i === n - 1 ? 0.5 : 1) * value;
  }
  return sum * h;
}

/**
 * The Jensen–Shannon divergence of two Gaussians,
 * JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = ½(p + q), in nats (between 0 and log 2), each
 * KL as an expectation under its own Gaussian.
 */
export function jensenShannonNormal(p: Normal1D, q: Normal1D): number {
  const logM = (x: number) => logSumExp([normalLogPdf(x, p), normalLogPdf(x, q)]) - Math.LN2;
  // log(p/m) is smooth but bends where the two densities cross; resolve it finely.
  const width = 0.25 * Math.min(p.sigma, q.sigma);
  const klP = expectationUnderNormal((x) => normalLogPdf(x, p) - logM(x), p, width);
  const klQ = expectationUnderNormal((x) => normalLogPdf(x, q) - logM(x), q, width);
  return 0.5 * (klP + klQ);
}
