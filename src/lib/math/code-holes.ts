/**
 * Where a 2-D code plot has holes: random codes drawn uniformly over the plotted range, and a test
 * of whether each lands near the codes of real data. Plain numbers (codes as x0, y0, x1, y1, …).
 *
 * A code counts as "in a hole" when its distance to the nearest data code exceeds a threshold
 * taken from the data itself: the `quantile` (default HOLE_QUANTILE, 95 %) of the distances from
 * data codes to their own nearest other data code. So a point in a hole is farther from every data
 * code than 95 % of the data codes are from their neighbours. Used by the autoencoder lab's
 * random codes and by chapter 5's figure task (`src/lib/quiz/figure-checks-models`).
 */
import { standardNormal, type Rng } from './random.ts';

type Range = readonly [number, number];

/** The default quantile of the data's nearest-neighbour distances beyond which a code is in a hole. */
export const HOLE_QUANTILE = 0.95;

/** `count` points drawn uniformly from the rectangle [x0, x1] × [y0, y1]. */
export function uniformCodes(count: number, [[x0, x1], [y0, y1]]: readonly [Range, Range], rng: Rng): Float64Array {
  const out = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    out[2 * i] = x0 + rng() * (x1 - x0);
    out[2 * i + 1] = y0 + rng() * (y1 - y0);
  }
  return out;
}

/**
 * `count` points from the Gaussian N(m, S) fitted to `codes` (their mean and covariance, by
 * maximum likelihood), drawn as m + L ε with S = L Lᵀ (Cholesky) and ε ~ N(0, I).
 */
export function fittedGaussianCodes(codes: ArrayLike<number>, count: number, rng: Rng): Float64Array {
  const n = Math.floor(codes.length / 2);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += (codes[2 * i] ?? 0) / n;
    my += (codes[2 * i + 1] ?? 0) / n;
  }
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (codes[2 * i] ?? 0) - mx;
    const dy = (codes[2 * i + 1] ?? 0) - my;
    sxx += (dx * dx) / n;
    sxy += (dx * dy) / n;
    syy += (dy * dy) / n;
  }
  const l11 = Math.sqrt(sxx);
  const l21 = l11 > 0 ? sxy / l11 : 0;
  const l22 = Math.sqrt(Math.max(0, syy - l21 * l21));
  const out = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const a = standardNormal(rng);
    const b = standardNormal(rng);
    out[2 * i] = mx + l11 * a;
    out[2 * i + 1] = my + l21 * a + l22 * b;
  }
  return out;
}

/** Distance from (x, y) to the nearest of `codes`, skipping index `skip`. */
function nearest(x: number, y: number, codes: ArrayLike<number>, skip = -1): number {
  let best = Number.POSITIVE_INFINITY;
  const n = Math.floor(codes.length / 2);
  for (let j = 0; j < n; j++) {
    if (j === skip) continue;
    const dx = (codes[2 * j] ?? 0) - x;
    const dy = (codes[2 * j + 1] ?? 0) - y;
    const d = dx * dx + dy * dy;
    if (d < best) best = d;
  }
  return Math.sqrt(best);
}

/** For each query point, the distance to the nearest data code. */
export function nearestDistances(queries: ArrayLike<number>, codes: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: Math.floor(queries.length / 2) }, (_, i) => nearest(queries[2 * i] ?? 0, queries[2 * i + 1] ?? 0, codes));
}

/**
 * The `quantile` of nearest-neighbour distances among the data codes, estimated on at most
 * `sample` of them (evenly spaced indices, so the result is deterministic).
 */
export function holeThreshold(codes: ArrayLike<number>, quantile = HOLE_QUANTILE, sample = 500): number {
  const n = Math.floor(codes.length / 2);
  if (n < 2) return Number.POSITIVE_INFINITY;
  const m = Math.min(n, sample);
  const distances = Float64Array.from({ length: m }, (_, t) => {
    const i = Math.floor((t * n) / m);
    return nearest(codes[2 * i] ?? 0, codes[2 * i + 1] ?? 0, codes, i);
  }).sort();
  return distances[Math.min(m - 1, Math.floor(quantile * (m - 1)))] ?? Number.POSITIVE_INFINITY;
}

/** How many of `queries` are in a hole of `codes` (see the module doc). */
export function countHoles(queries: ArrayLike<number>, codes: ArrayLike<number>, quantile = HOLE_QUANTILE): number {
  const threshold = holeThreshold(codes, quantile);
  return nearestDistances(queries, codes).filter((d) => d > threshold).length;
}
