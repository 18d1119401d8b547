/**
 * The ELBO-gap figure's state: the toy model, the observed x and the Gaussian q = N(m, s²),
 * declared once as a parameter table that drives the controls' ranges, clamping and the URL, so
 * that whatever a reader types or a link carries, the widget holds valid values (s > 0,
 * everything finite and in range), and the best-Gaussian animation's interpolation.
 *
 * Unlike the controls, the state is not rounded to the sliders' step: the best-Gaussian button
 * sets q to the optimiser's exact answer, and rounding it to 0.01 would reopen a gap that the
 * figure claims is closed.
 */
import { MODEL_KINDS } from '../../lib/math/latent-models.ts';
import { choiceParam, initialValues, numberParam, type ParamValues } from '../figure/params.ts';

/** Digits kept in the URL: enough that a shared optimum still shows a closed gap. */
const URL_DIGITS = 6;

export const PARAMS = {
  /** The toy model p_θ(x | z) p(z). */
  model: choiceParam('model', MODEL_KINDS, 'linear-gaussian'),
  /** The observation x. */
  x: numberParam('x', { min: -4, max: 4, step: 0.01, initial: 1.5, round: false, urlDigits: URL_DIGITS }),
  /** Mean m of q(z | x) = N(m, s²). */
  m: numberParam('m', { min: -4, max: 4, step: 0.01, initial: 0, round: false, urlDigits: URL_DIGITS }),
  /** Standard deviation s of q(z | x). */
  s: numberParam('s', { min: 0.05, max: 3, step: 0.01, initial: 1, round: false, urlDigits: URL_DIGITS }),
};

export type ElboGapState = Readonly<ParamValues<typeof PARAMS>>;
export type ParamName = keyof typeof PARAMS;

export const INITIAL_STATE: ElboGapState = initialValues(PARAMS);

/** Smooth start and stop for the best-Gaussian animation, t ∈ [0, 1]. */
export function easeInOut(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return c * c * (3 - 2 * c);
}

/**
 * The Gaussian a fraction `t` of the way from `from` to `to`, interpolating the mean linearly
 * and the standard deviation geometrically (linearly in log s), so that s stays positive and a
 * narrow q shrinks at a steady visual rate. t ≤ 0 gives `from` and t ≥ 1 gives `to` exactly.
 */
export function interpolateQ(from: { m: number; s: number }, to: { m: number; s: number }, t: number): { m: number; s: number } {
  if (t <= 0) return { m: from.m, s: from.s };
  if (t >= 1) return { m: to.m, s: to.s };
  const e = easeInOut(t);
  return { m: from.m + e * (to.m - from.m), s: Math.exp(Math.log(from.s) + e * (Math.log(to.s) - Math.log(from.s))) };
}
