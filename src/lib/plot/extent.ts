/**
 * The extents of chart axes, picked from the data: the pure half of the shared chart helper
 * (`chart-frame.ts` draws the frame). No DOM, so figure logic and unit tests can use it too.
 *
 *   y.domain(paddedDomain(values, { zero: true, pad: 0.05 })).nice();
 *   const { domain, ticks } = niceAxis(paddedDomain(ends, { zero: true }), 6);
 */
import { scaleLinear } from 'd3-scale';

/** Smallest and largest finite value; undefined when there is none. */
export function extent(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

export interface DomainOptions {
  /** Include 0, and never pad past it (bars, densities, counts start at 0). Default false. */
  readonly zero?: boolean;
  /** Pad each end by this fraction of the span. Default 0. */
  readonly pad?: number;
  /** …but by at least this much, in data units. Default 0. */
  readonly minPad?: number;
  /** Half-width of the domain around a single value (all values equal). Default 1. */
  readonly flat?: number;
  /** The domain when no value is finite. Default [0, 1]. */
  readonly empty?: readonly [number, number];
}

/**
 * An axis extent that shows every finite value in `values`: their range, widened to include 0
 * with `zero`, padded, and never empty (lo < hi), so a scale built on it never divides by 0.
 * Apply d3's `.nice()` to the scale afterwards for round ends.
 *
 *   paddedDomain([0.2, 0.9], { zero: true, pad: 0.05 })  // [0, 0.945]
 *   paddedDomain([-6, -2], { pad: 0.05 })                 // [-6.2, -1.8]
 */
export function paddedDomain(values: Iterable<number>, options: DomainOptions = {}): [number, number] {
  const { zero = false, pad = 0, minPad = 0, flat = 1, empty = [0, 1] } = options;
  const found = extent(values);
  if (found === undefined) return [empty[0], empty[1]];
  let [lo, hi] = found;
  if (zero) [lo, hi] = [Math.min(lo, 0), Math.max(hi, 0)];
  const by = Math.max(pad * (hi - lo), minPad);
  // With `zero`, an end at 0 stays there: a bar or a density must start on the axis.
  if (!(zero && lo === 0)) lo -= by;
  if (!(zero && hi === 0)) hi += by;
  if (hi > lo) return [lo, hi];
  return zero && lo === 0 ? [0, flat] : zero && hi === 0 ? [-flat, 0] : [lo - flat, hi + flat];
}

/** A domain widened to round numbers and about `count` round ticks inside it (d3's `nice`). */
export function niceAxis(domain: readonly [number, number], count: number): { domain: [number, number]; ticks: number[] } {
  const scale = scaleLinear().domain(domain).nice(count);
  const [lo, hi] = scale.domain() as [number, number];
  return { domain: [lo, hi], ticks: scale.ticks(count) };
}
