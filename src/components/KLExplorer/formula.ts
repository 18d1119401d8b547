/**
 * The closed form (A.x) of D_KL(a ‖ b) between two univariate Gaussians, as TeX with the current
 * numbers substituted, so the reader sees where each digit of the result comes from. The numbers
 * themselves come from `klNormalTerms`; this module only typesets them.
 */
import type { Normal1D } from '../../lib/math/gaussian.ts';
import { klNormalTerms } from '../../lib/math/kl.ts';
import { formatValue } from '../format.ts';

/** A parameter in TeX, parenthesised when negative so that "− (−1.00)" reads correctly. */
function param(x: number): string {
  const text = x.toFixed(2);
  return x < 0 ? `(${text})` : text;
}

/** TeX for a signed term appended to a sum: "+ 0.1234" or "- 0.1234". */
function signed(x: number): string {
  return x < 0 ? `- ${formatValue(-x)}` : `+ ${formatValue(x)}`;
}

/**
 * Three aligned lines: the formula, the formula with numbers, and the value of each term.
 * `names` are the TeX names of the two distributions, e.g. ['p', 'q'], and `indices` the
 * subscripts of their parameters, e.g. ['1', '2'].
 */
export function klFormulaTex(a: Normal1D, b: Normal1D, names: [string, string], indices: [string, string]): string {
  const [i, j] = indices;
  const terms = klNormalTerms(a, b);
  const kl = `D_{\\mathrm{KL}}(${names[0]} \\,\\Vert\\, ${names[1]})`;
  return [
    '\\begin{aligned}',
    `${kl} &= \\log\\frac{\\sigma_${j}}{\\sigma_${i}} + \\frac{\\sigma_${i}^2 + (\\mu_${i} - \\mu_${j})^2}{2\\sigma_${j}^2} - \\frac{1}{2} \\\\`,
    `&= \\log\\frac{${param(b.sigma)}}{${param(a.sigma)}} + \\frac{${param(a.sigma)}^2 + (${param(a.mu)} - ${param(b.mu)})^2}{2 \\cdot ${param(b.sigma)}^2} - \\frac{1}{2} \\\\`,
    `&= ${formatValue(terms.logRatio)} ${signed(terms.spread)} - 0.5 = ${formatValue(terms.total)}`,
    '\\end{aligned}',
  ].join('\n');
}
