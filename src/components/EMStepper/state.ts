/**
 * The EM stepper's state and its transitions, as pure functions: the data points, the number of
 * components K, the seed of the random start, the current parameters θ, the current q (one row of
 * responsibilities per point) and the history of the log-likelihood and the ELBO after every half
 * step. The widget only calls these and draws the result. All numbers come from
 * `src/lib/math/mixture`; both objectives are reported per data point (divided by N).
 *
 * The settings a link can carry are the points, K and the seed (`?x=…&k=3&seed=4`); the EM run
 * itself is replayed by the reader.
 */
import { dataPointsParam, DOMAIN, MAX_POINTS, MIN_POINTS, MIN_SIGMA, POINT_DECIMALS } from '../DensityFit/state.ts';
import { choiceParam, numberParam, readParams, writeParams } from '../figure/params.ts';
import { eStep, initialMixture, type MixtureComponent, mixtureElbo, mixtureLogLikelihood, mStep, uniformResponsibilities } from '../../lib/math/mixture.ts';
import { mulberry32 } from '../../lib/math/random.ts';
import type { PointChange } from '../../lib/plot/draggable-points.ts';

export { DOMAIN, MAX_POINTS, MIN_POINTS, MIN_SIGMA, POINT_DECIMALS };

export const K_VALUES = [2, 3] as const;
export const SEED_MAX = 2 ** 31 - 1;
export const INITIAL_K = 2;
export const INITIAL_SEED = 1;
/** Three groups: with K = 2, EM must decide where the middle group goes (and some seeds disagree). */
export const DEFAULT_POINTS: readonly number[] = [-3.4, -3.0, -2.7, -2.5, -2.2, -1.9, -0.6, -0.1, 0.3, 1.8, 2.2, 2.5, 2.9, 3.4];
/** The history keeps at most this many entries (the oldest are dropped). */
export const HISTORY_LIMIT = 200;
/** "Converged" once a full iteration raises the log-likelihood by less than this, in nats per point. */
export const CONVERGENCE_TOLERANCE = 1e-8;

/** What produced a history entry: the start, a half step, or an edit of the data. */
export type StepKind = 'init' | 'E' | 'M' | 'data';

export interface HistoryEntry {
  readonly kind: StepKind;
  /** Half-step counter since the start or the last edit of the data. */
  readonly step: number;
  /** (1/N) Σ_n log p(x_n | θ). */
  readonly logLikelihood: number;
  /** (1/N) L(q, θ); never above the log-likelihood, equal to it after an E-step. */
  readonly elbo: number;
}

export interface EMState {
  readonly points: readonly number[];
  readonly k: number;
  readonly seed: number;
  readonly mixture: readonly MixtureComponent[];
  /** q(z_n = k): one row per point. */
  readonly q: readonly (readonly number[])[];
  readonly history: readonly HistoryEntry[];
}

export interface EMSettings {
  readonly points: readonly number[];
  readonly k: number;
  readonly seed: number;
}

function entry(kind: StepKind, step: number, points: readonly number[], mixture: readonly MixtureComponent[], q: EMState['q']): HistoryEntry {
  const n = points.length;
  return { kind, step, logLikelihood: mixtureLogLikelihood(points, mixture) / n, elbo: mixtureElbo(points, mixture, q) / n };
}

function pushEntry(state: EMState, kind: StepKind, mixture: EMState['mixture'], q: EMState['q']): EMState {
  const step = (state.history.at(-1)?.step ?? 0) + 1;
  const history = [...state.history, entry(kind, step, state.points, mixture, q)].slice(-HISTORY_LIMIT);
  return { ...state, mixture, q, history };
}

/**
 * The start: K data points drawn with the seed as means, every σ the data's spread, equal
 * weights, and q uniform (every point shared evenly), so the ELBO starts below the log-likelihood.
 */
export function initEM({ points, k, seed }: EMSettings): EMState {
  const mixture = initialMixture(points, k, mulberry32(seed), { minSigma: MIN_SIGMA });
  const q = uniformResponsibilities(points.length, k);
  return { points, k, seed, mixture, q, history: [entry('init', 0, points, mixture, q)] };
}

/** The E-step: q becomes the exact posterior p(z_n | x_n, θ); θ is unchanged. */
export function applyEStep(state: EMState): EMState {
  return pushEntry(state, 'E', state.mixture, eStep(state.points, state.mixture).responsibilities);
}

