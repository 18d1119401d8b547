import { describe, expect, it } from 'vitest';
import {
  drawGradientEstimates,
  type EstimatorKind,
  estimate,
  GRADIENT_PARAMS,
  gradientEstimatesFromNoise,
  histogram,
  pathwiseEstimate,
  perSampleVariance,
  scoreFunctionEstimate,
  standardNormalCdf,
  standardNormalMoment,
  standardNormalNoise,
  summarize,
  TEST_FUNCTION_NAMES,
  testFunction,
} from '../../../../src/lib/math/gradient-estimators.ts';
import { expectationUnderNormal, logIntegrateExp } from '../../../../src/lib/math/quadrature.ts';
import { mulberry32, standardNormal } from '../../../../src/lib/math/random.ts';
import { expectRelClose, meanAndVariance } from '../../approx.ts';

const POINTS = [
  { mu: 1, sigma: 1 },
  { mu: 2, sigma: 0.5 },
  { mu: -0.7, sigma: 1.6 },
  { mu: 0, sigma: 0.3 },
] as const;
const KINDS: readonly EstimatorKind[] = ['score', 'pathwise'];

describe('standardNormalCdf', () => {
  it('standardNormalCdf matches reference values of Φ to 1e-15 and is symmetric', () => {
    // Φ(1.96), Φ(1), Φ(−3), Φ(−6) from the complementary error function (Mathematica, 20 digits).
    const reference: Array<[number, number]> = [
      [0, 0.5],
      [1, 0.84134474606854293],
      [1.96, 0.97500210485177952],
      [-3, 0.0013498980316301],
      [-6, 9.8658764503769e-10],
    ];
    for (const [x, value] of reference) expect(Math.abs(standardNormalCdf(x) - value)).toBeLessThan(1e-15);
    for (const x of [0.3, 1.7, 4.2, 8.5]) expect(standardNormalCdf(x) + standardNormalCdf(-x)).toBeCloseTo(1, 15);
    expect(standardNormalCdf(-20)).toBe(0);
    expect(standardNormalCdf(20)).toBe(1);
  });

  it('standardNormalMoment(k) is 0 for odd k and (k − 1)!! for even k', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 8].map(standardNormalMoment)).toEqual([1, 0, 1, 0, 3, 0, 15, 105]);
  });
});

describe('exact expectations and gradients', () => {
  it('each closed-form expectation equals the trapezoid-rule expectation under N(μ, σ²)', () => {
    for (const name of TEST_FUNCTION_NAMES) {
      if (name === 'step') continue; // a jump, which the trapezoid rule resolves only to first order (next test)
      const fn = testFunction(name);
      for (const q of POINTS) expectRelClose(fn.expectation(q), expectationUnderNormal(fn.f, q), 1e-12, 1e-13);
    }
  });

  it("the step function's expectation Φ(μ/σ) is the integral of the standard normal density beyond −μ/σ", () => {
    const fn = testFunction('step');
    // The integrand stops abruptly at the lower limit, so the trapezoid rule is second-order there: 1e-9.
    const logDensity = (u: number) => -0.5 * u * u - 0.5 * Math.log(2 * Math.PI);
    for (const q of POINTS) {
      expectRelClose(fn.expectation(q), Math.exp(logIntegrateExp(logDensity, -q.mu / q.sigma, 12)), 1e-9);
    }
  });

  it('each closed-form gradient equals central finite differences of the closed-form expectation', () => {
    const h = 1e-5;
    for (const name of TEST_FUNCTION_NAMES) {
      const fn = testFunction(name);
      for (const q of POINTS) {
        const dMu = (fn.expectation({ ...q, mu: q.mu + h }) - fn.expectation({ ...q, mu: q.mu - h })) / (2 * h);
        const dSigma = (fn.expectation({ ...q, sigma: q.sigma + h }) - fn.expectation({ ...q, sigma: q.sigma - h })) / (2 * h);
        const g = fn.gradient(q);
        expectRelClose(g.mu, dMu, 1e-7, 1e-8);
        expectRelClose(g.sigma, dSigma, 1e-7, 1e-8);
      }
    }
  });

  it('both estimators have the exact gradient as their mean, by quadrature over ε (Stein: E[f(z)ε]/σ = E[f′(z)])', () => {
    const standard = { mu: 0, sigma: 1 };
    for (const name of ['square', 'linear', 'quartic', 'cosine'] as const) {
      const fn = testFunction(name);
      for (const q of POINTS) {
        for (const param of GRADIENT_PARAMS) {
          const exact = fn.gradient(q)[param];
          for (const kind of KINDS) {
            expectRelClose(
              expectationUnderNormal((eps) => estimate(kind, fn, q, param, eps), standard),
              exact,
              1e-10,
              1e-11,
            );
          }
        }
      }
    }
  });
});

