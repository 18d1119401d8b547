/**
 * The density-fit widget's state: the data points, the model (one Gaussian or a mixture of two)
 * and the hand-set parameters. One table of parameters (`URL_PARAMS`) drives clamping, the
 * controls and the URL (`?model=mixture&mu1=…&x=-1.2,0.4,…`), so whatever a reader types or a
 * link carries, the widget holds valid numbers (σ ≥ 0.1, weights in [0, 1], 1–40 points in [−5, 5]) and never
 * shows NaN or ∞. The maximum-likelihood fit is computed here, from `src/lib/math/mixture`.
 */
import { averageLogLikelihood, fitGaussian, fitMixtureBest, initialMixture, type Mixture1D, type MixtureComponent } from '../../lib/math/mixture.ts';
import { mulberry32 } from '../../lib/math/random.ts';
import { choiceParam, initialValues, type ListParam, listParam, numberParam, type ParamValues, readParam, readParams, writeParams } from '../figure/params.ts';

/** Range of the data and of the means. */
export const DOMAIN = [-5, 5] as const;
/** Smallest σ a slider allows, and the variance floor of every fit (so a fit stays on the sliders). */
export const MIN_SIGMA = 0.1;

export const MODELS = ['gaussian', 'mixture'] as const;
export type Model = (typeof MODELS)[number];

export const POINT_DECIMALS = 2;
export const MIN_POINTS = 1;
export const MAX_POINTS = 40;
/** Two loose clusters: a single Gaussian fits them visibly worse than a mixture. */
export const DEFAULT_POINTS: readonly number[] = [-3.1, -2.6, -2.3, -2.0, -1.7, -1.2, 0.6, 1.1, 1.4, 1.7, 1.9, 2.3, 2.8, 3.6];

/** Data points in a link (`x=-1.2,0.4,…`): in [−5, 5] at 0.01, at most 40, entries that are no number skipped; none usable gives `initial`. */
export function dataPointsParam(initial: readonly number[]): ListParam {
  const point = { min: DOMAIN[0], max: DOMAIN[1], step: 10 ** -POINT_DECIMALS, initial: 0 };
  return listParam('x', point, { minLength: MIN_POINTS, maxLength: MAX_POINTS, initial, invalid: 'skip' });
}

/** The model's parameters, set by hand or by the fit. */
export const PARAMS = {
  /** One Gaussian N(μ, σ²). */
  mu: numberParam('mu', { min: DOMAIN[0], max: DOMAIN[1], step: 0.01, initial: 0 }),
  sigma: numberParam('sigma', { min: MIN_SIGMA, max: 5, step: 0.01, initial: 1 }),
  /** Mixture π N(μ₁, σ₁²) + (1 − π) N(μ₂, σ₂²). */
  pi: numberParam('pi', { min: 0, max: 1, step: 0.01, initial: 0.5 }),
  mu1: numberParam('mu1', { min: DOMAIN[0], max: DOMAIN[1], step: 0.01, initial: -1 }),
  sigma1: numberParam('sigma1', { min: MIN_SIGMA, max: 5, step: 0.01, initial: 1 }),
  mu2: numberParam('mu2', { min: DOMAIN[0], max: DOMAIN[1], step: 0.01, initial: 1 }),
  sigma2: numberParam('sigma2', { min: MIN_SIGMA, max: 5, step: 0.01, initial: 1 }),
};

/** Everything a link carries, in the URL's order (`?model=mixture&mu1=…&x=-1.2,0.4,…`). */
export const URL_PARAMS = {
  model: choiceParam('model', MODELS, 'gaussian'),
  ...PARAMS,
  points: dataPointsParam(DEFAULT_POINTS),
};

export type ParamName = keyof typeof PARAMS;
export type Params = ParamValues<typeof PARAMS>;
export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];
/** The parameters each model uses, in the order of the controls. */
export const MODEL_PARAMS = { gaussian: ['mu', 'sigma'], mixture: ['pi', 'mu1', 'sigma1', 'mu2', 'sigma2'] } as const;

