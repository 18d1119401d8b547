/**
 * The KL explorer's parameters, declared once: ranges and steps (for the controls and the
 * clamping), defaults and URL keys (`?mu1=…&sigma1=…`), so that whatever a reader types or a link
 * carries, the widget holds valid numbers (σ > 0, finite means, a sane sample count).
 */
import { initialValues, numberParam, type ParamValues } from '../figure/params.ts';

export const PARAMS = {
  mu1: numberParam('mu1', { min: -5, max: 5, step: 0.01, initial: 0 }),
  sigma1: numberParam('sigma1', { min: 0.05, max: 5, step: 0.01, initial: 1 }),
  mu2: numberParam('mu2', { min: -5, max: 5, step: 0.01, initial: 1 }),
  sigma2: numberParam('sigma2', { min: 0.05, max: 5, step: 0.01, initial: 1.5 }),
  /** Monte Carlo sample count N. */
  n: numberParam('n', { min: 10, max: 100_000, step: 1, initial: 1000 }),
  /** Seed of the Monte Carlo samples, so that a shared link reproduces the estimate too. */
  seed: numberParam('seed', { min: 0, max: 2 ** 31 - 1, step: 1, initial: 1 }),
};

export type ParamName = keyof typeof PARAMS;
export type KLState = ParamValues<typeof PARAMS>;

export const INITIAL_STATE: KLState = initialValues(PARAMS);