describe('Monte Carlo means', () => {
  /** Mean and standard error of `count` single-sample estimates. */
  function monteCarlo(
    kind: EstimatorKind,
    name: (typeof TEST_FUNCTION_NAMES)[number],
    q: { mu: number; sigma: number },
    param: 'mu' | 'sigma',
    count: number,
    seed: number,
  ) {
    const rng = mulberry32(seed);
    const values = Float64Array.from({ length: count }, () => estimate(kind, testFunction(name), q, param, standardNormal(rng)));
    const { mean, variance } = meanAndVariance(values);
    return { mean, se: Math.sqrt(variance / count) };
  }

  it('both estimators average to the exact gradient within 4 standard errors, for every f, μ/σ and point', { timeout: 60_000 }, () => {
    let seed = 1;
    for (const name of TEST_FUNCTION_NAMES) {
      for (const q of POINTS) {
        for (const param of GRADIENT_PARAMS) {
          const exact = testFunction(name).gradient(q)[param];
          for (const kind of KINDS) {
            if (name === 'step' && kind === 'pathwise') continue;
            const { mean, se } = monteCarlo(kind, name, q, param, 40_000, seed++);
            expect(Math.abs(mean - exact), `${kind} ${name} ∂${param} at μ=${q.mu}, σ=${q.sigma}`).toBeLessThanOrEqual(4 * se + 1e-12);
          }
        }
      }
    }
  });

  it('the pathwise estimator of the step function is always 0, and biased: the true gradient is not 0', () => {
    const fn = testFunction('step');
    const q = { mu: 0.5, sigma: 1 };
    for (const eps of [-2, -0.5, 0.1, 1.3]) {
      const g = pathwiseEstimate(fn, q, eps);
      expect(g.mu === 0 && g.sigma === 0).toBe(true);
    }
    expect(fn.gradient(q).mu).toBeCloseTo(0.3520653267642995, 14); // φ(0.5)
    expect(perSampleVariance('pathwise', fn, q, 'mu')).toBe(0);
  });
});

