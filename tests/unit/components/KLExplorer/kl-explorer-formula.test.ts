import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { formatValue } from '../../../../src/components/format.ts';
import { klFormulaTex } from '../../../../src/components/KLExplorer/formula.ts';

describe('KL explorer formula', () => {
  it('klFormulaTex(p, q) substitutes the parameters and ends with the closed-form value', () => {
    const tex = klFormulaTex({ mu: 0, sigma: 1 }, { mu: 1, sigma: 2 }, ['p', 'q'], ['1', '2']);
    // log 2 + (1 + 1) / 8 − 1/2 = 0.693147 + 0.25 − 0.5 = 0.443147
    expect(tex).toContain('\\log\\frac{2.00}{1.00}');
    expect(tex).toContain('(0.00 - 1.00)^2');
    expect(tex).toContain('= 0.6931 + 0.2500 - 0.5 = 0.4431');
  });

  it('klFormulaTex parenthesises negative parameters and signs negative terms', () => {
    const tex = klFormulaTex({ mu: -1, sigma: 2 }, { mu: -2, sigma: 1 }, ['q', 'p'], ['2', '1']);
    expect(tex).toContain('((-1.00) - (-2.00))^2');
    expect(tex).toContain('\\sigma_2^2 + (\\mu_2 - \\mu_1)^2');
    // log(1/2) = −0.6931 is printed as a leading negative term.
    expect(tex).toContain('= -0.6931 + 2.5000 - 0.5 = 1.3069');
  });

  it('klFormulaTex produces TeX that KaTeX accepts', () => {
    const tex = klFormulaTex({ mu: 4.5, sigma: 0.05 }, { mu: -5, sigma: 5 }, ['p', 'q'], ['1', '2']);
    expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true })).not.toThrow();
  });

  it('formatValue(x) shows four decimals for small values and two for large ones', () => {
    expect(formatValue(0.5)).toBe('0.5000');
    expect(formatValue(24999.5)).toBe('24999.50');
    expect(formatValue(-1e-17)).toBe('0.0000');
    expect(formatValue(-0.25)).toBe('-0.2500');
  });
});