export interface DensityFitState {
  readonly model: Model;
  readonly params: Params;
  readonly points: readonly number[];
}

export const INITIAL_PARAMS: Params = initialValues(PARAMS);
export const INITIAL_STATE: DensityFitState = { model: 'gaussian', params: INITIAL_PARAMS, points: DEFAULT_POINTS };

/** Reads the state from URL query parameters (`prefix` keeps several widgets on a page apart). */
export function parseState(search: URLSearchParams, prefix = ''): DensityFitState {
  const { model, points, ...params } = readParams(URL_PARAMS, search, prefix);
  return { model, params, points };
}

/** Writes the state into a copy of `search`, leaving other parameters untouched. */
export function serializeState(state: DensityFitState, search: URLSearchParams, prefix = ''): URLSearchParams {
  return writeParams(URL_PARAMS, { ...state.params, model: state.model, points: state.points }, search, prefix);
}

/** The density the state describes, as a mixture (one component for the single Gaussian). */
export function mixtureOf(model: Model, params: Params): MixtureComponent[] {
  if (model === 'gaussian') return [{ weight: 1, mu: params.mu, sigma: params.sigma }];
  return [
    { weight: params.pi, mu: params.mu1, sigma: params.sigma1 },
    { weight: 1 - params.pi, mu: params.mu2, sigma: params.sigma2 },
  ];
}

/** The average log-likelihood (nats per point) of the state's points under its density. */
export function logLikelihoodOf(state: DensityFitState): number {
  return averageLogLikelihood(state.points, mixtureOf(state.model, state.params));
}

/** Number of seeded random starts the mixture fit tries besides the current parameters. */
const RANDOM_STARTS = 6;

/** The mixture fit as parameters, its components ordered to stay closest to the current ones. */
function mixtureParams(fit: Mixture1D, current: Params): Partial<Params> {
  const [a, b] = fit;
  if (a === undefined || b === undefined) return {};
  const cost = (c1: MixtureComponent, c2: MixtureComponent) => Math.abs(c1.mu - current.mu1) + Math.abs(c2.mu - current.mu2);
  const [first, second] = cost(a, b) <= cost(b, a) ? [a, b] : [b, a];
  return { pi: first.weight, mu1: first.mu, sigma1: first.sigma, mu2: second.mu, sigma2: second.sigma };
}

/**
 * The maximum-likelihood parameters of the current model for the current points, rounded to the
 * controls' resolution: the closed form for one Gaussian, EM to convergence (from the current
 * parameters and six seeded random starts, keeping the best) for the mixture. If rounding would
 * make the fit worse than the current parameters (possible only when they are already within
 * rounding of the optimum) the current parameters are kept, so fitting never lowers the
 * log-likelihood.
 */
export function fitParams(state: DensityFitState): Params {
  const { model, points, params } = state;
  let patch: Partial<Params>;
  if (model === 'gaussian') {
    const fit = fitGaussian(points, { minSigma: MIN_SIGMA });
    patch = { mu: fit.mu, sigma: fit.sigma };
  } else {
    const starts: Mixture1D[] = [mixtureOf('mixture', params)];
    for (let seed = 1; seed <= RANDOM_STARTS; seed++) starts.push(initialMixture(points, 2, mulberry32(seed), { minSigma: MIN_SIGMA }));
    const best = fitMixtureBest(points, starts, { minSigma: MIN_SIGMA, maxIterations: 400, tolerance: 1e-10 });
    patch = mixtureParams(best.mixture, params);
  }
  const fitted = { ...params };
  for (const [name, value] of Object.entries(patch) as Array<[ParamName, number]>) fitted[name] = readParam(PARAMS[name], value);
  const before = logLikelihoodOf(state);
  const after = logLikelihoodOf({ ...state, params: fitted });
  return after >= before ? fitted : params;
}
