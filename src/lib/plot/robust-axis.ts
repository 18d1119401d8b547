/**
 * Pure helpers that keep a loss chart readable when a training run spikes: a y-range that
 * follows the bulk of the curve instead of its largest value, and short tick labels.
 *
 * A diverging run can put one reading at 10⁶ nats beside thousands near 150; a linear axis up
 * to the maximum then flattens everything else into the bottom pixel row, and d3's default
 * labels ("1,000,000") run into the axis title. `robustUpper` ends the axis below such spikes
 * and reports the clipped peak so the chart can say so; `compactTick` writes 1,250,000 as
 * "1.25M".
 *
 *   const { upper, clipped, peak } = robustUpper(values);
 *   yAxis.call(axisLeft(y.domain([0, upper])).tickFormat(compactTick));
 */

/** The chart's upper y-limit, and the largest value when it lies above that limit. */
export interface RobustUpper {
  readonly upper: number;
  /** True when some values lie above `upper` and are drawn at the top edge. */
  readonly clipped: boolean;
  /** The largest finite value (equal to `upper` when nothing is clipped). */
  readonly peak: number;
}

/** Fewer finite values than this: no clipping (too few to tell a spike from a trend). */
export const MIN_VALUES_TO_CLIP = 3;

/** A value counts as a spike when it exceeds the bulk's limit by this factor. */
export const SPIKE_FACTOR = 10;

function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
}

/**
 * The y-limit that shows the bulk of `values` (non-finite values are ignored). The bulk's limit
 * is m + max(3·(m − q₁₀), 0.1·|m|) with m the median; values more than {@link SPIKE_FACTOR}
 * times above it are spikes, and the axis then ends at the largest value that is not. So the
 * high start of a from-scratch run stays on the chart, and a jump to millions does not flatten
 * it. With no finite value the limit is 1; with fewer than {@link MIN_VALUES_TO_CLIP}, or no
 * spike, it is the maximum.
 */
export function robustUpper(values: Iterable<number>): RobustUpper {
  const finite = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (finite.length === 0) return { upper: 1, clipped: false, peak: 1 };
  const peak = finite[finite.length - 1]!;
  if (finite.length < MIN_VALUES_TO_CLIP) return { upper: peak, clipped: false, peak };
  const median = quantile(finite, 0.5);
  const limit = SPIKE_FACTOR * (median + Math.max(3 * (median - quantile(finite, 0.1)), 0.1 * Math.abs(median)));
  if (!(limit > 0) || peak <= limit) return { upper: peak, clipped: false, peak };
  let upper = median;
  for (const v of finite) if (v <= limit) upper = v;
  return { upper, clipped: true, peak };
}

const UNITS: readonly [number, string][] = [
  [1e3, 'k'],
  [1e6, 'M'],
  [1e9, 'G'],
  [1e12, 'T'],
];

/**
 * A tick label of at most about five characters: below 10,000 the number as d3 would print it
 * (up to three decimals), from there on three significant digits with an SI suffix (12.3k, 1.5M).
 */
export function compactTick(value: number | { valueOf(): number }): string {
  const v = Number(value);
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs < 1e4) return String(abs >= 1 ? Math.round(v * 1000) / 1000 : Number(v.toPrecision(3)));
  let u = 0;
  while (u + 1 < UNITS.length && abs >= UNITS[u + 1]![0]) u++;
  let mantissa = Number((v / UNITS[u]![0]).toPrecision(3));
  // 999,999 rounds to 1000k: write it as 1M.
  if (Math.abs(mantissa) >= 1000 && u + 1 < UNITS.length) mantissa = Number((v / UNITS[++u]![0]).toPrecision(3));
  return `${mantissa}${UNITS[u]![1]}`;
}
