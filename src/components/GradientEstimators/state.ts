/**
 * The gradient-estimator figure's state: the test function f, the Gaussian N(μ, σ²), the
 * parameter the gradient is taken with respect to, the samples per estimate N and the seed of
 * the noise. One table drives the numeric controls' ranges, clamping and the URL, so whatever a
 * reader types or a link carries, the widget holds valid values (σ > 0, N one of the offered
 * counts) and never shows NaN or ∞.
 */
import { GRADIENT_PARAMS, type GradientParam, TEST_FUNCTION_NAMES, type TestFunctionName } from '~/lib/math/gradient-estimators';
import { clampToSpec, decimals, type ParamSpec } from '../param-spec';

export const PARAMS = {
  mu: { min: -3, max: 3, step: 0.01, initial: 1 },
  sigma: { min: 0.1, max: 3, step: 0.01, initial: 1 },
  /** Seed of the noise ε; "Draw again" advances it, and a shared link reproduces the histograms. */
  seed: { min: 0, max: 2 ** 31 - 1, step: 1, initial: 1 },
} as const satisfies Record<string, ParamSpec>;

export type NumericName = keyof typeof PARAMS;
export const NUMERIC_NAMES = Object.keys(PARAMS) as NumericName[];

/** Samples per estimate the figure offers: powers of 4, so each step divides the variance by 4. */
export const SAMPLE_COUNTS = [1, 4, 16, 64, 256] as const;
export type SampleCount = (typeof SAMPLE_COUNTS)[number];

/** How many N-sample estimates each histogram shows. */
export const ESTIMATES = 2000;

export interface GradEstState {
  readonly fn: TestFunctionName;
  readonly mu: number;
  readonly sigma: number;
  readonly param: GradientParam;
  readonly n: SampleCount;
  readonly seed: number;
}

export const INITIAL_STATE: GradEstState = {
  fn: 'square',
  mu: PARAMS.mu.initial,
  sigma: PARAMS.sigma.initial,
  param: 'mu',
  n: 1,
  seed: PARAMS.seed.initial,
};

/**
 * A valid value for `name` from anything a reader or a URL may supply: numbers and numeric
 * strings are clamped into range and rounded to the step; anything else (empty, "abc", NaN)
 * gives `fallback`, by default the initial value.
 */
export function clampParam(name: NumericName, raw: unknown, fallback: number = PARAMS[name].initial): number {
  return clampToSpec(PARAMS[name], raw, fallback);
}

/** One of `options` equal to `raw` (compared as text), or `fallback`. */
function pick<T extends string | number>(options: readonly T[], raw: unknown, fallback: T): T {
  return options.find((option) => String(option) === String(raw)) ?? fallback;
}

export const parseFn = (raw: unknown, fallback: TestFunctionName = INITIAL_STATE.fn) => pick(TEST_FUNCTION_NAMES, raw, fallback);
export const parseParam = (raw: unknown, fallback: GradientParam = INITIAL_STATE.param) => pick(GRADIENT_PARAMS, raw, fallback);
export const parseSampleCount = (raw: unknown, fallback: SampleCount = INITIAL_STATE.n) => pick(SAMPLE_COUNTS, raw, fallback);

/** Reads the state from URL query parameters (`prefix` keeps several widgets on a page apart). */
export function parseState(search: URLSearchParams, prefix = ''): GradEstState {
  const get = (name: string) => search.get(prefix + name);
  const numeric = (name: NumericName) => {
    const raw = get(name);
    return raw === null ? PARAMS[name].initial : clampParam(name, raw);
  };
  return {
    fn: parseFn(get('f')),
    mu: numeric('mu'),
    sigma: numeric('sigma'),
    param: parseParam(get('wrt')),
    n: parseSampleCount(get('n')),
    seed: numeric('seed'),
  };
}

/** Writes the state into a copy of `search`, leaving other parameters untouched. */
export function serializeState(state: GradEstState, search: URLSearchParams, prefix = ''): URLSearchParams {
  const next = new URLSearchParams(search);
  next.set(`${prefix}f`, state.fn);
  next.set(`${prefix}mu`, formatParam('mu', state.mu));
  next.set(`${prefix}sigma`, formatParam('sigma', state.sigma));
  next.set(`${prefix}wrt`, state.param);
  next.set(`${prefix}n`, String(state.n));
  next.set(`${prefix}seed`, formatParam('seed', state.seed));
  return next;
}

/** The text of a numeric control at the parameter's resolution ("1.50", "7"). */
export function formatParam(name: NumericName, value: number): string {
  return value.toFixed(decimals(PARAMS[name].step));
}

/** The next seed for "Draw again", wrapping inside the seed's range. */
export function nextSeed(seed: number): number {
  return seed >= PARAMS.seed.max ? PARAMS.seed.min : seed + 1;
}
