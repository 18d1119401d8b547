import { describe, expect, it } from 'vitest';
import { drawNormal, normalLogPdf, normalPdf, sampleNormal } from '../../../../src/lib/math/gaussian.ts';
import type { Normal1D } from '../../../../src/lib/math/gaussian.ts';
import { mulberry32 } from '../../../../src/lib/math/random.ts';
import { expectRelClose, meanAndVariance } from '../../approx.ts';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI); // 0.9189385332046728

const params: Normal1D[] = [
  { mu: 0, sigma: 1 },
  { mu: 3, sigma: 0.5 },
  { mu: -2, sigma: 1e-3 },
  { mu: 1e3, sigma: 1e3 },
  { mu: 0.25, sigma: 7 },
];

/** Trapezoid rule for ∫ f over [a, b] with `steps` equal panels. */
function trapezoid(f: (x: number) => number, a: number, b: number, steps: number): number {
  const h = (b - a) / steps;
  let sum = 0.5 * (f(a) + f(b));
  for (let i = 1; i < steps; i++) sum += f(a + i * h);
  return sum * h;
}

describe('normalPdf', () => {
  it.each(params)('normalPdf(·, N($mu, $sigma²)) integrates to 1 over μ ± 10σ (trapezoid rule)', (p) => {
    // Mass outside ±10σ is ~1.5e-23, and the trapezoid rule converges
    // geometrically for smooth, rapidly decaying integrands, so only rounding remains.
    const integral = trapezoid((x) => normalPdf(x, p), p.mu - 10 * p.sigma, p.mu + 10 * p.sigma, 4000);
    expect(Math.abs(integral - 1)).toBeLessThan(1e-12);
  });

  it.each(params)('normalPdf(μ, N($mu, $sigma²)) is the peak height 1/(σ√(2π))', (p) => {
    expectRelClose(normalPdf(p.mu, p), 1 / (p.sigma * Math.sqrt(2 * Math.PI)), 1e-14);
  });

  it('normalPdf(x, N(0, 1)) matches tabulated values', () => {
    // φ(1) = e^{-1/2}/√(2π), φ(2) = e^{-2}/√(2π)
    expectRelClose(normalPdf(1, { mu: 0, sigma: 1 }), 0.24197072451914337, 1e-14);
    expectRelClose(normalPdf(-2, { mu: 0, sigma: 1 }), 0.05399096651318806, 1e-14);
  });

  it('normalPdf underflows to 0, not NaN, far in the tails', () => {
    expect(normalPdf(100, { mu: 0, sigma: 1 })).toBe(0);
  });
});

describe('normalLogPdf', () => {
  it.each(params)('normalLogPdf(x, N($mu, $sigma²)) equals log(normalPdf(x, ·)) wherever the pdf does not underflow', (p) => {
    for (let k = -30; k <= 30; k += 0.5) {
      const x = p.mu + k * p.sigma;
      const logPdf = normalLogPdf(x, p);
      // Absolute tolerance: exp/log round-trips lose ~1 ulp of the log value.
      expectRelClose(logPdf, Math.log(normalPdf(x, p)), 1e-13, 1e-13);
    }
  });

  it.each(params)('normalLogPdf(μ + 100σ, N($mu, $sigma²)) stays finite: −5000 − ln σ − ½ ln 2π', (p) => {
    const x = p.mu + 100 * p.sigma;
    const logPdf = normalLogPdf(x, p);
    expect(Number.isFinite(logPdf)).toBe(true);
    expectRelClose(logPdf, -5000 - Math.log(p.sigma) - HALF_LOG_TWO_PI, 1e-12);
    expect(normalPdf(x, p)).toBe(0);
  });

  it('normalLogPdf(x, p) is symmetric about μ', () => {
    const p = { mu: 1.5, sigma: 0.3 };
    for (const d of [0.1, 1, 2.5, 10]) {
      expect(normalLogPdf(p.mu + d, p)).toBeCloseTo(normalLogPdf(p.mu - d, p), 12);
    }
  });

  it('normalLogPdf(x, p) throws RangeError for σ ≤ 0 or non-finite parameters', () => {
    for (const p of [
      { mu: 0, sigma: 0 },
      { mu: 0, sigma: -1 },
      { mu: 0, sigma: Number.NaN },
      { mu: 0, sigma: Infinity },
      { mu: Number.NaN, sigma: 1 },
      { mu: Infinity, sigma: 1 },
    ]) {
      expect(() => normalLogPdf(0, p)).toThrow(RangeError);
      expect(() => normalPdf(0, p)).toThrow(RangeError);
    }
  });
});

describe('sampleNormal', () => {
  it.each(params)('sampleNormal(n, N($mu, $sigma²), rng) has mean μ and variance σ² within four standard errors', (p) => {
    const n = 50_000;
    const xs = sampleNormal(n, p, mulberry32(99));
    expect(xs).toBeInstanceOf(Float64Array);
    expect(xs.length).toBe(n);
    const { mean, variance } = meanAndVariance(xs);
    expect(Math.abs(mean - p.mu)).toBeLessThan((4 * p.sigma) / Math.sqrt(n));
    expect(Math.abs(variance / (p.sigma * p.sigma) - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('sampleNormal(n, p, rng) is deterministic for a fixed seed and equals repeated drawNormal', () => {
    const p = { mu: -1, sigma: 2 };
    const a = sampleNormal(1000, p, mulberry32(5));
    expect(a).toEqual(sampleNormal(1000, p, mulberry32(5)));
    const rng = mulberry32(5);
    expect(Array.from(a)).toEqual(Array.from({ length: 1000 }, () => drawNormal(p, rng)));
  });

  it('sampleNormal(0, p, rng) returns an empty array', () => {
    expect(sampleNormal(0, { mu: 0, sigma: 1 }, mulberry32(1)).length).toBe(0);
  });

  it('sampleNormal(n, p, rng) throws RangeError for a negative or fractional n or an invalid σ', () => {
    const rng = mulberry32(1);
    for (const n of [-1, 2.5, Number.NaN, Infinity]) {
      expect(() => sampleNormal(n, { mu: 0, sigma: 1 }, rng)).toThrow(RangeError);
    }
    expect(() => sampleNormal(3, { mu: 0, sigma: 0 }, rng)).toThrow(RangeError);
  });
});
