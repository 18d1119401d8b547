/**
 * The CVAE explorer's plain-number state: the chosen label and code, the pad's range, prior draws
 * for the "sample z" button, and how the classifier's readings of the ten-label row are summed
 * up. No DOM, no tensors (unit-tested in tests/unit/components/CvaeExplorer/cvae-explorer-state.test.ts).
 */
import { mulberry32, standardNormal } from '../../lib/math/random.ts';
import type { Domain, Point2 } from '../latent/scatter.ts';

/** The digit labels, in the order of the row of ten. */
export const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The latent pad and the sweep cover [−3, 3]², where the prior N(0, I) puts 99.5 % of its mass. */
export const DOMAIN: Domain = [
  [-3, 3],
  [-3, 3],
];

/** Codes per side of the sweep grid (side² images of the chosen label). */
export const SWEEP_SIDE = 10;

/** Test images whose codes are drawn on the pad. */
export const CODE_COUNT = 1000;

export interface ExplorerState {
  /** The condition y, a digit 0–9. */
  readonly label: number;
  /** The code z = (z₁, z₂). */
  readonly z: Point2;
}

export const INITIAL_STATE: ExplorerState = { label: 3, z: [0, 0] };

/** `z` moved into the domain, coordinate by coordinate. */
export function clampToDomain(z: Point2, domain: Domain = DOMAIN): Point2 {
  const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));
  return [clamp(z[0], domain[0]), clamp(z[1], domain[1])];
}

/**
 * The `draw`-th press of "sample z ~ N(0, I)": two independent standard normals from a seeded
 * stream (the same presses give the same codes), clamped to the pad. A draw falls outside
 * [−3, 3]² with probability 1 − (1 − 0.0027)² ≈ 0.5 %; clamping it moves it to the pad's edge.
 */
export function priorDraw(draw: number, seed = 2015): Point2 {
  const rng = mulberry32(seed + 7919 * draw);
  return clampToDomain([standardNormal(rng), standardNormal(rng)]);
}

/** A digit key ('0'–'9') as a label, or undefined for any other key. */
export function labelFromKey(key: string): number | undefined {
  return /^[0-9]$/.test(key) ? Number(key) : undefined;
}

/** How many of the row's readings equal the label they were generated with (reading i ↔ label i). */
export function agreement(readings: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < readings.length; i++) if (readings[i] === i) count++;
  return count;
}

/** The codes of the points whose label is `label` (for the "only the chosen digit" view). */
export function codesWithLabel(codes: ArrayLike<number>, labels: ArrayLike<number>, label: number): { codes: Float32Array; labels: Uint8Array } {
  const kept: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === label) kept.push(i);
  const out = new Float32Array(2 * kept.length);
  kept.forEach((i, k) => {
    out[2 * k] = codes[2 * i] ?? 0;
    out[2 * k + 1] = codes[2 * i + 1] ?? 0;
  });
  return { codes: out, labels: new Uint8Array(kept.length).fill(label) };
}
