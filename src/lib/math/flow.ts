/**
 * The change-of-variables formula behind normalising flows, in one dimension. If z has density
 * p_Z and x = f(z) for an invertible, differentiable f, then
 *
 *   log p_X(x) = log p_Z(f⁻¹(x)) + log |d f⁻¹(x) / dx|.
 *
 * A flow describes f by its inverse and the log-absolute derivative of that inverse, which is
 * what evaluating the density needs; sampling needs f itself.
 */
import { normalLogPdf } from './gaussian.ts';

export interface Flow1D {
  /** x = f(z): how a sample is drawn. */
  forward(z: number): number;
  /** z = f⁻¹(x). */
  inverse(x: number): number;
  /** log |d f⁻¹(x) / dx|. */
  logAbsDerivInverse(x: number): number;
}

/** log p_X(x) of x = f(z), z ~ base (the standard normal by default). */
export function flowLogPdf(x: number, flow: Flow1D, baseLogPdf: (z: number) => number = (z) => normalLogPdf(z, { mu: 0, sigma: 1 })): number {
  return baseLogPdf(flow.inverse(x)) + flow.logAbsDerivInverse(x);
}

/** x = μ + σ·z (σ ≠ 0). With a standard-normal base, x ~ N(μ, σ²). */
export function affineFlow(mu: number, sigma: number): Flow1D {
  if (!(Number.isFinite(sigma) && sigma !== 0)) throw new RangeError(`sigma must be finite and non-zero, got ${sigma}`);
  return {
    forward: (z) => mu + sigma * z,
    inverse: (x) => (x - mu) / sigma,
    logAbsDerivInverse: () => -Math.log(Math.abs(sigma)),
  };
}

/** x = exp(z), defined for x > 0. With a standard-normal base, x is log-normal. */
export const expFlow: Flow1D = {
  forward: (z) => Math.exp(z),
  inverse: (x) => Math.log(x),
  logAbsDerivInverse: (x) => -Math.log(x),
};

/** x = sinh(z): heavier tails than the base, still defined on the whole line. */
export const sinhFlow: Flow1D = {
  forward: (z) => Math.sinh(z),
  inverse: (x) => Math.asinh(x),
  logAbsDerivInverse: (x) => -0.5 * Math.log1p(x * x),
};

/** f₂ ∘ f₁: first `inner`, then `outer`. The log-derivatives of the inverses add (chain rule). */
export function composeFlows(inner: Flow1D, outer: Flow1D): Flow1D {
  return {
    forward: (z) => outer.forward(inner.forward(z)),
    inverse: (x) => inner.inverse(outer.inverse(x)),
    logAbsDerivInverse: (x) => outer.logAbsDerivInverse(x) + inner.logAbsDerivInverse(outer.inverse(x)),
  };
}
