/**
 * Everything the ELBO-gap figure shows, computed from its state alone by the math library:
 * the decomposition log p(x) = ℒ(q) + D_KL(q ‖ p(z | x)), the density curves, and the layout of
 * the bars. Pure functions; the DOM code only copies these numbers onto the page.
 */
import { scaleLinear } from 'd3-scale';
import { normalPdf } from '../../lib/math/gaussian.ts';
import { decomposeEvidence, type ElboDecomposition, logPosterior, logPrior, MODEL_PRESETS, type ToyModel } from '../../lib/math/latent-models.ts';
import { uniformGrid } from '../../lib/math/quadrature.ts';
import { paddedDomain } from '../../lib/plot/chart-frame.ts';
import type { ElboGapState } from './state.ts';

/** The latent axis of the density plot: fixed, so the picture does not jump as q moves. */
export const Z_RANGE: readonly [number, number] = [-5, 5];
const CURVE_POINTS = 801;

export function modelOf(state: ElboGapState): ToyModel {
  return MODEL_PRESETS[state.model];
}

export interface Curves {
  readonly z: Float64Array;
  readonly prior: Float64Array;
  readonly posterior: Float64Array;
  readonly q: Float64Array;
}

/** Prior p(z), posterior p(z | x) and q(z | x) on a shared grid. */
export function densityCurves(state: ElboGapState): Curves {
  const model = modelOf(state);
  const z = uniformGrid(Z_RANGE[0], Z_RANGE[1], CURVE_POINTS);
  const q = { mu: state.m, sigma: state.s };
  return {
    z,
    prior: z.map((zi) => Math.exp(logPrior(model, zi))),
    posterior: logPosterior(model, state.x, z).map(Math.exp),
    q: z.map((zi) => normalPdf(zi, q)),
  };
}

export type RowKey = 'reconstruction' | 'kl-prior' | 'elbo' | 'gap' | 'evidence';

/** One bar of the waterfall: it spans [from, to] on the nats axis. */
export interface BarRow {
  readonly key: RowKey;
  readonly from: number;
  readonly to: number;
}

export interface Bars {
  /** The axis range in nats (0 always included). */
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly rows: readonly BarRow[];
}

/**
 * A waterfall of the two identities of the chapter, read top to bottom:
 * E_q[log p(x | z)], minus D_KL(q ‖ p(z)), gives ℒ(q); ℒ(q) plus D_KL(q ‖ p(z | x)) gives
 * log p(x). Each increment starts where the previous total ended, so the gap bar ends exactly
 * where the log p(x) bar does; bar lengths are the quantities themselves (from 0 for totals).
 */
export function barLayout(d: ElboDecomposition): Bars {
  const rows: BarRow[] = [
    { key: 'reconstruction', from: 0, to: d.reconstruction },
    { key: 'kl-prior', from: d.reconstruction, to: d.elbo },
    { key: 'elbo', from: 0, to: d.elbo },
    { key: 'gap', from: d.elbo, to: d.elbo + d.gap },
    { key: 'evidence', from: 0, to: d.logEvidence },
  ];
  const scale = scaleLinear()
    .domain(
      paddedDomain(
        rows.flatMap((r) => [r.from, r.to]),
        { zero: true },
      ),
    )
    .nice(6);
  return { domain: scale.domain() as [number, number], ticks: scale.ticks(6), rows };
}

/** Position of a value along the axis, in percent of its length (for CSS `left`/`width`). */
export function percentOf(value: number, [lo, hi]: readonly [number, number]): number {
  return ((value - lo) / (hi - lo)) * 100;
}

export interface Results {
  readonly decomposition: ElboDecomposition;
  readonly curves: Curves;
  readonly bars: Bars;
}

export function computeResults(state: ElboGapState): Results {
  const decomposition = decomposeEvidence(modelOf(state), state.x, { mu: state.m, sigma: state.s });
  return { decomposition, curves: densityCurves(state), bars: barLayout(decomposition) };
}
