/**
 * The IWAE figure's state and the pure computations behind its toy panel: the K slider's
 * log-spaced steps, the toy model, the observation x and the choice of proposal q, and the
 * estimated curve L_1 … L_100 with the exact log p(x) and the closed-form ELBO. No DOM here.
 */
import { formatString } from '../../i18n/index.ts';
import type { Normal1D } from '../../lib/math/gaussian.ts';
import { iwaeCurveToy, type IwaeEstimate } from '../../lib/math/iwae.ts';
import { bestGaussian, elbo, logEvidence, MODEL_KINDS, MODEL_PRESETS, type ToyModelKind } from '../../lib/math/latent-models.ts';
import { mulberry32 } from '../../lib/math/random.ts';
import { formatNumber } from '../format.ts';
import { clampToSpec, parseChoice } from '../param-spec.ts';

/** The values the K slider steps through (roughly evenly spaced in log K). */
export const K_STEPS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100] as const;
export const K_MAX = 100;

/** K at slider position `index` (clamped to the ends). */
export function kAtIndex(index: number): number {
  const i = Math.min(K_STEPS.length - 1, Math.max(0, Math.round(Number.isFinite(index) ? index : 0)));
  return K_STEPS[i] ?? 1;
}

/** The slider position whose K is nearest to `k` in log scale. */
export function indexOfK(k: number): number {
  const target = Math.log(Math.max(1, Number.isFinite(k) ? k : 1));
  let best = 0;
  K_STEPS.forEach((step, i) => {
    if (Math.abs(Math.log(step) - target) < Math.abs(Math.log(K_STEPS[best] ?? 1) - target)) best = i;
  });
  return best;
}

/**
 * The proposal q(z | x) of the toy panel:
 * - `standard`: N(0, 1), the prior of two of the models; wide, so it covers every posterior hump;
 * - `best`: the Gaussian with the highest ELBO for this x (the ELBO chapter's best-Gaussian q);
 * - `narrow`: the best Gaussian's mean with half its standard deviation, an overconfident q.
 */
export const Q_CHOICES = ['standard', 'best', 'narrow'] as const;
export type QChoice = (typeof Q_CHOICES)[number];

export const X_PARAM = { min: -3, max: 3, step: 0.05, initial: 1.5 } as const;

export interface ToyState {
  readonly model: ToyModelKind;
  readonly x: number;
  readonly q: QChoice;
}

export const INITIAL_TOY: ToyState = { model: 'linear-gaussian', x: X_PARAM.initial, q: 'standard' };

/** A model kind from a string, or `fallback`. */
export function parseModel(raw: unknown, fallback: ToyModelKind = INITIAL_TOY.model): ToyModelKind {
  return parseChoice(MODEL_KINDS, raw, fallback);
}

/** A proposal choice from a string, or `fallback`. */
export function parseQ(raw: unknown, fallback: QChoice = INITIAL_TOY.q): QChoice {
  return parseChoice(Q_CHOICES, raw, fallback);
}

/** x from anything a control supplies, clamped to its range; not a number gives `fallback`. */
export function clampX(raw: unknown, fallback: number = X_PARAM.initial): number {
  return clampToSpec(X_PARAM, raw, fallback, false);
}

export function proposal(state: ToyState): Normal1D {
  if (state.q === 'standard') return { mu: 0, sigma: 1 };
  const best = bestGaussian(MODEL_PRESETS[state.model], state.x).q;
  return state.q === 'best' ? best : { mu: best.mu, sigma: best.sigma / 2 };
}

/** Outer Monte Carlo draws per K of the toy curve (each row: K_MAX weights, shared by every K). */
export const TOY_SAMPLES = 1000;
/** The toy panel's draws are fixed by this seed, so the figure is the same on every visit. */
export const TOY_SEED = 2015;

export interface ToyResults {
  readonly q: Normal1D;
  readonly logEvidence: number;
  /** The closed-form ELBO of q, which L_1 estimates. */
  readonly elbo: number;
  /** Entry K − 1: the estimate of L_K, K = 1 … K_MAX. */
  readonly curve: readonly IwaeEstimate[];
}

export function computeToy(state: ToyState): ToyResults {
  const model = MODEL_PRESETS[state.model];
  const q = proposal(state);
  return {
    q,
    logEvidence: logEvidence(model, state.x),
    elbo: elbo(model, state.x, q),
    curve: iwaeCurveToy(model, state.x, q, K_MAX, TOY_SAMPLES, mulberry32(TOY_SEED)),
  };
}

/** The estimate of L_K from a toy curve. */
export function boundAt(results: ToyResults, k: number): IwaeEstimate {
  const estimate = results.curve[Math.min(results.curve.length, Math.max(1, Math.round(k))) - 1];
  if (estimate === undefined) throw new RangeError(`No estimate for K = ${k}`);
  return estimate;
}

/** The widget's UI strings (`iwae.*`, `backend.*`), as rendered into `data-strings`. */
export type Strings = Record<string, string>;

/** `{mean} ± {se}` with 4 decimals (2 from 100 up). */
export function formatEstimate(strings: Strings, mean: number, se: number): string {
  const places = Math.abs(mean) < 100 ? 4 : 2;
  return formatString(strings['iwae.value'], { mean: formatNumber(mean, places), se: formatNumber(se, places) });
}

// ---------------------------------------------------------------- the VAE panel

/** The K of the VAE panel's on-demand curve. */
export const CURVE_KS = [1, 2, 5, 10, 20, 50, 100] as const;
/** Draws of L_1 behind the VAE panel's ELBO figure. */
export const ELBO_DRAWS = 500;

/** Independent estimates averaged for the VAE's L_K: about 2,000 decoder rows per figure, at least 20. */
export function repeatsFor(k: number): number {
  return Math.max(20, Math.min(ELBO_DRAWS, Math.round(2000 / k)));
}

/** Indices of the first image of each digit 0–9 in `labels`, in digit order (absent digits skipped). */
export function firstOfEachDigit(labels: ArrayLike<number>): number[] {
  const first = new Map<number, number>();
  for (let i = 0; i < labels.length && first.size < 10; i++) {
    const label = labels[i] ?? -1;
    if (!first.has(label)) first.set(label, i);
  }
  return [...first.entries()].sort(([a], [b]) => a - b).map(([, index]) => index);
}
