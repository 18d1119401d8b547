import { describe, expect, it } from 'vitest';
import { alphaBar, forwardMarginal, forwardStep, linearBetaSchedule } from '../../../../src/lib/math/diffusion.ts';
import { mulberry32, standardNormal } from '../../../../src/lib/math/random.ts';
import { expectRelClose, meanAndVariance } from '../../approx.ts';

describe('linearBetaSchedule', () => {
  it('linearBetaSchedule(T, first, last) runs evenly from first to last in T steps', () => {
    const betas = linearBetaSchedule(1000, 1e-4, 0.02);
    expect(betas.length).toBe(1000);
    expect(betas[0]).toBe(1e-4);
    expectRelClose(betas[999]!, 0.02, 1e-15);
    expectRelClose(betas[1]! - betas[0]!, (0.02 - 1e-4) / 999, 1e-9);
    expect(() => linearBetaSchedule(0, 1e-4, 0.02)).toThrow(RangeError);
    expect(() => linearBetaSchedule(10, 0.5, 0.1)).toThrow(RangeError);
  });
});

describe('alphaBar', () => {
  it('alphaBar(betas) is the running product of 1 − β_t', () => {
    const betas = [0.1, 0.2, 0.5];
    const bars = alphaBar(betas);
    expectRelClose(bars[0]!, 0.9, 1e-15);
    expectRelClose(bars[1]!, 0.9 * 0.8, 1e-15);
    expectRelClose(bars[2]!, 0.9 * 0.8 * 0.5, 1e-15);
  });

  it('the DDPM schedule (T = 1000, 10⁻⁴ → 0.02) leaves ᾱ_T ≈ 4.04·10⁻⁵: √ᾱ_T ≈ 0.0064 of the image survives (the chapter quotes these)', () => {
    const bars = alphaBar(linearBetaSchedule(1000, 1e-4, 0.02));
    const last = bars[999]!;
    expect(last).toBeGreaterThan(4.03e-5);
    expect(last).toBeLessThan(4.05e-5);
    expect(Math.sqrt(last)).toBeCloseTo(0.0064, 4);
    // Halfway: ᾱ_500 ≈ 0.078, so the image is already mostly noise.
    expect(bars[499]!).toBeCloseTo(0.0786, 3);
    // Σβ = 10.05 and ᾱ_T ≈ exp(−Σβ − Σβ²/2) to second order.
    const betas = linearBetaSchedule(1000, 1e-4, 0.02);
    const sum = betas.reduce((a, b) => a + b, 0);
    const sumSquares = betas.reduce((a, b) => a + b * b, 0);
    expectRelClose(sum, 10.05, 1e-12);
    expectRelClose(last, Math.exp(-sum - sumSquares / 2), 1e-3);
  });
});

describe('forward process', () => {
  it('t single steps from a point x_0 give the closed-form marginal N(√ᾱ_t x_0, 1 − ᾱ_t)', () => {
    const betas = linearBetaSchedule(200, 1e-3, 0.05);
    const bars = alphaBar(betas);
    let state = { mean: 1.7, variance: 0 };
    betas.forEach((beta, t) => {
      state = forwardStep(state, beta);
      const closed = forwardMarginal(1.7, bars[t]!);
      expectRelClose(state.mean, closed.mean, 1e-12);
      expectRelClose(state.variance, closed.variance, 1e-12);
    });
  });

  it("two steps compose as the chapter's exercise says: mean √((1−β₁)(1−β₂)) x_0, variance 1 − (1−β₁)(1−β₂)", () => {
    const [b1, b2] = [0.1, 0.3];
    const two = forwardStep(forwardStep({ mean: 2, variance: 0 }, b1), b2);
    expectRelClose(two.mean, Math.sqrt(0.9 * 0.7) * 2, 1e-15);
    expectRelClose(two.variance, 1 - 0.9 * 0.7, 1e-15);
  });

  it('simulated chains x_t = √(1−β_t) x_{t−1} + √β_t ε match the marginal (Monte Carlo)', () => {
    const betas = linearBetaSchedule(50, 0.01, 0.1);
    const bar = alphaBar(betas)[49]!;
    const rng = mulberry32(11);
    const n = 20_000;
    const finals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let x = 1.5;
      for (const beta of betas) x = Math.sqrt(1 - beta) * x + Math.sqrt(beta) * standardNormal(rng);
      finals[i] = x;
    }
    const { mean, variance } = meanAndVariance(finals);
    const closed = forwardMarginal(1.5, bar);
    // Standard errors: √(v/n) ≈ 0.007 for the mean, v·√(2/n) ≈ 0.01 for the variance.
    expect(Math.abs(mean - closed.mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - closed.variance)).toBeLessThan(0.04);
  });
});