describe('perSampleVariance', () => {
  it('matches the closed forms derived in the chapter for f(z) = z² and f(z) = z', () => {
    for (const q of POINTS) {
      const { mu: m, sigma: s } = q;
      const square = testFunction('square');
      expectRelClose(perSampleVariance('pathwise', square, q, 'mu'), 4 * s * s, 1e-12);
      expectRelClose(perSampleVariance('score', square, q, 'mu'), m ** 4 / s ** 2 + 14 * m ** 2 + 15 * s ** 2, 1e-12);
      expectRelClose(perSampleVariance('pathwise', square, q, 'sigma'), 4 * m * m + 8 * s * s, 1e-12);
      expectRelClose(perSampleVariance('score', square, q, 'sigma'), (2 * m ** 4) / s ** 2 + 60 * m ** 2 + 74 * s ** 2, 1e-12);
      const linear = testFunction('linear');
      expect(perSampleVariance('pathwise', linear, q, 'mu')).toBe(0);
      expectRelClose(perSampleVariance('score', linear, q, 'mu'), (m * m) / (s * s) + 2, 1e-12);
      expectRelClose(perSampleVariance('pathwise', linear, q, 'sigma'), 1, 1e-12);
      expectRelClose(perSampleVariance('score', linear, q, 'sigma'), (2 * m * m) / (s * s) + 10, 1e-12);
    }
  });

  it('gives the numbers quoted in the chapter', () => {
    const square = testFunction('square');
    expect(perSampleVariance('score', square, { mu: 1, sigma: 1 }, 'mu')).toBeCloseTo(30, 10);
    expect(perSampleVariance('pathwise', square, { mu: 1, sigma: 1 }, 'mu')).toBeCloseTo(4, 10);
    expect(perSampleVariance('score', square, { mu: 2, sigma: 0.5 }, 'mu')).toBeCloseTo(123.75, 10);
    expect(perSampleVariance('pathwise', square, { mu: 2, sigma: 0.5 }, 'mu')).toBeCloseTo(1, 10);
    expect(perSampleVariance('score', square, { mu: 1, sigma: 1 }, 'sigma')).toBeCloseTo(136, 10);
    expect(perSampleVariance('pathwise', square, { mu: 1, sigma: 1 }, 'sigma')).toBeCloseTo(12, 10);
    // cos z at μ = 1, σ = 2: the score function has the smaller variance.
    const cosine = testFunction('cosine');
    expect(perSampleVariance('score', cosine, { mu: 1, sigma: 2 }, 'mu')).toBeCloseTo(0.1123, 4);
    expect(perSampleVariance('pathwise', cosine, { mu: 1, sigma: 2 }, 'mu')).toBeCloseTo(0.4871, 4);
  });

  it('for z², the score/pathwise μ-variance ratio is 3.75 at μ = 0 for every σ, and grows without bound as σ → 0 only for μ ≠ 0', () => {
    const square = testFunction('square');
    const ratio = (mu: number, sigma: number): number =>
      perSampleVariance('score', square, { mu, sigma }, 'mu') / perSampleVariance('pathwise', square, { mu, sigma }, 'mu');
    for (const sigma of [10, 1, 0.1, 0.001]) expect(ratio(0, sigma)).toBeCloseTo(3.75, 8);
    expect(ratio(1, 0.1)).toBeGreaterThan(2500);
    expect(ratio(1, 0.01)).toBeGreaterThan(100 * ratio(1, 0.1));
  });

  it('for cos z, the pathwise μ-variance is Var[sin z] = ½(1 − cos 2μ e^{−2σ²}) − sin²μ e^{−σ²}', () => {
    const cosine = testFunction('cosine');
    for (const q of POINTS) {
      const { mu: m, sigma: s } = q;
      const exact = 0.5 * (1 - Math.cos(2 * m) * Math.exp(-2 * s * s)) - Math.sin(m) ** 2 * Math.exp(-s * s);
      expectRelClose(perSampleVariance('pathwise', cosine, q, 'mu'), exact, 1e-10, 1e-14);
    }
  });

  it('agrees with the empirical variance of 100,000 single-sample estimates within 5 standard errors, for every f', { timeout: 60_000 }, () => {
    let seed = 100;
    for (const name of TEST_FUNCTION_NAMES) {
      const fn = testFunction(name);
      for (const q of [POINTS[0], POINTS[2]]) {
        for (const param of GRADIENT_PARAMS) {
          for (const kind of KINDS) {
            const rng = mulberry32(seed++);
            const values = Float64Array.from({ length: 100_000 }, () => estimate(kind, fn, q, param, standardNormal(rng)));
            const { mean, variance } = meanAndVariance(values);
            // Standard error of a sample variance: √((m₄ − s⁴)/n), with the fourth central moment m₄ estimated too.
            const m4 = values.reduce((sum, v) => sum + (v - mean) ** 4, 0) / values.length;
            const se = Math.sqrt(Math.max(0, m4 - variance * variance) / values.length);
            const exact = perSampleVariance(kind, fn, q, param);
            expect(Math.abs(variance - exact), `${kind} ${name} ∂${param} at μ=${q.mu}, σ=${q.sigma}`).toBeLessThanOrEqual(5 * se + 1e-12);
          }
        }
      }
    }
  });
});

describe('baselines', () => {
  it('b = μ turns the linear score-function ∂μ estimate into ε², with variance 2', () => {
    const linear = testFunction('linear');
    for (const q of POINTS) {
      for (const eps of [-1.5, 0.2, 2.4]) expect(scoreFunctionEstimate(linear, q, eps, q.mu).mu).toBeCloseTo(eps * eps, 12);
      expectRelClose(perSampleVariance('score', linear, q, 'mu', q.mu), 2, 1e-12);
    }
  });

  it('for z² the baseline b = E[z²] = μ² + σ² leaves variance 8μ² + 10σ² (chapter), and the pathwise ignores b', () => {
    const square = testFunction('square');
    for (const q of POINTS) {
      const b = q.mu ** 2 + q.sigma ** 2;
      expectRelClose(perSampleVariance('score', square, q, 'mu', b), 8 * q.mu ** 2 + 10 * q.sigma ** 2, 1e-12);
      expect(perSampleVariance('pathwise', square, q, 'mu', b)).toBe(perSampleVariance('pathwise', square, q, 'mu'));
    }
    expect(perSampleVariance('score', square, { mu: 2, sigma: 0.5 }, 'mu', 4.25)).toBeCloseTo(34.5, 10);
  });

  it('a baseline leaves the mean unchanged and its variance matches the empirical one, for every f', { timeout: 60_000 }, () => {
    let seed = 500;
    for (const name of TEST_FUNCTION_NAMES) {
      const fn = testFunction(name);
      const q = POINTS[2];
      const b = fn.expectation(q);
      for (const param of GRADIENT_PARAMS) {
        const rng = mulberry32(seed++);
        const values = Float64Array.from({ length: 100_000 }, () => scoreFunctionEstimate(fn, q, standardNormal(rng), b)[param]);
        const { mean, variance } = meanAndVariance(values);
        const exact = perSampleVariance('score', fn, q, param, b);
        expect(Math.abs(mean - fn.gradient(q)[param])).toBeLessThanOrEqual(4 * Math.sqrt(exact / values.length));
        const m4 = values.reduce((sum, v) => sum + (v - mean) ** 4, 0) / values.length;
        expect(Math.abs(variance - exact), `${name} ∂${param}`).toBeLessThanOrEqual(5 * Math.sqrt((m4 - variance ** 2) / values.length));
      }
    }
  });
});