/** The M-step: θ becomes the maximiser of L(q, θ) for the current q (variance floor MIN_SIGMA). */
export function applyMStep(state: EMState): EMState {
  return pushEntry(state, 'M', mStep(state.points, state.q, { minSigma: MIN_SIGMA, previous: state.mixture }), state.q);
}

/** The half step that comes next when running: an M-step after an E-step, else an E-step. */
export function applyNextHalfStep(state: EMState): EMState {
  return state.history.at(-1)?.kind === 'E' ? applyMStep(state) : applyEStep(state);
}

/**
 * True once the last full iteration (E then M) raised the log-likelihood by less than
 * CONVERGENCE_TOLERANCE per point; the E-step itself never changes the log-likelihood.
 */
export function isConverged(state: EMState): boolean {
  const [before, e, m] = state.history.slice(-3);
  if (before === undefined || e?.kind !== 'E' || m?.kind !== 'M') return false;
  return m.logLikelihood - before.logLikelihood < CONVERGENCE_TOLERANCE;
}

/**
 * New data points with θ kept. q is kept for the points that stayed (its rows are distributions
 * over components, whatever the x's); an added point gets its posterior under θ; a removed
 * point's row goes. The ELBO is then generally below the log-likelihood until the next E-step.
 * Without a `change` (e.g. a reset) the whole q is the posterior. The history restarts.
 */
export function withPoints(state: EMState, points: readonly number[], change?: PointChange): EMState {
  let q: (readonly number[])[];
  if (change?.kind === 'move' && points.length === state.q.length) {
    q = [...state.q];
  } else if (change?.kind === 'remove' && points.length === state.q.length - 1) {
    q = state.q.filter((_, i) => i !== change.index);
  } else if (change?.kind === 'add' && points.length === state.q.length + 1) {
    const row = eStep([points[change.index] ?? 0], state.mixture).responsibilities[0] ?? [];
    q = [...state.q.slice(0, change.index), row, ...state.q.slice(change.index)];
  } else {
    q = eStep(points, state.mixture).responsibilities;
  }
  return { ...state, points, q, history: [entry('data', 0, points, state.mixture, q)] };
}

/** A fresh start from the next seed (wrapping at SEED_MAX). */
export function reseed(state: EMState): EMState {
  return initEM({ points: state.points, k: state.k, seed: (state.seed + 1) % (SEED_MAX + 1) });
}

/** The settings a link carries (`?k=3&seed=4&x=…`); anything invalid falls back to the defaults. */
export const SETTINGS = {
  k: choiceParam<number>('k', K_VALUES, INITIAL_K),
  /** Plain digits only ("1e99" and "-3" fall back); a larger seed is clamped to SEED_MAX. */
  seed: numberParam('seed', { min: 0, max: SEED_MAX, step: 1, initial: INITIAL_SEED, pattern: /^\d+$/ }),
  points: dataPointsParam(DEFAULT_POINTS),
};

/** Reads K, the seed and the points from the URL. */
export function parseSettings(search: URLSearchParams, prefix = ''): EMSettings {
  return readParams(SETTINGS, search, prefix);
}

/** Writes the settings into a copy of `search`, leaving other parameters untouched. */
export function serializeSettings(settings: EMSettings, search: URLSearchParams, prefix = ''): URLSearchParams {
  return writeParams(SETTINGS, settings, search, prefix);
}

/**
 * A CSS colour for a point whose responsibilities are `row`: the component colours mixed in
 * those proportions (nested `color-mix`, since it mixes two colours at a time).
 */
export function mixColor(row: readonly number[], colors: readonly string[]): string {
  const clean = row.map((r) => (Number.isFinite(r) && r > 0 ? r : 0));
  let color = colors[clean.length - 1] ?? 'currentColor';
  let rest = clean.at(-1) ?? 0;
  for (let k = clean.length - 2; k >= 0; k--) {
    const r = clean[k] ?? 0;
    const total = r + rest;
    const share = total > 0 ? (100 * r) / total : 0;
    color = `color-mix(in srgb, ${colors[k] ?? 'currentColor'} ${share.toFixed(1)}%, ${color})`;
    rest = total;
  }
  return color;
}
