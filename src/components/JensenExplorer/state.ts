/**
 * The Jensen explorer's state: points x₁, …, xₙ > 0 on the axis and their raw weights (the
 * library normalises them). One table of limits drives the controls, the draggable points,
 * clamping and the URL (`?jensen-x=1,9&jensen-w=0.5,0.5`), so that whatever a reader drags,
 * types or links to, every point is positive and finite and the figure never shows NaN or ∞.
 */
import { listParam, readParams, writeParams } from '../figure/params.ts';
import { clampToSpec } from '../param-spec.ts';

export const POINT = {
  min: 0.1,
  max: 10,
  /** Arrow-key step of a focused point; also the number fields' step. */
  step: 0.05,
  /** Step with Shift or PageUp/PageDown. */
  largeStep: 0.5,
  /** Positions are rounded to 0.01 (the resolution of the step, as `clampToSpec` rounds). */
  decimals: 2,
  /** What a position that is no number becomes. */
  initial: 1,
} as const;

export const WEIGHT = { min: 0, max: 1, step: 0.01, decimals: 2, initial: 0.5 } as const;

export const MIN_POINTS = 1;
export const MAX_POINTS = 6;

/** The URL's lists (`?jensen-x=1,9&jensen-w=0.5,0.5`); `normalizeState` pairs the weights with the points. */
export const PARAMS = {
  xs: listParam('x', POINT, { minLength: MIN_POINTS, maxLength: MAX_POINTS, initial: [1, 9], invalid: 'skip' }),
  ws: listParam('w', WEIGHT, { minLength: 0, maxLength: MAX_POINTS, initial: [0.5, 0.5], invalid: 'initial' }),
};

export interface JensenState {
  readonly xs: readonly number[];
  /** Raw weights, one per point, each in [0, 1]; they need not sum to 1. */
  readonly ws: readonly number[];
}

/** Two points with equal weights: log 5 against log 3, the example of the chapter. */
export const INITIAL_STATE: JensenState = { xs: PARAMS.xs.initial, ws: PARAMS.ws.initial };

/** A valid position (in [0.1, 10], at 0.01 resolution) from anything; nonsense gives `fallback`. */
export function clampPoint(raw: unknown, fallback: number = POINT.initial): number {
  return clampToSpec(POINT, raw, fallback);
}

/** A valid raw weight (in [0, 1], at 0.01 resolution) from anything; nonsense gives `fallback`. */
export function clampWeight(raw: unknown, fallback: number = WEIGHT.initial): number {
  return clampToSpec(WEIGHT, raw, fallback);
}

/** Where a new point goes: the middle of the widest empty stretch of the axis, so it never hides another. */
export function newPointPosition(xs: readonly number[]): number {
  const sorted = [POINT.min, ...xs, POINT.max].sort((a, b) => a - b);
  let best = { width: -1, at: (POINT.min + POINT.max) / 2 };
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] ?? POINT.min;
    const b = sorted[i] ?? POINT.max;
    if (b - a > best.width) best = { width: b - a, at: (a + b) / 2 };
  }
  return clampPoint(best.at);
}

/**
 * The state after the points changed to `xs` (a drag, a key, an add or a remove, as reported by
 * the draggable-points helper). Weights follow their points: an added point gets the default
 * weight, a removed point takes its weight with it.
 */
export function withPoints(state: JensenState, xs: readonly number[], change?: { kind: 'move' | 'add' | 'remove'; index: number }): JensenState {
  const ws = [...state.ws];
  if (change?.kind === 'add') ws.splice(change.index, 0, WEIGHT.initial);
  if (change?.kind === 'remove') ws.splice(change.index, 1);
  return normalizeState({ xs, ws });
}

/** Any pair of lists made valid: 1 to 6 points, each clamped, with exactly one weight per point. */
export function normalizeState(state: { xs: readonly unknown[]; ws: readonly unknown[] }): JensenState {
  const xs = state.xs
    .slice(0, MAX_POINTS)
    .map((x) => clampPoint(x, Number.NaN))
    .filter((x) => !Number.isNaN(x));
  if (xs.length < MIN_POINTS) return INITIAL_STATE;
  const ws = xs.map((_, i) => clampWeight(state.ws[i]));
  return { xs, ws };
}

/** Reads the state from URL query parameters (comma-separated lists). */
export function parseState(search: URLSearchParams, prefix = 'jensen-'): JensenState {
  return normalizeState(readParams(PARAMS, search, prefix));
}

/** Writes the state into a copy of `search`, leaving other parameters untouched. */
export function serializeState(state: JensenState, search: URLSearchParams, prefix = 'jensen-'): URLSearchParams {
  return writeParams(PARAMS, state, search, prefix);
}