describe('drawGradientEstimates', () => {
  it('is reproducible from its seed and uses the same noise for both estimators', () => {
    const fn = testFunction('linear');
    const q = { mu: 1, sigma: 0.5 };
    const a = drawGradientEstimates(fn, q, 'mu', 4, 50, mulberry32(3));
    const b = drawGradientEstimates(fn, q, 'mu', 4, 50, mulberry32(3));
    expect(a).toEqual(b);
    // For f(z) = z the pathwise ∂μ estimate is exactly 1 whatever the noise.
    expect(Array.from(a.pathwise)).toEqual(new Array(50).fill(1));
    // Score ∂μ estimate for one ε is (μ + σε)ε/σ: recompute the first average from the same stream.
    const rng = mulberry32(3);
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      const eps = standardNormal(rng);
      sum += ((q.mu + q.sigma * eps) * eps) / q.sigma;
    }
    expect(a.score[0]).toBeCloseTo(sum / 4, 12);
  });

  it('the N-sample average has variance close to the per-sample variance divided by N', { timeout: 60_000 }, () => {
    const fn = testFunction('square');
    const q = { mu: 1, sigma: 1 };
    for (const n of [1, 16, 64]) {
      const draws = drawGradientEstimates(fn, q, 'mu', n, 4000, mulberry32(n));
      for (const kind of KINDS) {
        const { mean, variance } = summarize(draws[kind]);
        const exact = perSampleVariance(kind, fn, q, 'mu') / n;
        expect(variance / exact).toBeGreaterThan(0.8);
        expect(variance / exact).toBeLessThan(1.25);
        expect(Math.abs(mean - 2)).toBeLessThan(4 * Math.sqrt(exact / 4000));
      }
    }
  });

  it('equals gradientEstimatesFromNoise over the same noise, so the noise can be kept while μ, σ or f change', () => {
    const q = { mu: 0.3, sigma: 1.7 };
    for (const name of TEST_FUNCTION_NAMES) {
      for (const param of GRADIENT_PARAMS) {
        const drawn = drawGradientEstimates(testFunction(name), q, param, 16, 20, mulberry32(9));
        const noise = standardNormalNoise(16 * 20, mulberry32(9));
        expect(gradientEstimatesFromNoise(testFunction(name), q, param, noise, 16)).toEqual(drawn);
        // And each average is the mean of the single-sample estimates of its block.
        const block = Array.from(noise.subarray(16, 32), (eps) => estimate('score', testFunction(name), q, param, eps));
        expect(drawn.score[1]).toBeCloseTo(block.reduce((a, b) => a + b, 0) / 16, 12);
      }
    }
    expect(() => gradientEstimatesFromNoise(testFunction('square'), q, 'mu', new Float64Array(10), 4)).toThrow(RangeError);
  });

  it('rejects sample counts that are not positive integers', () => {
    const fn = testFunction('square');
    expect(() => drawGradientEstimates(fn, { mu: 0, sigma: 1 }, 'mu', 0, 10, mulberry32(1))).toThrow(RangeError);
    expect(() => drawGradientEstimates(fn, { mu: 0, sigma: 1 }, 'mu', 1, 2.5, mulberry32(1))).toThrow(RangeError);
    expect(() => drawGradientEstimates(fn, { mu: 0, sigma: 0 }, 'mu', 1, 1, mulberry32(1))).toThrow(RangeError);
  });
});

describe('summarize and histogram', () => {
  it('summarize gives the mean and the unbiased variance', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({ mean: 2.5, variance: 5 / 3 });
    expect(summarize([7])).toEqual({ mean: 7, variance: 0 });
    expect(() => summarize([])).toThrow(RangeError);
  });

  it('histogram counts values in equal bins, the upper edge in the last bin, and reports values outside', () => {
    const h = histogram([-1, 0, 0.24, 0.25, 0.5, 0.99, 1, 2, Number.NaN], 0, 1, 4);
    expect(Array.from(h.counts)).toEqual([2, 1, 1, 2]);
    expect(h.below).toBe(1);
    expect(h.above).toBe(1);
    expect(() => histogram([1], 1, 1, 4)).toThrow(RangeError);
    expect(() => histogram([1], 0, 1, 0)).toThrow(RangeError);
  });
});
