/**
 * Two-dimensional toy distributions for the GAN figure: mixtures of equally weighted isotropic
 * Gaussians whose modes sit on a ring or on a square grid (the standard test beds for mode
 * collapse, after Metz et al. 2017). Pure functions over plain numbers: seeded samplers, the
 * density, and the figures of merit the widget reports for a set of generated points.
 *
 * Points are stored interleaved, [x₀, y₀, x₁, y₁, …], so they go straight into a [n, 2] tensor.
 */
import { standardNormal } from './random.ts';
import type { Rng } from './random.ts';

/** A mixture (1/K) Σₖ N(μₖ, σ²I) in the plane: K equally weighted modes with a common σ. */
export interface Mixture2D {
  readonly means: readonly (readonly [number, number])[];
  readonly sigma: number;
}

/** The toy distributions the book uses. */
export const TOY_DISTRIBUTIONS = ['ring', 'grid'] as const;
export type ToyDistribution = (typeof TOY_DISTRIBUTIONS)[number];

function assertMixture(m: Mixture2D): void {
  if (m.means.length === 0) throw new RangeError('a mixture needs at least one mode');
  if (!(Number.isFinite(m.sigma) && m.sigma > 0)) throw new RangeError(`sigma must be finite and > 0, got ${m.sigma}`);
}

/** `modes` Gaussians evenly spaced on a circle of `radius` around the origin, the first on the positive x-axis. */
export function ringMixture(modes = 8, radius = 2, sigma = 0.1): Mixture2D {
  if (!(Number.isInteger(modes) && modes >= 1)) throw new RangeError(`modes must be a positive integer, got ${modes}`);
  const means = Array.from({ length: modes }, (_, k) => {
    const angle = (2 * Math.PI * k) / modes;
    return [radius * Math.cos(angle), radius * Math.sin(angle)] as const;
  });
  return { means, sigma };
}

/** side × side Gaussians on a square grid with the given spacing, centred on the origin. */
export function gridMixture(side = 5, spacing = 1, sigma = 0.1): Mixture2D {
  if (!(Number.isInteger(side) && side >= 1)) throw new RangeError(`side must be a positive integer, got ${side}`);
  const offset = ((side - 1) * spacing) / 2;
  const means: (readonly [number, number])[] = [];
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) means.push([col * spacing - offset, row * spacing - offset]);
  }
  return { means, sigma };
}

/** The book's two toy distributions: a ring of 8 Gaussians (radius 2, σ 0.1) and a 5 × 5 grid (spacing 1, σ 0.1). */
export function toyMixture(name: ToyDistribution): Mixture2D {
  return name === 'ring' ? ringMixture(8, 2, 0.1) : gridMixture(5, 1, 0.1);
}

/**
 * n independent draws: a mode chosen uniformly, then μₖ + σ·(ε₁, ε₂) with standard normal ε.
 * Returns [2n] interleaved coordinates.
 */
export function sampleMixture2D(m: Mixture2D, n: number, rng: Rng): Float32Array {
  assertMixture(m);
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const out = new Float32Array(2 * n);
  const k = m.means.length;
  for (let i = 0; i < n; i++) {
    const [mx, my] = m.means[Math.min(k - 1, Math.floor(rng() * k))] ?? [0, 0];
    out[2 * i] = mx + m.sigma * standardNormal(rng);
    out[2 * i + 1] = my + m.sigma * standardNormal(rng);
  }
  return out;
}

/** The mixture's density at (x, y): (1/K) Σₖ exp(−|p − μₖ|² / 2σ²) / (2πσ²). */
export function mixtureDensity2D(m: Mixture2D, x: number, y: number): number {
  assertMixture(m);
  const s2 = m.sigma * m.sigma;
  let sum = 0;
  for (const [mx, my] of m.means) sum += Math.exp(-((x - mx) ** 2 + (y - my) ** 2) / (2 * s2));
  return sum / (m.means.length * 2 * Math.PI * s2);
}

/** The index of the mode nearest to (x, y) and the Euclidean distance to its centre. */
export function nearestMode(m: Mixture2D, x: number, y: number): { readonly index: number; readonly distance: number } {
  assertMixture(m);
  let index = 0;
  let best = Infinity;
  m.means.forEach(([mx, my], k) => {
    const d = (x - mx) ** 2 + (y - my) ** 2;
    if (d < best) {
      best = d;
      index = k;
    }
  });
  return { index, distance: Math.sqrt(best) };
}

/** What a set of (generated) points looks like against the mixture. */
export interface ModeReport {
  /** Mean distance from a point to its nearest mode centre (σ·√(π/2) for exact samples). */
  readonly meanDistance: number;
  /** Points within `radius` of some mode centre, as a fraction of all points. */
  readonly nearFraction: number;
  /** Modes that hold at least `minShare` of the points within `radius`. */
  readonly modesCovered: number;
  /** Mean of the points, [x, y]. */
  readonly centroid: readonly [number, number];
}

/** The default "near a mode" radius of `modeReport`, in σ (3σ holds 98.9 % of a 2-D Gaussian's mass). */
export const MODE_RADIUS_SIGMAS = 3;
/** The default share of its fair share 1/K of the points a mode must hold to count as covered. */
export const MODE_SHARE_OF_FAIR = 1 / 4;

/**
 * Figures of merit for generated points (interleaved [2n]): how close they sit to the modes and
 * how many modes they reach. A point counts as near a mode within `radius` (default
 * MODE_RADIUS_SIGMAS · σ); a mode counts as covered when at least `minShare` (default
 * MODE_SHARE_OF_FAIR / K, a quarter of its fair share) of the points are near it — the usual
 * "modes covered" and "high-quality samples" of the mode-collapse literature.
 */
export function modeReport(m: Mixture2D, points: ArrayLike<number>, options: { radius?: number; minShare?: number } = {}): ModeReport {
  assertMixture(m);
  const n = Math.floor(points.length / 2);
  if (n === 0) throw new RangeError('modeReport needs at least one point');
  const radius = options.radius ?? MODE_RADIUS_SIGMAS * m.sigma;
  const minShare = options.minShare ?? MODE_SHARE_OF_FAIR / m.means.length;
  const counts = new Array<number>(m.means.length).fill(0);
  let distanceSum = 0;
  let near = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i] ?? Number.NaN;
    const y = points[2 * i + 1] ?? Number.NaN;
    sx += x;
    sy += y;
    const { index, distance } = nearestMode(m, x, y);
    distanceSum += distance;
    if (distance <= radius) {
      near++;
      counts[index] = (counts[index] ?? 0) + 1;
    }
  }
  return {
    meanDistance: distanceSum / n,
    nearFraction: near / n,
    modesCovered: counts.filter((c) => c >= minShare * n).length,
    centroid: [sx / n, sy / n],
  };
}
