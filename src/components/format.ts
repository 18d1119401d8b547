/**
 * How every widget prints a number: never NaN, ±Infinity or "-0.0000". One module, so that all
 * figures of the book read alike.
 */

/** Shown in place of a value that is not a finite number (it should never be needed). */
export const MISSING = '—';

/** `x` with `places` decimals; "−0.000…" from a rounding residue prints without its sign. */
export function formatNumber(x: number, places = 4): string {
  if (!Number.isFinite(x)) return MISSING;
  const text = x.toFixed(places);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A value of a divergence or bound: 4 decimals below 100, 2 above (KL can reach ~10⁴ in the widgets). */
export function formatValue(x: number): string {
  return formatNumber(x, Math.abs(x) < 100 ? 4 : 2);
}
