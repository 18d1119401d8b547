import { describe, expect, it } from 'vitest';
import { normalLogPdf } from '../../../../src/lib/math/gaussian.ts';
import { expectationUnderNormal, logIntegrateExp, logTrapezoidExp, normalGridIntervals, uniformGrid } from '../../../../src/lib/math/quadrature.ts';
import { expectRelClose } from '../../approx.ts';

describe('uniformGrid', () => {
  it('uniformGrid(lo, hi, n) has n points, equally spaced, ending exactly at hi', () => {
    const grid = uniformGrid(-1, 2, 4);
    expect(Array.from(grid)).toEqual([-1, 0, 1, 2]);
    expect(() => uniformGrid(0, 1, 1)).toThrow(RangeError);
    expect(() => uniformGrid(1, 0, 5)).toThrow(RangeError);
  });
});

describe('logIntegrateExp', () => {
  it('logIntegrateExp(log N(·; μ, s²)) is log 1 = 0 for bumps of very different widths inside the interval', () => {
    for (const [mu, sigma] of [
      [0, 1],
      [3, 0.05],
      [-2, 0.8],
    ] as const) {
      const value = logIntegrateExp((z) => normalLogPdf(z, { mu, sigma }), -12, 12);
      expect(Math.abs(value)).toBeLessThan(1e-12);
    }
  });

  it('logIntegrateExp keeps its accuracy for integrands far below 1 (a joint density at an unlikely x)', () => {
    // ∫ exp(−800 − z²/2) dz = e^{−800} √(2π)
    const value = logIntegrateExp((z) => -800 - 0.5 * z * z, -12, 12);
    expectRelClose(value, -800 + 0.5 * Math.log(2 * Math.PI), 1e-15);
  });

  it('logTrapezoidExp converges exponentially: a coarse grid already has 1e-10 accuracy for a unit Gaussian', () => {
    // Step 24/64 = 0.375 per unit of standard deviation: aliasing error ≈ 2exp(−2π²/0.375²) ≈ 1e-61.
    expect(Math.abs(logTrapezoidExp((z) => normalLogPdf(z, { mu: 0.3, sigma: 1 }), -12, 12, 64))).toBeLessThan(1e-10);
  });
});

describe('expectationUnderNormal', () => {
  it('expectationUnderNormal(f, N(m, s²)) reproduces the moments E[z] = m, E[z²] = m² + s², E[z⁴] = m⁴ + 6m²s² + 3s⁴', () => {
    for (const [m, s] of [
      [0, 1],
      [4, 0.05],
      [-4, 3],
      [1.5, 0.4],
    ] as const) {
      const q = { mu: m, sigma: s };
      expectRelClose(
        expectationUnderNormal(() => 1, q),
        1,
        1e-14,
      );
      expectRelClose(
        expectationUnderNormal((z) => z, q),
        m,
        1e-13,
        1e-13,
      );
      expectRelClose(
        expectationUnderNormal((z) => z * z, q),
        m * m + s * s,
        1e-13,
      );
      expectRelClose(
        expectationUnderNormal((z) => z ** 4, q),
        m ** 4 + 6 * m * m * s * s + 3 * s ** 4,
        1e-13,
      );
    }
  });

  it('expectationUnderNormal(log q, q) is minus the entropy, −½log(2πe s²)', () => {
    const q = { mu: 0.7, sigma: 0.2 };
    expectRelClose(
      expectationUnderNormal((z) => normalLogPdf(z, q), q),
      -0.5 * Math.log(2 * Math.PI * Math.E * 0.04),
      1e-13,
    );
  });

  it("normalGridIntervals(σ, width) refines the grid as q widens relative to the integrand's features", () => {
    expect(normalGridIntervals(1)).toBe(96);
    expect(normalGridIntervals(0.35, 0.196)).toBeLessThan(300);
    expect(normalGridIntervals(3, 0.196)).toBeGreaterThan(1500);
    expect(normalGridIntervals(1e6, 1e-6)).toBe(4096);
  });

  it('expectationUnderNormal(f, q, width) integrates log cosh, whose singularities sit at ±iπ/2, to 1e-13', () => {
    // E[log cosh(z)] for z ~ N(0, 3²) = ∫ φ(u) log cosh(3u) du = 1.8066480234031597782 (mpmath, 40 digits).
    const value = expectationUnderNormal((z) => Math.abs(z) + Math.log1p(Math.exp(-2 * Math.abs(z))) - Math.LN2, { mu: 0, sigma: 3 }, Math.PI / 2);
    expectRelClose(value, 1.8066480234031597782, 1e-13);
  });
});
