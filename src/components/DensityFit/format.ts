/**
 * Number formatting for the widgets of chapters 1 and 2 (the density fit and the EM stepper):
 * every value a reader sees goes through here, so none prints as NaN, ±Infinity or "-0.0000".
 */

/** Shown in place of a value that is not a finite number (it should never be needed). */
export const MISSING = '—';

/** `x` with `places` decimals; "−0.000…" from a rounding residue prints without its sign. */
export function formatNumber(x: number, places = 4): string {
  if (!Number.isFinite(x)) return MISSING;
  const text = x.toFixed(places);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
