/**
 * Numbers of the gradient-estimator figure. Its variances span many orders of magnitude (from
 * 10⁻⁵ for a pathwise estimate averaged over 256 samples to 10⁶ for the score function of z⁴),
 * so they are shown to four significant digits rather than a fixed number of decimals; the
 * fixed-decimal cases go through the book's shared `formatNumber`.
 */
import { formatNumber, MISSING } from '../format.ts';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** `x` to `digits` significant digits: "30.12", "0.01563", "1.235 × 10⁶"; "∞" for +Infinity. */
export function formatSignificant(x: number, digits = 4): string {
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (!Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  if (exponent >= -3 && exponent < 6) return formatNumber(x, Math.max(0, digits - 1 - exponent));
  const [mantissa = '', power = ''] = x.toExponential(digits - 1).split('e');
  const superscript = [...String(Number(power))].map((c) => SUPERSCRIPT[c] ?? c).join('');
  return `${mantissa} × 10${superscript}`;
}
