/**
 * The KL explorer's state: one table of parameters drives clamping, the controls' ranges and
 * the URL (de)serialisation, so that whatever a reader types or a link carries, the widget
 * holds valid numbers (σ > 0, finite means, a sane sample count) and never shows NaN or ∞.
 */
import { clampToSpec, decimals, type ParamSpec } from '../param-spec';

export const PARAMS = {
  mu1: { min: -5, max: 5, step: 0.01, initial: 0 },
  sigma1: { min: 0.05, max: 5, step: 0.01, initial: 1 },
  mu2: { min: -5, max: 5, step: 0.01, initial: 1 },
  sigma2: { min: 0.05, max: 5, step: 0.01, initial: 1.5 },
  /** Monte Carlo sample count N. */
  n: { min: 10, max: 100_000, step: 1, initial: 1000 },
  /** Seed of the Monte Carlo samples, so that a shared link reproduces the estimate too. */
  seed: { min: 0, max: 2 ** 31 - 1, step: 1, initial: 1 },
} as const satisfies Record<string, ParamSpec>;

export type ParamName = keyof typeof PARAMS;
export type KLState = Record<ParamName, number>;

export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];

export const INITIAL_STATE: KLState = Object.fromEntries(
  PARAM_NAMES.map((name) => [name, PARAMS[name].initial]),
) as KLState;

/**
 * A valid value for `name` from anything a reader or a URL may supply: numbers and numeric
 * strings (including ±Infinity, "1e999") are clamped into range and rounded to the parameter's
 * step; anything else (empty, "abc", NaN) falls back to `fallback`, by default the initial value.
 */
export function clampParam(name: ParamName, raw: unknown, fallback: number = PARAMS[name].initial): number {
  return clampToSpec(PARAMS[name], raw, fallback);
}

/** Reads the state from URL query parameters (`prefix` keeps several widgets on a page apart). */
export function parseState(search: URLSearchParams, prefix = ''): KLState {
  const state = { ...INITIAL_STATE };
  for (const name of PARAM_NAMES) {
    const raw = search.get(prefix + name);
    if (raw !== null) state[name] = clampParam(name, raw);
  }
  return state;
}

/** Writes the state into a copy of `search`, leaving other parameters untouched. */
export function serializeState(state: KLState, search: URLSearchParams, prefix = ''): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const name of PARAM_NAMES) {
    next.set(prefix + name, state[name].toFixed(decimals(PARAMS[name].step)));
  }
  return next;
}

/** The input's text for a value, at the parameter's resolution ("1.50", "1000"). */
export function formatParam(name: ParamName, value: number): string {
  return value.toFixed(decimals(PARAMS[name].step));
}
