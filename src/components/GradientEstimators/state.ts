/**
 * The gradient-estimator figure's state: the test function f, the Gaussian N(μ, σ²), the
 * parameter the gradient is taken with respect to, the samples per estimate N and the seed of
 * the noise. One table drives the numeric controls' ranges, clamping and the URL, so whatever a
 * reader types or a link carries, the widget holds valid values (σ > 0, N one of the offered
 * counts) and never shows NaN or ∞. The table is declared once here (with its URL keys `f`,
 * `mu`, `sigma`, `wrt`, `n`, `seed`).
 */
import { GRADIENT_PARAMS, TEST_FUNCTION_NAMES } from '../../lib/math/gradient-estimators.ts';
import { choiceParam, initialValues, numberParam, type ParamValues } from '../figure/params.ts';

/** Samples per estimate the figure offers: powers of 4, so each step divides the variance by 4. */
export const SAMPLE_COUNTS = [1, 4, 16, 64, 256] as const;
export type SampleCount = (typeof SAMPLE_COUNTS)[number];

/** How many N-sample estimates each histogram shows. */
export const ESTIMATES = 2000;

export const PARAMS = {
  /** The test function f. */
  fn: choiceParam('f', TEST_FUNCTION_NAMES, 'square'),
  mu: numberParam('mu', { min: -3, max: 3, step: 0.01, initial: 1 }),
  sigma: numberParam('sigma', { min: 0.1, max: 3, step: 0.01, initial: 1 }),
  /** The parameter the gradient is taken with respect to. */
  param: choiceParam('wrt', GRADIENT_PARAMS, 'mu'),
  /** Samples per estimate N. */
  n: choiceParam('n', SAMPLE_COUNTS, 1),
  /** Seed of the noise ε; "Draw again" advances it, and a shared link reproduces the histograms. */
  seed: numberParam('seed', { min: 0, max: 2 ** 31 - 1, step: 1, initial: 1 }),
};

export type GradEstState = Readonly<ParamValues<typeof PARAMS>>;

export const INITIAL_STATE: GradEstState = initialValues(PARAMS);

/** The next seed for "Draw again", wrapping inside the seed's range. */
export function nextSeed(seed: number): number {
  return seed >= PARAMS.seed.max ? PARAMS.seed.min : seed + 1;
}
