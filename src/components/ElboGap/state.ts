/**
 * The ELBO-gap figure's state: the toy model, the observed x and the Gaussian q = N(m, s²).
 * One table of numeric parameters drives the controls' ranges, clamping and the URL, so that
 * whatever a reader types or a link carries, the widget holds valid numbers (s > 0, everything
 * finite and in range) and never shows NaN or ∞.
 *
 * Unlike the controls, the state is not rounded to the sliders' step: the best-Gaussian button
 * sets q to the optimiser's exact answer, and rounding it to 0.01 would reopen a gap that the
 * figure claims is closed.
 */
import { MODEL_KINDS, type ToyModelKind } from '~/lib/math/latent-models';
import { clampToSpec, parseChoice, type ParamSpec } from '../param-spec';

export const PARAMS = {
  /** The observation x. */
  x: { min: -4, max: 4, step: 0.01, initial: 1.5 },
  /** Mean m of q(z | x) = N(m, s²). */
  m: { min: -4, max: 4, step: 0.01, initial: 0 },
  /** Standard deviation s of q(z | x). */
  s: { min: 0.05, max: 3, step: 0.01, initial: 1 },
} as const satisfies Record<string, ParamSpec>;

export type ParamName = keyof typeof PARAMS;
export const PARAM_NAMES = Object.keys(PARAMS) as ParamName[];

export interface ElboGapState {
  readonly model: ToyModelKind;
  readonly x: number;
  readonly m: number;
  readonly s: number;
}

export const INITIAL_MODEL: ToyModelKind = 'linear-gaussian';

export const INITIAL_STATE: ElboGapState = {
  model: INITIAL_MODEL,
  x: PARAMS.x.initial,
  m: PARAMS.m.initial,
  s: PARAMS.s.initial,
};

/** Digits kept in the URL: enough that a shared optimum still shows a closed gap. */
const URL_DIGITS = 6;

/**
 * A valid value for `name` from anything a reader or a URL may supply: numbers and numeric
 * strings (including ±Infinity, "1e999") are clamped into range; anything else (empty, "abc",
 * NaN) gives `fallback`, by default the initial value.
 */
export function clampParam(name: ParamName, raw: unknown, fallback: number = PARAMS[name].initial): number {
  return clampToSpec(PARAMS[name], raw, fallback, false);
}

/** A model kind from a string, or `fallback` when it names no model. */
export function parseModel(raw: unknown, fallback: ToyModelKind = INITIAL_MODEL): ToyModelKind {
  return parseChoice(MODEL_KINDS, raw, fallback);
}

/** Reads the state from URL query parameters (`prefix` keeps several widgets on a page apart). */
export function parseState(search: URLSearchParams, prefix = ''): ElboGapState {
  const read = (name: ParamName) => {
    const raw = search.get(prefix + name);
    return raw === null ? PARAMS[name].initial : clampParam(name, raw);
  };
  return { model: parseModel(search.get(`${prefix}model`)), x: read('x'), m: read('m'), s: read('s') };
}

/** Writes the state into a copy of `search`, leaving other parameters untouched. */
export function serializeState(state: ElboGapState, search: URLSearchParams, prefix = ''): URLSearchParams {
  const next = new URLSearchParams(search);
  next.set(`${prefix}model`, state.model);
  for (const name of PARAM_NAMES) next.set(prefix + name, String(Number(state[name].toFixed(URL_DIGITS))));
  return next;
}

/** The text of a number field: the value at the control's resolution ("1.50"). */
export function formatParam(value: number): string {
  return value.toFixed(2);
}

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
